"""Where outputs go by default: a build/ folder beside the archive folder, wherever the command runs."""

from __future__ import annotations

import os
from pathlib import Path

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
