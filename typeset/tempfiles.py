"""Temporary files beside the file they become, and commands that leave cleanly on SIGTERM.

A temporary has a short name of its own, `.paiban-<pid>-<n>.tmp`, so that a target whose name
takes the whole 255 bytes a file system allows can still be written; it lives in the target's
folder, so that renaming it over the target is atomic.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import threading
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

PREFIX = ".paiban-"
TEMPORARY = re.compile(r"^\.paiban-(\d+)-\d+\.tmp$")  # .paiban-<pid>-<n>.tmp
_serial = itertools.count()  # tells apart the temporaries of one process


@contextmanager
def temporary_for(target: Path):
    """A fresh temporary path beside `target`, removed when the block leaves unless it was renamed."""
    remove_stale(target.parent)
    temporary = target.parent / f"{PREFIX}{os.getpid()}-{next(_serial)}.tmp"
    try:
        yield temporary
    finally:
        discard(temporary)


def discard(path: Path) -> None:
    """Delete a file if it is there; one that cannot be deleted is left."""
    try:
        path.unlink()
    except OSError:
        pass


def remove_stale(folder: Path) -> None:
    """Delete the temporaries in the folder whose writer process is gone (a killed run's leftovers)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = TEMPORARY.match(name) if name.startswith(PREFIX) else None
        if match and not process_alive(int(match.group(1))):
            discard(folder / name)


def process_alive(pid: int) -> bool:
    """True when a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):  # no process can have such an id
        return False
    return True


def exits_on_sigterm(command):
    """Run a command with SIGTERM turned into SystemExit(143), so its finally blocks remove temporaries."""
    @wraps(command)
    def run(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
            return command(*args, **kwargs)
        previous = signal.signal(signal.SIGTERM, leave)
        try:
            return command(*args, **kwargs)
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)

    return run


def leave(signum: int, _frame) -> None:
    """Ignore further SIGTERMs while cleaning up, then exit with 128 + the signal's number."""
    signal.signal(signum, signal.SIG_IGN)
    raise SystemExit(128 + signum)
