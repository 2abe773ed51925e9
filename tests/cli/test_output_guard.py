"""`-o` never destroys an input: sources, publication.yaml, fonts and other files are refused with exit 2."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

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
