"""Where outputs go by default: a build/ folder beside the archive folder, wherever the command runs."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .i18n import _

BUILD = "build"


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


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same existing file, compared by identity (links and all)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def what_is(path: Path) -> str | None:
    """What stands at a path that is no regular file, in words; None when nothing does."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _("a symbolic link that loops")
        return _("a symbolic link to nothing") if path.is_symlink() else None
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return None if stat.S_ISREG(mode) else _("a special file")
