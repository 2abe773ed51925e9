"""Loading and validation: typed data out, positioned errors and warnings for bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MINIMAL, REFERENCE
from typeset.diagnostics import Position, Report, SourceError
from typeset.source import Article, Break, Lead, Located, Span, Strong, Text, load_issue
from typeset.source.markup import paragraphs


def errors_of(path) -> list:
    """The errors a source raises."""
    with pytest.raises(SourceError) as caught:
        load_issue(path, Report())
    return caught.value.diagnostics


def test_reference_issue_loads_with_its_structure():
    issue = load_issue(REFERENCE, Report())
    assert (issue.number, issue.total, issue.date) == (7, 695, dt.date(2024, 5, 31))
    assert [s.label.value for s in issue.sections] == ["要闻速递", "助力攻坚", "代表工作", "情况交流", "信息摘登"]
    assert [len(s.articles) for s in issue.sections] == [1, 2, 1, 2, 0]
    assert len(issue.sections[-1].briefs) == 5
    assert issue.sections[3].articles[0].byline.value == "萧山区人大常委会办公室 邵羽晨 郭彧杰"
    assert issue.footer.editor.value == "杨青青"


def test_reference_issue_has_no_warnings_but_the_printed_single_dash():
    # the print has 零距离—山区 where a 破折号 belongs: the source keeps what was printed
    report = Report()
    load_issue(REFERENCE, report)
    assert [(item.code, item.position.line, item.position.column) for item in report.items] == [("dash", 86, 89)]


def test_numbers_with_leading_zeros_count_in_tens(write_issue):
    issue = load_issue(write_issue(MINIMAL.replace("number: 8", "number: 08").replace("total: 696", "total: 0696")),
                       Report())
    assert (issue.number, issue.total) == (8, 696)


@pytest.mark.parametrize("text, line, column", [
    ("\ufeff" + MINIMAL.replace("number: 8", "number: !!str 8"), 1, 9),
    (MINIMAL.replace("number: 8", "number: &n !!int 8"), 1, 9),
    (MINIMAL + "footer:\n  send: [省人大, !!str 8]\n", 14, 15),
], ids=["after-a-byte-order-mark", "after-an-anchor", "in-a-flow-list"])
def test_a_written_tag_is_refused_where_it_stands(write_issue, text, line, column):
    found = [d for d in errors_of(write_issue(text)) if d.code == "tag"]
    assert [(d.position.line, d.position.column) for d in found] == [(line, column)], found


def test_an_empty_value_past_the_last_line_is_no_written_tag(write_issue):
    found = errors_of(write_issue("? "))
    assert found and not any(d.code == "tag" for d in found), found


def test_a_quoted_number_is_a_string_where_a_number_belongs(write_issue):
    found = errors_of(write_issue(MINIMAL.replace("number: 8", 'number: "8"')))
    assert "the number (期号) must be a positive whole number" in found[0].message


def test_paragraphs_join_lines_without_space_and_split_at_blank_lines(write_issue):
    path = write_issue(MINIMAL.replace("听取和审议有关报告。", "听取和审议\n          有关报告。"))
    article = load_issue(path, Report()).sections[0].articles[0]
    assert [p.text for p in article.paragraphs] == [
        "市人大常委会召开第十九次会议，听取和审议有关报告。", "会议指出，要坚持问题导向，推动工作落实。"]


def test_every_character_knows_its_line_and_column(write_issue):
    path = write_issue()
    paragraph = load_issue(path, Report()).sections[0].articles[0].paragraphs[1]
    where = paragraph.source.position(paragraph.text.index("问题"))
    assert (where.line, where.column) == (12, 11 + paragraph.text.index("问题"))


def test_emphasis_is_a_strong_inline_with_its_span(write_issue):
    path = write_issue(MINIMAL.replace("会议指出", "**会议指出**"))
    paragraph = load_issue(path, Report()).sections[0].articles[0].paragraphs[1]
    assert paragraph.text.startswith("会议指出，")
    assert [(type(inline), inline.value) for inline in paragraph.inlines] == [
        (Strong, "会议指出"), (Text, "，要坚持问题导向，推动工作落实。")]
    assert paragraph.inlines[0].span == Span(paragraph.inlines[0].text.file, 12, 13, 12, 17)
    assert paragraph.inlines[1].span.column == 19


def test_every_inline_and_block_carries_its_span(write_issue):
    issue = load_issue(write_issue(MINIMAL.replace("会议指出", "**会议**指出")), Report())
    article = issue.sections[0].articles[0]
    spans = [inline.span for paragraph in article.paragraphs for inline in paragraph.inlines]
    assert [(s.line, s.column, s.end_line, s.end_column) for s in spans] == [
        (10, 11, 10, 36), (12, 13, 12, 15), (12, 17, 12, 35)]
    assert article.paragraphs[0].span.file.endswith("2024-08.yaml")


def test_a_backslash_at_a_line_end_is_an_explicit_break(write_issue):
    path = write_issue(MINIMAL.replace("听取和审议有关报告。", "听取和审议\\\n          有关**报告**。"))
    paragraph = load_issue(path, Report()).sections[0].articles[0].paragraphs[0]
    assert [type(inline) for inline in paragraph.inlines] == [Text, Break, Text, Strong, Text]
    assert paragraph.text == "市人大常委会召开第十九次会议，听取和审议\n有关报告。"
    assert (paragraph.inlines[1].span.line, paragraph.inlines[1].span.column) == (10, 31)


def test_a_backslash_ending_a_paragraph_is_printed(write_issue):
    path = write_issue(MINIMAL.replace("听取和审议有关报告。", "听取和审议有关报告。\\"))
    paragraph = load_issue(path, Report()).sections[0].articles[0].paragraphs[0]
    assert paragraph.text.endswith("报告。\\") and Break not in map(type, paragraph.inlines)


def test_a_paragraph_is_written_back_as_it_reads(write_issue):
    written = "听取**和审议**\\\n          有关报告。"
    paragraph = load_issue(write_issue(MINIMAL.replace("听取和审议有关报告。", written)), Report()) \
        .sections[0].articles[0].paragraphs[0]
    assert paragraph.markup() == "市人大常委会召开第十九次会议，听取**和审议**\\\n有关报告。"
    (again,) = paragraphs(Located.plain(paragraph.markup()), Report())
    assert [(type(i), i.value) for i in again.inlines] == [(type(i), i.value) for i in paragraph.inlines]


def test_an_article_is_built_from_plain_parts():
    article = Article.of("标题", ["第一段。", [Text(Located.plain("第二段")), Strong(Located.plain("强调"))]], "办公厅")
    assert [p.text for p in article.paragraphs] == ["第一段。", "第二段强调"]
    assert article.byline.value == "办公厅" and article.title_on_one_line() == "标题"


@pytest.mark.parametrize("change, line, column, words", [
    (("number: 8\n", ""), 1, 1, "lacks the required key 'number'"),
    (("total: 696\n", ""), 1, 1, "lacks the required key 'total'"),
    (("date: 2024-06-28\n", ""), 1, 1, "lacks the required key 'date'"),
    (("      - title:", "      - tittle:"), 7, 9, "did you mean 'title'?"),
    (("number: 8", "number: eight"), 1, 9, "must be a positive whole number"),
    (("date: 2024-06-28", "date: 2024-02-30"), 3, 7, "2024-02-30 is not a real date"),
    (("number: 8", "number: !!python/object:os.system x"), 1, 9, "tag !!python/object:os.system is not allowed"),
    (("      - title: 市", "      - title: [市"), 7, 16, "a value cannot begin with '['"),
])
def test_bad_input_is_reported_at_its_place(write_issue, change, line, column, words):
    path = write_issue(MINIMAL.replace(*change))
    found = errors_of(path)
    assert any(words in d.message + " " + d.hint for d in found), found
    first = next(d for d in found if words in d.message + " " + d.hint)
    assert (first.position.line, first.position.column) == (line, column)
    assert first.position.file.endswith("2024-08.yaml")


def test_missing_sections_is_an_error(write_issue):
    path = write_issue(MINIMAL.split("sections:")[0])
    assert any("'sections'" in d.message for d in errors_of(path))


def test_section_without_articles(write_issue):
    path = write_issue(MINIMAL.split("    articles:")[0] + "    articles: []\n")
    found = errors_of(path)
    assert any("has no articles" in d.message for d in found)
    assert found[0].position.line == 6


def test_section_with_articles_and_briefs(write_issue):
    path = write_issue(MINIMAL + "    briefs:\n      - text: 某区人大常委会开展调研。\n")
    found = errors_of(path)
    assert any("either articles or briefs" in d.message for d in found)
    assert found[0].position.line == 14


def test_half_width_marks_and_stray_spaces_are_warnings_with_positions(write_issue):
    path = write_issue(MINIMAL.replace("听取和审议有关报告。", "听取和审议 有关报告,"))
    report = Report()
    load_issue(path, report)
    found = {(d.code, d.position.line, d.position.column) for d in report.warnings}
    assert found == {("space", 10, 31), ("half-width", 10, 36)}
    assert not report.errors


def test_style_sizes_may_be_chinese_size_names(archive, write_issue):
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace(
        "style:\n", "style:\n  title_size: 小二\n  body_size: 15\n"), encoding="utf-8")
    issue = load_issue(write_issue(), Report())
    assert issue.publication.style == {"title_size": 18.0, "body_size": 15, "punctuation": "kaiming"}


def test_a_bad_style_value_is_an_error_at_its_place(archive, write_issue):
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace(
        "style:\n", "style:\n  title_size: 大号\n  chars_per_lin: 28\n"), encoding="utf-8")
    found = errors_of(write_issue())
    messages = {(d.position.line, d.message) for d in found}
    assert any(line == 11 and "title_size" in text and "三号" in text for line, text in messages)
    assert any("did you mean 'chars_per_line'?" in d.hint for d in found)


TITLE = "市人大常委会召开会议"


@pytest.mark.parametrize("written", [
    "市人大常委会\n          召开会议",              # plain, folded by YAML
    ">\n          市人大常委会\n          召开会议",  # a folded block
    '"市人大常委会\n          召开会议"',            # double quotes over two lines
])
def test_a_title_over_two_source_lines_joins_without_a_space(write_issue, written):
    report = Report()
    issue = load_issue(write_issue(MINIMAL.replace(TITLE, written)), report)
    assert issue.sections[0].articles[0].title.value == TITLE
    assert report.items == []


def test_folded_latin_words_keep_their_space(write_issue):
    issue = load_issue(write_issue(MINIMAL.replace(TITLE, "Hangzhou\n          People's Congress")), Report())
    assert issue.sections[0].articles[0].title.value == "Hangzhou People's Congress"


def test_a_joined_title_keeps_the_positions_of_its_characters(write_issue):
    title = load_issue(write_issue(MINIMAL.replace(TITLE, "市人大常委会\n          召开会议")), Report()).sections[0].articles[0].title
    where = title.position(title.value.index("召"))
    assert (where.line, where.column) == (8, 11)


@pytest.mark.parametrize("written", [
    "|\n          市人大常委会\n          召开会议",
    '"市人大常委会\\n召开会议"',
])
def test_a_literal_block_or_a_quoted_newline_is_an_explicit_break(write_issue, written):
    article = load_issue(write_issue(MINIMAL.replace(TITLE, written)), Report()).sections[0].articles[0]
    assert article.title.value == "市人大常委会\n召开会议"
    assert article.title_on_one_line() == TITLE


def test_a_brief_text_that_begins_with_its_lead_does_not_repeat_it(write_issue):
    briefs = "  - label: 信息摘登\n    briefs:\n      - text: 西湖区人大常委会积极推进工作。\n        lead: 西湖区\n" \
             "      - text: 积极推进工作。\n        lead: 滨江区\n"
    first, second = (b.paragraph for b in load_issue(write_issue(MINIMAL + briefs), Report()).sections[1].briefs)
    assert [(type(i), i.value) for i in first.inlines] == [(Lead, "西湖区"), (Text, "人大常委会积极推进工作。")]
    assert [(type(i), i.value) for i in second.inlines] == [(Lead, "滨江区"), (Text, "积极推进工作。")]
    assert (first.inlines[0].span.line, first.inlines[0].span.column) == (15, 15)  # its own text
    assert (second.inlines[0].span.line, second.inlines[0].span.column) == (18, 15)  # its lead: key


@pytest.mark.parametrize("char", ["\u1680", "\u200a", "\u2003", "\u200b", "\u00ad", "\ufeff"])
def test_an_unusual_space_is_a_positioned_warning(write_issue, char):
    report = Report()
    load_issue(write_issue(MINIMAL.replace("会议，听取", f"会议{char}，听取")), report)
    found = [d for d in report.warnings if d.code == "unusual-space"]
    assert [(d.position.line, d.position.column) for d in found] == [(10, 25)]
    assert f"U+{ord(char):04X}" in found[0].message and char not in found[0].message


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_an_invisible_line_break_is_an_error_at_its_place(write_issue, char):
    found = errors_of(write_issue(MINIMAL.replace("会议，听取", f"会议{char}，听取")))
    assert [(d.position.line, d.position.column, d.code) for d in found] == [(10, 25, "line-separator")]
    assert f"U+{ord(char):04X}" in found[0].message


def test_an_inline_over_two_source_lines_spans_both(write_issue):
    path = write_issue(MINIMAL.replace("听取和审议有关报告。", "听取和审议\n          有关报告。"))
    (text,) = load_issue(path, Report()).sections[0].articles[0].paragraphs[0].inlines
    assert (text.span.line, text.span.column, text.span.end_line, text.span.end_column) == (10, 11, 11, 16)
    assert text.text.position(text.value.index("有")) == Position(text.span.file, 11, 11)
