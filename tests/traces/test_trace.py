"""The reference issue's laid-out pages as a checked-in text trace: any change to composition shows as a diff.

After an intended change, rewrite the trace with `TYPESET_UPDATE_TRACES=1 python -m pytest tests/traces`
and review the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from typeset.render.trace import trace

EXPECTED = Path(__file__).with_name("2024-07.trace")


def reference_trace(laid) -> str:
    """The trace of the laid-out reference issue."""
    return trace(laid.pages)


def test_reference_issue_trace_matches_the_checked_in_one(reference_build):
    actual = reference_trace(reference_build[0])
    if os.environ.get("TYPESET_UPDATE_TRACES"):
        EXPECTED.write_text(actual, encoding="utf-8")
    expected = EXPECTED.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual", n=1))
    assert not diff, "the layout changed:\n" + diff[:6000]


def test_trace_names_every_page_and_line(reference_build):
    text = reference_trace(reference_build[0])
    pages = len(reference_build[0].pages)
    assert [line for line in text.splitlines() if line.startswith("page ")] == [f"page {n}" for n in range(1, pages + 1)]
    assert "  L01    22 市人大常委会积极部署开展人大协商工作" in text
