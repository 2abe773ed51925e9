"""The line breaker chooses exactly what the plain total-fit search chooses: the faster one is checked
against that search, kept here as it was first written (every state against every line, no shortcuts)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.compose import rules
from typeset.compose.fit import best_lines
from typeset.compose.lines import CLOSING, _Text

from .helpers import fake_advance, pieces
from .test_properties import CELL, grid, paragraph

EPSILON = 1e-6
MEAN_STEP = 8


def plain_best_lines(text, measure, indent, lines=None):
    """The reference search: per position, every (mean width, lines) state tried with every line."""
    states = [{} for _ in range(text.n + 1)]
    states[0][(None, 0)] = (0.0, None, None)
    for start in range(text.n):
        if not states[start]:
            continue
        room = measure - (indent if start == 0 else 0.0)
        loosest = (rules.MADE_UP_LOOSEST if lines else rules.LOOSEST) * text.cell
        for choice, cost, mean in plain_options(text, start, room, loosest):
            arrived = states[choice[1]]
            for before, (total, _, _) in states[start].items():
                key = (mean, before[1] + 1 if lines else 0)
                value = total + cost + plain_neighbour_cost(before[0], mean)
                found = arrived.get(key)
                if found is None or value < found[0] - EPSILON:
                    arrived[key] = (value, (start, before), choice)
    ends = {key: found for key, found in states[text.n].items() if not lines or key[1] == lines}
    if not ends:
        return None
    key, end, chosen = min(ends, key=lambda found: ends[found][0]), text.n, []
    while end > 0:
        _, (start, before), choice = states[end][key]
        chosen.append(choice)
        end, key = start, before
    return chosen[::-1]


def plain_neighbour_cost(before, mean):
    return 0.0 if before is None or mean is None else rules.NEIGHBOUR_COST * abs(before - mean)


def plain_quanta(text, start, end):
    counts = {pool: text.sum_pool[pool][end] - text.sum_pool[pool][start] for pool in (1, 2)}
    for i in {start, end - 1}:
        if text.inner[i]:
            counts[text.pool[i]] -= 1
        if i != end - 1 and text.squeezable(i, start, end):
            counts[text.pool[i]] += 1
    at_end = 1 if text.squeezable(end - 1, start, end) and text.classes[end - 1].kind == CLOSING else 0
    if not at_end and text.squeezable(end - 1, start, end):
        counts[text.pool[end - 1]] += 1
    return counts[1], counts[2], at_end


def plain_fits(text, start, end, room):
    squeeze = sum(plain_quanta(text, start, end)) * rules.SQUEEZE_LIMIT * text.cell
    return text.natural(start, end) - squeeze <= room + EPSILON


def plain_options(text, start, room, loosest):
    for end, forced in plain_candidate_ends(text, start, room, loosest):
        yield from plain_settings(text, start, end, room, forced)


def plain_candidate_ends(text, start, room, loosest):
    widest = plain_widest(text, start, room)
    if widest == start:
        end = start + 1
        while end < text.n and plain_fits(text, start, end + 1, room):
            end += 1
        return [(end, True)]
    found, end = [], widest
    while end > start:
        if text.breakable(end):
            if found and room - text.natural(start, end) > loosest:
                break
            found.append((end, False))
        end = text.prev_edge[end]
    return found or [(widest, True)]


def plain_settings(text, start, end, room, forced):
    half = rules.SQUEEZE_LIMIT * text.cell
    natural = text.natural(start, end)
    pauses, others, at_end = plain_quanta(text, start, end)
    style_end = bool(at_end and text.style.line_end_half)
    for end_squeezed in ((1,) if style_end else (0, 1) if at_end and natural > room + EPSILON else (0,)):
        needed = max(0, math.ceil((natural - room - end_squeezed * half - EPSILON) / half))
        for squeezed_others in range(max(0, needed - pauses), min(needed, others) + 1):
            choice = (start, end, needed - squeezed_others, squeezed_others, end_squeezed)
            yield (choice, *plain_line_cost(text, choice, room, natural, forced, style_end))


def plain_line_cost(text, choice, room, natural, forced, style_end):
    cell, half = text.cell, rules.SQUEEZE_LIMIT * text.cell
    start, end, pauses, others, at_end = choice
    cost = rules.KINSOKU_COST if forced else 0.0
    if end != text.n:
        slack = room - natural + (pauses + others + at_end) * half
        gaps = max(text.gaps(start, end), 1)
        later = 1.0 + rules.EARLY_SPREAD * (text.n - end) / text.n
        cost += rules.SPREAD_COST * slack / cell * max(room / cell - 1, 1) / gaps * later
    elif end - start == 1 and start > 0:
        cost += rules.LONE_LAST_COST
    squeezes = rules.SQUEEZE_COST
    cost += pauses * squeezes[1] + others * squeezes[2]
    cost += 0.0 if style_end else at_end * squeezes[3]
    count, widths = text.pauses(start, end)
    if not count:
        return cost, None
    full = round((widths - count * half) / half) - pauses
    if 0 < full < count:
        cost += rules.MIXED_COST
    mean = (widths - pauses * half) / count / cell
    return cost, round(mean * MEAN_STEP) / MEAN_STEP


def prepared(text, cells, punctuation, latin_gap=0.0):
    return _Text(pieces(text), CELL, fake_advance, latin_gap, rules.PUNCTUATION_STYLES[punctuation])


def same(text, measure, indent, lines=None):
    found = best_lines(text, measure, indent, lines)
    expected = plain_best_lines(text, measure, indent, lines)
    assert (None if found is None else [tuple(choice) for choice in found]) == expected


@settings(max_examples=300, deadline=None)
@given(paragraph, grid, st.sampled_from([0.0, 0.25]), st.integers(min_value=-2, max_value=2))
def test_the_breaks_are_those_of_the_plain_search(body, layout, latin_gap, looseness):
    cells, indent, punctuation = layout
    text = prepared(body, cells, punctuation, latin_gap)
    same(text, cells * CELL, indent * CELL)
    if looseness:
        lines = len(plain_best_lines(text, cells * CELL, indent * CELL)) + looseness
        same(text, cells * CELL, indent * CELL, lines)


PAUSED = "一是深化学习，精心谋划；二是把握重点、统筹推进：三是“强化监督”，（全力推动）改革。" * 6


def test_a_long_paragraph_of_many_pause_marks_breaks_as_the_plain_search_does():
    for punctuation in sorted(rules.PUNCTUATION_STYLES):
        text = prepared(PAUSED, 28, punctuation)
        for lines in (None, 11, 12, 13):
            same(text, 28 * CELL, 2 * CELL, lines)


@settings(max_examples=200, deadline=None)
@given(paragraph, grid)
def test_every_line_counts_its_squeezable_marks_as_the_plain_count_does(body, layout):
    cells, _, punctuation = layout
    text = prepared(body, cells, punctuation)
    for start in range(text.n):
        for end in range(start + 1, min(text.n, start + 3 * cells) + 1):
            assert text.quanta(start, end) == plain_quanta(text, start, end), (start, end)
            assert text.fits(start, end, cells * CELL) == plain_fits(text, start, end, cells * CELL), (start, end)


def plain_widest(text, start, room):
    widest, following = start, text.next_edge[start]
    while plain_fits(text, start, following, room):
        widest = following
        if widest == text.n:
            break
        following = text.next_edge[widest]
    return widest


@settings(max_examples=200, deadline=None)
@given(paragraph, grid)
def test_the_widest_line_from_each_start_is_that_of_the_plain_scan(body, layout):
    cells, indent, punctuation = layout
    text = prepared(body, cells, punctuation)
    for room in (cells * CELL, (cells - indent) * CELL, 2.2 * CELL):
        assert [text.widest(start, room) for start in range(text.n)] == [
            plain_widest(text, start, room) for start in range(text.n)]
