"""Rows → pages on the grid: page 1 alone, keeps, widows and orphans, the footer at the foot."""

from __future__ import annotations

from itertools import combinations
from typing import Callable

from .layout import Flow, Row
from .page import Box, Grid, Page
from .style import Style

Placed = list[tuple[int, Row]]  # (grid line index on the page, row)
MAKE_UP_PARAGRAPHS = 6  # the last paragraphs a make-up may set a line longer or shorter


def fill_pages(rows: list[Row], capacity: int) -> list[Placed]:
    """Break rows into pages, never before a glued row unless a page cannot hold the group."""
    pages: list[Placed] = []
    start = 0
    while start < len(rows):
        while start < len(rows) and rows[start].discard_at_top:
            start += 1
        if start == len(rows):
            break
        end, used = start, 0
        while end < len(rows) and used + rows[end].span <= capacity:
            used += rows[end].span
            end += 1
        if end < len(rows):
            end = _last_break(rows, start, end)
        pages.append(_stack(rows[start:end]))
        start = end
    return pages


def _last_break(rows: list[Row], start: int, end: int) -> int:
    """The latest row at or before `end` that may start a page; `end` itself if none does."""
    for candidate in range(end, start, -1):
        if not rows[candidate].glue_before:
            return candidate
    return end


def _stack(rows: list[Row]) -> Placed:
    """Rows one below the other from the top grid line."""
    placed, line = [], 0
    for row in rows:
        placed.append((line, row))
        line += row.span
    while placed and placed[-1][1].kind == "blank":
        placed.pop()
    return placed


def used_lines(placed: Placed) -> int:
    """Grid lines a page's rows take."""
    return max((line + row.span for line, row in placed), default=0)


def add_footer(pages: list[Placed], footer: list[Row], capacity: int) -> None:
    """Put the footer at the foot of the last page, or of a new page when it does not fit."""
    if not footer:
        return
    height = sum(row.span for row in footer)
    if not pages or used_lines(pages[-1]) + height > capacity:
        pages.append([])
    line = capacity - height
    for row in footer:
        pages[-1].append((line, row))
        line += row.span


def footer_alone(pages: list[Placed]) -> bool:
    """True when the footer had to go to a page of its own."""
    return len(pages) > 1 and bool(pages[-1]) and all(row.kind == "footer" for _, row in pages[-1])


def make_up(flow: Flow, flow_for: Callable[[dict[int, int]], Flow], paragraphs: int,
            style: Style) -> tuple[Flow, list[Placed]]:
    """The flow paginated; when its footer would stand alone, as a make-up hand would (TeX's looseness):
    one or two of the last paragraphs set a line shorter, to bring the footer back to the text, or
    else a line longer, to bring text over to the footer, whichever first keeps them together
    without adding a page. `flow_for(looseness)` lays the flow out again."""
    placed = paginate(flow, style)
    if not footer_alone(placed):
        return flow, placed
    last = list(range(paragraphs - 1, max(paragraphs - MAKE_UP_PARAGRAPHS, 0) - 1, -1))
    for change in (-1, 1):
        for chosen in [(number,) for number in last] + list(combinations(last, 2)):
            trial = flow_for({number: change for number in chosen})
            trial_placed = paginate(trial, style)
            if not footer_alone(trial_placed) and len(trial_placed) <= len(placed):
                return trial, trial_placed
    return flow_for({}), placed


def paginate(flow: Flow, style: Style) -> list[Placed]:
    """Page 1 holds the front rows; the body follows from page 2; the footer closes the last page."""
    capacity = style.lines_per_page
    pages = fill_pages(flow.front, capacity) + fill_pages(flow.body, capacity)
    add_footer(pages, flow.footer, capacity)
    return pages


# ---------------------------------------------------------------- placing rows on paper

def place(pages: list[Placed], style: Style, number_runs=None) -> list[Page]:
    """Pages as flat lists of items in page coordinates (pt from the top-left corner).

    `number_runs(n)` gives the page number's glyph runs when the style prints page numbers: on every
    page but the first and the last, which holds the 版记 (GB/T 9704 §7.5).
    """
    width, height = style.page_size
    grid = Grid(style.left, style.top, style.pitch)
    result = []
    for number, placed in enumerate(pages, start=1):
        page = Page(number, Box(0, 0, width, height), grid)
        for line, row in placed:
            top = style.top + line * style.pitch
            page.items.extend(item.moved(style.left, top) for item in row.items)
        if style.page_numbers and 1 < number < len(pages) and number_runs:
            page.items.extend(number_runs(number))
        result.append(page)
    return result

