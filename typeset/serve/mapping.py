"""Page places ↔ source fields: what a click on a page selects, and where a field is printed.

A field is named by its dotted path in the file (`sections.0.articles.1.body.2`), and its
lines are known from `editing.spans`; every glyph on a page carries the source place it came
from (`typeset.page`), so a click finds its line, and a field's lines find its glyphs.
"""

from __future__ import annotations

from ..diagnostics import display_path
from ..page import glyph_box, laid_out, source_at
from .editing import field_at


def field_at_place(laid, spans: dict, number: int, x: float, y: float) -> str | None:
    """The field that printed the glyph nearest to (x, y) on page `number`, on the line at y."""
    place = source_at(laid.pages, number, x, y)
    if place is None or place.file != display_path(laid.issue.path):
        return None
    return field_at(spans, place.line)


def places_of_field(laid, spans: dict, path: str) -> list[list[float]]:
    """The boxes [page, left, top, right, bottom] of each stretch of glyphs a field printed."""
    span = spans.get(path)
    if span is None:
        return []
    first, last = span
    file = display_path(laid.issue.path)
    found = []
    for page in laid.pages:
        for text in laid_out(page):
            mine = [glyph_box(text, g) for g in text.glyphs
                    if g.span is not None and g.span.file == file and first <= g.span.line <= last]
            if mine:
                found.append([page.number, mine[0].left, mine[0].top, mine[-1].right, mine[-1].bottom])
    return found


def places_of_finding(laid, position) -> list[list[float]]:
    """The boxes [page, left, top, right, bottom] of the glyphs printed from a finding's place."""
    if position is None:
        return []
    found = []
    for page in laid.pages:
        for text in laid_out(page):
            found += [[page.number, box.left, box.top, box.right, box.bottom]
                      for box in (glyph_box(text, g) for g in text.glyphs
                                  if g.span is not None and (g.span.line, g.span.column) == (position.line, position.column)
                                  and g.span.file == position.file)]
    return found
