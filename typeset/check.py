"""Check issue sources while editing: everything the build validates, plus the editor's checklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .build import Laid, lay_out
from .diagnostics import Diagnostic, Report, SourceError, display_path
from .layout import Typesetter
from .source import Issue, Located, Loader, all_texts

PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〈": "〉", "「": "」", "『": "』", "〔": "〕"}
OPENERS = {closing: opening for opening, closing in PAIRS.items()}
MAX_TITLE_LINES = 2


def check(paths: list[Path], strict: bool = False) -> list[Diagnostic]:
    """The findings of every issue, file by file; with `strict`, warnings count as errors."""
    found = [finding for path in paths for finding in check_issue(path)]
    return [replace(d, severity="error") for d in found] if strict else found


def check_issue(path: Path) -> list[Diagnostic]:
    """What the build would refuse or warn about, then the checklist once the issue lays out."""
    report = Report()
    try:
        laid = lay_out(path, report)
    except SourceError:
        return report.items
    issue = laid.issue
    for text in all_texts(issue) + footer_texts(issue):
        check_pairs(text, report)
    check_titles(laid, report)
    check_footer(laid, report)
    check_neighbours(issue, read_neighbours(issue), report)
    return sorted(report.items, key=source_order)


def source_order(diagnostic: Diagnostic) -> tuple:
    """Sort key: file, line, column; findings without a place first."""
    where = diagnostic.position
    return (where.file, where.line, where.column) if where else ("", 0, 0)


def footer_texts(issue: Issue) -> list[Located]:
    """The footer's printed texts (they may come from publication.yaml)."""
    footer = issue.footer
    return [*footer.report, *footer.send, *footer.issue_to, *filter(None, (footer.editor, footer.phone))]


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

@dataclass(frozen=True)
class Neighbour:
    """Another issue of the same archive folder: its file name, number, total and date."""

    name: str
    number: int
    total: int
    date: dt.date


def read_neighbours(issue: Issue) -> list[Neighbour]:
    """The other issues of the folder whose number, total and date can be read, by total."""
    found = []
    for path in sorted(issue.path.parent.glob("*.yaml")):
        if path.name != "publication.yaml" and path.resolve() != issue.path.resolve():
            found += filter(None, [read_neighbour(path)])
    return sorted(found, key=lambda n: n.total)


def read_neighbour(path: Path) -> Neighbour | None:
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
    return Neighbour(display_path(path), number, total, date)


def is_count(value) -> bool:
    """A positive whole number (and not a YAML boolean)."""
    return type(value) is int and value > 0


def check_neighbours(issue: Issue, others: list[Neighbour], report: Report) -> None:
    """Findings where number, total or date disagree with the other issues of the folder."""
    check_total(issue, others, report)
    check_date(issue, others, report)
    check_number(issue, others, report)


def previous(issue: Issue, others: list[Neighbour]) -> Neighbour | None:
    """The issue with the highest total below this one's."""
    earlier = [n for n in others if n.total < issue.total]
    return earlier[-1] if earlier else None


def check_total(issue: Issue, others: list[Neighbour], report: Report) -> None:
    """A total must be new and follow the previous issue's."""
    where = issue.positions["total"]
    same = [n for n in others if n.total == issue.total]
    if same:
        report.error(where, f"total {issue.total} is also the total of {same[0].name}",
                     f"give this issue its own total; the highest in the folder is {others[-1].total}",
                     "total-repeat")
        return
    before = previous(issue, others)
    if before and issue.total > before.total + 1:
        report.warn(where, f"total {issue.total} leaves a gap: the issue before it, {before.name}, "
                    f"is 总第{before.total}期", f"use total: {before.total + 1}, or add the missing issues to the folder",
                    "total-gap")


def check_date(issue: Issue, others: list[Neighbour], report: Report) -> None:
    """An issue is not dated before the issue before it."""
    before = previous(issue, others)
    if before and issue.date < before.date:
        report.error(issue.positions["date"], f"date {issue.date} is earlier than {before.date}, "
                     f"the date of the issue before it ({before.name}, 总第{before.total}期)",
                     "check the date, or the totals if the issues are out of order", "date-order")


def check_number(issue: Issue, others: list[Neighbour], report: Report) -> None:
    """Numbers count the issues of a year from 1, one by one."""
    where = issue.positions["number"]
    year = issue.date.year
    repeated = [n for n in others if n.date.year == year and n.number == issue.number]
    if repeated:
        report.error(where, f"number {issue.number} of {year} is also the number of {repeated[0].name}",
                     "give this issue the next number of the year", "number-repeat")
        return
    before = previous(issue, others)
    if before is None:
        return
    if before.date.year == year:
        expected = before.number + 1
    elif issue.total == before.total + 1:
        expected = 1
    else:
        return  # issues are missing in between: where the year's count starts cannot be told
    told = f"the issue before it, {before.name}, is 第{before.number}期 of {before.date.year}"
    if issue.number > expected:
        report.warn(where, f"number {issue.number} skips {expected}: {told}",
                    f"use number: {expected}, or add the missing issues to the folder", "number-gap")
    elif issue.number < expected:
        report.error(where, f"number {issue.number} goes back: {told}",
                     f"use number: {expected}", "number-order")
