"""A paragraph's line breaks chosen together (total fit, as Knuth and Plass's TeX chooses them).

Every way to set a line is priced (compose/rules.py: the costs): spacing spread into it,
marks squeezed to half a cell to make it fit (whole marks, so a mark is either full or
half, never in between), pause marks part full and part half on one line, and a jump in
the mean pause-mark width from the line above. The cheapest sequence of lines to the
paragraph's end wins. Kinsoku, the unbreakable runs and the measure are never traded:
a line breaks kinsoku or splits a run only when no line from its start can avoid it.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from . import rules

EPSILON = 1e-6  # pt
MEAN_STEP = 8  # mean pause-mark widths are compared in eighths of a cell
new = tuple.__new__  # makes a Choice without its Python-level __new__


class Choice(NamedTuple):
    """One line: chars start..end-1, and how many marks it squeezes (pause marks, others, the line-end mark)."""

    start: int
    end: int
    pauses: int = 0
    others: int = 0
    at_end: int = 0

    @property
    def squeezed(self) -> int:
        """How many marks give up half a cell."""
        return self.pauses + self.others + self.at_end


def best_lines(text, measure: float, indent: float, lines: int | None = None) -> list[Choice] | None:
    """The cheapest way to set the prepared paragraph `text` in lines of `measure` pt, the first indented;
    with `lines`, the cheapest in exactly that many lines (None if there is none: TeX's looseness)."""
    states: list[dict | None] = [None] * (text.n + 1)  # per position: {(mean width, lines): (cost, from, line)}
    states[0] = {(None, 0): (0.0, None, None)}
    loosest = (rules.MADE_UP_LOOSEST if lines else rules.LOOSEST) * text.cell
    jump = rules.NEIGHBOUR_COST
    for start in range(text.n):
        here = states[start]
        if here is None:
            continue
        room = measure - (indent if start == 0 else 0.0)
        incoming = [(before, before[0], before[1] + 1 if lines else 0, total)
                    for before, (total, _, _) in here.items()]
        for choice, cost, mean in options(text, start, room, loosest):
            arrived = states[choice.end]
            if arrived is None:
                arrived = states[choice.end] = {}
            for before, before_mean, count, total in incoming:
                key = (mean, count)
                if before_mean is None or mean is None:
                    value = total + cost
                else:
                    value = total + cost + jump * abs(before_mean - mean)
                found = arrived.get(key)
                if found is None or value < found[0] - EPSILON:
                    arrived[key] = (value, (start, before), choice)
    return walk_back(states, text.n, lines)


def walk_back(states: list[dict | None], end: int, lines: int | None) -> list[Choice] | None:
    """The lines of the cheapest path to `end` (of `lines` lines, if given)."""
    ends = {key: found for key, found in (states[end] or {}).items() if not lines or key[1] == lines}
    if not ends:
        return None
    key = min(ends, key=lambda found: ends[found][0])
    chosen = []
    while end > 0:
        _, (start, before), choice = states[end][key]
        chosen.append(choice)
        end, key = start, before
    return chosen[::-1]


# ---------------------------------------------------------------- the lines from one start


def options(text, start: int, room: float, loosest: float) -> list[tuple[Choice, float, float | None]]:
    """(choice, cost, mean pause-mark width or None) for every line worth trying from `start`."""
    found: list[tuple[Choice, float, float | None]] = []
    for end, forced in candidate_ends(text, start, room, loosest):
        settings(text, start, end, room, forced, found)
    return found


def candidate_ends(text, start: int, room: float, loosest: float) -> list[tuple[int, bool]]:
    """Legal line ends that fit, widest first, down to `loosest` pt of spacing; else the one forced end."""
    widest = text.widest(start, room)
    if widest == start:
        return [(split_atom(text, start, room), True)]
    found: list[tuple[int, bool]] = []
    end = widest
    while end > start:
        if text.breakable(end):
            if found and room - text.natural(start, end) > loosest:
                break
            found.append((end, False))
        end = text.prev_edge[end]
    return found or [(widest, True)]


def split_atom(text, start: int, room: float) -> int:
    """Last resort for an atom wider than the line: as many of its characters as fit (at least one)."""
    end = start + 1
    while end < text.n and text.fits(start, end + 1, room):
        end += 1
    return end


def settings(text, start: int, end: int, room: float, forced: bool, found: list) -> None:
    """The ways to set chars start..end-1 in `room`, added to `found`: the fewest marks squeezed that make
    it fit, split between pause marks and others in every way, the line-end mark squeezed or not; each
    with its cost without its neighbour's and the mean width of its pause marks (cells, None if none)."""
    cell = text.cell
    half = rules.SQUEEZE_LIMIT * cell
    natural = text.natural(start, end)
    at_end = text.end_mark(start, end)
    style_end = bool(at_end and text.style.line_end_half)
    n = text.n
    base = rules.KINSOKU_COST if forced else 0.0
    spreads = end != n
    if spreads:
        gaps = max(text.gaps(start, end), 1)
        later = 1.0 + rules.EARLY_SPREAD * (n - end) / n  # of equal spreads, the later one wins
        scale = max(room / cell - 1, 1)
    elif end - start == 1 and start > 0:
        base += rules.LONE_LAST_COST
    count, widths = text.pauses(start, end)
    if not style_end and natural <= room + EPSILON:  # fits unsqueezed: the one way, most lines' case
        cost = base + rules.SPREAD_COST * (room - natural) / cell * scale / gaps * later if spreads else base
        choice = new(Choice, (start, end, 0, 0, 0))
        if not count:
            found.append((choice, cost, None))
            return
        full = round((widths - count * half) / half)
        if 0 < full < count:
            cost += rules.MIXED_COST
        found.append((choice, cost, round(widths / count / cell * MEAN_STEP) / MEAN_STEP))
        return
    pauses, others, _ = text.quanta(start, end)
    pause_cost, other_cost, end_cost = rules.SQUEEZE_COST[1], rules.SQUEEZE_COST[2], rules.SQUEEZE_COST[3]
    add = found.append
    for end_squeezed in ((1,) if style_end else (0, 1) if at_end else (0,)):
        needed = natural - room - end_squeezed * half - EPSILON
        needed = math.ceil(needed / half) if needed > 0 else 0
        for squeezed_others in range(max(0, needed - pauses), min(needed, others) + 1):
            squeezed_pauses = needed - squeezed_others
            cost = base
            if spreads:
                slack = room - natural + (squeezed_pauses + squeezed_others + end_squeezed) * half
                cost += rules.SPREAD_COST * slack / cell * scale / gaps * later
            cost += squeezed_pauses * pause_cost + squeezed_others * other_cost
            if not style_end:
                cost += end_squeezed * end_cost
            choice = new(Choice, (start, end, squeezed_pauses, squeezed_others, end_squeezed))
            if not count:
                add((choice, cost, None))
                continue
            full = round((widths - count * half) / half) - squeezed_pauses
            if 0 < full < count:
                cost += rules.MIXED_COST
            mean = (widths - squeezed_pauses * half) / count / cell
            add((choice, cost, round(mean * MEAN_STEP) / MEAN_STEP))
