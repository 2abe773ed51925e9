"""`paiban rebuild`: failures isolated and summarised, reproducible PDFs, busy folders, killed runs."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from typeset.archive import LOCK, MANIFEST
from typeset.cli import main
from bench.synthetic import make_archive


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args))


def complete(pdf: Path) -> bool:
    """True when the file is a whole PDF: it ends with %%EOF and a PDF reader opens every page."""
    data = pdf.read_bytes()
    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
        return False
    try:
        import pypdfium2
    except ImportError:
        return b"trailer" in data[-1024:] or b"startxref" in data[-1024:]
    document = pypdfium2.PdfDocument(data)
    try:
        return len(document) > 0 and all(document[i].get_width() > 0 for i in range(len(document)))
    finally:
        document.close()


def test_a_broken_source_fails_alone_and_is_named_with_line_and_column(tmp_path):
    sources = make_archive(tmp_path / "issues", 6, seed=5)
    broken = sources[3]
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("- title:", "- tittle:", 1), encoding="utf-8")
    line = text.splitlines().index(next(l for l in text.splitlines() if "- title:" in l)) + 1
    out = tmp_path / "build"
    result = run("rebuild", str(tmp_path / "issues"), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 1
    assert sorted(p.stem for p in out.glob("*.pdf")) == sorted(p.stem for p in sources if p != broken)
    assert "6 issues: 5 built, 0 up to date, 1 failed" in result.stdout
    assert f"failed: {broken}:{line}:5: error: unknown key 'tittle' in an article" in result.stdout
    assert "did you mean 'title'?" in result.stderr


def test_a_broken_publication_stops_the_run_once_with_its_place(tmp_path):
    make_archive(tmp_path / "issues", 3)
    publication = tmp_path / "issues" / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8") + "stlye: {}\n", encoding="utf-8")
    result = run("rebuild", str(tmp_path / "issues"), "-o", str(tmp_path / "build"))
    assert result.exit_code == 1
    line = len(publication.read_text(encoding="utf-8").splitlines())  # the appended line
    assert f"{publication}:{line}:1: error: unknown key 'stlye' in the publication" in result.stderr
    assert "nothing was built" in result.stderr and not list((tmp_path / "build").glob("*.pdf"))


def test_force_gives_byte_identical_pdfs_whichever_worker_builds_them(tmp_path):
    make_archive(tmp_path / "issues", 4, seed=9)
    out = tmp_path / "build"
    assert run("rebuild", str(tmp_path / "issues"), "-o", str(out), "-j", "2").exit_code == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    result = run("rebuild", str(tmp_path / "issues"), "-o", str(out), "-j", "1", "--force")
    assert result.exit_code == 0 and "4 built" in result.stdout
    assert {p.name: p.read_bytes() for p in out.glob("*.pdf")} == first


def test_a_busy_output_folder_is_refused_with_exit_1(tmp_path):
    make_archive(tmp_path / "issues", 2)
    out = tmp_path / "build"
    out.mkdir()
    with open(out / LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run("rebuild", str(tmp_path / "issues"), "-o", str(out))
    assert result.exit_code == 1 and "is busy: another paiban rebuild is writing to it" in result.stderr


def test_a_repeated_total_is_an_error_with_its_place_as_check_says(tmp_path):
    sources = make_archive(tmp_path / "issues", 3, seed=2)
    sources[2].write_text(sources[2].read_text(encoding="utf-8").replace("total: 3", "total: 2"), encoding="utf-8")
    result = run("rebuild", str(tmp_path / "issues"), "-o", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert f"{sources[2]}:3:8: error: total number 2 repeats that of {sources[1].name}" in result.stderr
    assert "3 built" in result.stdout and "the numbering has errors" in result.stdout
    checked = run("check", "--format", "json", *map(str, sources))
    assert checked.exit_code == 1
    assert {f["severity"] for f in json.loads(checked.stdout) if f["code"] == "total-repeated"} == {"error"}


def test_a_gap_in_the_totals_is_a_warning_and_the_run_succeeds(tmp_path):
    sources = make_archive(tmp_path / "issues", 3, seed=2)
    sources[2].write_text(sources[2].read_text(encoding="utf-8").replace("total: 3", "total: 5"), encoding="utf-8")
    result = run("rebuild", str(tmp_path / "issues"), "-o", str(tmp_path / "build"))
    assert result.exit_code == 0, result.output
    assert f"{sources[2]}:3:8: warning: total numbers 3–4 are missing" in result.stderr
    assert "the numbering has errors" not in result.stdout


def test_the_default_folders_are_issues_and_build(tmp_path, monkeypatch):
    make_archive(tmp_path / "issues", 1)
    monkeypatch.chdir(tmp_path)
    result = run("rebuild")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "2000-01.pdf").is_file() and (tmp_path / "build" / MANIFEST).is_file()


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=["SIGKILL", "SIGTERM", "SIGHUP"])
def test_a_killed_run_leaves_only_complete_pdfs_and_the_next_run_finishes(tmp_path, stop):
    folder, out = tmp_path / "issues", tmp_path / "build"
    make_archive(folder, 20, seed=4)
    command = [sys.executable, "-m", "typeset", "rebuild", str(folder), "-o", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    built = 0
    while built < 4 and (line := process.stderr.readline()):
        built += " built " in line
    process.send_signal(stop)
    process.communicate(timeout=30)
    assert process.returncode == (-signal.SIGKILL if stop == signal.SIGKILL else 128 + stop)
    assert no_process_left(process.pid)
    pdfs = sorted(out.glob("*.pdf"))
    assert 4 <= len(pdfs) < 20
    assert all(complete(pdf) for pdf in pdfs)

    result = run("rebuild", str(folder), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "20 issues: " in result.stdout and "0 failed" in result.stdout
    assert len(list(out.glob("*.pdf"))) == 20 and all(complete(pdf) for pdf in out.glob("*.pdf"))
    assert not list(out.glob(".*.tmp"))
    assert "0 built, 20 up to date" in run("rebuild", str(folder), "-o", str(out)).stdout


def no_process_left(group: int, seconds: float = 10) -> bool:
    """True once no process of the killed run's process group remains (the workers die with it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_the_default_output_is_beside_the_archive_from_any_working_folder(tmp_path, monkeypatch):
    make_archive(tmp_path / "issues", 1)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = run("rebuild", str(tmp_path / "issues"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "2000-01.pdf").is_file() and not (tmp_path / "elsewhere" / "build").exists()
