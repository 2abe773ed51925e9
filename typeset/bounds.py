"""The last check before drawing: every glyph, rule and image of the laid-out pages lies on the paper."""

from __future__ import annotations

import math
from itertools import chain, repeat
from operator import add

from .diagnostics import Report
from .i18n import _
from .page import EM_ASCENT, Box, Group, Image, Item, Page, Rule, Text, draw

SLACK = 0.01  # pt: rounding, not ink
MOST_REPORTED = 10  # off-paper items named one by one; the rest are counted
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Transform = tuple[float, float, float, float, float, float]


def check_ink(pages: list[Page], report: Report) -> None:
    """An error for each text, rule or image that reaches past the paper's edge or has no finite place."""
    strays = [(page, item) for page in pages for item in strays_of(page)]
    for page, item in strays[:MOST_REPORTED]:
        report_stray(page, item, report)
    if len(strays) > MOST_REPORTED:
        report.error(None, _("{count} more items would be drawn off the paper").format(
            count=len(strays) - MOST_REPORTED), _("fix the ones named above first"), "off-paper")


def report_stray(page: Page, item: Text | Rule | Image, report: Report) -> None:
    """The error for one item off the paper, at its source when it has one."""
    if isinstance(item, Text):
        span = next((span for span in item.glyphs.spans() if span), None)
        report.error(span and span.position(), _("'{text}' on page {page} would be drawn off the paper").format(
            text=shortened(item.text), page=page.number),
                     _("the style puts it there: make sizes, the text block or the lines fit the paper, "
                       "or shorten the text"), "off-paper")
    elif isinstance(item, Image):
        report.error(item.span and item.span.position(),
                     _("the image {file} on page {page} would be drawn off the paper").format(
                         file=item.file.name, page=page.number),
                     _("make the text block and the image's size fit the paper"), "off-paper")
    else:
        report.error(None, _("a rule on page {page} would be drawn off the paper").format(page=page.number),
                     _("make the rule thicknesses and the text block fit the paper"), "off-paper")


def strays_of(page: Page) -> list[Text | Rule | Image]:
    """The page's items, groups' included, whose ink does not lie on the paper, in drawing order."""
    walker = _Walker(page.media)
    draw(page.items, walker)
    return walker.strays


class _Walker:
    """A painter that measures each item through the transforms of the groups around it."""

    def __init__(self, paper: Box, transform: Transform = IDENTITY, strays: list | None = None):
        self.paper, self.transform = paper, transform
        self.strays = strays if strays is not None else []

    def text(self, item: Text) -> None:
        self._judge(item)

    def rule(self, item: Rule) -> None:
        self._judge(item)

    def image(self, item: Image) -> None:
        self._judge(item)

    def group(self, item: Group) -> None:
        if not all(map(math.isfinite, item.transform)):
            self.strays.extend(texts_and_marks(item))
            return
        draw(item.items, _Walker(self.paper, compose(self.transform, item.transform), self.strays))

    def _judge(self, item: Text | Rule | Image) -> None:
        if not (finite(item) and inside(transformed(extent(item), self.transform), self.paper)):
            self.strays.append(item)


def texts_and_marks(group: Group) -> list[Text | Rule | Image]:
    """Every item inside a group, nested groups' included."""
    found = []
    for item in group.items:
        found += texts_and_marks(item) if isinstance(item, Group) else [item]
    return found


def on_paper(item: Item, page: Page) -> bool:
    """True when an item's ink (a group's, through its transform) is finite and inside the page."""
    return not strays_of(Page(page.number, page.media, items=[item]))


def inside(box: Box, paper: Box) -> bool:
    """True when a box is finite and within the paper, up to rounding."""
    edges = (box.left, box.top, box.right, box.bottom)
    return (all(map(math.isfinite, edges)) and paper.left - SLACK <= box.left and box.right <= paper.right + SLACK
            and paper.top - SLACK <= box.top and box.bottom <= paper.bottom + SLACK)


def finite(item: Text | Rule | Image) -> bool:
    """True when every number that places the item is finite (min and max would pass a NaN by)."""
    if isinstance(item, Rule):
        numbers = [item.x0, item.x1, item.y, item.thickness]
    elif isinstance(item, Image):
        numbers = [item.x, item.y, item.width, item.height]
    else:
        numbers = chain((item.x, item.baseline, item.size), item.glyphs.xs, item.glyphs.widths)
    return all(map(math.isfinite, numbers))


def extent(item: Text | Rule | Image) -> Box:
    """An item's ink in pt from the page's top-left: a text's em boxes, a rule's stroke, an image's box."""
    if isinstance(item, Rule):
        half = item.thickness / 2
        return Box(min(item.x0, item.x1), item.y - half, max(item.x0, item.x1), item.y + half)
    if isinstance(item, Image):
        return Box(item.x, item.y, item.x + item.width, item.y + item.height)
    if not item.glyphs:
        return Box(item.x, item.baseline, item.x, item.baseline)
    xs = item.glyphs.xs
    left = item.x + min(xs)  # rounding keeps order, so this is the least of item.x + x
    right = max(map(add, map(add, repeat(item.x), xs), item.glyphs.widths))  # item.x + x + width, rounded as written
    top = item.baseline - EM_ASCENT * item.size
    return Box(left, top, right, top + item.size)


def compose(outer: Transform, inner: Transform) -> Transform:
    """The transform that applies `inner`, then `outer`."""
    a, b, c, d, e, f = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
            a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def transformed(box: Box, transform: Transform) -> Box:
    """The bounding box of a box's corners through a transform."""
    if transform == IDENTITY:
        return box
    a, b, c, d, e, f = transform
    corners = [(x, y) for x in (box.left, box.right) for y in (box.top, box.bottom)]
    xs = [a * x + c * y + e for x, y in corners]
    ys = [b * x + d * y + f for x, y in corners]
    return Box(min(xs), min(ys), max(xs), max(ys))


def shortened(text: str, most: int = 20) -> str:
    """A text cut to `most` characters for a message."""
    return text if len(text) <= most else text[:most] + "…"
