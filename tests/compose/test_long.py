"""A very long paragraph is set in time and memory linear in its length, looseness included."""

from __future__ import annotations

import random
import tracemalloc

from typeset.compose.lines import WINDOW_LINES, compose

from .helpers import SIZE, fake_advance, pieces
from .test_properties import CELL, HAN

CELLS = 28


def long_text(length: int) -> str:
    """Han characters with a comma now and then, reproducibly."""
    chance = random.Random(7)
    return "".join(chance.choice(HAN) + ("，" if chance.random() < 0.1 else "") for _ in range(length))


def test_a_long_paragraph_made_a_line_longer_stays_in_linear_memory():
    """6,000 characters (about 240 lines) made looser: asking for an exact line count once kept a state
    per reachable count at every character, 44 MB here and growing with the square of the length."""
    text = long_text(6000)
    assert len(text) > 3 * WINDOW_LINES * CELLS
    tracemalloc.start()
    try:
        best = compose(pieces(text), measure=CELLS * CELL, size=SIZE, cells=CELLS, indent=2, advance=fake_advance)
        looser = compose(pieces(text), measure=CELLS * CELL, size=SIZE, cells=CELLS, indent=2,
                         advance=fake_advance, looseness=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 25_000_000  # the lines themselves take about 3 MB
    assert "".join(line.text for line in looser) == text
    assert len(looser) == len(best) + 1
