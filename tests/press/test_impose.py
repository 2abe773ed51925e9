"""Imposition: booklet order with the 版记 last, cut-and-stack order, A3 sheets with marks, read back."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from typeset.cli import main
from typeset.press.impose import booklet_pages, saddle_sides, two_up_sides
from typeset.style import MM

REFERENCE = Path(__file__).resolve().parent.parent.parent / "issues" / "2024-07.yaml"
FOOTER_WORDS = "本期责任编辑"


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args), env={"PAIBAN_LANG": "en"})


def placed(page: pikepdf.Page) -> list[tuple[int, float]]:
    """The finished pages a side places, by number, with their x offset, in drawing order."""
    found, offset = [], 0.0
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "cm":
            offset = float(operands[4])
        elif str(operator) == "Do" and str(operands[0]).startswith("/P"):
            found.append((int(str(operands[0])[2:]), offset))
    return found


def halves(page: pikepdf.Page) -> tuple[int | None, int | None]:
    """The page numbers on the left and right halves of a side (None for a blank half)."""
    middle = sum(float(v) for v in (page.TrimBox[0], page.TrimBox[2])) / 2
    left = [number for number, x in placed(page) if x < middle]
    right = [number for number, x in placed(page) if x >= middle]
    assert len(left) <= 1 and len(right) <= 1
    return (left or [None])[0], (right or [None])[0]


@pytest.fixture(scope="module")
def saddle(tmp_path_factory):
    """The reference issue imposed for saddle stitching, and what the command printed."""
    target = tmp_path_factory.mktemp("impose") / "saddle.pdf"
    result = run("impose", str(REFERENCE), "--saddle", "-o", str(target))
    assert result.exit_code == 0, result.output
    return target, result.output


def test_blank_pages_go_before_the_last_page():
    assert booklet_pages(11) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, None, 11]
    assert booklet_pages(12) == list(range(1, 13))
    assert booklet_pages(9) == [1, 2, 3, 4, 5, 6, 7, 8, None, None, None, 9]


def test_sides_in_booklet_and_cut_and_stack_order():
    assert saddle_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert two_up_sides(8) == [(1, 5), (6, 2), (3, 7), (8, 4)]
    assert two_up_sides(3) == [(1, 3), (None, 2)]


def test_the_reference_makes_three_a3_sheets_in_booklet_order_with_the_footer_page_last(saddle):
    target, output = saddle
    assert "3 sheets, 6 sides, 1 blank page" in output
    with pikepdf.open(target) as document:
        sides = [halves(page) for page in document.pages]
        # booklet page 11 is the blank, booklet page 12 is the page 11 with the 版记
        assert sides == [(11, 1), (2, None), (10, 3), (4, 9), (8, 5), (6, 7)]
        for page in document.pages:
            left, bottom, right, top = (float(v) for v in page.TrimBox)
            assert (right - left, top - bottom) == pytest.approx((420 * MM, 297 * MM), abs=0.01)
            assert float(page.BleedBox[0]) == pytest.approx(left - 3 * MM)
        assert str(document.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"


def test_the_footer_is_read_back_on_the_left_half_of_the_first_side(saddle):
    with pdfplumber.open(saddle[0]) as document:
        for number, page in enumerate(document.pages):
            middle = page.width / 2
            left = "".join(c["text"] for c in page.chars if c["x0"] < middle)
            right = "".join(c["text"] for c in page.chars if c["x0"] >= middle)
            assert (FOOTER_WORDS in left) == (number == 0) and FOOTER_WORDS not in right
        assert "杭州人大信息" in "".join(c["text"] for c in document.pages[0].chars if c["x0"] >= middle)
        assert not [c for c in document.pages[1].chars if c["x0"] >= document.pages[1].width / 2
                    and c["top"] < document.pages[1].height - 13 * 72 / 25.4]


def test_fold_marks_are_dashed_at_the_spine_and_the_2up_cut_is_solid(saddle, tmp_path):
    with pikepdf.open(saddle[0]) as document:
        operators = [str(op) for _, op in pikepdf.parse_content_stream(document.pages[0])]
        assert "d" in operators and operators.count("S") == 10
    target = tmp_path / "two.pdf"
    result = run("impose", str(REFERENCE), "--2up", "-o", str(target))
    assert result.exit_code == 0 and "3 sheets, 6 sides, 1 blank page" in result.output
    with pikepdf.open(target) as document:
        assert [halves(page) for page in document.pages] == [(1, 7), (8, 2), (3, 9), (10, 4), (5, 11), (None, 6)]
        operators = [str(op) for _, op in pikepdf.parse_content_stream(document.pages[0])]
        assert "d" not in operators and operators.count("S") == 10


def test_the_default_output_is_named_by_the_layout(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(REFERENCE, folder)
    shutil.copy(REFERENCE.parent / "publication.yaml", folder)
    monkeypatch.chdir(tmp_path)
    assert run("impose", "issues/2024-07.yaml").exit_code == 0
    assert (tmp_path / "build" / "2024-07-saddle.pdf").is_file()


def test_an_imposition_is_the_same_bytes_every_time(saddle, tmp_path):
    again = tmp_path / "again.pdf"
    assert run("impose", str(REFERENCE), "-o", str(again)).exit_code == 0
    assert again.read_bytes() == saddle[0].read_bytes()
