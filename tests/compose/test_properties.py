"""Properties every composed paragraph has, over random mixes of Chinese, marks, numbers and words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.compose import lines as composer
from typeset.compose.lines import compose, is_full_width
from typeset.compose.rules import PUNCTUATION_STYLES

from .helpers import SIZE, breaks_kinsoku, fake_advance, pieces, atoms

CELL = 15.79  # the house grid: 16 pt glyphs on a slightly narrower pitch
EXACT = 0.01  # pt

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车"
MARKS = list("，。、：；！？“”‘’（）《》·") + ["。”", "，“", "）、", "：“", "！”", "》，"]
ASCII_MARKS = list(",.:;!?()")

han = st.sampled_from(HAN)
digits = st.text("0123456789", min_size=1, max_size=3)
number = st.tuples(digits, st.sampled_from(["", ".5", ",0", "%", ".5%"])).map("".join)
word = st.text("abcdefghijklmnopqrstuvwxyzPDF", min_size=1, max_size=5)


def then_han(token):
    """A token followed by a Han character, so that two runs never merge into one too wide for a line."""
    return st.tuples(token, han).map("".join)


token = st.one_of(
    han, han, han, han, han, han,
    st.sampled_from(MARKS),
    then_han(st.sampled_from(["——", "……"])),
    then_han(number),
    then_han(word),
    then_han(st.sampled_from(ASCII_MARKS)),
)
paragraph = st.lists(token, min_size=1, max_size=60).map("".join)
# cells, indent and the punctuation style: every property holds in every style
grid = st.tuples(st.integers(min_value=6, max_value=14), st.integers(min_value=0, max_value=2),
                 st.sampled_from(sorted(PUNCTUATION_STYLES)))


@pytest.fixture(autouse=True, scope="module", params=[None, (2, 1), (3, 2)],
                ids=["whole", "windows of 2 lines", "windows of 3 lines"])
def windows(request):
    """Every property holds as well when a paragraph is set window by window (tiny windows, to be tried)."""
    if request.param is None:
        yield
        return
    saved = composer.WINDOW_LINES, composer.REWORKED_LINES
    composer.WINDOW_LINES, composer.REWORKED_LINES = request.param
    yield
    composer.WINDOW_LINES, composer.REWORKED_LINES = saved


def compose_on(text, cells, indent, punctuation="quanjiao", latin_gap=0.0):
    return compose(pieces(text), measure=cells * CELL, size=SIZE, cells=cells, indent=indent,
                   advance=fake_advance, latin_gap=latin_gap, punctuation=punctuation)


def atom_edges(text):
    """Indices where a line may end without splitting an unbreakable run."""
    edges, at = {0}, 0
    for run in atoms(text):
        at += len(run)
        edges.add(at)
    return edges


def break_points(lines):
    """Indices into the paragraph where each line after the first begins."""
    points, at = [], 0
    for line in lines[:-1]:
        at += len(line.glyphs)
        points.append(at)
    return points


PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(paragraph, grid, st.sampled_from([0.0, 0.25]))
def test_no_character_lost_duplicated_or_reordered(text, grid, latin_gap):
    lines = compose_on(text, *grid, latin_gap=latin_gap)
    assert "".join(line.text for line in lines) == text


@PROPERTY
@given(paragraph, grid, st.sampled_from([0.0, 0.25]))
def test_no_line_wider_than_the_measure(text, grid, latin_gap):
    cells, indent, punctuation = grid
    for line in compose_on(text, cells, indent, punctuation, latin_gap):
        assert line.width <= cells * CELL + 1e-6


@PROPERTY
@given(paragraph, grid)
def test_no_full_cell_glyph_passes_the_edges(text, grid):
    cells, indent, punctuation = grid
    for line in compose_on(text, cells, indent, punctuation):
        for glyph in line.glyphs:
            if is_full_width(glyph.char) and abs(glyph.width - CELL) < 1e-9:
                assert glyph.x >= -1e-9 and glyph.x + SIZE <= cells * CELL + 1e-6


@PROPERTY
@given(paragraph, grid, st.sampled_from([0.0, 0.25]))
def test_every_line_but_the_last_fills_the_measure(text, grid, latin_gap):
    cells, indent, punctuation = grid
    lines = compose_on(text, cells, indent, punctuation, latin_gap)
    for line in lines[:-1]:
        if len(atoms(line.text)) > 1:  # a lone run has no gap to spread into
            assert abs(line.width - cells * CELL) < EXACT
        assert not line.last
    assert lines[-1].last


@PROPERTY
@given(paragraph, grid)
def test_never_a_break_inside_an_unbreakable(text, grid):
    edges = atom_edges(text)
    assert all(point in edges for point in break_points(compose_on(text, *grid)))


@PROPERTY
@given(paragraph, grid)
def test_kinsoku_broken_only_when_the_line_leaves_no_other_choice(text, grid):
    lines = compose_on(text, *grid)
    edges = sorted(atom_edges(text))
    start = 0
    for line, point in zip(lines, break_points(lines)):
        if breaks_kinsoku(text[point - 1], text[point]):
            inside = [edge for edge in edges if start < edge < point]
            assert all(breaks_kinsoku(text[edge - 1], text[edge]) for edge in inside), line.text
        start = point


@PROPERTY
@given(paragraph, grid)
def test_x_positions_never_go_back(text, grid):
    for line in compose_on(text, *grid):
        xs = [glyph.x for glyph in line.glyphs]
        assert all(a <= b + 1e-9 for a, b in zip(xs, xs[1:])), line.text


@PROPERTY
@given(paragraph, grid)
def test_marks_keep_at_least_half_a_cell(text, grid):
    for line in compose_on(text, *grid):
        for glyph in line.glyphs:
            if is_full_width(glyph.char):
                assert glyph.width >= CELL / 2 - 1e-9
