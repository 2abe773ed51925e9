"""Append imported articles or briefs to a section of an issue, in place, keeping its comments and layout.

The file is read and written by ruamel.yaml's round trip, with the indentation that gives the file
back unchanged; the result is written to a temporary beside it, checked as `paiban check` checks
it, and renamed over the issue only when it brings no new error. A section that still holds only
the placeholder of `paiban new` has it replaced.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Position, display_path
from ..i18n import _
from .emit import dumps, engine, entries
from .model import Picture

LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0), (3, 5, 2))  # mapping, sequence, offset
PLACEHOLDER = "【待填"
IMAGES = "images"  # the folder of figures' images, in the archive folder


class IntoError(Exception):
    """Why the issue was left unchanged: a message, or the findings the result would have."""

    def __init__(self, message: str, findings: list[Diagnostic] | None = None, usage: bool = False):
        super().__init__(message)
        self.findings = findings or []
        self.usage = usage


@dataclass(frozen=True)
class Appended:
    """What was added: how many items, to which section, and whether a placeholder was replaced."""

    count: int
    label: str
    key: str
    replaced: bool


def load_round_trip(path: Path):
    """The issue's data and the writer that gives its text back byte for byte."""
    from ruamel.yaml import YAMLError

    text = path.read_text(encoding="utf-8")
    for layout in LAYOUTS:
        yaml = engine(*layout)
        try:
            data = yaml.load(text)
        except YAMLError as problem:
            raise IntoError(_("{path} cannot be read as YAML ({problem}); run paiban check on it first").format(
                path=path, problem=str(problem).splitlines()[0])) from None
        if dumps(data, yaml) == text:
            return data, yaml, text
    raise IntoError(_("{path} is laid out in a way that could not be kept (indentation or quoting); "
                      "paste the printed YAML by hand instead").format(path=path))


def find_section(data, label: str, path: Path):
    """The section with this label, or an error at the sections: key naming the labels there are."""
    sections = data.get("sections") if hasattr(data, "get") else None
    labels = [str(s.get("label")) for s in sections or [] if hasattr(s, "get")]
    for section in sections or []:
        if hasattr(section, "get") and str(section.get("label", "")).strip() == label.strip():
            return section
    finding = Diagnostic("error", key_position(data, "sections", path),
                         _("the issue has no section labelled '{label}'").format(label=label),
                         _("use --section with one of: {labels}").format(labels="、".join(labels) or _("(none)")),
                         "section")
    raise IntoError(str(finding), usage=True)


def require_section(path: Path, label: str) -> None:
    """Stop before anything is read when the issue cannot be appended to, or has no such section."""
    data, _yaml, _text = load_round_trip(path)
    find_section(data, label, path)


def key_position(data, key: str, path: Path) -> Position:
    """Where a key of a mapping stands in the file (line and column from 1)."""
    try:
        line, column = data.lc.key(key)
        return Position(display_path(path), line + 1, column + 1)
    except (AttributeError, KeyError, TypeError):
        return Position(display_path(path), 1, 1)


def is_placeholder(item) -> bool:
    """An article or brief still as `paiban new` wrote it."""
    return hasattr(item, "get") and any(str(item.get(key, "")).startswith(PLACEHOLDER) for key in ("title", "text"))


def append(path: Path, label: str, articles: list, briefs: list) -> Appended:
    """Add the items to the section, atomically; the issue is never left half-written."""
    data, yaml, before = load_round_trip(path)
    section = find_section(data, label, path)
    key = "briefs" if briefs else "articles"
    other = "articles" if briefs else "briefs"
    if key not in section:
        raise IntoError(_("section '{label}' holds {other}, not {key}; {hint}").format(
            label=label, other=other, key=key,
            hint=_("import without --briefs") if briefs else _("import with --briefs")), usage=True)
    items = section[key]
    saved = save_pictures(path, articles)
    try:
        return add(path, data, yaml, before, items, entries(articles, briefs), label, key)
    except BaseException:
        for written in saved:
            written.unlink(missing_ok=True)
        raise


