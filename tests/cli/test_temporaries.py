"""Temporary files: short names beside the target, removed on SIGTERM, and stale ones swept away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from typeset.cli import main
from typeset.files import temporary_for

ROOT = Path(__file__).resolve().parents[2]
DEAD_PID = 999999999  # above any pid_max Linux allows

# Runs the CLI with os.fsync held up: the temporary is written and waits for its rename.
SLOW_WRITE = textwrap.dedent("""\
    import os, sys, time
    from typeset import cli

    def slow_fsync(fd):
        print("writing", file=sys.stderr, flush=True)
        time.sleep(60)

    os.fsync = slow_fsync
    sys.argv = ["paiban", *sys.argv[1:]]
    cli.run()
""")


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args))


def temporaries(folder: Path) -> list[Path]:
    """The temporaries left in a folder."""
    return sorted(folder.glob(".paiban-*.tmp"))


def test_an_output_name_of_255_bytes_builds(write_issue, tmp_path):
    name = "杭" * 83 + "ab.pdf"
    assert len(name.encode()) == 255
    result = run("build", str(write_issue()), "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")
    assert not temporaries(tmp_path)


def test_a_preview_named_with_255_bytes_is_written(write_issue, tmp_path):
    name = "杭" * 83 + "ab.png"
    result = run("preview", str(write_issue()), "--page", "1", "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_a_temporary_is_short_and_beside_its_target(tmp_path):
    target = tmp_path / ("报" * 85)
    with temporary_for(target) as temporary:
        temporary.write_bytes(b"x")
        assert temporary.parent == tmp_path and len(temporary.name) < 40
    assert not temporary.exists()


@pytest.mark.parametrize("command", ["build", "preview", "watch"])
def test_sigterm_during_a_write_removes_the_temporary_and_exits_143(write_issue, tmp_path, command):
    source, out = write_issue(), tmp_path / "out"
    out.mkdir()
    target = out / ("a.png" if command == "preview" else "a.pdf")
    extra = ["--page", "1"] if command == "preview" else []
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITE, command, str(source), "-o", str(target), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        while (line := process.stderr.readline()) and line.strip() != "writing":
            pass
        assert line.strip() == "writing", process.stderr.read()
        assert temporaries(out), "the write should be under way"
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert not temporaries(out) and not target.exists()


def test_the_next_build_removes_stale_temporaries_and_keeps_live_ones(write_issue, tmp_path):
    stale = tmp_path / f".paiban-{DEAD_PID}-0.tmp"
    live = tmp_path / ".paiban-1-0.tmp"  # process 1 is always running
    stale.write_bytes(b"%PDF-1.4 half")
    live.write_bytes(b"%PDF-1.4 still being written")
    result = run("build", str(write_issue()), "-o", str(tmp_path / "a.pdf"))
    assert result.exit_code == 0, result.output
    assert not stale.exists() and live.exists()


def test_files_that_only_look_like_temporaries_are_kept(write_issue, tmp_path):
    kept = [tmp_path / f".paiban-{DEAD_PID}.tmp", tmp_path / f"paiban-{DEAD_PID}-0.tmp",
            tmp_path / f".paiban-{DEAD_PID}-0.tmp.bak"]
    for path in kept:
        path.write_bytes(b"mine")
    assert run("build", str(write_issue()), "-o", str(tmp_path / "a.pdf")).exit_code == 0
    assert all(path.exists() for path in kept)
