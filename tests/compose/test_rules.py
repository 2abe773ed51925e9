"""One small test per composition rule, on tiny measures where the answer is plain to see."""

from __future__ import annotations

import pytest

from typeset.compose import rules
from typeset.compose.lines import break_balanced, compose

from .helpers import SIZE, fake_advance, lines, pieces, texts, widths

# ---------------------------------------------------------------- the rule tables


def test_closing_marks_may_not_start_a_line_and_opening_marks_may_not_end_one():
    assert rules.CLOSING <= rules.NO_LINE_START
    assert rules.OPENING <= rules.NO_LINE_END
    assert not rules.CLOSING & rules.OPENING


def test_every_squeezable_mark_has_its_blank_sides():
    assert set(rules.SQUEEZE_ORDER) == set(rules.BLANK_SIDES)
    for left, right in rules.BLANK_SIDES.values():
        assert left + right == rules.SQUEEZE_LIMIT


# ---------------------------------------------------------------- line start and end


def test_comma_never_starts_a_line():
    # 五 cells hold 一二三四五 exactly; the comma would start line 2, so 五 goes down with it
    assert texts(lines("一二三四五，六七", cells=5)) == ["一二三四", "五，六七"]


def test_full_stop_and_closing_quote_never_start_a_line():
    assert texts(lines("一二三四五。”六七", cells=5)) == ["一二三四", "五。”六七"]


@pytest.mark.parametrize("mark", "、：；！？）》」』】〕〗］｝〉’～·・/／%‰")
def test_marks_of_the_line_start_list_never_start_a_line(mark):
    assert texts(lines(f"一二三四五{mark}六", cells=5))[1][0] != mark


def test_ascii_twins_never_start_a_line():
    assert texts(lines("一二三四五,六", cells=5)) == ["一二三四", "五,六"]


def test_opening_bracket_never_ends_a_line():
    # 《 would be the fifth cell; it goes down with the text it opens
    assert texts(lines("一二三四《五》", cells=5)) == ["一二三四", "《五》"]


@pytest.mark.parametrize("mark", "“‘「『（〔【〖［｛《〈([{")
def test_marks_of_the_line_end_list_never_end_a_line(mark):
    assert texts(lines(f"一二三四{mark}五六七", cells=5))[0][-1] != mark


def test_a_line_of_nothing_but_marks_breaks_where_it_must():
    composed = lines("，" * 23, cells=5)
    assert "".join(texts(composed)) == "，" * 23
    assert all(line.width <= 5 * SIZE + 1e-6 for line in composed)


# ---------------------------------------------------------------- unbreakable runs


def test_dash_pair_never_split():
    # — may not start a line either, so 四 goes down with the pair
    assert texts(lines("一二三四——五六", cells=5)) == ["一二三", "四——五六"]


def test_no_space_is_spread_inside_a_dash_pair():
    first = lines("一——二三a四五", cells=6)[0]
    assert first.text == "一——二三a"
    dashes = first.glyphs[1:3]
    assert dashes[1].x - dashes[0].x == pytest.approx(SIZE)
    assert first.width == pytest.approx(6 * SIZE)


def test_ellipsis_never_split():
    assert texts(lines("一二三四……五六七", cells=5)) == ["一二三四", "……五六七"]


@pytest.mark.parametrize("number", ["2024", "3.5%", "1,000"])
def test_digit_run_never_split(number):
    composed = lines(f"一二三{number}四五六", cells=5)
    assert any(number in text for text in texts(composed))


@pytest.mark.parametrize("word", ["PDF", "e"])
def test_latin_word_never_split(word):
    composed = lines(f"一二三四{word}五六", cells=5)
    assert any(word in text for text in texts(composed))


def test_phone_number_stays_whole():
    composed = lines("电话：(0571)85250657", cells=9)
    assert texts(composed) == ["电话：", "(0571)85250657"]


