"""Page places ↔ source fields: what a click on a page selects, and where a field is printed.

A field is named by its dotted path in the file (`sections.0.articles.1.body.2`), and its
lines are known from `editing.spans`; a printed line is traced to the source line its text
came from through the issue model's per-character positions.
"""

from __future__ import annotations

from ..source import all_texts
from .editing import field_at

ASCENT = 0.88  # the em box's top above the baseline, as the layout places it
BRACKETS = "（）"  # the layout adds them around a byline


def boxes(page) -> list[tuple[str, float, float, float, float]]:
    """Each glyph run of a page as its text and its box (pt from the page's top-left)."""
    found = []
    for run in page.runs():
        if not run.glyphs:
            continue
        left = run.x + run.glyphs[0].x
        right = run.x + run.glyphs[-1].x + run.glyphs[-1].width
        top = run.baseline - ASCENT * run.size
        found.append((run.text, left, top, right, top + run.size))
    return found


def printed_texts(issue) -> list[tuple[str, tuple]]:
    """Every printed text of the issue with the source (line, column) of each character."""
    found = [(text.value, text.marks) for text in all_texts(issue) + issue.footer.texts() if text.marks]
    for section in issue.sections:
        for paragraph in [p for a in section.articles for p in a.paragraphs] + [b.paragraph for b in section.briefs]:
            found.append((paragraph.text, paragraph.source.marks))
    return found


def line_of(issue, text: str) -> int | None:
    """The source line a printed piece of text starts on, when it is found in the issue's texts."""
    wanted = text.strip(BRACKETS) or text
    for value, marks in printed_texts(issue):
        at = value.replace("\n", "").find(wanted)
        if at >= 0 and marks:
            kept = [mark for char, mark in zip(value, marks) if char != "\n"]
            return kept[min(at, len(kept) - 1)][0]
    return None


def field_at_place(laid, spans: dict, number: int, x: float, y: float) -> str | None:
    """The field that printed the text nearest to (x, y) on page `number`, on the line at y."""
    if not 1 <= number <= len(laid.pages):
        return None
    nearest, distance = None, float("inf")
    for text, left, top, right, bottom in boxes(laid.pages[number - 1]):
        if top <= y < bottom:
            away = 0 if left <= x <= right else min(abs(x - left), abs(x - right))
            if away < distance:
                nearest, distance = text, away
    line = line_of(laid.issue, nearest) if nearest else None
    return field_at(spans, line) if line else None


def places_of_field(laid, spans: dict, path: str) -> list[list[float]]:
    """The boxes [page, left, top, right, bottom] of the lines a field printed."""
    span = spans.get(path)
    if span is None:
        return []
    first, last = span
    pieces = []
    for value, marks in printed_texts(laid.issue):
        chars = "".join(char for char, mark in zip(value, marks) if first <= mark[0] <= last and char != "\n")
        if chars:
            pieces.append(chars)
    found = []
    for page in laid.pages:
        for text, left, top, right, bottom in boxes(page):
            wanted = text.strip(BRACKETS) or text
            if len(wanted) >= 2 and any(wanted in piece for piece in pieces):
                found.append([page.number, left, top, right, bottom])
    return found
