"""One submission, read and made into articles or briefs, normalised, with every change and note."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from .model import Article, Brief, Note, Picture, Submission
from .normalise import Change, normalise

READABLE = (".docx", ".txt", ".md", ".markdown")


class SubmissionError(Exception):
    """A submission that cannot be read, with the reason in the user's language."""


@dataclass
class Imported:
    """What an import made: articles or briefs, the changes made to their text and the notes."""

    articles: list[Article] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def read(path: Path) -> Submission:
    """The blocks of a submission, by its kind of file."""
    from .convert import CONVERTED, ConvertError, as_docx

    suffix = path.suffix.lower()
    if not path.is_file():
        raise SubmissionError(_("{path}: file not found").format(path=path))
    if suffix in CONVERTED:
        from .docx import read_docx

        try:
            with as_docx(path) as converted:
                return read_docx(converted)
        except ConvertError as problem:
            raise SubmissionError(str(problem)) from None
    if suffix == ".docx":
        return read_word(path)
    if suffix in (".md", ".markdown"):
        from .text import read_markdown

        return read_markdown(path)
    if suffix == ".txt":
        from .text import read_text

        return read_text(path)
    raise SubmissionError(_("{path}: cannot import a {kind} file; give a .docx, .doc, .wps, .txt, .md or .pdf").format(
        path=path, kind=suffix or _("suffix-less")))


def read_word(path: Path) -> Submission:
    """A .docx, or a clear error when it is not one."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError

    from .docx import read_docx

    try:
        return read_docx(path)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as problem:
        message = _("{path}: not a Word .docx document ({reason})").format(path=path, reason=problem)
        raise SubmissionError(message) from None


def import_submission(path: Path, briefs: bool = False, everything: bool = True, figures: bool = False) -> Imported:
    """Read a submission into articles (or briefs) with normalised text; `everything` False keeps the text;
    `figures` keeps its JPEG and PNG pictures as figures (when they can be saved beside an issue)."""
    from .structure import articles_of, briefs_of

    submission = read(path)
    notes = list(submission.notes)
    made = Imported(notes=notes)
    if briefs:
        made.briefs = briefs_of(submission.blocks, notes)
    else:
        made.articles = articles_of(submission.blocks, notes)
    if not made.articles and not made.briefs:
        raise SubmissionError(_("{path}: no text found to import").format(path=path))
    for article in made.articles:
        article.title = tidy(article.title, "title", everything, made)
        article.more_title = [tidy(line, "title", everything, made) for line in article.more_title]
        article.paragraphs = [p for p in (tidy(p, "body", everything, made) for p in kept_pictures(
            article.paragraphs, figures, notes)) if isinstance(p, Picture) or p.text]
        article.byline = tidy(article.byline, "byline", everything, made)
    for brief in made.briefs:
        brief.text = tidy(brief.text, "body", everything, made)
        brief.byline = tidy(brief.byline, "byline", everything, made)
    made.changes.sort(key=lambda change: (change.place, change.char))
    return made


def kept_pictures(body: list, figures: bool, notes: list[Note]) -> list:
    """The body with the pictures a figure can show, if figures are wanted; a note for each left out."""
    kept = []
    for item in body:
        if not isinstance(item, Picture):
            kept.append(item)
        elif not figures:
            notes.append(Note(item.place, _("a picture was not imported; with --into it becomes a figure")))
        elif not item.printable:
            notes.append(Note(item.place, _("a picture in {kind} format was not imported: a figure needs JPEG "
                                            "or PNG").format(kind=item.kind.upper())))
        else:
            kept.append(item)
    return kept


def tidy(text, kind: str, everything: bool, made: Imported):
    """A text after normalisation, its changes recorded (a picture as it is)."""
    if text is None or isinstance(text, Picture):
        return text
    done, changes = normalise(text, kind, everything)
    made.changes += changes
    return done