def test_no_space_is_spread_inside_a_number():
    first = lines("一二3.5%三四五六", cells=8)[0]
    digits = [glyph for glyph in first.glyphs if glyph.char in "3.5%"]
    for before, after in zip(digits, digits[1:]):
        assert after.x == pytest.approx(before.x + before.width)


# ---------------------------------------------------------------- widths of marks


@pytest.mark.parametrize("pair", ["。”", "”，", "）、", "：“", "，《", "（“"])
def test_adjacent_marks_take_one_and_a_half_cells(pair):
    line = lines(f"一{pair}二", cells=10)[0]
    assert sum(widths(line)[1:3]) == 1.5


def test_brackets_stay_tight_against_the_text_they_enclose():
    # the squeezed half is the blank one between the marks, never the bracket's inner side
    assert widths(lines("一，《二", cells=10)[0]) == [1, 0.5, 1, 1]
    assert widths(lines("一。”二", cells=10)[0]) == [1, 0.5, 1, 1]
    assert widths(lines("（“一", cells=10)[0]) == [1, 0.5, 1]


def test_curly_quotes_dashes_and_ellipsis_are_full_cells():
    line = lines("“一”——……·", cells=10)[0]
    assert widths(line) == [1, 1, 1, 1, 1, 1, 1, 1]


@pytest.mark.parametrize("char", "汉〇々あア가，。：！（）［］１Ａ　〔〕〖〗「」『』【】～")
def test_han_kana_and_full_width_forms_are_full_cells(char):
    assert widths(lines(char, cells=5)[0]) == [1]


def test_full_width_characters_never_ask_the_font_for_their_advance():
    def advance(char, role):
        raise AssertionError(f"asked for {char!r}")
    compose(pieces("汉字“引号”——……·，。《》（）"), measure=80, size=16, cells=5, indent=0, advance=advance)


def test_latin_and_digits_take_their_advance():
    line = lines("一ab2二", cells=10)[0]
    assert widths(line) == [1, 0.5, 0.5, 0.5, 1]


# ---------------------------------------------------------------- fitting


def test_a_line_that_fits_at_natural_widths_squeezes_nothing():
    # 一二三，四五六，七八 is ten cells: both commas could give a half, but spacing needs none
    first = lines("一二三，四五六，七八九十", cells=10)[0]
    assert first.text == "一二三，四五六，七八" and set(widths(first)) == {1}


def test_push_in_takes_a_mark_that_may_not_start_the_next_line():
    # 一二，…九 fills the line and 。 may not start the next: the comma and the end mark give a half each
    first = lines("一二，三四五六七八九。十一二三", cells=10)[0]
    assert first.text == "一二，三四五六七八九。"
    assert widths(first)[2] == 0.5 and widths(first)[-1] == 0.5
    assert first.width == pytest.approx(10 * SIZE)


def test_commas_are_squeezed_before_full_stops():
    line = lines("一二。三四，五六七八。九十一二", cells=10)[0]
    assert line.text == "一二。三四，五六七八。"
    by_char = list(zip(line.text, widths(line)))
    assert by_char[2] == ("。", 1) and by_char[5] == ("，", 0.5)


def test_marks_are_squeezed_whole_and_the_rest_is_spread():
    # a quarter cell too long: one comma gives its half, the spare quarter goes to spacing
    line = lines("一二，三i“四”五六七。八九十", cells=8)[0]
    assert line.text == "一二，三i“四”五" and widths(line)[2] == 0.5
    assert line.width == pytest.approx(8 * SIZE)


def test_push_out_when_squeezing_is_not_enough():
    # no mark inside the line to squeeze: 五 goes down with the comma
    assert texts(lines("一二三四五，六", cells=5))[0] == "一二三四"


def test_the_line_end_mark_gives_its_half_first():
    # at the line end the blank half falls where the margin is: no mid-line mark changes width
    line = lines("一，二三四五六七八a。十一二", cells=10)[0]  # half a cell too long
    assert line.text == "一，二三四五六七八a。"
    assert widths(line)[1] == 1 and widths(line)[-1] == 0.5


