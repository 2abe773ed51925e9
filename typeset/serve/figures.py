"""A picture added to an article from the editor: checked as an upload, saved under the archive's images/."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..i18n import _
from .guard import Refused, inside

MOST_BYTES = 10_000_000  # as a dropped submission
KINDS = {".png": (b"\x89PNG\r\n\x1a\n", ".png"), ".jpg": (b"\xff\xd8\xff", ".jpg"), ".jpeg": (b"\xff\xd8\xff", ".jpg")}
FOLDER = "images"


class FigureError(ValueError):
    """A picture that cannot be taken: its kind or its contents."""


def checked_ending(name: str, data: bytes) -> str:
    """The ending the picture is saved with when it is a PNG or JPEG file; FigureError otherwise."""
    kind = KINDS.get(Path(name or "").suffix.lower())
    if kind is None:
        raise FigureError(_("only .png and .jpg pictures can be added, not '{name}'").format(name=name[:80]))
    if not data.startswith(kind[0]):
        raise FigureError(_("'{name}' is not a PNG or JPEG picture").format(name=name[:80]))
    return kind[1]


def save_picture(archive: Path, name: str, data: bytes) -> Path:
    """Save the picture under a new generated name in the archive's images/ folder, never over a file;
    its path, relative to the archive."""
    ending = checked_ending(name, data)
    folder = archive / FOLDER
    if not inside(archive, folder):
        raise Refused(403, _("the archive's images folder leads outside the archive"))
    folder.mkdir(exist_ok=True)
    if not folder.is_dir() or not inside(archive, folder):
        raise Refused(403, _("the archive's images folder leads outside the archive"))
    for _attempt in range(10):
        target = folder / f"figure-{secrets.token_hex(6)}{ending}"
        try:
            handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except FileExistsError:
            continue
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return target
    raise Refused(409, _("no free name for the picture in the images folder"))
