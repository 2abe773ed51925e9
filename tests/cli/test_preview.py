"""`paiban preview` through click's CliRunner: PNG and PDF pages, page lists, outputs, exit codes."""

from __future__ import annotations

import struct

import pdfplumber
import pytest
from click.testing import CliRunner

from conftest import MINIMAL
from typeset.cli import main
from typeset.preview import PageError, parse_pages
from typeset.render.png import rasterize


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args))


def png_header(data: bytes) -> tuple[int, int, int]:
    """Width, height and pixels per metre of a PNG written by the previewer."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert data[37:41] == b"pHYs"
    per_metre = struct.unpack(">I", data[41:45])[0]
    return width, height, per_metre


def test_one_page_becomes_an_a4_png_at_110_dpi(write_issue, tmp_path):
    source = write_issue()
    target = tmp_path / "p2.png"
    result = run("preview", str(source), "--page", "2", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{target}: page 2 of 2"
    width, height, per_metre = png_header(target.read_bytes())
    assert width == 910 and height == 1287  # 210 × 297 mm at 110 dpi, rounded up
    assert round(per_metre * 0.0254) == 110


def test_the_preview_is_the_built_pdf_page(write_issue, tmp_path):
    source = write_issue()
    built, shown = tmp_path / "issue.pdf", tmp_path / "p2.png"
    assert run("build", str(source), "-o", str(built)).exit_code == 0
    assert run("preview", str(source), "--page", "2", "-o", str(shown)).exit_code == 0
    assert shown.read_bytes() == rasterize(built, [1], 110)[0]


def test_dpi_sets_the_size(write_issue, tmp_path):
    target = tmp_path / "p1.png"
    assert run("preview", str(write_issue()), "--page", "1", "--dpi", "36", "-o", str(target)).exit_code == 0
    assert png_header(target.read_bytes())[:2] == (298, 421)


def test_default_output_is_one_png_per_page_in_build(write_issue, tmp_path, monkeypatch):
    source = write_issue()
    monkeypatch.chdir(tmp_path)
    result = run("preview", str(source))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["2024-08-p1.png", "2024-08-p2.png"]


def test_default_output_is_beside_the_archive_from_any_working_folder(write_issue, tmp_path, monkeypatch):
    source = write_issue()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = run("preview", str(source), "--page", "1", "--dpi", "36")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{tmp_path / 'build' / '2024-08-p1.png'}: page 1 of 2"
    assert not (tmp_path / "elsewhere" / "build").exists()


@pytest.mark.parametrize("args, files", [
    (["--page", "last"], ["2024-08-p2.png"]),
    (["--pages", "last"], ["2024-08-p2.png"]),
    (["--pages", "2-last"], ["2024-08-p2.png"]),
    (["--pages", "1-last"], ["2024-08-p1.png", "2024-08-p2.png"]),
    (["--page", "1", "--pages", "last"], ["2024-08-p1.png", "2024-08-p2.png"]),
])
def test_last_is_the_last_page(write_issue, tmp_path, args, files):
    result = run("preview", str(write_issue()), *args, "--dpi", "36", "-o", f"{tmp_path}/shots/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == files
    assert result.stdout.strip().splitlines()[-1].endswith("page 2 of 2")


def test_a_range_from_past_the_last_page_is_out_of_range(write_issue):
    result = run("preview", str(write_issue()), "--pages", "3-last")
    assert result.exit_code == 2 and "page 3 is out of range: the issue has 2 pages" in result.stderr


@pytest.mark.parametrize("page", ["x", "0", "2-3", "lastt"])
def test_a_page_that_is_neither_a_number_nor_last_is_bad_usage(write_issue, page):
    result = run("preview", str(write_issue()), "--page", page)
    assert result.exit_code == 2 and "Error:" in result.stderr


def test_pdf_writes_the_page_alone(write_issue, tmp_path):
    target = tmp_path / "p2.pdf"
    assert run("preview", str(write_issue()), "--page", "2", "--pdf", "-o", str(target)).exit_code == 0
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 1
        assert "市人大常委会召开会议" in pdf.pages[0].extract_text()


def test_several_pages_go_to_a_pattern_or_a_folder(write_issue, tmp_path):
    source = write_issue()
    assert run("preview", str(source), "--pages", "1-2", "-o", str(tmp_path / "p{page}.png")).exit_code == 0
    assert (tmp_path / "p1.png").is_file() and (tmp_path / "p2.png").is_file()
    assert run("preview", str(source), "--page", "1", "--page", "2", "-o", f"{tmp_path}/shots/").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == ["2024-08-p1.png", "2024-08-p2.png"]


def test_several_pages_into_one_file_is_bad_usage(write_issue, tmp_path):
    result = run("preview", str(write_issue()), "--pages", "1,2", "-o", str(tmp_path / "one.png"))
    assert result.exit_code == 2 and "{page}" in result.stderr
    assert not (tmp_path / "one.png").exists()


def test_page_out_of_range_says_how_many_pages_there_are(write_issue, tmp_path):
    result = run("preview", str(write_issue()), "--page", "3", "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 2
    assert "page 3 is out of range: the issue has 2 pages" in result.stderr
    assert not (tmp_path / "p.png").exists()


@pytest.mark.parametrize("pages", ["2-", "x", "0", "3-1", "1,,2", "-2", "1-1000000000", "last-2", "0-last", "la"])
def test_malformed_page_list_is_bad_usage(write_issue, pages):
    result = run("preview", str(write_issue()), "--pages", pages)
    assert result.exit_code == 2 and "Error:" in result.stderr


def test_page_zero_is_bad_usage(write_issue):
    assert run("preview", str(write_issue()), "--page", "0").exit_code == 2


def test_bad_source_exits_1_with_a_positioned_error(write_issue, tmp_path):
    source = write_issue(MINIMAL.replace("total: 696", "total: x"))
    result = run("preview", str(source), "--page", "1", "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 1
    assert "2024-08.yaml:2:8: error: the total number (总期号) must be a positive whole number" in result.stderr
    assert not (tmp_path / "p.png").exists()


@pytest.mark.parametrize("text, pages", [("2,4-5", [2, 4, 5]), (" 3 , 1", [1, 3]), ("2-3,3", [2, 3]),
                                         ("last", [9]), ("7-last", [7, 8, 9]), ("1,last", [1, 9]),
                                         ("last-last", [9]), ("12-last", [12])])
def test_parse_pages(text, pages):
    assert parse_pages(text).resolve(9) == pages


def test_last_is_resolved_by_the_page_count():
    asked = parse_pages("2-last")
    assert asked.resolve(2) == [2] and asked.resolve(4) == [2, 3, 4]


def test_parse_pages_names_the_bad_item():
    with pytest.raises(PageError, match="'x'"):
        parse_pages("1,x")
