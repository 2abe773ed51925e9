"""The editor's edits on the YAML: each changes what it says, keeps every comment, and refuses what does not fit."""

from __future__ import annotations

import pytest

from tests.conftest import REFERENCE
from typeset.serve.editing import EditError, apply, field_at, fields, spans
from typeset.serve.storage import Conflict, Store

SOURCE = REFERENCE.read_text(encoding="utf-8")
FIRST = ["sections", 0, "articles", 0]

WITH_FIGURE = """\
number: 8   # 期号
total: 696
date: 2024-06-28
sections:
  - label: 要闻速递
    articles:
      - title: 市人大常委会召开会议
        body:
          - |
            第一段。

            第二段。
          - figure:
              image: images/a.png   # 图片
              caption: 会议现场
          - 第三段。
"""


def comments(text: str) -> list[str]:
    """The comment lines and trailing comments of a source, in order."""
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line]


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """The lines that differ, for sources of the same length."""
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]


def test_an_unchanged_file_is_written_back_byte_for_byte():
    assert apply(SOURCE, {"op": "set", "path": FIRST + ["byline"], "value": "代表工委 李兴军"}) == SOURCE


def test_a_title_edit_changes_its_line_only():
    after = apply(SOURCE, {"op": "set", "path": FIRST + ["title"], "value": "市人大常委会部署人大协商工作"})
    assert changed_lines(SOURCE, after) == [("      - title: 市人大常委会积极部署开展人大协商工作",
                                             "      - title: 市人大常委会部署人大协商工作")]
    assert comments(after) == comments(SOURCE)


def test_a_body_edit_keeps_its_literal_block_and_the_others_lines():
    view = fields(SOURCE)
    paragraphs = view["sections"][0]["items"][0]["blocks"][0]["paragraphs"]
    edited = [paragraphs[0] + "新增一句。"] + paragraphs[1:]
    after = apply(SOURCE, {"op": "body", "path": FIRST + ["body"], "paragraphs": edited})
    assert len(changed_lines(SOURCE, after)) == 1
    assert after.count("body: |") == SOURCE.count("body: |")
    assert fields(after)["sections"][0]["items"][0]["blocks"][0]["paragraphs"] == edited


def test_sections_move_and_come_back_with_their_comments():
    moved = apply(SOURCE, {"op": "move", "path": ["sections"], "from": 0, "to": 2})
    assert [s["label"] for s in fields(moved)["sections"]][:3] == ["助力攻坚", "代表工作", "要闻速递"]
    back = apply(moved, {"op": "move", "path": ["sections"], "from": 2, "to": 0})
    assert back == SOURCE


def test_a_new_section_and_article_carry_the_placeholders_of_new():
    added = apply(SOURCE, {"op": "add", "path": ["sections"], "kind": "briefs", "label": "基层动态"})
    last = fields(added)["sections"][-1]
    assert last["label"] == "基层动态" and last["kind"] == "briefs" and "【待填" in last["items"][0]["text"]
    more = apply(added, {"op": "add", "path": ["sections", 0, "articles"]})
    assert len(fields(more)["sections"][0]["items"]) == 2
    assert comments(more) == comments(SOURCE)


def test_the_footer_is_added_when_the_issue_has_none():
    after = apply(SOURCE, {"op": "footer", "key": "send", "values": ["省人大常委会办公厅", "", "市人大机关各部门"]})
    assert fields(after)["footer"]["send"] == ["省人大常委会办公厅", "市人大机关各部门"]
    assert apply(after, {"op": "footer", "key": "send", "values": []}).endswith("footer: {}\n")


def test_a_body_list_keeps_its_figure_and_its_comments():
    view = fields(WITH_FIGURE)
    blocks = view["sections"][0]["items"][0]["blocks"]
    assert [(b["kind"], b["at"]) for b in blocks] == [("text", "body.0"), ("figure", "body.1.figure"), ("text", "body.2")]
    assert blocks[0]["paragraphs"] == ["第一段。", "第二段。"] and blocks[1]["caption"] == "会议现场"
    path = FIRST + ["body", 2]
    after = apply(WITH_FIGURE, {"op": "body", "path": path, "paragraphs": ["第三段改。"]})
    assert "image: images/a.png   # 图片" in after and "第三段改。" in after and comments(after) == comments(WITH_FIGURE)
    sized = apply(after, {"op": "set", "path": FIRST + ["body", 1, "figure", "width"], "value": "120"})
    assert "width: 120\n" in sized


def test_each_paragraph_has_its_lines_and_a_finding_finds_the_narrowest_field():
    found = spans(WITH_FIGURE)
    assert found["sections.0.articles.0.body.0.0"] == [10, 10]
    assert found["sections.0.articles.0.body.0.1"] == [12, 12]
    assert field_at(found, 12) == "sections.0.articles.0.body.0.1"
    assert field_at(found, 14) == "sections.0.articles.0.body.1.figure.image"
    assert field_at(found, 1) == "number"
    reference = spans(SOURCE)
    assert field_at(reference, 12) == "sections.0.articles.0.title"


@pytest.mark.parametrize("edit", [
    {"op": "set", "path": ["sections", 9, "label"], "value": "x"},
    {"op": "set", "path": [], "value": "x"},
    {"op": "set", "path": FIRST + ["title"], "value": None},
    {"op": "remove", "path": FIRST + ["articles"], "index": 0},
    {"op": "remove", "path": ["sections", 0, "articles"], "index": 0},  # its only article
    {"op": "add", "path": ["sections"], "label": " "},
    {"op": "footer", "key": "stamp", "values": []},
    {"op": "raw", "text": 5},
    "not an edit",
])
def test_an_edit_that_does_not_fit_is_refused(edit):
    with pytest.raises(EditError):
        apply(SOURCE, edit)


def test_an_invalid_file_can_only_be_edited_as_source():
    with pytest.raises(EditError):
        apply("sections: [unclosed\n", {"op": "set", "path": ["number"], "value": "1"})
    assert apply("sections: [unclosed\n", {"op": "raw", "text": "number: 1"}) == "number: 1\n"


def test_saves_keep_backups_and_refuse_a_changed_file(tmp_path):
    source = tmp_path / "issues" / "2024-07.yaml"
    source.parent.mkdir()
    source.write_text(SOURCE, encoding="utf-8")
    store = Store(source, source.parent)
    first = store.read()
    second = store.save(SOURCE + "# one\n", first.version)
    with pytest.raises(Conflict):
        store.save(SOURCE + "# two\n", first.version)
    assert source.read_text(encoding="utf-8") == SOURCE + "# one\n"
    assert store.undo(second.version).text == SOURCE
    with pytest.raises(LookupError):
        store.undo(store.read().version)
    assert not list(source.parent.glob(".paiban-*.tmp"))


def test_keeping_both_twice_keeps_two_files_and_leaves_the_source(tmp_path):
    source = tmp_path / "issues" / "2024-07.yaml"
    source.parent.mkdir()
    source.write_text(SOURCE, encoding="utf-8")
    store = Store(source, source.parent)
    first, second = store.keep_both("number: 1\n"), store.keep_both("number: 2\n")
    assert first != second and first.parent == second.parent == source.parent / ".paiban" / "kept"
    assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == ("number: 1\n", "number: 2\n")
    assert source.read_text(encoding="utf-8") == SOURCE
