"""Saving an issue's source: atomically, only over the version the editor saw, with backups and undo."""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..files import write_atomically

STATE_FOLDER = ".paiban"  # inside the archive folder; not an issue source (rebuild reads only *.yaml at the top)
KEPT_BACKUPS = 20


class Conflict(Exception):
    """The file on disk is not the version the edit was made on: nothing was written."""

    def __init__(self, disk_text: str, disk_version: str):
        super().__init__(_("the file was changed on disk since it was opened; nothing was overwritten"))
        self.disk_text = disk_text
        self.disk_version = disk_version


@dataclass(frozen=True)
class Saved:
    """A version written: its text and digest."""

    text: str
    version: str


def version_of(data: bytes) -> str:
    """The digest that names one version of a file."""
    return hashlib.sha256(data).hexdigest()[:20]


class Store:
    """One issue's source file, its backups and the lock that orders its writes."""

    def __init__(self, path: Path, archive: Path):
        self.path = path
        self.backups = archive / STATE_FOLDER / "backups" / path.stem
        self.kept = archive / STATE_FOLDER / "kept"
        self.lock = threading.Lock()

    def read(self) -> Saved:
        """The file as it is on disk now."""
        data = self.path.read_bytes()
        return Saved(data.decode("utf-8", errors="replace"), version_of(data))

    def save(self, text: str, base: str) -> Saved:
        """Write `text` over the version `base`, keeping that version as a backup; Conflict otherwise."""
        with self.lock:
            current = self.checked(base)
            if current.text == text:
                return current
            self.back_up(current.text)
            return self.write(text)

    def undo(self, base: str) -> Saved:
        """Put back the newest backup over the version `base`; the backup is used up."""
        with self.lock:
            self.checked(base)
            newest = self.history()
            if not newest:
                raise LookupError(_("there is nothing to undo"))
            text = newest[-1].read_text(encoding="utf-8")
            newest[-1].unlink()
            return self.write(text)

    def keep_both(self, text: str) -> Path:
        """Write the editor's version beside the backups, leaving the file on disk as it is."""
        self.kept.mkdir(parents=True, exist_ok=True)
        target = free_name(self.kept, f"{self.path.stem}-{time.strftime('%Y%m%d-%H%M%S')}")
        atomic_write(target, text)
        return target

    def checked(self, base: str) -> Saved:
        """The file now, when it is still version `base`."""
        current = self.read()
        if current.version != base:
            raise Conflict(current.text, current.version)
        return current

    def write(self, text: str) -> Saved:
        """Replace the file atomically."""
        atomic_write(self.path, text)
        return self.read()

    def back_up(self, text: str) -> None:
        """Keep a version among the last KEPT_BACKUPS."""
        self.backups.mkdir(parents=True, exist_ok=True)
        atomic_write(self.backups / f"{time.time_ns()}.yaml", text, durable=False)  # the file itself is flushed
        for old in self.history()[:-KEPT_BACKUPS]:
            old.unlink(missing_ok=True)

    def history(self) -> list[Path]:
        """The backups, oldest first."""
        if not self.backups.is_dir():
            return []
        return sorted(self.backups.glob("*.yaml"), key=lambda path: int(path.stem) if path.stem.isdigit() else 0)


def free_name(folder: Path, stem: str) -> Path:
    """<stem>.yaml in the folder, or <stem>-1.yaml, -2 ... when it is taken."""
    for number in itertools.count():
        target = folder / f"{stem}{f'-{number}' if number else ''}.yaml"
        if not target.exists():
            return target


def atomic_write(target: Path, text: str, durable: bool = True) -> None:
    """Write a text file by renaming a temporary over it, flushed to the disk first when `durable`."""
    write_atomically(text.encode("utf-8"), target, durable)
