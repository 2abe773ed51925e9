"""Why a source does not parse as YAML: the editor's slip, where it is, in words they can act on.

PyYAML notices a mistake where it can no longer go on, often a line later; each check here
looks at the raw text around that place for one kind of slip and points at the slip itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .i18n import _

BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as line breaks
NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LEAD = r"[ \t]*(?:-[ \t]+)*"  # indentation and list dashes
WORD = r"[A-Za-z_][A-Za-z0-9_-]*"  # what a key of a source looks like
LINE = re.compile(rf"(?P<lead>{LEAD})(?:(?P<key>[^\s:\"'#][^:]*?):(?=[ \t]|$)[ \t]*)?(?P<value>.*)")
FULL_WIDTH = re.compile(rf"{LEAD}(?P<key>{WORD})[ \t]*(?P<mark>：)")
NO_SPACE = re.compile(rf"{LEAD}(?P<key>{WORD})(?P<mark>:)(?=[^\s:])")
NO_COLON = re.compile(rf"{LEAD}(?P<key>{WORD})(?P<mark>)(?=[ \t]+[^\s:#]|[ \t]*$)")
BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(#.*)?$")  # the value that opens a | or > block
STARTERS = "*&!%@`[{"  # characters YAML reads as syntax at the start of a value
QUOTES = ("\"", "'")


@dataclass(frozen=True)
class Slip:
    """One diagnosis: where the slip is (line and column from 1), what it is and how to fix it."""

    line: int
    column: int
    message: str
    hint: str
    code: str


@dataclass(frozen=True)
class _Error:
    """A parse error seen against the raw lines: its marks as (line, column) from 0, and its words."""

    lines: list[str]
    problem: tuple[int, int] | None
    context: tuple[int, int] | None
    words: str

    def char(self, at: tuple[int, int] | None) -> str:
        """The character at a mark, or '' past the text."""
        if at is None or at[0] >= len(self.lines):
            return ""
        return self.lines[at[0]][at[1]:at[1] + 1]

    def slip(self, at: tuple[int, int], message: str, hint: str, code: str) -> Slip:
        """A diagnosis at a place, kept inside the file."""
        line = min(at[0], len(self.lines) - 1)
        column = at[1] if line == at[0] else len(self.lines[line])
        return Slip(line + 1, min(column, len(self.lines[line])) + 1, message, hint, code)


def diagnose(text: str, error: yaml.YAMLError) -> Slip:
    """The slip that made PyYAML raise `error` on `text`."""
    lines = BREAKS.split(text)
    if not isinstance(error, yaml.MarkedYAMLError):
        return _control(text) or _generic(_Error(lines, None, None, str(error)))
    seen = _Error(lines, _mark(error.problem_mark), _mark(error.context_mark),
                  f"{error.context or ''} / {error.problem or ''}")
    for check in (_tab, _unclosed_quote, _text_after_quote, _value_start, _dedented, _colon):
        found = check(seen)
        if found:
            return found
    return _generic(seen)


def diagnose_encoding(data: bytes, error: UnicodeDecodeError) -> Slip:
    """Where a file stops being UTF-8: lines counted in bytes, the column in characters."""
    start = min(error.start, len(data) - 1)
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    return Slip(data.count(b"\n", 0, start) + 1, column,
                _("the file is not UTF-8 text: byte {byte} cannot be read").format(byte=f"0x{data[start]:02X}"),
                _("save the file as UTF-8 (in the editor's Save As, choose the UTF-8 encoding)"), "encoding")


def _mark(mark) -> tuple[int, int] | None:
    """A PyYAML mark as (line, column) from 0."""
    return (mark.line, mark.column) if mark is not None else None


def _generic(seen: _Error) -> Slip:
    """Any other parse error, at the place the parser stopped, in our own words."""
    return seen.slip(seen.problem or seen.context or (0, 0), _("this line cannot be read as YAML"),
                     _("check the indentation, colons and quotes on this line and the one above"), "yaml")


def _control(text: str) -> Slip | None:
    """A control or other non-printable character, named by its code point."""
    found = NON_PRINTABLE.search(text)
    if not found:
        return None
    before = BREAKS.split(text[:found.start()])
    return Slip(len(before), len(before[-1]) + 1,
                _("the non-printable character {code} is not allowed").format(code=f"U+{ord(found.group()):04X}"),
                _("delete it: it is invisible and often comes with text copied from another program"),
                "control-char")


def _tab(seen: _Error) -> Slip | None:
    """A tab where YAML wants spaces: at a mark, or in the indentation of the problem line."""
    at = next((at for at in (seen.problem, seen.context) if seen.char(at) == "\t"), None)
    if at is None and seen.problem and seen.problem[0] < len(seen.lines):
        lead = re.match(LEAD, seen.lines[seen.problem[0]]).group()
        at = (seen.problem[0], lead.index("\t")) if "\t" in lead else None
    if at is None:
        return None
    return seen.slip(at, _("a tab character in the indentation"),
                     _("indent with spaces only: replace the tab with spaces"), "tab")


def _value(line: str) -> tuple[int, str]:
    """Where a line's value starts (after indentation, dashes and 'key: '), and the value."""
    parts = LINE.match(line)
    return parts.start("value"), parts.group("value")


def _closing(value: str) -> int | None:
    """The index of the quote that closes a value opening with a quote, if the line has one."""
    quote, index = value[0], 1
    while index < len(value):
        if quote == '"' and value[index] == "\\":
            index += 2
        elif value[index] == quote and quote == "'" and value[index + 1:index + 2] == "'":
            index += 2
        elif value[index] == quote:
            return index
        else:
            index += 1
    return None