@pytest.mark.parametrize("text", ["一二三四五“六七八九。", "一二三四五“六七”八", "一二三四五“六七八九"])
def test_an_opening_mark_at_a_line_start_keeps_its_whole_cell_tight_or_not(text):
    for line in lines(text, cells=5)[1:]:
        if line.text[0] in rules.OPENING:
            assert line.glyphs[0].x == pytest.approx(0) and widths(line)[0] == 1, line.text


def test_full_line_ends_exactly_at_measure():
    for line in lines("一二三，四五六七八九十“一二”三四五六七八九十2024年", cells=7)[:-1]:
        assert line.width == pytest.approx(7 * SIZE, abs=0.01)


def test_space_left_is_spread_evenly_between_characters():
    line = lines("一二三四五，六七", cells=5)[0]  # 一二三四 with one cell to spread over three gaps
    steps = [b.x - a.x for a, b in zip(line.glyphs, line.glyphs[1:])]
    assert steps == pytest.approx([SIZE * 4 / 3] * 3)


def test_last_line_is_flush_left_at_natural_widths():
    last = lines("一二三四五六七", cells=5)[-1]
    assert last.last and last.text == "六七"
    assert [glyph.x for glyph in last.glyphs] == [0, SIZE]
    assert last.width == 2 * SIZE


def test_first_line_is_indented_two_cells():
    first = lines("一二三四五六七", cells=5, indent=2)[0]
    assert first.text == "一二三" and first.glyphs[0].x == 2 * SIZE


def test_no_last_line_of_one_character_when_an_earlier_break_avoids_it():
    # 一二三四五六七八 | 九 would leave 九 alone: the paragraph breaks one character earlier
    assert texts(lines("一二三四五六七八九", cells=8)) == ["一二三四五六七", "八九"]
    assert texts(lines("一二三四五六", cells=5)) == ["一二三四", "五六"]


# ---------------------------------------------------------------- Latin in Chinese


def test_latin_gap_setting():
    quarter = lines("第7期", cells=10, latin_gap=0.25)[0]
    assert [glyph.x for glyph in quarter.glyphs] == [0, 1.25 * SIZE, 2 * SIZE]


def test_no_latin_gap_by_default():
    line = lines("第7期", cells=10)[0]
    assert [glyph.x for glyph in line.glyphs] == [0, SIZE, 1.5 * SIZE]


def test_no_latin_gap_next_to_a_chinese_mark():
    line = lines("第，7。", cells=10, latin_gap=0.25)[0]
    assert [glyph.x for glyph in line.glyphs] == [0, SIZE, 2 * SIZE, 2.5 * SIZE]


def test_no_latin_gap_at_a_line_break():
    composed = lines("一二三四PDF", cells=4, latin_gap=0.25)
    assert texts(composed) == ["一二三四", "PDF"]
    assert composed[1].glyphs[0].x == 0


def test_latin_gap_larger_than_a_quarter_is_refused():
    with pytest.raises(ValueError):
        lines("一", cells=4, latin_gap=0.5)


# ---------------------------------------------------------------- where glyphs are drawn


def test_em_box_stays_inside_the_measure():
    measure = 442.2
    composed = compose(pieces("一" * 60), measure=measure, size=16, cells=28, indent=0, advance=fake_advance)
    first = composed[0]
    assert len(first.glyphs) == 28
    assert first.glyphs[0].x == 0
    assert first.glyphs[-1].x + 16 == pytest.approx(measure)
    assert first.glyphs[1].x == pytest.approx(measure / 28 * 1.5 - 8)  # centred on its cell


def test_squeezed_closing_mark_keeps_its_inked_left_half():
    line = lines("一二三，四五六七八九。十一二", cells=10)[0]
    comma = line.glyphs[3]
    assert comma.char == "，" and comma.width == SIZE / 2
    assert comma.x == pytest.approx(line.glyphs[2].x + line.glyphs[2].width)


