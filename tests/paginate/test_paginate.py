"""The paginator on rows made by hand: keeps, widows and orphans, blank lines, the footer."""

from __future__ import annotations

from typeset.layout import Flow, Row, keep_after_heads
from typeset.paginate import add_footer, fill_pages, paginate, place
from typeset.style import Style


def paragraph(lines: int, tag: str = "p") -> list[Row]:
    """Body rows of one paragraph, glued as the layout glues them (two lines each side of a break)."""
    return [Row("body", (), 1, glue_before=0 < i and (i < 2 or lines - i < 2)) for i in range(lines)]


def title() -> list[Row]:
    """A blank line and a one-line title."""
    return [Row("blank", discard_at_top=True), Row("title")]


def kinds(pages) -> list[list[str]]:
    """Row kinds per page."""
    return [[row.kind for _, row in page] for page in pages]


def test_rows_fill_a_page_then_flow_to_the_next():
    pages = fill_pages(paragraph(30), capacity=22)
    assert [len(p) for p in pages] == [22, 8]


def test_a_lone_first_line_is_not_left_at_the_foot():
    rows = paragraph(21) + paragraph(5)
    pages = fill_pages(rows, capacity=22)
    assert [len(p) for p in pages] == [21, 5]


def test_a_lone_last_line_is_not_left_at_the_head():
    pages = fill_pages(paragraph(23), capacity=22)
    assert [len(p) for p in pages] == [21, 2]


def test_a_title_never_ends_a_page_and_keeps_two_lines():
    rows = keep_after_heads(paragraph(19) + title() + paragraph(6))
    pages = fill_pages(rows, capacity=22)
    assert kinds(pages)[0][-1] == "body" and len(pages[0]) == 19
    assert kinds(pages)[1][:3] == ["title", "body", "body"]


def test_a_blank_line_vanishes_at_the_top_of_a_page():
    rows = paragraph(22) + title() + paragraph(3)
    pages = fill_pages(keep_after_heads(rows), capacity=22)
    assert kinds(pages)[1][0] == "title"


def test_a_group_longer_than_a_page_is_broken_rather_than_lost():
    rows = [Row("body")] + [Row("body", glue_before=True) for _ in range(29)]
    pages = fill_pages(rows, capacity=22)
    assert [len(p) for p in pages] == [22, 8]


def test_footer_sits_at_the_foot_of_the_last_page():
    pages = fill_pages(paragraph(10), capacity=22)
    add_footer(pages, [Row("footer"), Row("footer", glue_before=True)], capacity=22)
    assert len(pages) == 1
    assert [line for line, row in pages[0] if row.kind == "footer"] == [20, 21]


def test_footer_goes_to_a_new_page_when_it_does_not_fit():
    pages = fill_pages(paragraph(21), capacity=22)
    add_footer(pages, [Row("footer"), Row("footer")], capacity=22)
    assert kinds(pages) == [["body"] * 21, ["footer", "footer"]]
    assert [line for line, _ in pages[1]] == [20, 21]


def test_articles_start_on_page_two():
    flow = Flow(front=[Row("header")] * 5, body=paragraph(4))
    pages = paginate(flow, Style())
    assert kinds(pages) == [["header"] * 5, ["body"] * 4]


def test_page_numbers_only_when_asked_never_on_page_one_nor_on_the_footer_page():
    flow = Flow(front=[Row("header")], body=paragraph(50), footer=[Row("footer")])
    numbered = []
    pages = place(paginate(flow, Style({"page_numbers": True})), Style({"page_numbers": True}),
                  lambda n: numbered.append(n) or ())
    assert len(pages) == 4 and numbered == [2, 3]
    numbered.clear()
    place(paginate(flow, Style()), Style(), lambda n: numbered.append(n) or ())
    assert numbered == []
