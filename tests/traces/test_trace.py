"""The reference issue's laid-out pages as a checked-in text trace: any change to composition shows as a diff.

After an intended change, rewrite the trace with `TYPESET_UPDATE_TRACES=1 python -m pytest tests/traces`
and review the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from bench.synthetic import make_archive
from typeset.build import lay_out
from typeset.render.trace import trace

EXPECTED = Path(__file__).with_name("2024-07.trace")
WITH_FIGURES = Path(__file__).with_name("figures.trace")
IMAGE_LINE = re.compile(r"  image \S+ L(\d+)-L(\d+) y=([\d.]+)\.\.([\d.]+) ")


def reference_trace(laid) -> str:
    """The trace of the laid-out reference issue."""
    return trace(laid.pages)


def matches(actual: str, expected_file: Path) -> None:
    """Fail with the diff when a trace differs from its checked-in file (rewrite it when asked to)."""
    if os.environ.get("TYPESET_UPDATE_TRACES"):
        expected_file.write_text(actual, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual", n=1))
    assert not diff, "the layout changed:\n" + diff[:6000]


def test_reference_issue_trace_matches_the_checked_in_one(reference_build):
    matches(reference_trace(reference_build[0]), EXPECTED)


def test_a_synthetic_issue_with_figures_matches_its_trace_with_images_on_whole_lines(tmp_path):
    (source,) = make_archive(tmp_path / "issues", 1, seed=4, figures=1.0)
    actual = trace(lay_out(source).pages)
    matches(actual, WITH_FIGURES)
    places = [tuple(map(float, found)) for found in IMAGE_LINE.findall(actual)]
    assert len(places) >= 2
    for first, last, top, bottom in places:
        assert abs((top - (first - 1)) - (last - bottom)) < 0.011  # centred in its whole lines


def test_trace_names_every_page_and_line(reference_build):
    text = reference_trace(reference_build[0])
    pages = len(reference_build[0].pages)
    assert [line for line in text.splitlines() if line.startswith("page ")] == [f"page {n}" for n in range(1, pages + 1)]
    assert "  L01    22 市人大常委会积极部署开展人大协商工作" in text
