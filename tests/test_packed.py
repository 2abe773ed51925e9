"""The packed stores behave as the tuples they replace: a text's marks, a text item's glyphs, a paragraph's pieces."""

from __future__ import annotations

import pickle

import pytest

from typeset.compose.lines import Piece
from typeset.layout import Stretch, pieces
from typeset.page import Glyph, Span, Text
from typeset.source import Located
from typeset.source.model import Marks

PAIRS = ((1, 5), (1, 6), (2, 1), (2, 300), (70_000, 400_000))


def test_marks_index_slice_and_iterate_as_their_pairs():
    marks = Marks.of(PAIRS)
    assert len(marks) == 5 and marks[0] == (1, 5) and marks[-1] == (70_000, 400_000)
    assert list(marks) == list(PAIRS)
    assert isinstance(marks[1:3], Marks) and marks[1:3] == PAIRS[1:3] and marks[::-1] == PAIRS[::-1]
    assert not marks[5:] and marks[:1] == ((1, 5),)
    with pytest.raises(IndexError):
        marks[5]


def test_marks_equal_join_and_hash_as_the_tuple_of_their_pairs():
    marks = Marks.of(PAIRS)
    assert marks == PAIRS and marks == Marks.of(list(PAIRS)) and marks != PAIRS[:4] and marks != list(PAIRS)
    assert hash(marks) == hash(PAIRS)
    assert marks[:2] + marks[2:] == marks and (marks[:2] + PAIRS[2:]) == PAIRS
    assert Marks.joined([marks[:1], (), marks[1:]]) == PAIRS
    assert pickle.loads(pickle.dumps(marks)) == marks
    with pytest.raises(AttributeError):
        marks._lines = marks._columns


def test_a_located_text_packs_the_marks_it_is_given():
    text = Located("会议召开了", "a.yaml", PAIRS)
    assert isinstance(text.marks, Marks) and text == Located("会议召开了", "a.yaml", Marks.of(PAIRS))
    assert text.slice(1, 3).marks == PAIRS[1:3] and (text + text).marks == PAIRS + PAIRS
    assert text.position(3).line == 2 and text.position(3).column == 300


GLYPHS = (Glyph("会", 11, 0.0, 16.0, 16.0, Span("a.yaml", 3, 7)),
          Glyph("2", 65_535, 16.5, 8.25, 8.0, None),
          Glyph("议", 12, 24.75, 16.0, 16.0, Span("b.yaml", 70_000, 400_000)))


def test_a_text_item_gives_back_the_glyphs_it_was_given():
    item = Text(None, 16.0, 10.0, 20.0, GLYPHS)
    assert tuple(item.glyphs) == GLYPHS and item.glyphs == GLYPHS and len(item.glyphs) == 3
    assert item.glyphs[1] == GLYPHS[1] and item.glyphs[-1] == GLYPHS[-1] and item.glyphs[:2] == GLYPHS[:2]
    assert item.text == "会2议" and item.glyphs.files == ("a.yaml", "b.yaml")
    assert list(item.glyphs.xs) == [0.0, 16.5, 24.75] and list(item.glyphs.widths) == [16.0, 8.25, 16.0]
    assert list(item.glyphs.advances) == [16.0, 8.0, 16.0] and list(item.glyphs.ids) == [11, 65_535, 12]
    assert list(item.glyphs.spans()) == [glyph.span for glyph in GLYPHS]
    with pytest.raises(IndexError):
        item.glyphs[3]


def test_text_items_compare_hash_move_and_pickle_by_their_glyphs():
    item = Text(None, 16.0, 10.0, 20.0, GLYPHS)
    same = Text(None, 16.0, 10.0, 20.0, GLYPHS)
    other = Text(None, 16.0, 10.0, 20.0, GLYPHS[:1] + (GLYPHS[1]._replace(x=16.6),) + GLYPHS[2:])
    assert item == same and hash(item) == hash(same) and item != other
    moved = item.moved(5.0, 1.0)
    assert moved.glyphs is item.glyphs and (moved.x, moved.baseline) == (15.0, 21.0)
    assert pickle.loads(pickle.dumps(item)) == item
    with pytest.raises(AttributeError):
        item.glyphs.chars = "x"


def test_a_text_item_of_one_file_keeps_no_file_for_each_glyph():
    item = Text(None, 16.0, 0.0, 0.0, GLYPHS[:2])
    assert item.glyphs.files == ("a.yaml",) and item.glyphs.which == b""
    assert [glyph.span for glyph in item.glyphs] == [Span("a.yaml", 3, 7), None]


def stretch() -> tuple[Stretch, list[Piece]]:
    """A stretch of two texts and a lone piece between them, and its pieces made at once."""
    first = Located("市人大常委会", "a.yaml", tuple((4, column) for column in range(11, 17)))
    second = Located("召开会议", "a.yaml", tuple((5, column) for column in range(1, 5)))
    lone = Piece("：", "body", Span("a.yaml", 4, 16))
    made = Stretch()
    made.add(first, "heading")
    made.append(lone)
    made.add(second, "body")
    return made, pieces(first, "heading") + [lone] + pieces(second, "body")


@pytest.mark.parametrize("start, stop", [(0, 11), (0, 6), (5, 7), (6, 7), (2, 9), (7, 11), (11, 11), (3, 100)])
def test_a_stretch_gives_the_pieces_of_any_window_as_made_at_once(start, stop):
    made, whole = stretch()
    assert made[start:stop] == whole[start:stop]


def test_a_stretch_indexes_and_iterates_as_its_list_of_pieces():
    made, whole = stretch()
    assert len(made) == 11 and list(made) == whole and made[-1] == whole[-1] and made[6] == whole[6]
    assert made[::2] == whole[::2] and made[-3:] == whole[-3:]
    with pytest.raises(IndexError):
        made[11]


def test_a_text_item_finds_its_glyphs_placed_in_one_file():
    glyphs = Text(None, 16.0, 0.0, 0.0, GLYPHS + (GLYPHS[0]._replace(span=Span("a.yaml", 3, 8)),)).glyphs
    assert list(glyphs.placed_in("a.yaml")) == [(0, 3, 7), (3, 3, 8)]
    assert list(glyphs.placed_in("b.yaml")) == [(2, 70_000, 400_000)]
    assert list(glyphs.placed_in("c.yaml")) == [] and glyphs.span_at(1) is None
