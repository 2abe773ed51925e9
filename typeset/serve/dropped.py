"""A submission dropped onto a section: checked as an upload, then read by the import's code."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _

MOST_BYTES = 10_000_000
KINDS = {".docx": b"PK\x03\x04", ".txt": b""}  # accepted endings and how their files start


class DropError(ValueError):
    """A dropped file that cannot be taken: its kind, its size or its text."""


def check_upload(name: str, data: bytes) -> str:
    """The file's ending when it is a submission the workbench takes; DropError otherwise."""
    ending = Path(name or "").suffix.lower()
    if ending not in KINDS:
        raise DropError(_("only .docx and .txt submissions can be dropped, not '{name}'").format(name=name[:80]))
    if not data.startswith(KINDS[ending]):
        raise DropError(_("'{name}' is not a Word document").format(name=name[:80]))
    if ending == ".txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise DropError(_("'{name}' is not UTF-8 text").format(name=name[:80])) from None
    return ending


def import_into(text: str, section: int, name: str, data: bytes) -> tuple[str, list[str]]:
    """The source with the submission appended to a section, and the import's report lines."""
    check_upload(name, data)
    raise DropError(_("importing submissions is not available in this version of paiban"))