def add(path: Path, data, yaml, before: str, items, new: list, label: str, key: str) -> Appended:
    """The new items into the section's list, and the issue written if it passes."""
    replaced = bool(items) and all(is_placeholder(item) for item in items)
    if items:
        move_following_comments(items[-1], new[-1], replaced)
    if replaced:
        del items[:]
    items.extend(new)
    write_checked(path, dumps(data, yaml), before)
    return Appended(len(new), label, key, replaced)


def save_pictures(issue: Path, articles: list) -> list[Path]:
    """Each article's pictures written into images/ of the archive folder, as <issue>-<n>.<kind>, n the
    first number free; their paths set on them. The files written, to remove if the import fails."""
    folder = issue.resolve().parent
    written: list[Path] = []
    number = 1
    for article in articles:
        for picture in (item for item in article.paragraphs if isinstance(item, Picture)):
            (folder / IMAGES).mkdir(exist_ok=True)
            while True:
                target = folder / IMAGES / f"{issue.stem}-{number}.{'jpg' if picture.kind == 'jpeg' else 'png'}"
                number += 1
                try:
                    with target.open("xb") as out:
                        out.write(picture.data)
                    break
                except FileExistsError:
                    continue
            written.append(target)
            picture.path = f"{IMAGES}/{target.name}"
    return written


def move_following_comments(old, new, replacing: bool) -> None:
    """The comment lines after an item (ruamel keeps them on its last key) move to the item now last,
    so they stay where they were in the file; the old key's end-of-line note stays with it. A replaced
    placeholder's own comment lines (indented as its keys, like `# lead: 西湖区`) go with it."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.scalarstring import LiteralScalarString
    from ruamel.yaml.tokens import CommentToken

    last_old, last_new = list(old)[-1], list(new)[-1]
    comment = old.ca.items.get(last_old)
    token = comment[2] if comment and len(comment) > 2 else None
    if token is None:
        return
    if isinstance(old[last_old], LiteralScalarString):  # a block ends with its line break: all that follows
        note, following = "", token.value
    else:
        note, _newline, following = token.value.partition("\n")
    if replacing:
        column = old.lc.col or 0
        following = "".join(line for line in following.splitlines(True) if len(line) - len(line.lstrip(" ")) < column)
    if not following.strip():
        return
    if note:
        token.value = note + "\n"
    else:
        del old.ca.items[last_old]
    lead = "" if isinstance(new[last_new], LiteralScalarString) else "\n"
    new.ca.items[last_new] = [None, None, CommentToken(lead + following, CommentMark(0), None), None]


def write_checked(path: Path, text: str, before: str) -> None:
    """Write the new text beside the issue, check it, and rename it over the issue only if it adds no error
    and the issue still reads as `before` (no one saved it meanwhile)."""
    import shutil

    from ..files import temporary_for

    real = path.resolve()  # a link to the issue stays a link; the file it names is replaced
    with temporary_for(real) as temporary:
        temporary.write_text(text, encoding="utf-8")
        shutil.copymode(real, temporary)
        added = new_errors(findings(real), findings(temporary))
        if added:
            shown = [Diagnostic(d.severity, d.position and Position(display_path(path), d.position.line,
                                                                      d.position.column), d.message, d.hint, d.code)
                     for d in added]
            raise IntoError(_("{path} was left unchanged: the imported text would not pass paiban check").format(
                path=path), shown)
        if real.read_text(encoding="utf-8") != before:
            raise IntoError(_("{path} was saved by someone else during the import; it was left as they saved it: "
                              "run the import again").format(path=path))
        os.replace(temporary, real)


def findings(path: Path) -> list[Diagnostic]:
    """The errors paiban check finds in an issue, its numbering across the folder aside."""
    from ..build import lay_out
    from ..check import review
    from ..diagnostics import Report, SourceError

    report = Report()
    try:
        review(lay_out(path, report), report, numbering=False)
    except SourceError:
        pass
    return report.errors


def new_errors(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """The errors of `after` that `before` did not have (by code and message, places aside)."""
    seen = Counter((d.code, d.message) for d in before)
    added = []
    for finding in after:
        if seen[(finding.code, finding.message)]:
            seen[(finding.code, finding.message)] -= 1
        else:
            added.append(finding)
    return added
