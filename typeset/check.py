"""Check issue sources while editing: everything the build validates, plus the editor's checklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import yaml

from .archive_checks import Facts, Known, check_archive
from .build import Laid, lay_out
from .diagnostics import Diagnostic, Report, SourceError, display_path
from .layout import Typesetter
from .source import Issue, Located, Loader, all_texts, load_publication

PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〈": "〉", "「": "」", "『": "』", "〔": "〕"}
OPENERS = {closing: opening for opening, closing in PAIRS.items()}
MAX_TITLE_LINES = 2
PUBLICATION = "publication.yaml"


def check(paths: list[Path], strict: bool = False) -> list[Diagnostic]:
    """The findings of every file, file by file, each once; with `strict`, warnings count as errors.

    publication.yaml is checked as a publication; its findings also come with each issue beside it,
    and are reported the first time only.
    """
    found = list(dict.fromkeys(finding for path in paths for finding in check_file(path)))
    return [replace(d, severity="error") for d in found] if strict else found


def check_file(path: Path) -> list[Diagnostic]:
    """The findings of a publication.yaml or of an issue."""
    return check_publication(path) if path.name == PUBLICATION else check_issue(path)


def check_publication(path: Path) -> list[Diagnostic]:
    """What is wrong with a publication.yaml, read as a publication."""
    report = Report()
    load_publication(path, report)
    return sorted(report.items, key=source_order)


def check_issue(path: Path) -> list[Diagnostic]:
    """What the build would refuse or warn about, then the checklist once the issue lays out."""
    report = Report()
    try:
        laid = lay_out(path, report)
    except SourceError:
        return report.items
    review(laid, report)
    return sorted(report.items, key=source_order)


def review(laid: Laid, report: Report, numbering: bool = True) -> None:
    """The editor's checklist on a laid-out issue; `build` and `check` both run it, so they agree."""
    issue = laid.issue
    for text in all_texts(issue) + issue.footer.texts():
        check_pairs(text, report)
    check_titles(laid, report)
    check_labels(laid, report)
    check_footer(laid, report)
    if numbering:
        check_numbering(issue, report)


def source_order(diagnostic: Diagnostic) -> tuple:
    """Sort key: file, line, column; findings without a place first."""
    where = diagnostic.position
    return (where.file, where.line, where.column) if where else ("", 0, 0)


# ---------------------------------------------------------------- brackets and quotes

def check_pairs(text: Located, report: Report) -> None:
    """An error for every quote or bracket that is not closed, or closes nothing, within one text."""
    value = text.value
    waiting: list[int] = []  # offsets of the opening marks not closed yet
    for offset, char in enumerate(value):
        if char in PAIRS:
            waiting.append(offset)
        elif char in OPENERS:
            matches = [i for i, at in enumerate(waiting) if value[at] == OPENERS[char]]
            if not matches:
                report.error(text.position(offset), f"'{char}' closes nothing: there is no '{OPENERS[char]}' before it",
                             f"add the opening '{OPENERS[char]}' or remove this '{char}'", "unpaired")
                continue
            for at in waiting[matches[-1] + 1:]:
                unclosed(text, at, report)
            del waiting[matches[-1]:]
    for at in waiting:
        unclosed(text, at, report)


def unclosed(text: Located, offset: int, report: Report) -> None:
    """The error for an opening mark without its closing one."""
    char = text.value[offset]
    report.error(text.position(offset), f"'{char}' is never closed",
                 f"add the closing '{PAIRS[char]}' in the same paragraph or title, or remove this '{char}'",
                 "unpaired")


# ---------------------------------------------------------------- layout

def check_titles(laid: Laid, report: Report) -> None:
    """An error for a title the layout wraps into more than two lines."""
    setter = Typesetter(laid.style, laid.fonts)
    per_line = int(laid.style.measure // laid.style.title_size)
    for section in laid.issue.sections:
        for article in section.articles:
            lines = sum(row.kind == "title" for row in setter.title(article.title))
            if lines > MAX_TITLE_LINES:
                report.error(article.title.position(), f"the title wraps into {lines} lines; "
                             f"at most {MAX_TITLE_LINES} suit the house style",
                             f"shorten it to about {MAX_TITLE_LINES * per_line} characters", "long-title")


def check_labels(laid: Laid, report: Report) -> None:
    """A warning for a section label too long for the TOC's label column (the titles move right)."""
    style = laid.style
    room = style.toc_title_column - style.toc_label_inset - 1
    for section in laid.issue.sections:
        if len(section.label.value) > room:
            report.warn(section.label.position(), f"the label is {len(section.label.value)} characters; the table of "
                        f"contents has room for {room}, so every title there moves right to make space",
                        f"shorten it to {room} characters, or widen style: toc_title_column", "long-label")


def check_footer(laid: Laid, report: Report) -> None:
    """A warning when the footer did not fit the last page of text and took a page of its own."""
    if laid.spare_lines is None:
        return
    pages, lines = len(laid.pages), laid.footer_lines
    short = lines - laid.spare_lines
    report.warn(last_text(laid.issue).position(),
                f"the footer takes {lines} lines but page {pages - 1} has {laid.spare_lines} left, "
                f"so it goes to a page of its own (page {pages})",
                f"cut about {short} line{'s' if short != 1 else ''} of text to save the page, or accept it",
                "footer-page")


def last_text(issue: Issue) -> Located:
    """The last paragraph of the issue: where cutting saves a page."""
    last = issue.sections[-1]
    if last.briefs:
        return last.briefs[-1].paragraph.source
    return last.articles[-1].paragraphs[-1].source


# ---------------------------------------------------------------- the archive

def check_numbering(issue: Issue, report: Report) -> None:
    """The archive-wide numbering checks over this issue and the others of its folder, about this issue."""
    mine = display_path(issue.path)
    for finding in check_archive([(issue.path, Facts.of(issue))] + read_neighbours(issue)):
        if finding.position.file == mine:
            report.items.append(finding)


def read_neighbours(issue: Issue) -> list[Known]:
    """The other issues of the folder whose number, total and date can be read."""
    found = []
    for path in sorted(issue.path.parent.glob("*.yaml")):
        if path.name != PUBLICATION and path.resolve() != issue.path.resolve():
            found += filter(None, [read_neighbour(path)])
    return found


def read_neighbour(path: Path) -> Known | None:
    """An issue's number, total and date, or None when they cannot be read (its own check says why)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    number, total, date = data.get("number"), data.get("total"), data.get("date")
    if not (is_count(number) and is_count(total) and type(date) is dt.date):
        return None
    return path, Facts(number, total, date)


def is_count(value) -> bool:
    """A positive whole number (and not a YAML boolean)."""
    return type(value) is int and value > 0
