"""The last check before drawing: every glyph and rule of the laid-out pages lies on the paper."""

from __future__ import annotations

import math
from typing import Iterable

from .diagnostics import Position, Report
from .i18n import _
from .layout import ASCENT
from .page import GlyphRun, Page, Rule
from .source import Located

SLACK = 0.01  # pt: rounding, not ink
MOST_REPORTED = 10  # off-paper items named one by one; the rest are counted


def check_ink(pages: list[Page], texts: Iterable[Located], report: Report) -> None:
    """An error for each glyph run or rule that reaches past the paper's edge or has no finite place."""
    texts = list(texts)
    strays = [(page, item) for page in pages for item in page.items if not on_paper(item, page)]
    for page, item in strays[:MOST_REPORTED]:
        if isinstance(item, GlyphRun):
            report.error(source_of(item.text, texts),
                         _("'{text}' on page {page} would be drawn off the paper").format(
                             text=shortened(item.text), page=page.number),
                         _("the style puts it there: make sizes, the text block or the lines fit the paper, "
                           "or shorten the text"), "off-paper")
        else:
            report.error(None, _("a rule on page {page} would be drawn off the paper").format(page=page.number),
                         _("make the rule thicknesses and the text block fit the paper"), "off-paper")
    if len(strays) > MOST_REPORTED:
        report.error(None, _("{count} more items would be drawn off the paper").format(
            count=len(strays) - MOST_REPORTED), _("fix the ones named above first"), "off-paper")


def on_paper(item: GlyphRun | Rule, page: Page) -> bool:
    """True when an item's box is finite and inside the page."""
    left, top, right, bottom = extent(item)
    return (all(map(math.isfinite, (left, top, right, bottom)))
            and -SLACK <= left and right <= page.width + SLACK and -SLACK <= top and bottom <= page.height + SLACK)


def extent(item: GlyphRun | Rule) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of an item in pt from the page's top-left: a glyph run's em boxes, a rule's stroke."""
    if isinstance(item, Rule):
        half = item.thickness / 2
        return min(item.x0, item.x1), item.y - half, max(item.x0, item.x1), item.y + half
    if not item.glyphs:
        return item.x, item.baseline, item.x, item.baseline
    left = min(item.x + glyph.x for glyph in item.glyphs)
    right = max(item.x + glyph.x + glyph.width for glyph in item.glyphs)
    return left, item.baseline - ASCENT * item.size, right, item.baseline + (1 - ASCENT) * item.size


def source_of(text: str, texts: list[Located]) -> Position | None:
    """Where the source holds this printed text, when one of its texts contains it."""
    for located in texts:
        if located.marks and text in located.value:
            return located.position(located.value.index(text))
    return None


def shortened(text: str, most: int = 20) -> str:
    """A text cut to `most` characters for a message."""
    return text if len(text) <= most else text[:most] + "…"
