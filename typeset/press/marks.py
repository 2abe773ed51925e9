"""Printer's marks outside the bleed: crop marks, fold and cut marks in the registration colour, the slug line.

Boxes are (left, bottom, right, top) in PDF points from the media's bottom-left corner.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..layout import Typesetter, said
from ..page import Box as PageBox
from ..page import Page
from ..style import MM

Box = tuple[float, float, float, float]
REGISTRATION = Name("/Registration")  # the colour space resource of the marks
MARK_WIDTH = 0.25  # pt
SLUG_SIZE = 7.0  # pt
SLUG_RISE = 1.5 * MM  # the slug's baseline above the foot of the media


def registration(pdf: pikepdf.Pdf) -> Array:
    """The /All separation: marks printed on every plate."""
    tint = Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return Array([Name.Separation, Name.All, Name.DeviceCMYK, pdf.make_indirect(tint)])


def crop_marks(trim: Box, bleed: float, length: float) -> list[str]:
    """Two marks at each corner of the trim, on the lines of its edges, starting at the bleed."""
    left, bottom, right, top = trim
    lines = []
    for x, outward in ((left, -1), (right, 1)):
        for y, upward in ((bottom, -1), (top, 1)):
            lines.append(_line(x + outward * bleed, y, x + outward * (bleed + length), y))
            lines.append(_line(x, y + upward * bleed, x, y + upward * (bleed + length)))
    return lines


def spine_marks(trim: Box, bleed: float, length: float, dashed: bool) -> list[str]:
    """Marks above and below the trim at its middle: a dashed fold line, or a solid cut line."""
    left, bottom, right, top = trim
    middle = (left + right) / 2
    dash = ["[2 2] 0 d"] if dashed else []
    return dash + [_line(middle, top + bleed, middle, top + bleed + length),
                   _line(middle, bottom - bleed, middle, bottom - bleed - length)] + (["[] 0 d"] if dashed else [])


def _line(x0: float, y0: float, x1: float, y1: float) -> str:
    """A stroked straight line."""
    return f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S"


def marks_content(lines: list[str]) -> bytes:
    """The marks as content, in the registration colour, hairline wide."""
    body = "\n".join(lines)
    return f"q /Registration CS 1 SCN {MARK_WIDTH} w 0 J\n{body}\nQ\n".encode()


def slug_pages(setter: Typesetter, texts: list[str], width: float, height: float, left: float) -> list[Page]:
    """One page per text, of the media's size, the text in black at its foot from `left`."""
    pages = []
    for number, text in enumerate(texts, start=1):
        line = setter.natural(said(text, "body", None), SLUG_SIZE)
        runs = setter.runs(line, SLUG_SIZE, left)
        pages.append(Page(number, PageBox(0, 0, width, height),
                          items=[run.moved(0, height - SLUG_RISE - run.baseline) for run in runs]))
    return pages


def retag_subsets(pdf: pikepdf.Pdf, letter: str) -> None:
    """Give every font subset of the PDF a tag starting with `letter`, so it cannot share a name with another's."""
    for page in pdf.pages:
        for font in page.Resources.get(Name.Font, {}).values():
            tagged = str(font.BaseFont)[1:]
            renamed = Name("/" + letter + tagged[1:])
            font.BaseFont = renamed
            if Name.FontDescriptor in font:
                font.FontDescriptor.FontName = renamed
