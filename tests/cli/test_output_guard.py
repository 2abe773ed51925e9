"""`-o` never destroys an input: sources, publication.yaml, fonts and other files are refused with exit 2."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from typeset.cli import main

FONTS = Path(__file__).resolve().parents[2] / "fonts"


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args))


def test_output_naming_the_source_is_refused_and_the_source_kept(write_issue):
    source = write_issue()
    before = source.read_bytes()
    result = run("build", str(source), "-o", str(source))
    assert result.exit_code == 2
    assert source.read_bytes() == before


def test_output_naming_the_source_is_refused_in_a_real_process(write_issue):
    source = write_issue()
    before = source.read_bytes()
    done = subprocess.run([sys.executable, "-m", "typeset", "build", str(source), "-o", str(source)],
                          capture_output=True)
    assert done.returncode == 2
    assert source.read_bytes() == before


def test_output_naming_publication_yaml_is_refused(write_issue):
    source = write_issue()
    publication = source.parent / "publication.yaml"
    before = publication.read_bytes()
    assert run("build", str(source), "-o", str(publication)).exit_code == 2
    assert publication.read_bytes() == before


def test_output_naming_a_font_is_refused(write_issue):
    source = write_issue()
    font = FONTS / "NotoSerifCJKsc-Regular.ttf"
    before = font.stat().st_size, font.stat().st_mtime_ns
    assert run("build", str(source), "-o", str(font)).exit_code == 2
    assert (font.stat().st_size, font.stat().st_mtime_ns) == before


def test_output_naming_an_existing_text_file_is_refused(write_issue, tmp_path):
    source = write_issue()
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    assert run("build", str(source), "-o", str(notes)).exit_code == 2
    assert notes.read_text() == "keep me"


def test_output_to_dev_null_leaves_it_a_device(write_issue):
    source = write_issue()
    assert run("build", str(source), "-o", os.devnull).exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_symlink_output_keeps_the_link_and_updates_its_target(write_issue, tmp_path):
    source = write_issue()
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert run("build", str(source), "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_bytes().startswith(b"%PDF-") and real.read_bytes() != b"%PDF-old"


def fonts_named_pdf(archive: Path) -> Path:
    """Give the scratch archive a copy of the body font named 正文.pdf, and have its publication use it."""
    font = archive / "正文.pdf"
    shutil.copy(FONTS / "FandolFang-Regular.ttf", font)
    publication = archive / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    publication.write_text(text.replace("style:\n", "style:\n  font_body: [正文.pdf, NotoSerifCJKsc-Regular.ttf]\n"),
                           encoding="utf-8")
    return font


def identity(path: Path) -> tuple:
    """What shows a file unchanged: its inode, size, modification time and bytes."""
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_font_in_use_named_pdf_is_refused_and_kept(write_issue, archive):
    source, font = write_issue(), fonts_named_pdf(archive)
    before = identity(font)
    result = run("build", str(source), "-o", str(font))
    assert result.exit_code == 2
    assert "is a font file this issue uses" in result.stderr
    assert identity(font) == before


def test_a_hard_link_to_a_font_in_use_is_refused(write_issue, archive, tmp_path):
    source, font = write_issue(), fonts_named_pdf(archive)
    link = tmp_path / "out.pdf"
    os.link(font, link)
    before = identity(font)
    assert run("build", str(source), "-o", str(link)).exit_code == 2
    assert identity(font) == before


def test_a_symlink_to_a_shipped_font_named_pdf_is_refused(write_issue, tmp_path):
    font = FONTS / "NotoSerifCJKsc-Regular.ttf"
    link = tmp_path / "out.pdf"
    link.symlink_to(font)
    before = identity(font)
    assert run("build", str(write_issue()), "-o", str(link)).exit_code == 2
    assert identity(font) == before and link.is_symlink()


def test_a_font_that_is_not_used_may_be_overwritten(write_issue, tmp_path):
    spare = tmp_path / "spare.pdf"
    shutil.copy(FONTS / "LXGWWenKai-Regular.ttf", tmp_path / "spare.pdf")
    assert run("build", str(write_issue()), "-o", str(spare)).exit_code == 0
    assert spare.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("output", ["{font}", "{folder}/正{page}.pdf"], ids=["file", "pattern"])
def test_preview_refuses_a_font_in_use_as_output(write_issue, archive, output):
    source, font = write_issue(), fonts_named_pdf(archive)
    font = font.rename(archive / "正1.pdf")
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("正文.pdf", "正1.pdf"), encoding="utf-8")
    before = identity(font)
    target = output.format(font=font, folder=archive, page="{page}")
    result = run("preview", str(source), "--pdf", "--page", "1", "-o", target)
    assert result.exit_code == 2, result.output
    assert identity(font) == before


def test_a_dpi_of_nan_is_bad_usage(write_issue):
    from click.testing import CliRunner

    from typeset.cli import main

    result = CliRunner().invoke(main, ["preview", str(write_issue()), "--dpi", "nan"])
    assert result.exit_code == 2 and "nan is not a number" in result.output and result.exception.__class__ is SystemExit


def test_an_epoch_past_the_year_9999_is_an_error_not_a_traceback(write_issue, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from typeset.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999999")
    result = CliRunner().invoke(main, ["build", str(write_issue()), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1 and "SOURCE_DATE_EPOCH=99999999999999999999 is not a time" in result.output
    assert not (tmp_path / "out.pdf").exists()
