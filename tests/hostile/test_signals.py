"""Signals from outside, as real processes: a hang-up mid-command, and Ctrl-C while the modules still load."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from .harness import MINIMAL, ROOT, TIME_LIMIT, no_temporaries, scratch

LONG = MINIMAL.replace("会议指出，要坚持问题导向，推动工作落实。", "市人大常委会召开第十九次会议，听取和审议有关报告。" * 3000)
ENVIRONMENT = {**os.environ, "PAIBAN_LANG": "en", "PYTHONPATH": str(ROOT)}
PROJECT_FRAME = re.compile(r'File "[^"]*/typeset/')  # a traceback line in one of the project's files


def spawn(*args: str | Path, cwd: Path, launcher: tuple[str, ...] = ("-m", "typeset")) -> subprocess.Popen:
    """Start paiban with these arguments, its output captured."""
    return subprocess.Popen([sys.executable, *launcher, *map(str, args)], cwd=cwd, env=ENVIRONMENT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def catches(pid: int, signum: int) -> bool:
    """True once the process has a handler of its own for the signal (the SigCgt mask of /proc/PID/status)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask, 16) >> (signum - 1) & 1)


def until_caught(process: subprocess.Popen, signum: int) -> None:
    """Wait until the running command handles the signal itself, so that it is the command the signal meets."""
    deadline = time.monotonic() + TIME_LIMIT
    while not catches(process.pid, signum):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.005)


def finished(process: subprocess.Popen) -> str:
    """What the process printed on stderr once it ended, within the time limit."""
    try:
        return process.communicate(timeout=TIME_LIMIT)[1]
    finally:
        process.kill()


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", ["build", "watch"])
def test_hang_up_mid_build(tmp_path, command):
    """SIGHUP during a long build: exit 129, no traceback, no temporary left, the previous PDF as it was."""
    archive = scratch(tmp_path, issue=LONG)
    process = spawn(command, archive.issue, "-o", archive.output, cwd=tmp_path)
    until_caught(process, signal.SIGHUP)
    assert process.poll() is None
    process.send_signal(signal.SIGHUP)
    err = finished(process)
    assert "Traceback" not in err, err
    assert process.returncode == 128 + signal.SIGHUP, err
    assert archive.changed() == []
    no_temporaries(archive)


def test_hang_up_while_serving(tmp_path):
    """SIGHUP to the workbench: it shuts down and exits 129, without a traceback, as on SIGTERM with 143."""
    archive = scratch(tmp_path)
    process = spawn("serve", archive.folder, "--port", free_port(), cwd=tmp_path)
    until_caught(process, signal.SIGHUP)
    process.send_signal(signal.SIGHUP)
    err = finished(process)
    assert "Traceback" not in err, err
    assert process.returncode == 128 + signal.SIGHUP, err
    assert archive.changed() == []


def console_script() -> tuple[str, ...]:
    """`python -c` running the console script the way the installed wrapper does, from pyproject.toml's entry."""
    entry = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["paiban"]
    module, function = entry.split(":")
    return "-c", f"import sys\nfrom {module} import {function}\nsys.exit({function}())"


LAUNCHERS = {"console-script": console_script(), "python-m": ("-m", "typeset")}
DELAYS = (0.0, 0.005, 0.01, 0.02, 0.04, 0.07, 0.1, 0.15, 0.25, 0.4)  # s after the spawn


@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_ctrl_c_while_loading(tmp_path, launcher):
    """SIGINT right after the start, at growing delays: exit 130 quietly, or a normal finish, never a traceback."""
    archive = scratch(tmp_path)
    endings = []
    for delay in DELAYS:
        process = spawn("build", archive.issue, "-o", archive.output, cwd=tmp_path, launcher=LAUNCHERS[launcher])
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        err = finished(process)
        assert not PROJECT_FRAME.search(err), err
        if "Traceback" in err:  # the interpreter's own start-up (site, runpy), before the project's first line
            continue
        assert "KeyboardInterrupt" not in err and "Aborted" not in err, err
        # -SIGINT: the signal came before the interpreter had its handler, and ended it as any program
        assert process.returncode in (128 + signal.SIGINT, 0, -signal.SIGINT), (process.returncode, err)
        if process.returncode:
            assert archive.changed() == []
        no_temporaries(archive)
        endings.append(process.returncode)
    assert 128 + signal.SIGINT in endings, endings
