"""A submission dropped onto a section: checked as an upload, then read by `paiban import`'s code."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..i18n import _
from . import editing

MOST_BYTES = 10_000_000
KINDS = {".docx": b"PK\x03\x04", ".txt": b"", ".md": b""}  # accepted endings and how their files start
TEXTS = (".txt", ".md")  # read as UTF-8 text


class DropError(ValueError):
    """A dropped file that cannot be taken: its kind, its size, its text or the import's refusal."""


def check_upload(name: str, data: bytes) -> str:
    """The file's ending when it is a submission the workbench takes; DropError otherwise."""
    ending = Path(name or "").suffix.lower()
    if ending not in KINDS:
        raise DropError(_("only .docx, .txt and .md submissions can be dropped, not '{name}'").format(name=name[:80]))
    if not data.startswith(KINDS[ending]):
        raise DropError(_("'{name}' is not a Word document").format(name=name[:80]))
    if ending in TEXTS:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise DropError(_("'{name}' is not UTF-8 text").format(name=name[:80])) from None
    return ending


def import_into(text: str, section: int, name: str, data: bytes) -> tuple[str, list[str]]:
    """The source with the submission appended to a section (in place of a placeholder of `paiban new`),
    and the import's report of what it normalised."""
    from ..importing.emit import entries
    from ..importing.into import is_placeholder
    from ..importing.report import lines
    from ..importing.submission import SubmissionError, import_submission

    ending = check_upload(name, data)
    kind = editing.section_kind(text, section)
    shown = Path(name).name[:80]
    with tempfile.TemporaryDirectory() as folder:  # the import reads a file; it never lies in the archive
        submission = Path(folder) / f"submission{ending}"
        submission.write_bytes(data)
        try:
            made = import_submission(submission, briefs=kind == "briefs")
        except SubmissionError as problem:
            raise DropError(str(problem).replace(str(submission), shown)) from None
        except Exception as problem:  # a damaged file: python-docx and zipfile raise their own errors
            raise DropError(_("'{name}' cannot be read as a submission: {problem}").format(
                name=shown, problem=str(problem)[:200])) from None
    report = [line.replace(str(submission), shown) for line in lines(shown, made.changes, made.notes, False)]
    added = editing.append_items(text, section, kind, entries(made.articles, made.briefs), is_placeholder)
    return added, report
