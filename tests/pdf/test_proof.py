"""What a print proof-reader measures on the reference issue, read back from its PDF (tests/printed.py)."""

from __future__ import annotations

import pytest

from printed import MM, read


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
