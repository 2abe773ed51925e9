"""Shared helpers for the composer tests: a fake font and short ways to compose."""

from __future__ import annotations

from typeset.compose import rules
from typeset.compose.lines import Line, Piece, atom_edges, char_class, compose, is_full_width

SIZE = 16.0


NARROW_EMS = {"i": 0.25, "l": 0.25, "m": 0.8}  # a few letters off the half-em, as in real fonts


def fake_advance(char: str, role: str) -> float:
    """Half an em for most narrow characters; full-width ones must never be asked."""
    assert not is_full_width(char), f"advance asked for full-width {char!r}"
    return NARROW_EMS.get(char, 0.5) * SIZE


def pieces(text: str, role: str = "body") -> list[Piece]:
    """One piece per character."""
    return [Piece(char, role) for char in text]


def lines(text: str, cells: int, indent: int = 0, **options) -> list[Line]:
    """Compose `text` on a grid of `cells` cells of exactly one em each."""
    return compose(pieces(text), measure=cells * SIZE, size=SIZE, cells=cells, indent=indent,
                   advance=fake_advance, **options)


def texts(composed: list[Line]) -> list[str]:
    """The characters of each line."""
    return [line.text for line in composed]


def widths(line: Line) -> list[float]:
    """The set widths of a line's glyphs, in cells of one em."""
    return [round(glyph.width / SIZE, 4) for glyph in line.glyphs]


def breaks_kinsoku(before: str, after: str) -> bool:
    """Whether a line may not end between these two characters."""
    return before in rules.NO_LINE_END or after in rules.NO_LINE_START


def atoms(text: str) -> list[str]:
    """The text cut into the runs no line break may split (a character, `——`, `2024`, `PDF` ...)."""
    edges = atom_edges([char_class(char) for char in text])
    cuts = [i for i, edge in enumerate(edges) if edge]
    return [text[start:end] for start, end in zip(cuts, cuts[1:])]
