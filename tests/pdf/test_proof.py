"""What a print proof-reader measures on the reference issue, read back from its PDF (tests/printed.py)."""

from __future__ import annotations

import pytest

from printed import AXIS, MM, read


@pytest.fixture(scope="module")
def printed(reference_build):
    return read(reference_build[1])


def rule_gap(printed) -> float:
    """mm from the ink of the editor line down to the top of the red rule below it."""
    editor = printed.line_with("研究室编", page=1)
    red = [rule for rule in printed.rules if rule.page == 1 and rule.top > editor.baseline]
    return (min(rule.top for rule in red) - editor.ink_bottom) / MM


def test_the_red_rule_stands_4_mm_below_the_editor_line_ink(printed):
    # GB/T 9704-2012 §7.2.7: the separator 4 mm below the line above it.
    assert 3.5 <= rule_gap(printed) <= 4.5


def test_the_red_rule_follows_its_setting(write_issue, archive, tmp_path):
    from typeset.build import build

    (archive / "publication.yaml").write_text(
        (archive / "publication.yaml").read_text(encoding="utf-8").replace("style: {}", "style:\n  header_rule_drop: 8"),
        encoding="utf-8")
    target = tmp_path / "out.pdf"
    build(write_issue(), target)
    assert 7.9 <= rule_gap(read(target)) <= 8.1


def centring(line) -> float:
    """pt by which a line's ink stands right of the text block's axis."""
    return line.ink_centre - AXIS


def test_every_title_is_centred_on_its_ink(printed):
    titles = [line for line in printed.lines() if line.size == 22]
    assert len(titles) == 8 and any(line.text.endswith("”") for line in titles)
    assert [(line.text, round(centring(line), 2)) for line in titles if abs(centring(line)) > 0.5] == []


def test_centred_lines_of_page_one_are_centred_on_their_ink(printed):
    for text in ("杭州人大信息", "（普刊）", "第7期（总第695期）", "目录"):
        assert abs(centring(printed.line_with(text, page=1))) <= 0.5, text


@pytest.mark.parametrize("title", ["“三个全”助力答好考卷", "争做优化营商环境“三者”"])
def test_a_title_starting_or_ending_with_a_quote_is_centred_on_its_ink(write_issue, tmp_path, title):
    from conftest import MINIMAL
    from typeset.build import build

    target = tmp_path / "out.pdf"
    build(write_issue(MINIMAL.replace("市人大常委会召开会议", title)), target)
    assert abs(centring(read(target).line_with(title, page=2))) <= 0.5