def _unclosed_quote(seen: _Error) -> Slip | None:
    """A value opening a quote that its line never closes, read on until the file's end or the next quote."""
    at = seen.context if "quoted scalar" in seen.words else None
    if at is None and seen.problem:
        first = seen.context[0] if seen.context else seen.problem[0]
        at = next(iter(_open_quotes(seen.lines, first, seen.problem[0])), None)
    if at is None or seen.char(at) not in QUOTES:
        return None
    return seen.slip(at, _("the quote {quote} is opened here but never closed").format(quote=seen.char(at)),
                     _("add the closing {quote} at the end of the value, or remove this one").format(quote=seen.char(at)),
                     "unclosed-quote")


def _open_quotes(lines: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """The places of quotes opening a value on lines first..last-1 and not closed on the same line."""
    found = []
    for number in range(first, min(last, len(lines))):
        column, value = _value(lines[number])
        if value[:1] in QUOTES and _closing(value) is None:
            found.append((number, column))
    return found


def _text_after_quote(seen: _Error) -> Slip | None:
    """A value that opens with a quote meant as text (“十四五” typed as "十四五") and goes on after it."""
    if not seen.problem or seen.problem[0] >= len(seen.lines):
        return None
    column, value = _value(seen.lines[seen.problem[0]])
    close = _closing(value) if value[:1] in QUOTES else None
    if close is None or column + close >= seen.problem[1]:
        return None
    return seen.slip((seen.problem[0], column), _("a value that begins with a quote must also end with it"),
                     _("write the quotes as the Chinese “ ”, or put the whole value in single quotes"),
                     "value-start")


def _value_start(seen: _Error) -> Slip | None:
    """A value after a key or dash whose first character YAML reads as syntax: *, &, !, %, @, `, [ or {."""
    for at in (seen.context, seen.problem):
        char = seen.char(at)
        line = seen.lines[at[0]] if char else ""
        if char and char in STARTERS and _value(line)[0] == at[1] > len(line) - len(line.lstrip()):
            hint = (_("if this is text, put it in quotes; a list in brackets must end with ']'") if char == "["
                    else _("put the value in quotes, or write it as a '|' block on the lines below"))
            return seen.slip(at, _("a value cannot begin with '{char}'").format(char=char), hint, "value-start")
    return None


def _dedented(seen: _Error) -> Slip | None:
    """A line of a | or > block indented less than the block's text, at that line."""
    # The parser takes the line for a key and complains on the line after it. A line at or left of
    # the block's key that reads as a key without its colon is left to `_colon`.
    if not (seen.context and "simple key" in seen.words and seen.context[0] < len(seen.lines)):
        return None
    row = seen.context[0]
    block = _block_above(seen.lines, row)
    indent = _indent(seen.lines[row])
    keyed = _value(seen.lines[row])[0] > indent  # a key too long for YAML (over 1024 characters), say
    if block is None or keyed or indent >= block[2] or (indent <= block[1] and _key_slip(seen, row)):
        return None
    header, _header_indent, text_indent = block
    return seen.slip((row, indent), _("this line is indented less than the block that starts on line {line}").format(
        line=header + 1), _("indent it by {count} spaces, as the block's other lines are; if it starts a new key, "
                             "add ':' after the key").format(count=text_indent), "dedent")


def _block_above(lines: list[str], row: int) -> tuple[int, int, int] | None:
    """The | or > block whose text ends above `row`: its header's line and indentation, its text's indentation."""
    least, first = None, None  # the least indentation of the lines passed, the indentation of the topmost
    for number in range(row - 1, -1, -1):
        if not lines[number].strip():
            continue
        indent = _indent(lines[number])
        if least is not None and indent < least and BLOCK_HEADER.match(_value(lines[number])[1]):
            return number, indent, first
        least, first = indent if least is None else min(least, indent), indent
    return None


def _indent(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _colon(seen: _Error) -> Slip | None:
    """A key without its colon, with a full-width one, or a value holding ': '."""
    if seen.context and "simple key" in seen.words:
        return _key_slip(seen, seen.context[0])
    if seen.char(seen.problem) != ":" or "mapping values are not allowed" not in seen.words:
        return None
    row, column = seen.problem
    if _value(seen.lines[row])[0] <= column:
        return _colon_in_value(seen)
    above = next((n for n in range(row - 1, -1, -1) if seen.lines[n].strip()), None)
    found = _key_slip(seen, above) if above is not None else None
    if found or re.match(rf"{LEAD}{WORD}:", seen.lines[row]):
        return found
    return _colon_in_value(seen)


def _colon_in_value(seen: _Error) -> Slip:
    """A ': ' inside a value, which YAML takes for a new key."""
    return seen.slip(seen.problem, _("the value contains ': ', which YAML reads as the start of a new key"),
                     _("put the whole value in quotes, or write the colon full-width as '：'"), "colon-in-value")


def _key_slip(seen: _Error, row: int) -> Slip | None:
    """On a key's line: a full-width colon, a colon without a space, or no colon at all."""
    line = seen.lines[row] if row < len(seen.lines) else ""
    for pattern, message, hint, code in (
            (FULL_WIDTH, _("a full-width colon '：' after the key '{key}'"),
             _("type a half-width ':' followed by a space instead"), "full-width-colon"),
            (NO_SPACE, _("the colon after the key '{key}' has no space after it"),
             _("type a space after the ':'"), "colon-space"),
            (NO_COLON, _("the key '{key}' has no colon after it"),
             _("type a half-width ':' and a space after '{key}'"), "missing-colon")):
        found = pattern.match(line)
        if found:
            key = found.group("key")
            return seen.slip((row, found.start("mark")), message.format(key=key), hint.format(key=key), code)
    return None
