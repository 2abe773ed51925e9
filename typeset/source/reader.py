"""One YAML source file → a tree of nodes, each with its place; refused when it is not plain YAML data."""

from __future__ import annotations

import bisect
from array import array
from itertools import repeat
import re
import unicodedata
from pathlib import Path

import yaml

from ..diagnostics import Position, Report, display_path
from ..files import what_is
from ..i18n import _
from ..slips import Slip, diagnose, diagnose_encoding
from .model import Located, Marks

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
INT = "tag:yaml.org,2002:int"
NULL = "tag:yaml.org,2002:null"
STR = "tag:yaml.org,2002:str"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
WRITTEN_TAG = re.compile(r"(&\S+\s+)?!")  # a node that starts with a tag, after its anchor if any
MAX_SOURCE_BYTES = 5_000_000
RUN_LIMIT = 4096  # characters of a scalar matched to the raw text at one go, at most


class Reader:
    """Turns one YAML file into nodes, collecting positioned findings; knows where each character stands."""

    def __init__(self, path: Path, report: Report):
        self.path = path
        self.file = display_path(path)
        self.report = report
        self.text = ""
        self.line_starts: list[int] = [0]

    def load(self) -> yaml.Node | None:
        """Parse the file into a node tree (no objects are constructed)."""
        if not self._read():
            return None
        try:
            node = yaml.compose(self.text, Loader=Loader)
        except yaml.YAMLError as exc:
            self._slip(diagnose(self.text, exc))
            return None
        if node is not None and not self._check_tags(node):
            return None
        return node

    def _read(self) -> bool:
        """Read the file's text with every line break made a newline; False (reported) if it cannot be."""
        kind = what_is(self.path)
        if kind is not None:  # a FIFO or a device would be waited on or read forever
            self.report.error(Position(self.file, 1, 1), _("this is {kind}, not a file").format(kind=kind),
                              _("name a YAML source file"), "not-a-file")
            return False
        try:
            with open(self.path, "rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except FileNotFoundError:
            self.report.error(Position(self.file, 1, 1), _("file not found"),
                              _("check the path; an issue needs publication.yaml beside it"), "missing-file")
            return False
        except OSError as error:
            self.report.error(Position(self.file, 1, 1), _("the file cannot be read: {problem}").format(
                problem=error.strerror or error), _("check that it may be read"), "unreadable")
            return False
        if len(data) > MAX_SOURCE_BYTES:
            self.report.error(Position(self.file, 1, 1),
                              _("the file is larger than the limit of {mb} MB").format(mb=MAX_SOURCE_BYTES // 1_000_000),
                              _("split the file or remove what is not part of the bulletin"), "size")
            return False
        try:
            self.text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            self._slip(diagnose_encoding(data, exc))
            return False
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return not self._separators()

    def _separators(self) -> bool:
        """Report each NEL, line or paragraph separator: YAML breaks lines there, an editor does not."""
        found = [match.start() for match in re.finditer("[\x85\u2028\u2029]", self.text)]
        for index in found:
            line = bisect.bisect_right(self.line_starts, index)
            char = self.text[index]
            self.report.error(Position(self.file, line, index - self.line_starts[line - 1] + 1),
                              _("the invisible line break {code} ({name}) is not allowed").format(
                                  code=f"U+{ord(char):04X}", name=unicodedata.name(char, "NEL")),
                              _("delete it; to start a new line, press Enter"), "line-separator")
        return bool(found)

    def _slip(self, slip: Slip) -> None:
        """Report a diagnosed slip of the raw text."""
        self.report.error(Position(self.file, slip.line, slip.column), slip.message, slip.hint, slip.code)

    def at_start(self) -> Position:
        """The start of the file."""
        return Position(self.file, 1, 1)

    def at(self, node: yaml.Node) -> Position:
        """Where a node starts."""
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _check_tags(self, node: yaml.Node) -> bool:
        """Report any tag outside plain YAML data and any alias; False if an alias was found."""
        stack = [node]
        seen: set[int] = set()
        while stack:
            current = stack.pop()
            if id(current) in seen:
                self._alias_error(current)
                return False
            seen.add(id(current))
            if current.tag not in SAFE_TAGS or self._tagged(current):
                safe = current.tag in SAFE_TAGS
                self.report.error(self.at(current), _("the tag {tag} is not allowed").format(
                    tag=current.tag.replace("tag:yaml.org,2002:", "!!")),
                                  _("remove the tag: write numbers as plain digits, and put text that looks like a "
                                    "number in quotes") if safe else
                                  _("write plain text, numbers, lists and mappings only"), "tag")
                current.tag = NULL
                current.value = [] if isinstance(current, (yaml.MappingNode, yaml.SequenceNode)) else ""
                continue
            if isinstance(current, yaml.MappingNode):
                stack.extend(v for pair in current.value for v in pair)
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)

        return True

    def _tagged(self, node: yaml.Node) -> bool:
        """True when the source writes a tag on the node (!!str 8), rather than YAML giving it one."""
        mark = node.start_mark
        if mark.line >= len(self.line_starts):  # an empty value past the last line break ("? " alone)
            return False
        # by line and column: a byte-order mark is not counted in the index
        start = self.line_starts[mark.line] + mark.column + (mark.line == 0 and self.text.startswith("\ufeff"))
        return bool(WRITTEN_TAG.match(self.text, start))

    def _alias_error(self, node: yaml.Node) -> None:
        """Report an alias at its use, or else at the start of the node it names."""
        where = self.at(node)
        try:
            for event in yaml.parse(self.text, Loader=Loader):
                if isinstance(event, yaml.AliasEvent):
                    where = Position(self.file, event.start_mark.line + 1, event.start_mark.column + 1)
                    break
        except yaml.YAMLError:
            pass
        self.report.error(where, _("aliases (&name / *name) are not allowed"),
                          _("write the value out in full where it is used"), "alias")

    # -------------------------------------------------------- where characters stand

    def located(self, node: yaml.ScalarNode) -> Located:
        """A scalar's value with the position of each character."""
        return Located(node.value, self.file, self._marks(node))

    def ends_line(self, mark: tuple[int, int]) -> bool:
        """True when the raw text from this (line, column) to the next line break is only white space."""
        line, column = mark
        if line > len(self.line_starts):
            return False
        start = self.line_starts[line - 1] + column - 1
        end = self.text.find("\n", start)
        return end >= 0 and not self.text[start:end].strip()

    def _marks(self, node: yaml.ScalarNode) -> Marks:
        """Line and column of each character of a scalar's value, aligned to the raw text.

        The value's characters appear in the raw text in order, between quotes, escapes,
        indentation and folded line breaks; each is matched to the next raw character
        like it, counting lines and columns on the way.
        """
        raw, end, value = self.text, node.end_mark.index, node.value
        cursor = node.start_mark.index
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        lines, columns = array("I"), array("I")
        index = 0
        while index < len(value):
            run = _verbatim_run(value, index, raw, cursor, end)
            if run:  # the usual case: a stretch of the line as it stands in the raw text
                lines.extend(repeat(line, run))
                columns.extend(range(column, column + run))
                index, cursor, column = index + run, cursor + run, column + run
                continue
            char = value[index]
            index += 1
            wanted_space = char.isspace()
            scan = cursor
            while scan < end and not (raw[scan] == char or (wanted_space and raw[scan].isspace())):
                scan += 1
            if scan == end:  # not in the raw text (an escape): keep the last place
                lines.append(line)
                columns.append(column)
                continue
            for passed in raw[cursor:scan]:
                line, column = (line + 1, 1) if passed == "\n" else (line, column + 1)
            lines.append(line)
            columns.append(column)
            line, column = (line + 1, 1) if raw[scan] == "\n" else (line, column + 1)
            cursor = scan + 1
        return Marks(lines, columns)


def _verbatim_run(value: str, index: int, raw: str, cursor: int, end: int) -> int:
    """How many characters of `value` from `index`, short of its next line break, stand as they are at `raw[cursor:]`."""
    stop = value.find("\n", index, index + RUN_LIMIT)  # bounded, so that a long unbroken value costs no more
    room = (min(len(value), index + RUN_LIMIT) if stop < 0 else stop) - index
    low, high = 0, 8  # galloping, so that a run costs time in its own length: value[index:index + low] matches
    while high < room and raw.startswith(value[index:index + high], cursor, end):
        low, high = high, 2 * high
    high = min(high, room)
    while low < high:
        middle = (low + high + 1) // 2
        if raw.startswith(value[index:index + middle], cursor, end):
            low = middle
        else:
            high = middle - 1
    return low
