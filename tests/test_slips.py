"""YAML slips an office editor makes: each reported at the slip itself, with its own code and fix."""

from __future__ import annotations

import gettext

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL
from typeset import i18n, source
from typeset.diagnostics import Report, SourceError
from typeset.source import load_issue

TITLE = "title: 市人大常委会召开会议"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages as their English ids, whatever catalog is installed."""
    monkeypatch.setattr(i18n, "_current", gettext.NullTranslations())


@pytest.fixture(autouse=True, params=["CSafeLoader", "SafeLoader"])
def loader(request, monkeypatch):
    """Each slip read with libyaml and with the pure-Python parser, whose errors differ."""
    if not hasattr(yaml, request.param):
        pytest.skip("PyYAML without libyaml")
    monkeypatch.setattr(source, "Loader", getattr(yaml, request.param))


def first_error(path):
    """The first error loading a source raises."""
    with pytest.raises(SourceError) as caught:
        load_issue(path, Report())
    return caught.value.diagnostics[0]


def check(found, line, column, code, words):
    """The error is at line:column, with this code and these words in its message."""
    assert (found.position.line, found.position.column, found.code) == (line, column, code), found
    assert words in found.message, found
    assert found.hint and found.position.file.endswith("2024-08.yaml")


def test_a_tab_in_the_indentation(write_issue):
    found = first_error(write_issue(MINIMAL.replace("        byline:", "       \tbyline:")))
    check(found, 8, 8, "tab", "a tab character in the indentation")
    assert "spaces" in found.hint


def test_a_full_width_colon_after_a_key(write_issue):
    found = first_error(write_issue(MINIMAL.replace("title: 市", "title：市")))
    check(found, 7, 14, "full-width-colon", "full-width colon '：' after the key 'title'")
    assert "half-width ':' followed by a space" in found.hint


def test_a_missing_colon_is_found_on_its_own_line(write_issue):
    found = first_error(write_issue(MINIMAL.replace("total: 696", "total 696")))
    check(found, 2, 6, "missing-colon", "the key 'total' has no colon")


def test_a_missing_colon_inside_a_list_item(write_issue):
    found = first_error(write_issue(MINIMAL.replace("title: 市", "title 市")))
    check(found, 7, 14, "missing-colon", "the key 'title' has no colon")


@pytest.mark.parametrize("indent", [0, 4, 6, 8])
def test_a_line_dedented_inside_a_literal_block_is_reported_on_that_line(write_issue, indent):
    # the block's text stands 10 spaces in; the next line would be blamed by the parser
    text = MINIMAL.replace("          会议指出", " " * indent + "会议指出") + "        byline: 李四\n"
    found = first_error(write_issue(text))
    check(found, 12, indent + 1, "dedent", "indented less than the block that starts on line 9")
    assert "10 spaces" in found.hint


def test_a_key_without_its_colon_after_a_literal_block_is_still_a_missing_colon(write_issue):
    found = first_error(write_issue(MINIMAL + "edition 专刊\n"))
    check(found, 13, 8, "missing-colon", "the key 'edition' has no colon")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_at_its_opening(write_issue, quote):
    found = first_error(write_issue(MINIMAL.replace(TITLE, f"title: {quote}市人大常委会召开会议")))
    check(found, 7, 16, "unclosed-quote", f"the quote {quote} is opened here but never closed")


def test_an_unclosed_quote_closed_by_the_next_lines_quote(write_issue):
    text = MINIMAL.replace(TITLE, 'title: "市人大常委会召开会议').replace("办公厅 张三", '"办公厅 张三"')
    check(first_error(write_issue(text)), 7, 16, "unclosed-quote", "never closed")


def test_a_body_starting_with_emphasis_is_not_an_alias(write_issue):
    found = first_error(write_issue(MINIMAL.replace("body: |\n          市", "body: **重点**开头\n          市")))
    check(found, 9, 15, "value-start", "a value cannot begin with '*'")
    assert "quotes" in found.hint and "'|'" in found.hint


@pytest.mark.parametrize("char", ["*", "&", "!", "%", "@", "`"])
def test_a_value_starting_with_a_yaml_indicator(write_issue, char):
    found = first_error(write_issue(MINIMAL.replace(TITLE, f"title: {char}重点")))
    check(found, 7, 16, "value-start", f"a value cannot begin with '{char}'")


def test_quotes_meant_as_text_at_a_value_start(write_issue):
    found = first_error(write_issue(MINIMAL.replace(TITLE, 'title: "十四五"规划工作会议')))
    check(found, 7, 16, "value-start", "begins with a quote must also end with it")


def test_a_colon_and_space_inside_a_value(write_issue):
    found = first_error(write_issue(MINIMAL.replace(TITLE, "title: 关于: 某某")))
    check(found, 7, 18, "colon-in-value", "the value contains ': '")
    assert "quotes" in found.hint


def test_a_duplicate_key_names_the_first_line(write_issue):
    text = MINIMAL.replace("        byline: 办公厅 张三\n", "        byline: 办公厅 张三\n        title: 第二篇\n")
    found = first_error(write_issue(text))
    check(found, 9, 9, "duplicate-key", "key 'title' appears twice in an article: first on line 7")
    assert "'- '" in found.hint


def test_any_other_slip_is_in_our_own_words(write_issue):
    found = first_error(write_issue(MINIMAL.replace("        byline:", "       byline:")))
    check(found, 8, 8, "yaml", "this line cannot be read as YAML")
    assert "the one above" in found.hint


def test_a_control_character_is_named_by_its_code_point(write_issue):
    found = first_error(write_issue(MINIMAL.replace("召开会议", "召开\x1b会议")))
    check(found, 7, 24, "control-char", "U+001B")
    assert "\x1b" not in found.message + found.hint


def test_a_file_that_is_not_utf8_is_reported_at_the_bad_byte(archive):
    path = archive / "2024-08.yaml"
    path.write_bytes(MINIMAL.replace("张三", "张\ufffd").encode("utf-8").replace("\ufffd".encode(), "三".encode("gbk")))
    found = first_error(path)
    check(found, 8, 22, "encoding", "not UTF-8")


INSERTS = st.sampled_from(["\t", "：", "\x00", "\x07", "\x1b", "\x7f", "\x9b"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(MINIMAL)), INSERTS), min_size=1, max_size=3))
def test_random_slips_give_positioned_source_errors_only(write_issue, inserts):
    text = MINIMAL
    for index, char in inserts:
        text = text[:index] + char + text[index:]
    try:
        load_issue(write_issue(text), Report())
    except SourceError as raised:
        for found in raised.diagnostics:
            assert 1 <= found.position.line <= text.count("\n") + 1, found
            assert found.position.column >= 1, found
