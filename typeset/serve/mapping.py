"""Page places ↔ source fields: what a click on a page selects, and where a field or a finding is printed.

A field is named by its dotted path in the file (`sections.0.articles.1.body.2`), and its
lines are known from `editing.spans`; every glyph on a page carries the source place it came
from (`typeset.page`), so a click finds its line, and a field's lines find its glyphs.
"""

from __future__ import annotations

from collections import defaultdict

from ..diagnostics import display_path
from ..page import EM_ASCENT, laid_out, source_at
from .editing import field_at


def field_at_place(laid, spans: dict, number: int, x: float, y: float) -> str | None:
    """The field that printed the glyph nearest to (x, y) on page `number`, on the line at y."""
    place = source_at(laid.pages, number, x, y)
    if place is None or place.file != display_path(laid.issue.path):
        return None
    return field_at(spans, place.line)


class Printed:
    """Where the glyphs of each source line and of each source place of the issue are printed."""

    def __init__(self, laid):
        self.by_line: dict[int, list[tuple[int, list[float]]]] = defaultdict(list)  # line -> (item, box)
        self.by_place: dict[tuple[int, int], list[list[float]]] = defaultdict(list)
        self.file = display_path(laid.issue.path)
        for page in laid.pages:
            for item, text in enumerate(laid_out(page)):
                self.add(page.number, (page.number, item), text, self.file)

    def add(self, number: int, item: tuple[int, int], text, file: str) -> None:
        """Index the glyphs of one text item."""
        lines: dict[int, list[float]] = {}
        glyphs = text.glyphs
        xs, advances = glyphs.xs, glyphs.advances
        top = text.baseline - EM_ASCENT * text.size  # as glyph_box has it
        bottom = top + text.size
        for index, line, column in glyphs.placed_in(file):
            left = text.x + xs[index]
            right = left + advances[index]
            self.by_place[(line, column)].append([number, left, top, right, bottom])
            known = lines.setdefault(line, [number, left, top, right, bottom])
            known[1], known[3] = min(known[1], left), max(known[3], right)
        for line, box in lines.items():
            self.by_line[line].append((item, box))

    def field(self, spans: dict, path: str) -> list[list[float]]:
        """The boxes [page, left, top, right, bottom] of each printed line holding a field's glyphs."""
        span = spans.get(path)
        if span is None:
            return []
        merged: dict[tuple[int, int], list[float]] = {}
        for line in range(span[0], span[1] + 1):
            for item, box in self.by_line.get(line, ()):
                known = merged.setdefault(item, list(box))
                known[1], known[3] = min(known[1], box[1]), max(known[3], box[3])
        return [merged[item] for item in sorted(merged)]

    def place(self, position) -> list[list[float]]:
        """The boxes of the glyphs printed from one source place (a finding's)."""
        if position is None or position.file != self.file:
            return []
        return list(self.by_place.get((position.line, position.column), ()))


def places_of_field(laid, spans: dict, path: str) -> list[list[float]]:
    """The boxes [page, left, top, right, bottom] of each printed line holding a field's glyphs."""
    return Printed(laid).field(spans, path)
