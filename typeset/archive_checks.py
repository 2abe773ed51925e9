"""Archive-wide checks: total numbers, per-year numbers and dates, across every issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Position, display_path
from .i18n import _, ngettext

CHECKED_KEYS = ("number", "total", "date")
# Numbering findings the editor must fix; a gap may just mean issues missing from the folder.
NUMBERING_ERRORS = {"total-repeated", "number-repeated", "number-order", "date-order"}


@dataclass(frozen=True)
class Facts:
    """What the archive-wide checks need of one issue, and where its keys stand."""

    number: int
    total: int
    date: dt.date
    at: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)  # key -> (line, column)

    @classmethod
    def of(cls, issue) -> Facts:
        """The facts of a loaded Issue."""
        at = {key: (where.line, where.column) for key, where in issue.positions.items() if key in CHECKED_KEYS}
        return cls(issue.number, issue.total, issue.date, at)

    def as_json(self) -> dict:
        """The facts as JSON-ready data."""
        return {"number": self.number, "total": self.total, "date": self.date.isoformat(),
                "at": {key: list(place) for key, place in self.at.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Facts:
        """Facts read back from as_json()."""
        at = {key: tuple(place) for key, place in data.get("at", {}).items()}
        return cls(data["number"], data["total"], dt.date.fromisoformat(data["date"]), at)


Known = tuple[Path, Facts]


def check_archive(issues: list[Known]) -> list[Diagnostic]:
    """Repeated or missing numbers and dates out of order, in total-number order, each as bad as severity() says."""
    ordered = sorted(issues, key=lambda known: (known[1].total, known[1].date, known[0].name))
    pairs = list(zip(ordered, ordered[1:]))
    return total_findings(pairs) + date_findings(pairs) + number_findings(ordered)


def total_findings(pairs: list[tuple[Known, Known]]) -> list[Diagnostic]:
    """Total numbers that repeat (reported at both issues) or skip."""
    found = []
    for (before, earlier), (source, facts) in pairs:
        if facts.total == earlier.total:
            found += [finding(one, one_facts, "total",
                              _("total number {total} repeats that of {other}").format(total=facts.total, other=other.name),
                              _("each issue has a total number (总第…期) of its own"), "total-repeated")
                      for (one, one_facts), other in (((source, facts), before), ((before, earlier), source))]
        elif facts.total > earlier.total + 1:
            found.append(finding(source, facts, "total",
                                 ngettext("total number {numbers} is missing between {before} and this issue",
                                          "total numbers {numbers} are missing between {before} and this issue",
                                          facts.total - 1 - earlier.total).format(
                                     numbers=span(earlier.total + 1, facts.total - 1), before=before.name),
                                 _("check the total number, or add the missing issues"), "total-missing"))
    return found


def date_findings(pairs: list[tuple[Known, Known]]) -> list[Diagnostic]:
    """Dates earlier than that of the issue with the next lower total number."""
    return [finding(source, facts, "date",
                    _("date {date} is earlier than {earlier} of {before}, which has a lower total number ({total})")
                    .format(date=facts.date, earlier=earlier.date, before=before.name, total=earlier.total),
                    _("check the date or the total number"), "date-order")
            for (before, earlier), (source, facts) in pairs if facts.date < earlier.date]


def number_findings(ordered: list[Known]) -> list[Diagnostic]:
    """Per-year numbers that do not count 1, 2, 3 … in total-number order."""
    years: dict[int, list[Known]] = {}
    for known in ordered:
        years.setdefault(known[1].date.year, []).append(known)
    found = []
    for year, issues in years.items():
        source, facts = issues[0]
        if year != min(years) and facts.number != 1:
            found.append(finding(source, facts, "number",
                                 ngettext("number {numbers} of {year} is missing before this issue",
                                          "numbers {numbers} of {year} are missing before this issue",
                                          facts.number - 1).format(numbers=span(1, facts.number - 1), year=year),
                                 _("numbers start again at 1 each year"), "number-missing"))
        found += [item for pair in zip(issues, issues[1:]) for item in number_step(year, *pair)]
    return found


def number_step(year: int, earlier: Known, later: Known) -> list[Diagnostic]:
    """What is wrong between two issues of a year that follow each other; a repeat is reported at both."""
    (before, first), (source, facts) = earlier, later
    if facts.number == first.number:
        return [finding(one, one_facts, "number",
                        _("number {number} of {year} repeats that of {other}").format(
                            number=facts.number, year=year, other=other.name),
                        _("each issue of a year has a number of its own"), "number-repeated")
                for (one, one_facts), other in (((source, facts), before), ((before, first), source))]
    if facts.number > first.number + 1:
        return [finding(source, facts, "number",
                        ngettext("number {numbers} of {year} is missing between {before} and this issue",
                                 "numbers {numbers} of {year} are missing between {before} and this issue",
                                 facts.number - 1 - first.number).format(
                            numbers=span(first.number + 1, facts.number - 1), year=year, before=before.name),
                        _("use number: {number}, or add the missing issues").format(number=first.number + 1),
                        "number-missing")]
    if facts.number < first.number:
        return [finding(source, facts, "number",
                        _("number {number} of {year} comes after number {earlier} ({before})").format(
                            number=facts.number, year=year, earlier=first.number, before=before.name),
                        _("numbers rise with the total number within a year: use number: {number}").format(
                            number=first.number + 1),
                        "number-order")]
    return []


def span(low: int, high: int) -> str:
    """'3' or '3–5'."""
    return str(low) if low == high else f"{low}–{high}"


def finding(source: Path, facts: Facts, key: str, message: str, hint: str, code: str) -> Diagnostic:
    """A finding at the key's place in the issue's source."""
    line, column = facts.at.get(key, (1, 1))
    return Diagnostic(severity(code), Position(display_path(source), line, column), message, hint, code)


def severity(code: str) -> str:
    """How bad a numbering finding is, for check and rebuild alike: an error to fix, or a warning."""
    return "error" if code in NUMBERING_ERRORS else "warning"
