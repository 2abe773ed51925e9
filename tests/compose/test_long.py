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


def test_a_window_is_broken_once_for_every_looseness(monkeypatch):
    """The windows before the last keep their breaks whatever the looseness: a second setting of the
    paragraph, a line longer, chooses only its last window's breaks again, and sets what the first did."""
    from typeset.compose import lines as composer

    monkeypatch.setattr(composer, "WINDOW_LINES", 4)
    monkeypatch.setattr(composer, "REWORKED_LINES", 2)
    text, windows, searched = long_text(1200), {}, []
    real = composer.best_lines
    monkeypatch.setattr(composer, "best_lines", lambda *args: searched.append(args[1:]) or real(*args))

    def setting(looseness, memo):
        return compose(pieces(text), measure=CELLS * CELL, size=SIZE, cells=CELLS, indent=2,
                       advance=fake_advance, looseness=looseness, windows=memo)

    best = setting(0, windows)
    first = len(searched)
    looser = setting(1, windows)
    assert first > 3 and len(windows) == first - 1
    assert len(searched) - first == 2  # the last window, with and without its line count
    assert looser == setting(1, None)
    assert [line.text for line in looser[:len(best) - 20]] == [line.text for line in best[:len(best) - 20]]
