"""Where the PDF goes, and a build stopped half-way: inputs and the previous PDF are never harmed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .harness import FONTS, MINIMAL, ROOT, TIME_LIMIT, ink_on_paper, paiban, refused, scratch, sound, with_style


def target(archive, kind: str) -> str:
    """Make what the case needs in the scratch archive; the -o argument."""
    folder, out = archive.folder, archive.output.parent
    if kind == "the-source":
        return str(archive.issue)
    if kind == "publication-yaml":
        return str(archive.publication)
    if kind == "a-folder":
        return str(out)
    if kind == "a-folder-with-slash":
        return str(out) + "/"
    if kind == "under-a-file":
        return str(archive.output / "x.pdf")
    if kind == "a-text-file":
        (out / "notes.txt").write_text("keep me\n", encoding="utf-8")
        return str(out / "notes.txt")
    if kind == "symlink-to-the-source":
        (out / "link.pdf").symlink_to(archive.issue)
        return str(out / "link.pdf")
    if kind == "hard-link-to-the-source":
        os.link(archive.issue, out / "hard.pdf")
        return str(out / "hard.pdf")
    if kind == "a-font-in-use-named-pdf":
        shutil.copy(FONTS / "FandolFang-Regular.ttf", folder / "body.pdf")
        archive.publication.write_text(with_style("font_body: [body.pdf, NotoSerifCJKsc-Regular.ttf]"),
                                       encoding="utf-8")
        return str(folder / "body.pdf")
    if kind == "a-shipped-font":
        return str(FONTS / "FandolFang-Regular.ttf")
    if kind == "empty-name":
        return ""
    if kind == "read-only-file-system":
        return "/proc/paiban-test.pdf"
    if kind == "name-of-256-bytes":
        return str(out / ("x" * 252 + ".pdf"))
    raise AssertionError(kind)


REFUSED = {
    "the-source": (2, "is an input of the build"),
    "publication-yaml": (2, "is an input of the build"),
    "a-folder": (2, "directory"),
    "a-folder-with-slash": (2, "directory"),
    "under-a-file": (1, "error"),
    "a-text-file": (2, "exists and is not a PDF file"),
    "symlink-to-the-source": (2, "is an input of the build"),
    "hard-link-to-the-source": (2, "is an input of the build"),
    "a-font-in-use-named-pdf": (2, "is a font file this issue uses"),
    "a-shipped-font": (2, "exists and is not a PDF file"),
    "empty-name": (2, "is a folder"),
    "read-only-file-system": (1, "error"),
    "name-of-256-bytes": (1, "error"),
}


@pytest.mark.parametrize("kind", list(REFUSED), ids=list(REFUSED))
def test_output_refused(tmp_path, kind):
    """An output that would harm an input, or cannot be written: refused, every file as it was."""
    archive = scratch(tmp_path)
    output = target(archive, kind)
    archive.snapshot()
    run = paiban("build", archive.issue, "-o", output, cwd=tmp_path)
    status, words = REFUSED[kind]
    refused(run, archive, status=status, where=words)
    if kind == "read-only-file-system":
        assert not Path(output).exists()


@pytest.mark.parametrize("kind", ["missing-folders", "name-of-255-bytes", "newline-in-name", "leading-dash"])
def test_output_written(tmp_path, kind):
    """Odd but writable outputs: the PDF is written there, sound, and nothing else changes."""
    archive = scratch(tmp_path)
    out = archive.output.parent
    output = {"missing-folders": out / "a" / "b" / "issue.pdf", "name-of-255-bytes": out / ("x" * 251 + ".pdf"),
              "newline-in-name": out / "two\nlines.pdf", "leading-dash": out / "-issue.pdf"}[kind]
    run = paiban("build", archive.issue, "-o", output, cwd=tmp_path)
    sound(run, 0)
    assert archive.changed() == []
    ink_on_paper(output)


def test_previous_pdf_kept_on_a_failed_build(tmp_path):
    """A real previous PDF, then a build that fails: the previous PDF is byte for byte the same."""
    archive = scratch(tmp_path)
    sound(archive.build(), 0)
    archive.issue.write_text(MINIMAL.replace("number: 8", "number: x"), encoding="utf-8")
    archive.snapshot()
    refused(archive.build(), archive, where="2024-08.yaml:1:9")
    ink_on_paper(archive.output)


def test_output_is_the_input_in_preview(tmp_path):
    """preview -o naming the source: bad usage, the source kept."""
    archive = scratch(tmp_path)
    run = paiban("preview", archive.issue, "--page", "1", "-o", archive.issue, cwd=tmp_path)
    refused(run, archive, status=2, where="is an input of the build")


# ---------------------------------------------------------------- signals

LONG = MINIMAL.replace("会议指出，要坚持问题导向，推动工作落实。", "市人大常委会召开第十九次会议，听取和审议有关报告。" * 3000)


@pytest.mark.parametrize("signum,delay", [(signal.SIGTERM, 0.05), (signal.SIGTERM, 0.4), (signal.SIGTERM, 0.8),
                                          (signal.SIGTERM, 1.2), (signal.SIGINT, 0.6)],
                         ids=["SIGTERM-at-once", "SIGTERM-0.4s", "SIGTERM-0.8s", "SIGTERM-1.2s", "SIGINT-0.6s"])
def test_signal_mid_build(tmp_path, signum, delay):
    """Stopped at some moment of a long build: no temporary left, and the PDF is the previous one or a whole new one."""
    archive = scratch(tmp_path, issue=LONG)
    process = subprocess.Popen([sys.executable, "-m", "typeset", "build", str(archive.issue), "-o",
                                str(archive.output)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PAIBAN_LANG": "en", "PYTHONPATH": str(ROOT)})
    time.sleep(delay)
    process.send_signal(signum)
    try:
        _out, err = process.communicate(timeout=TIME_LIMIT)
    finally:
        process.kill()
    assert "Traceback" not in err
    assert not list(tmp_path.rglob(".paiban-*"))
    assert archive.changed() in ([], [archive.output])
    if process.returncode == 0:
        ink_on_paper(archive.output)
    else:
        assert process.returncode in (128 + signum, -signum), err  # -signum: stopped before Python ran the code
        assert archive.changed() == []
