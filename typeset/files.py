"""Files: where outputs go, temporaries beside their targets, atomic writes, stamps, digests, caches and locks.

A temporary has a short name of its own, `.paiban-<pid>-<n>.tmp`, so that a target whose name
takes the whole 255 bytes a file system allows can still be written; it lives in the target's
folder, so that renaming it over the target is atomic.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import itertools
import os
import re
import signal
import stat as modes
import threading
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from .i18n import _

BUILD = "build"
PREFIX = ".paiban-"
TEMPORARY = re.compile(r"^\.paiban-(\d+)-\d+\.tmp$")  # .paiban-<pid>-<n>.tmp
EARLIER_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp$")  # .<name>.<pid>.tmp, as earlier versions named them
_serial = itertools.count()  # tells apart the temporaries of one process

CACHE_LIMIT = 64 << 20  # bytes: a cache file larger than this is not read
SEAL_BYTES = 32  # the SHA-256 before a cache file's contents
Stamp = tuple[int, int]  # a file's size and modification time (ns)


# ---------------------------------------------------------------- where outputs go

def build_folder(archive: Path) -> Path:
    """build/ beside the archive folder: issues/ gives build/ next to issues/."""
    return shown(Path(os.path.abspath(archive)).parent / BUILD)


def default_output(source: Path, suffix: str = ".pdf") -> Path:
    """<archive's parent>/build/<name><suffix> for an issue source."""
    return build_folder(source.parent) / f"{source.stem}{suffix}"


def shown(path: Path) -> Path:
    """An absolute path relative to the working folder when it lies inside it, else as it is."""
    try:
        return path.relative_to(os.path.abspath(os.getcwd()))
    except ValueError:
        return path


def what_is(path: Path) -> str | None:
    """What stands at a path that is no regular file, in words; None when nothing does."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _("a symbolic link that loops")
        return _("a symbolic link to nothing") if path.is_symlink() else None
    if modes.S_ISDIR(mode):
        return _("a folder")
    if modes.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if modes.S_ISCHR(mode) or modes.S_ISBLK(mode):
        return _("a device")
    return None if modes.S_ISREG(mode) else _("a special file")


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same existing file, compared by identity (links and all)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


# ---------------------------------------------------------------- writing

def write_atomically(data: bytes, target: Path, durable: bool = True) -> None:
    """Write to a temporary file beside the target, then rename it into place.

    `durable` flushes the bytes to the disk before the rename, so that a crash leaves the
    old file or the new one, never an empty one; caches, which can be rebuilt, skip that.
    A device or FIFO is written as it stands: renaming over it would replace it with a file.
    """
    if target.exists() and not target.resolve().is_file():
        with open(target, "wb") as handle:
            handle.write(data)
        return
    target = target.resolve() if target.is_symlink() else target
    target.parent.mkdir(parents=True, exist_ok=True)
    with temporary_for(target) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)


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


def remove_stale(folder: Path, earlier: bool = False) -> None:
    """Delete the temporaries in the folder whose writer process is gone (a killed run's leftovers).

    With `earlier`, also those named as earlier versions named them (an output folder's).
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith("."):
            continue
        match = TEMPORARY.match(name) or (EARLIER_TEMPORARY.match(name) if earlier else None)
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


# ---------------------------------------------------------------- knowing a file again

def stamp(path: Path) -> Stamp | None:
    """A file's size and modification time (ns), or None when it cannot be looked at (missing, say)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


DIGEST_CHUNK = 1 << 20  # bytes read at a time: a digest never holds a whole file


def digest(path: Path, limit: int | None = None) -> str | None:
    """The SHA-256 of a file's bytes, or None when it is no regular file, is over `limit` bytes or cannot be
    read (the build then says why)."""
    hashed = hashlib.sha256()
    try:
        if not path.is_file() or (limit is not None and path.stat().st_size > limit):
            return None
        with open(path, "rb") as handle:
            while chunk := handle.read(DIGEST_CHUNK):
                hashed.update(chunk)
    except OSError:
        return None
    return hashed.hexdigest()


# ---------------------------------------------------------------- caches

def cache_file(path: Path, kind: str, version: str) -> Path | None:
    """Where facts of this exact file (by path, size and modification time) are cached; TYPESET_CACHE=off for none."""
    root = os.environ.get("TYPESET_CACHE", str(Path.home() / ".cache" / "typeset"))
    if root in ("", "off"):
        return None
    size, mtime = stamp(path) or (0, 0)
    key = f"{version}|{path.resolve()}|{size}|{mtime}"
    return Path(root) / f"{kind}-{hashlib.sha1(key.encode()).hexdigest()}.bin"


def read_cache(cached: Path | None) -> bytes | None:
    """The contents of a sealed cache file, or None when it is missing, no regular file, too large or damaged."""
    if cached is None or cached.is_symlink() or not cached.is_file():  # a FIFO or a device would be waited on
        return None
    try:
        with open(cached, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > CACHE_LIMIT:
                return None
            sealed = handle.read()
    except OSError:
        return None
    seal, data = sealed[:SEAL_BYTES], sealed[SEAL_BYTES:]
    return data if seal_of(cached, data) == seal else None


def store_cache(cached: Path | None, data: bytes) -> None:
    """Write a cache file atomically behind its seal, replacing whatever stood there (a link is not followed);
    a cache that cannot be written is skipped."""
    if cached is None:
        return
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with temporary_for(cached) as temporary:
            temporary.write_bytes(seal_of(cached, data) + data)
            os.replace(temporary, cached)
    except OSError:
        pass


def seal_of(cached: Path, data: bytes) -> bytes:
    """The SHA-256 of a cache file's name and contents: a damaged file, or one of another entry, does not match."""
    return hashlib.sha256(cached.name.encode() + b"\0" + data).digest()


# ---------------------------------------------------------------- locks and signals

class Busy(Exception):
    """Another process holds the lock."""


@contextmanager
def locked(path: Path):
    """Hold an exclusive lock on the file (created if need be) for the block; Busy if another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(path) from None
        yield


STOPPING = (signal.SIGTERM, signal.SIGHUP)  # `kill`, and the terminal closed under a running command


def exits_on_signals(command):
    """Run a command with SIGTERM and SIGHUP made SystemExit(128 + signal), so its finally blocks remove temporaries."""
    @wraps(command)
    def run(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
            return command(*args, **kwargs)
        previous = {signum: signal.signal(signum, leave) for signum in STOPPING}
        try:
            return command(*args, **kwargs)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, signal.SIG_DFL if handler is None else handler)

    return run


_ended_by: list[int] = []  # the signal that ended the command, once one has


def leave(signum: int, _frame) -> None:
    """Ignore further signals of the kind while cleaning up, then exit with 128 + the signal's number."""
    signal.signal(signum, signal.SIG_IGN)
    _ended_by.append(signum)
    raise SystemExit(128 + signum)


def leave_if_ended() -> None:
    """Exit as `leave` did when a signal ended the command and a library turned the exit into KeyboardInterrupt."""
    if _ended_by:
        raise SystemExit(128 + _ended_by[0])