def test_squeezed_middle_dot_loses_a_quarter_on_each_side():
    line = lines("一·二三四五六七八九。十一", cells=10)[0]
    assert line.text == "一·二三四五六七八九。"
    dot = line.glyphs[1]
    assert dot.width == SIZE / 2
    assert dot.x == pytest.approx(SIZE + SIZE / 4 - SIZE / 2)


def test_a_mark_after_a_narrow_letter_keeps_its_left_blank():
    # squeezed, “ would be drawn from before the i's own origin; the comma gives the room instead
    line = lines("一二，三i“四”五六七。八九十", cells=8)[0]
    assert line.text == "一二，三i“四”五"
    assert widths(line)[2] == 0.5 and widths(line)[5] == 1
    assert line.glyphs[5].x >= line.glyphs[4].x


def test_empty_paragraph_has_no_lines():
    assert lines("", cells=5) == []


def test_word_wider_than_the_line_is_split_as_a_last_resort():
    composed = lines("abcdefghijklmnop", cells=3)
    assert "".join(texts(composed)) == "abcdefghijklmnop"
    assert all(line.width <= 3 * SIZE + 1e-6 for line in composed)


# ---------------------------------------------------------------- titles


def balanced(text: str, cells: float):
    return break_balanced(pieces(text, "title"), measure=cells * SIZE, size=SIZE, advance=fake_advance)


def test_title_that_fits_stays_on_one_line():
    assert texts(balanced("上城区：多措并举", 10)) == ["上城区：多措并举"]


def test_title_breaks_into_the_fewest_balanced_lines():
    # 12 characters in a 10-cell measure: two lines of six, not ten and two
    assert [len(text) for text in texts(balanced("一二三四五六七八九十一二", 10))] == [6, 6]


def test_title_would_rather_break_after_a_phrase_mark_than_inside_a_word():
    # the most even break splits 代|表; after ” the lines are 10 and 12 characters
    assert texts(balanced("富阳区：“同源共富”代表联络站“跨”出新成果", 20)) == ["富阳区：“同源共富”", "代表联络站“跨”出新成果"]


def test_title_without_marks_stays_balanced():
    assert [len(text) for text in texts(balanced("一二三四五六七八九十一二三四", 10))] == [7, 7]


def test_title_respects_kinsoku():
    for text in texts(balanced("一二三四五，六七八九十一", 10))[1:]:
        assert text[0] != "，"


def test_title_has_no_line_of_one_or_two_characters():
    # the most even break would leave 四五 alone on the second line
    assert texts(balanced("一二》《三四五", 5)) == ["一二》", "《三四五"]


def test_title_lines_are_at_natural_widths_from_zero():
    composed = balanced("一二三四五六七八九十一二", 10)
    assert all(line.last and line.glyphs[0].x == 0 for line in composed)
    assert composed[0].width == 6 * SIZE


def test_title_breaks_between_words_rather_than_inside_one():
    title = "区人大常委会专题部署推进全过程人民民主"
    ends = {1, 6, 8, 10, 12, 15, 17}  # 区|人大常委会|专题|部署|推进|全过程|人民|民主
    composed = break_balanced(pieces(title, "title"), measure=18 * SIZE, size=SIZE, advance=fake_advance,
                              words=lambda text: frozenset(ends))
    assert texts(composed) == ["区人大常委会专题部署", "推进全过程人民民主"]
    assert texts(balanced(title, 18)) == ["区人大常委会专题部", "署推进全过程人民民主"]  # the most even, inside 部署


def test_words_are_not_looked_up_for_a_title_that_fits():
    def never(text):
        raise AssertionError("asked for words")

    assert texts(break_balanced(pieces("上城区：多措并举", "title"), measure=10 * SIZE, size=SIZE,
                                advance=fake_advance, words=never)) == ["上城区：多措并举"]


def test_a_title_fits_by_its_visible_width_without_the_blank_halves_at_its_ends():
    # 12 cells set, but the closing ” leaves half a cell blank at the right: it fits 11.5
    assert texts(balanced("一二三四五六七八九“十”", 11.5)) == ["一二三四五六七八九“十”"]
