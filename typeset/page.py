"""A laid-out page: a flat list of positioned items, the contract between layout and output."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Glyph:
    """One character placed on a line: its pen x (pt, from the line's left edge) and set width."""

    char: str
    role: str
    x: float
    width: float


@dataclass(frozen=True)
class GlyphRun:
    """Glyphs of one font and size on one baseline; positions in pt from the page's top-left."""

    font: str
    size: float
    x: float
    baseline: float
    glyphs: tuple[Glyph, ...]
    color: str = "black"

    @property
    def text(self) -> str:
        """The characters of the run, in order."""
        return "".join(g.char for g in self.glyphs)


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: from x0 to x1 at y (its centre line), thickness in pt."""

    x0: float
    x1: float
    y: float
    thickness: float
    color: str = "black"


@dataclass
class Page:
    """One page: its size in pt and the items placed on it, in drawing order."""

    number: int
    width: float
    height: float
    items: list[GlyphRun | Rule] = field(default_factory=list)

    def runs(self) -> list[GlyphRun]:
        """The glyph runs of the page."""
        return [item for item in self.items if isinstance(item, GlyphRun)]
