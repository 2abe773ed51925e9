"""Start the next issue of an archive: its numbers, its date and its sections, with placeholders to fill in."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .archive_checks import Known
from .check import PLACEHOLDER
from .i18n import _
from .source import DATE_PATTERN, Loader

FIRST_LABEL = "要闻速递"  # the section of an issue whose sections cannot be read
TITLE = f"{PLACEHOLDER}：标题】"
BODY = f"{PLACEHOLDER}：正文】"
BYLINE = f"{PLACEHOLDER}：署名】"
MODELINE = "# yaml-language-server:"
NOTE_COLUMN = 34  # where the comments of a new source start


class NewError(Exception):
    """Why the next issue cannot be written; `usage` when the command line is at fault (exit 2), else bad input."""

    def __init__(self, message: str, usage: bool = True):
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Section:
    """A section to repeat: its label and whether it holds briefs."""

    label: str
    briefs: bool = False


@dataclass(frozen=True)
class NextIssue:
    """The facts of the issue to write."""

    number: int
    total: int
    date: dt.date
    sections: tuple[Section, ...]
    after: Path  # the issue it follows

    @property
    def name(self) -> str:
        """<year>-<number:02d>.yaml."""
        return f"{self.date.year}-{self.number:02d}.yaml"


def read_date(text: str) -> dt.date:
    """A --date value: a real date written YYYY-MM-DD."""
    match = DATE_PATTERN.match(text.strip())
    try:
        if match:
            return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise NewError(_("--date {date} is not a real date").format(date=text)) from None
    raise NewError(_("--date {date} is not a date written YYYY-MM-DD").format(date=text))


def issues_of(archive: Path) -> list[Known]:
    """The issues of the folder whose number, total and date can be read, in total-number order."""
    from .check import read_neighbour

    found = [read_neighbour(path) for path in sorted(archive.glob("*.yaml")) if path.name != "publication.yaml"]
    return sorted(filter(None, found), key=lambda known: (known[1].total, known[1].date, known[0].name))


def median_gap(issues: list[Known]) -> int | None:
    """The median number of days between consecutive issues, or None with fewer than two issues in order."""
    dates = [facts.date for _path, facts in issues]
    gaps = [(later - earlier).days for earlier, later in zip(dates, dates[1:]) if later > earlier]
    return round(statistics.median(gaps)) if gaps else None


def month_after(date: dt.date) -> dt.date:
    """The same day of the next month, or that month's last day when it is shorter."""
    year, month = (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def next_issue(archive: Path, date: dt.date | None = None) -> NextIssue:
    """The issue after the one of the folder with the highest total number."""
    issues = issues_of(archive)
    if not issues:
        raise NewError(_("{archive} holds no issue whose number, total and date can be read; "
                         "write the first issue by hand").format(archive=archive), usage=False)
    path, last = issues[-1]
    if date is None:
        gap = median_gap(issues)
        date = last.date + dt.timedelta(days=gap) if gap else month_after(last.date)
    elif date < last.date:
        raise NewError(_("--date {date} is before {last}, the date of {name}, the latest issue").format(
            date=date.isoformat(), last=last.date.isoformat(), name=path.name))
    number = 1 if date.year != last.date.year else last.number + 1
    return NextIssue(number, last.total + 1, date, sections_of(path), path)


def sections_of(path: Path) -> tuple[Section, ...]:
    """The section labels of an issue, in order, each with its kind; one 要闻速递 section when unreadable."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    found = []
    for section in (data.get("sections") if isinstance(data, dict) else None) or []:
        label = section.get("label") if isinstance(section, dict) else None
        if isinstance(label, str) and label.strip():
            found.append(Section(label.strip(), "briefs" in section and "articles" not in section))
    return tuple(found) or (Section(FIRST_LABEL),)


def scalar(text: str) -> str:
    """A string as a YAML value: plain when it reads back unchanged, else double-quoted."""
    try:
        if yaml.load(f"key: {text}", Loader=Loader) == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def masthead_of(archive: Path) -> str | None:
    """The masthead from the folder's publication.yaml, if it can be read."""
    try:
        data = yaml.load((archive / "publication.yaml").read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    masthead = data.get("masthead") if isinstance(data, dict) else None
    return masthead if isinstance(masthead, str) and masthead.strip() else None


def modeline_of(path: Path) -> str | None:
    """The schema modeline of an issue's first line, to keep in the next one."""
    try:
        with path.open(encoding="utf-8") as source:
            first = source.readline().rstrip("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return first if first.startswith(MODELINE) else None


def width(text: str) -> int:
    """Columns a text takes in a monospaced editor: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def noted(code: str, note: str, column: int = NOTE_COLUMN) -> str:
    """A line of YAML with a comment, the comments of a file lined up in one column."""
    return f"{code}{' ' * max(1, column - width(code))}# {note}"


def source_text(issue: NextIssue, masthead: str | None = None, modeline: str | None = None) -> str:
    """The YAML of the new issue, with comments telling the editor what to fill in."""
    date = issue.date
    lines = [modeline] if modeline else []
    lines += [
        f"# 《{masthead or '杭州人大信息'}》{date.year}年第{issue.number}期（总第{issue.total}期），"
        f"{date.year}年{date.month}月{date.day}日。",
        f"# 由 paiban new 按 {issue.after.name} 生成：把每个“{PLACEHOLDER}……】”换成正文，",
        "# 不用的栏目整段删去；paiban check 会列出尚未填写之处。",
        noted("edition: 普刊", "刊别，专刊等另行改写"),
        noted(f"number: {issue.number}", "期号（第N期），每年从1起"),
        noted(f"total: {issue.total}", "总期号（总第N期）"),
        noted(f"date: {date.isoformat()}", "出刊日期，YYYY-MM-DD"),
        noted("sections:", "栏目，按刊印顺序排列"),
    ]
    for section in issue.sections:
        lines.append(f"  - label: {scalar(section.label)}")
        if section.briefs:
            lines += [
                noted("    briefs:", "每条信息一项，可复制增加"),
                noted(f"      - text: {BODY}", "一条信息只写一段"),
                noted(f"        byline: {BYLINE}", "署名：单位 姓名，可删"),
                noted("        # lead: 西湖区", "可选：开头用黑体的地名或单位"),
            ]
        else:
            lines += [
                noted("    articles:", "每篇文章一项，可复制增加"),
                f"      - title: {TITLE}",
                noted(f"        byline: {BYLINE}", "署名：单位 姓名，可删"),
                noted("        body: |", "正文：段与段之间空一行，**……**内为黑体"),
                f"          {BODY}",
            ]
    lines += [
        noted("# footer:", "本期版记与 publication.yaml 不同时才写，例如："),
        "#   editor: 责任编辑姓名",
    ]
    return "\n".join(lines) + "\n"


def write_next(archive: Path, date: dt.date | None = None) -> Path:
    """Write the next issue's source into the folder and return its path; never overwrite a file."""
    issue = next_issue(archive, date)
    target = archive / issue.name
    text = source_text(issue, masthead_of(archive), modeline_of(issue.after))
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise NewError(_("{path} exists already; it was left unchanged").format(path=target)) from None
    return target
