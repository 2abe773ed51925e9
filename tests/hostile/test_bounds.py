"""The geometric check before drawing: ink off the paper is an error naming the text."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from typeset.bounds import check_ink, on_paper
from typeset.build import lay_out
from typeset.diagnostics import Report
from typeset.page import Box, Glyph, Group, Image, Page, Rule, Text

from .harness import MINIMAL, scratch

LONG_LABEL = "要闻" * 30


A4 = Box(0, 0, 595, 842)


def run_at(x: float, baseline: float = 100.0, size: float = 16.0, text: str = "会议") -> Text:
    """A text item of full-width characters starting at x."""
    glyphs = tuple(Glyph(char, 1, i * size, size, size, None) for i, char in enumerate(text))
    return Text(None, size, x, baseline, glyphs)


PLACED = [
    ("inside", run_at(100), True),
    ("at-the-left-edge", run_at(0), True),
    ("touching-the-right-edge", run_at(595 - 32), True),
    ("past-the-right-edge", run_at(595 - 31), False),
    ("past-the-left-edge", run_at(-1), False),
    ("above-the-top", run_at(100, baseline=10), False),
    ("below-the-bottom", run_at(100, baseline=842), False),
    ("nan-x", run_at(math.nan), False),
    ("inf-baseline", run_at(100, baseline=math.inf), False),
    ("huge-size", run_at(100, size=1e6), False),
    ("rule-inside", Rule(10, 500, 400, 2), True),
    ("rule-past-the-right", Rule(10, 600, 400, 2), False),
    ("rule-thicker-than-the-page", Rule(10, 500, 400, 1e6), False),
    ("rule-nan-thickness", Rule(10, 500, 400, math.nan), False),
    ("rule-reversed-inside", Rule(500, 10, 400, 2), True),
    ("image-inside", Image(Path("a.png"), 10, 10, 100, 100), True),
    ("image-past-the-bottom", Image(Path("a.png"), 10, 800, 100, 100), False),
    ("group-moved-inside", Group((1, 0, 0, 1, 50, 50), (run_at(100),)), True),
    ("group-moved-off", Group((1, 0, 0, 1, 500, 0), (run_at(100),)), False),
    ("group-rotated-off", Group((0, 1, -1, 0, 0, 0), (run_at(100),)), False),
    ("group-nan-transform", Group((1, 0, 0, 1, math.nan, 0), (run_at(100),)), False),
    ("group-in-group-off", Group((1, 0, 0, 1, 0, 400), (Group((1, 0, 0, 1, 0, 400), (run_at(100),)),)), False),
]


@pytest.mark.parametrize("item,inside", [(item, inside) for _, item, inside in PLACED],
                         ids=[name for name, _, _ in PLACED])
def test_on_paper(item, inside):
    """Each item's box is judged against an A4 page (595 × 842 pt)."""
    assert on_paper(item, Page(1, A4)) is inside


def test_stray_run_is_an_error_at_its_text(tmp_path):
    """The 60-character label, laid out, reaches past the paper; the check names it at its place."""
    archive = scratch(tmp_path, issue=MINIMAL.replace("label: 要闻速递", f"label: {LONG_LABEL}"))
    laid = lay_out(archive.issue)
    report = Report()
    check_ink(laid.pages, report)
    assert report.errors
    first = report.errors[0]
    assert (first.position.line, first.position.column) == (5, 12)
    assert "要闻要闻" in first.message and "page 1" in first.message


def test_many_strays_are_counted(tmp_path):
    """A page full of strays: ten named, the rest counted in one more error."""
    page = Page(1, A4, items=[run_at(1000) for _ in range(25)])
    report = Report()
    check_ink([page], report)
    assert len(report.errors) == 11
    assert "15 more" in report.errors[-1].message


def test_clean_pages_pass(tmp_path):
    """The minimal issue lays out with every item on the paper."""
    laid = lay_out(scratch(tmp_path).issue)
    report = Report()
    check_ink(laid.pages, report)
    assert report.items == []


@pytest.mark.parametrize("x,y", [(1000, 400), (100, -50), (math.nan, 400), (1e9, 400)],
                         ids=["past-the-right", "below-the-bottom", "nan", "huge"])
def test_the_read_back_sees_stray_ink(tmp_path, x, y):
    """The suite's PDF check fails on a PDF with a character off its page or a non-finite operand."""
    from reportlab.pdfgen.canvas import Canvas

    from .harness import ink_on_paper

    path = tmp_path / "stray.pdf"
    canvas = Canvas(str(path), pagesize=(595, 842))
    canvas.drawString(100, 400, "inside")
    canvas.drawString(x, y, "stray")
    canvas.save()
    with pytest.raises(AssertionError):
        ink_on_paper(path)
