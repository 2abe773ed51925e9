"""Closed output streams, bad options and environment, watch after an error: a message, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from .harness import (MINIMAL, PUBLICATION, ROOT, TIME_LIMIT, built, paiban, refused, scratch, sound, style_line,
                      with_style)

CLOSED = {
    "stdout-closed": {"preexec_fn": lambda: os.close(1), "stderr": subprocess.PIPE},
    "stderr-closed": {"preexec_fn": lambda: os.close(2), "stdout": subprocess.PIPE},
    "both-closed": {"preexec_fn": lambda: (os.close(1), os.close(2))},
}


STREAM_CASES = [(closed, command) for closed in CLOSED for command in ("build", "check")] + [
    ("stdout-closed", "schema"), ("stdout-closed", "help")]


@pytest.mark.parametrize("closed,command", STREAM_CASES, ids=[f"{closed}-{command}" for closed, command in STREAM_CASES])
def test_closed_stream(tmp_path, command, closed):
    """`>&-` or `2>&-`: the command does its work and exits as it would, with no traceback."""
    archive = scratch(tmp_path)
    args = {"build": ["build", archive.issue, "-o", archive.output], "check": ["check", archive.issue],
            "schema": ["schema"], "help": ["--help"]}[command]
    run = paiban(*args, cwd=tmp_path, capture_output=False, **CLOSED[closed])
    sound(run, 0)
    if command == "build":
        built(run, archive)


@pytest.mark.parametrize("command", ["build", "check", "schema", "help", "build-error"])
def test_reader_gone(tmp_path, command):
    """`| head -0`: the reader closed the pipe before anything was written; no traceback, the status stands."""
    archive = scratch(tmp_path, issue=MINIMAL.replace("number: 8", "number: x") if command == "build-error" else MINIMAL)
    args = {"build": ["build", archive.issue, "-o", archive.output], "check": ["check", archive.issue],
            "schema": ["schema"], "help": ["--help"],
            "build-error": ["build", archive.issue, "-o", archive.output]}[command]
    reading, writing = os.pipe()
    os.close(reading)
    try:
        run = paiban(*args, cwd=tmp_path, capture_output=False, stdout=writing, stderr=subprocess.PIPE)
    finally:
        os.close(writing)
    sound(run, 1 if command == "build-error" else 0)
    if command == "build":
        built(run, archive)


HUGE = 6 << 30  # bytes: a sparse file, so the test writes nothing to disc
MORE_KB = 50_000  # rebuild's worker process and its own state, over what a small build takes


@pytest.mark.parametrize("command", ["build", "check", "rebuild"])
def test_six_gigabyte_source(tmp_path, command):
    """A 6 GB source is refused at 1:1 before it is read: quickly, and in about the memory of a small build."""
    archive = scratch(tmp_path)
    baseline, _said, _seconds = measured(["build", archive.issue, "-o", tmp_path / "small.pdf"], tmp_path)
    huge = archive.folder / "2024-09.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(HUGE)
    args = {"build": ["build", huge, "-o", archive.output], "check": ["check", huge],
            "rebuild": ["rebuild", archive.folder, "-o", tmp_path / "built", "-j", "1"]}[command]
    peak, said, seconds = measured(args, tmp_path)
    assert "Traceback" not in said
    assert "2024-09.yaml:1:1: error: the file is larger than the limit of 5 MB" in said
    assert seconds < 10
    assert peak < baseline + MORE_KB, f"{peak} KB, a small build {baseline} KB"
    assert archive.changed() == []


def measured(args: list, cwd) -> tuple[int, str, float]:
    """Run paiban; its peak resident memory (KB), what it printed and its seconds.

    Linux counts the parent's peak into a child's, so only differences between two children say anything.
    """
    process = subprocess.Popen([sys.executable, "-m", "typeset", *map(str, args)], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PAIBAN_LANG": "en", "PYTHONPATH": str(ROOT)})
    said = Collected(process)
    stopper = threading.Timer(TIME_LIMIT, process.kill)
    stopper.start()
    started = time.monotonic()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    stopper.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    said.join()
    return usage.ru_maxrss, said.text(), seconds


def test_huge_source_date_epoch(tmp_path):
    """SOURCE_DATE_EPOCH past the year 9999: an error naming it, the previous PDF kept."""
    archive = scratch(tmp_path)
    run = archive.build(env={"SOURCE_DATE_EPOCH": "99999999999999999999"})
    refused(run, archive, where="SOURCE_DATE_EPOCH")


@pytest.mark.parametrize("epoch", ["", "abc", "253402300799"])
def test_odd_source_date_epoch(tmp_path, epoch):
    """Other SOURCE_DATE_EPOCH values build: ignored when they are no time, used when they are."""
    archive = scratch(tmp_path)
    built(archive.build(env={"SOURCE_DATE_EPOCH": epoch}), archive)


@pytest.mark.parametrize("dpi", ["nan", "inf", "-1", "0", "1e9", "abc"])
def test_preview_bad_dpi(tmp_path, dpi):
    """preview --dpi nan (or out of range): bad usage, exit 2, nothing written."""
    archive = scratch(tmp_path)
    run = paiban("preview", archive.issue, "--page", "1", "--dpi", dpi, "-o", tmp_path / "out" / "p.png",
                 cwd=tmp_path)
    refused(run, archive, status=2, where="--dpi")
    assert not (tmp_path / "out" / "p.png").exists()


def test_toc_title_the_body_font_lacks(tmp_path):
    """A title character the title font has and the body font (which sets the TOC) lacks: an error at it."""
    title = "市人大常委会召开会议丂"
    archive = scratch(tmp_path, issue=MINIMAL.replace("市人大常委会召开会议", title),
                      publication=with_style("font_body: [FandolFang-Regular.ttf]"))
    run = archive.build()
    line = MINIMAL.splitlines().index("      - title: 市人大常委会召开会议") + 1
    refused(run, archive, where=f"2024-08.yaml:{line}:{len('      - title: ') + len(title)}: error")
    assert "U+4E02" in run.stderr


WATCHED = [("publication.yaml", with_style("body_size: .inf"), f"publication.yaml:{style_line(with_style('x: 1'))}:"),
           ("publication.yaml", with_style("latin_gap: 100"), f"publication.yaml:{style_line(with_style('x: 1'))}:"),
           ("2024-08.yaml", MINIMAL + "extra: &r [*r]\n", f"2024-08.yaml:{len(MINIMAL.splitlines()) + 1}:12")]


@pytest.mark.parametrize("name,text,where", WATCHED, ids=["body_size-inf", "latin_gap-100", "recursive-alias"])
def test_watch_reports_and_keeps_watching(tmp_path, name, text, where):
    """watch with a refused source: the positioned error, then a build once the file is mended."""
    archive = scratch(tmp_path, **{"publication" if name == "publication.yaml" else "issue": text})
    watcher = subprocess.Popen([sys.executable, "-m", "typeset", "watch", str(archive.issue), "-o",
                                str(archive.output)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PAIBAN_LANG": "en", "PYTHONPATH": str(ROOT)})
    said = Collected(watcher)
    try:
        said.wait_for(where)
        assert watcher.poll() is None
        assert archive.output.read_bytes() == archive.before[archive.output]
        time.sleep(0.05)
        (archive.folder / name).write_text(PUBLICATION if name == "publication.yaml" else MINIMAL, encoding="utf-8")
        said.wait_for("2 pages")
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(TIME_LIMIT)
        said.join()
    assert watcher.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in said.text()
    assert archive.output.read_bytes().startswith(b"%PDF")
    assert archive.output.read_bytes() != archive.before[archive.output]


class Collected:
    """What a running process prints on both streams, read in threads."""

    def __init__(self, process: subprocess.Popen):
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.readers = [threading.Thread(target=self._read, args=(stream,), daemon=True)
                        for stream in (process.stdout, process.stderr)]
        for reader in self.readers:
            reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, words: str) -> None:
        """Block until a line holds the words, within the time limit."""
        with self.changed:
            met = self.changed.wait_for(lambda: any(words in line for line in self.lines), TIME_LIMIT)
        assert met, f"no '{words}' in {self.text()}"

    def text(self) -> str:
        return "".join(self.lines)

    def join(self) -> None:
        for reader in self.readers:
            reader.join(TIME_LIMIT)
