"""Positioned errors and warnings, and how they print."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Position:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where, how bad, what is wrong and how to fix it."""

    severity: str  # "error" or "warning"
    position: Position | None
    message: str
    hint: str = ""
    code: str = ""

    def __str__(self) -> str:
        place = f"{self.position}: " if self.position else ""
        text = f"{place}{self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict:
        """The finding as plain JSON-ready data."""
        where = self.position
        return {
            "severity": self.severity,
            "code": self.code,
            "file": where.file if where else None,
            "line": where.line if where else None,
            "column": where.column if where else None,
            "message": self.message,
            "hint": self.hint,
        }


class SourceError(Exception):
    """Bad input: one or more positioned errors that stop the build."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


@dataclass
class Report:
    """Findings collected while loading and laying out an issue."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, position: Position | None, message: str, hint: str = "", code: str = "") -> None:
        """Record an error."""
        self.items.append(Diagnostic("error", position, message, hint, code))

    def warn(self, position: Position | None, message: str, hint: str = "", code: str = "") -> None:
        """Record a warning."""
        self.items.append(Diagnostic("warning", position, message, hint, code))

    @property
    def errors(self) -> list[Diagnostic]:
        """The findings that stop the build."""
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The findings that do not stop the build."""
        return [d for d in self.items if d.severity == "warning"]

    def raise_errors(self) -> None:
        """Raise SourceError if any error was recorded."""
        if self.errors:
            raise SourceError(self.errors)


def closest(word: str, choices) -> str | None:
    """The valid name closest to a misspelled one, if any is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return matches[0] if matches else None


def display_path(path: Path) -> str:
    """A path as the user gave it, relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
