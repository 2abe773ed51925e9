"""Imposition: the press pages two to a side of A3 sheets, for a saddle-stitched booklet or a plain duplex run.

pdfimpose would impose too, but it pads a booklet at its end (the 版记 must stay on the last page)
and brings a second PDF library; the pages here are the press stage's forms, placed with pikepdf.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pikepdf import Pdf

from ..style import MM
from .document import place, press_settings
from .marks import crop_marks, registration, spine_marks
from .pdfx import frame, page_forms, save

SADDLE, TWO_UP = "saddle", "2up"


@dataclass(frozen=True)
class Imposed:
    """What an imposition made: its bytes, the page on each half of each side (None for blank)."""

    data: bytes
    sides: list[tuple[int | None, int | None]]
    blanks: int

    @property
    def sheets(self) -> int:
        """Sheets of paper: two sides each."""
        return len(self.sides) // 2


def booklet_pages(count: int) -> list[int | None]:
    """The pages of a saddle-stitched booklet: blanks up to a multiple of four, placed before the last page."""
    blanks = -count % 4
    return list(range(1, count)) + [None] * blanks + [count]


def saddle_sides(count: int) -> list[tuple[int | None, int | None]]:
    """(left, right) of each side, sheet by sheet, front then back, for a booklet of `count` pages."""
    pages = booklet_pages(count)
    total = len(pages)
    sides = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, 2 * sheet + 1
        sides.append((pages[total - 1 - outer], pages[outer]))
        sides.append((pages[inner], pages[total - 1 - inner]))
    return sides


def two_up_sides(count: int) -> list[tuple[int | None, int | None]]:
    """(left, right) of each side for cut and stack: each sheet cut in two, the left stack laid on the right.

    Leaf n carries pages 2n-1 and 2n; sheet s holds leaf s on its left and leaf s + S on its right.
    """
    leaves = (count + 1) // 2
    leaves += leaves % 2
    half = leaves // 2

    def page(number: int) -> int | None:
        return number if number <= count else None

    sides = []
    for sheet in range(half):
        left, right = sheet + 1, sheet + 1 + half
        sides.append((page(2 * left - 1), page(2 * right - 1)))
        sides.append((page(2 * right), page(2 * left)))
    return sides


def impose(laid, ordinary: bytes, layout: str = SADDLE) -> Imposed:
    """The imposed PDF of a laid-out issue whose ordinary PDF is `ordinary`."""
    press = press_settings(laid)
    profile = press.profile()
    source = Pdf.open(io.BytesIO(ordinary))
    width, height = (float(v) for v in source.pages[0].MediaBox[2:])
    sides = saddle_sides(len(source.pages)) if layout == SADDLE else two_up_sides(len(source.pages))
    margin, bleed, length = press.margin, press.bleed * MM, press.mark_length * MM
    media = (2 * width + 2 * margin, height + 2 * margin)
    trim = (margin, margin, margin + 2 * width, margin + height)
    pdf = Pdf.new()
    forms = page_forms(pdf, source, press, laid.style.red_cmyk)
    colour = registration(pdf)
    marks = crop_marks(trim, bleed, length) + spine_marks(trim, bleed, length, dashed=layout == SADDLE)
    for left, right in sides:
        page = pdf.add_blank_page(page_size=media)
        placed = {f"/P{number}": (forms[number - 1], margin + offset, margin)
                  for number, offset in ((left, 0.0), (right, width)) if number is not None}
        place(page, placed, media, trim, bleed, (colour, marks))
    frame(pdf, source.docinfo, press, profile)
    blanks = sum(number is None for side in sides for number in side)
    return Imposed(save(pdf), sides, blanks)


def impose_file(source, output, layout: str = SADDLE) -> Imposed:
    """Lay out an issue, refuse what the build refuses, and write its imposition atomically."""
    from ..build import lay_out, refuse_fonts
    from ..check import review
    from ..files import write_atomically

    laid = lay_out(source)
    refuse_fonts(laid, [output])
    review(laid, laid.report)
    laid.report.raise_errors()
    imposed = impose(laid, laid.pdf(), layout)
    write_atomically(imposed.data, output)
    return imposed
