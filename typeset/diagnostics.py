"""Positioned errors and warnings, and how they print."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from .i18n import _

LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts
SNIPPET_WIDTH = 100  # terminal columns of source shown around the place


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
        lines = [self.headline(), *snippet(self.position)]
        if self.hint:
            lines.append("  " + _("hint: {hint}").format(hint=self.hint))
        return "\n".join(lines)

    def headline(self) -> str:
        """The first line: place, severity and message."""
        place = f"{self.position}: " if self.position else ""
        if self.severity == "error":
            return place + _("error: {message}").format(message=self.message)
        return place + _("warning: {message}").format(message=self.message)

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
    except (ValueError, RuntimeError, OSError):  # outside the folder; a symbolic link loop
        return str(path)


# ---------------------------------------------------------------- the source line under a message

def snippet(position: Position | None) -> list[str]:
    """The source line of a place with a caret under its column, as rustc and Typst show it."""
    if position is None:
        return []
    text = source_line(position.file, position.line)
    if text is None:
        return []
    shown, caret = visible(text, position.column)
    gutter = " " * len(str(position.line))
    return [f"{gutter} |", f"{position.line} | {shown}", f"{gutter} | {' ' * caret}^"]


def longest_line(path: Path) -> Position | None:
    """The start of a source file's longest line, where a paragraph too long to set would stand."""
    file = display_path(path)
    lines = file_lines(file)
    if not lines:
        return None
    number = max(range(len(lines)), key=lambda index: len(lines[index]))
    line = lines[number]
    return Position(file, number + 1, len(line) - len(line.lstrip()) + 1)


def source_line(file: str, line: int) -> str | None:
    """Line `line` (from 1) of a file, or None when the file or line cannot be read."""
    lines = file_lines(file)
    return lines[line - 1] if 0 < line <= len(lines) else None


def file_lines(file: str) -> tuple[str, ...]:
    """A regular file's lines, or none when it cannot be read."""
    try:
        status = os.stat(file)
    except (OSError, ValueError):
        return ()
    if not S_ISREG(status.st_mode):  # a FIFO or a device would be waited on or read forever
        return ()
    return _lines_of(file, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=8)
def _lines_of(file: str, _mtime: int, _size: int) -> tuple[str, ...]:
    """A file's lines, read once per version of the file."""
    try:
        with open(file, "rb") as handle:
            data = handle.read(5_000_001)
    except OSError:
        return ()
    return tuple(LINE_BREAKS.split(data.decode("utf-8", errors="replace")))


def visible(text: str, column: int) -> tuple[str, int]:
    """A line as a terminal can show it, and the terminal column of character `column` in it.

    Wide (Chinese) characters take two columns; a tab shows as one space; control and other
    invisible characters are named, as <U+001B>; a long line is cut to a window around the place.
    """
    cut = max(0, min(column - 1, len(text)) - SNIPPET_WIDTH)  # a window around the place: a line may be 5 MB
    text, column = text[cut:cut + 2 * SNIPPET_WIDTH + 1], column - cut
    pieces = [_shown_char(char) for char in text]
    index = min(max(column, 1), len(pieces) + 1) - 1
    widths = [width(piece) for piece in pieces]
    start = index
    while start > 0 and (sum(widths) <= SNIPPET_WIDTH or sum(widths[start - 1:index]) < SNIPPET_WIDTH // 3):
        start -= 1
    end = index
    while end < len(pieces) and sum(widths[start:end + 1]) <= SNIPPET_WIDTH:
        end += 1
    shown = ("…" if start else "") + "".join(pieces[start:end]) + ("…" if end < len(pieces) else "")
    return shown, (1 if start else 0) + sum(widths[start:index])


def _shown_char(char: str) -> str:
    """A character as printed in a snippet."""
    if char == "\t":
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return f"<U+{ord(char):04X}>"
    return char


def width(text: str) -> int:
    """The terminal columns a text takes: two for wide and full-width characters."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)
