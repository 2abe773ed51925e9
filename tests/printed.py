"""What a PDF prints, read back with pdfplumber: each glyph with its ink box, lines of text, rules.

A glyph's ink box comes from its outline's bounding box in the font file the PDF names
(the shipped fonts), placed at the glyph's origin and size: what a reader sees, not the
set width the composer gave it. Coordinates are pt from the page's top-left corner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"
MM = 72 / 25.4
LEFT, TOP = 28 * MM, 37 * MM
MEASURE = 156 * MM
RIGHT = LEFT + MEASURE
PITCH = 225 * MM / 22
CELL = MEASURE / 28
AXIS = LEFT + MEASURE / 2


@dataclass(frozen=True)
class Glyph:
    """One printed glyph: its page, character, face, size, pen origin, advance end, baseline and ink."""

    page: int
    char: str
    font: str  # the file stem, without the subset prefix
    size: float
    x: float  # pen origin
    x1: float  # origin + advance
    baseline: float
    ink: tuple[float, float, float, float] | None  # left, top, right, bottom; None for a blank glyph

    @property
    def ink_left(self) -> float:
        return self.ink[0] if self.ink else self.x

    @property
    def ink_right(self) -> float:
        return self.ink[2] if self.ink else self.x


@dataclass(frozen=True)
class Line:
    """The glyphs of one baseline on one page, left to right."""

    page: int
    baseline: float
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    @property
    def inked(self) -> tuple[Glyph, ...]:
        return tuple(g for g in self.glyphs if g.ink)

    @property
    def ink_left(self) -> float:
        return min(g.ink_left for g in self.inked)

    @property
    def ink_right(self) -> float:
        return max(g.ink_right for g in self.inked)

    @property
    def ink_bottom(self) -> float:
        return max(g.ink[3] for g in self.inked)

    @property
    def ink_centre(self) -> float:
        return (self.ink_left + self.ink_right) / 2

    def fonts(self) -> set[str]:
        return {g.font for g in self.glyphs}


@dataclass(frozen=True)
class Rule:
    """A filled rectangle (the PDF's rules): page, top, bottom, left, right and its fill colour."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    colour: tuple


@lru_cache(maxsize=None)
def _font(stem: str) -> TTFont:
    return TTFont(FONTS / f"{stem}.ttf", lazy=True)


@lru_cache(maxsize=None)
def outline_box(stem: str, char: str) -> tuple[float, float, float, float] | None:
    """A character's outline box in em (xMin, yMin, xMax, yMax), None when it has no ink."""
    font = _font(stem)
    name = font.getBestCmap().get(ord(char))
    if name is None:
        return None
    glyph = font["glyf"][name]
    if not glyph.numberOfContours:
        return None
    if not hasattr(glyph, "xMin"):
        glyph.recalcBounds(font["glyf"])
    units = font["head"].unitsPerEm
    return glyph.xMin / units, glyph.yMin / units, glyph.xMax / units, glyph.yMax / units


def _glyph(number: int, height: float, char: dict) -> Glyph:
    stem = char["fontname"].split("+")[-1]
    size = char["size"]
    x, baseline = char["matrix"][4], height - char["matrix"][5]
    box = outline_box(stem, char["text"])
    ink = None if box is None else (x + box[0] * size, baseline - box[3] * size,
                                    x + box[2] * size, baseline - box[1] * size)
    return Glyph(number, char["text"], stem, size, x, char["x1"], baseline, ink)


@dataclass
class Printed:
    """Every glyph and rule of a PDF."""

    glyphs: list[Glyph]
    rules: list[Rule]
    pages: int

    def lines(self, page: int | None = None) -> list[Line]:
        """Glyphs grouped by page and baseline, in reading order."""
        grouped: dict[tuple[int, float], list[Glyph]] = defaultdict(list)
        for glyph in self.glyphs:
            if page is None or glyph.page == page:
                grouped[(glyph.page, round(glyph.baseline, 1))].append(glyph)
        return [Line(p, b, tuple(sorted(found, key=lambda g: g.x))) for (p, b), found in sorted(grouped.items())]

    def line_with(self, text: str, page: int | None = None) -> Line:
        """The one line whose text contains `text`."""
        found = [line for line in self.lines(page) if text in line.text]
        assert len(found) == 1, (text, [line.text for line in found])
        return found[0]


def read(path) -> Printed:
    """Every glyph (with its ink) and rule of the PDF at `path`."""
    glyphs, rules = [], []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            glyphs += [_glyph(number, page.height, char) for char in page.chars]
            rules += [Rule(number, rect["top"], rect["bottom"], rect["x0"], rect["x1"], rect["non_stroking_color"])
                      for rect in page.rects]
        return Printed(glyphs, rules, len(pdf.pages))


@lru_cache(maxsize=None)
def dot_centres(stem: str, char: str) -> list[float]:
    """The x centre (em) of each contour of a character: an ellipsis's dots."""
    font = _font(stem)
    glyf = font["glyf"]
    coordinates, ends, _flags = glyf[font.getBestCmap()[ord(char)]].getCoordinates(glyf)
    centres, start = [], 0
    for end in ends:
        xs = [x for x, _y in coordinates[start:end + 1]]
        centres.append((min(xs) + max(xs)) / 2 / font["head"].unitsPerEm)
        start = end + 1
    return sorted(centres)


def is_han(char: str) -> bool:
    return 0x4E00 <= ord(char) <= 0x9FFF


def pause_widths(line: Line) -> list[float]:
    """The set widths, in cells, of a line's ，、 standing between two Han characters (not at its ends):
    each one's step to the next glyph, less the spacing the line puts between two Han characters."""
    glyphs = line.glyphs
    steps = [b.x - a.x for a, b in zip(glyphs, glyphs[1:])]
    han = sorted(step for step, a, b in zip(steps, glyphs, glyphs[1:]) if is_han(a.char) and is_han(b.char))
    if not han:
        return []
    pitch = han[len(han) // 2]
    return [round(1 + (steps[i] - pitch) / CELL, 2) for i in range(1, len(glyphs) - 1)
            if glyphs[i].char in "，、" and is_han(glyphs[i - 1].char) and is_han(glyphs[i + 1].char)]
