"""YAML source → typed issue model, with a source position on every character of text."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Position, Report, closest, display_path
from .places import what_is
from .i18n import N_, _
from .slips import Slip, diagnose, diagnose_encoding

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
INT = "tag:yaml.org,2002:int"
NULL = "tag:yaml.org,2002:null"
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# A float as YAML 1.2 writes it: PyYAML (YAML 1.1) reads 1e308, without a dot, as text.
EXPONENT_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+$")


@dataclass(frozen=True)
class Located:
    """A string from the source with the file position of each of its characters."""

    value: str
    file: str
    marks: tuple[tuple[int, int], ...]  # (line, column) of each character, from 1

    def position(self, offset: int = 0) -> Position:
        """Where character `offset` of the value stands in the source."""
        if not self.marks:
            return Position(self.file, 1, 1)
        line, column = self.marks[min(max(offset, 0), len(self.marks) - 1)]
        return Position(self.file, line, column)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Paragraph:
    """A paragraph to print: its characters, the font role of each, and where each came from."""

    text: str
    roles: tuple[str, ...]
    source: Located


@dataclass(frozen=True)
class Article:
    """One article: title, body paragraphs and an optional byline."""

    title: Located  # its printed lines, separated by "\n" where the editor broke it
    paragraphs: tuple[Paragraph, ...]
    byline: Located | None

    def title_on_one_line(self) -> str:
        """The title without its breaks, as the table of contents shows it."""
        return one_line(self.title.value)


@dataclass(frozen=True)
class Brief:
    """One brief of a 信息摘登 section."""

    paragraph: Paragraph
    byline: Located | None


@dataclass(frozen=True)
class Section:
    """A section (栏目): a label and either articles or briefs."""

    label: Located
    articles: tuple[Article, ...] = ()
    briefs: tuple[Brief, ...] = ()


@dataclass(frozen=True)
class Footer:
    """The distribution footer (版记): 报/送/发 groups, editor and phone."""

    report: tuple[Located, ...] = ()
    send: tuple[Located, ...] = ()
    issue_to: tuple[Located, ...] = ()
    editor: Located | None = None
    phone: Located | None = None

    def texts(self) -> list[Located]:
        """The footer's printed texts: every group, then editor and phone."""
        return [*self.report, *self.send, *self.issue_to, *filter(None, (self.editor, self.phone))]


@dataclass(frozen=True)
class Publication:
    """Publication-wide facts from publication.yaml."""

    path: Path
    masthead: Located
    office: Located
    footer: Footer
    style: dict = field(default_factory=dict)
    style_at: dict = field(default_factory=dict, compare=False)  # setting (or "font_body.1") -> Position


@dataclass(frozen=True)
class Issue:
    """One issue, with its publication."""

    path: Path
    publication: Publication
    edition: Located
    number: int
    total: int
    date: dt.date
    sections: tuple[Section, ...]
    footer: Footer
    positions: dict = field(default_factory=dict, compare=False)  # key -> Position

    @property
    def name(self) -> str:
        """The issue's file stem, e.g. 2024-07."""
        return self.path.stem


# ---------------------------------------------------------------- the contract, as data

FOOTER_KEYS = {"report": "list", "send": "list", "issue_to": "list", "editor": "str", "phone": "str"}
PUBLICATION_KEYS = {"masthead": "str", "office": "str", "footer": "map", "style": "map"}
PUBLICATION_REQUIRED = ("masthead", "office")
ISSUE_KEYS = {"edition": "str", "number": "int", "total": "int", "date": "date",
              "sections": "list", "footer": "map"}
ISSUE_REQUIRED = ("number", "total", "date", "sections")
SECTION_KEYS = {"label": "str", "articles": "list", "briefs": "list"}
ARTICLE_KEYS = {"title": "str", "byline": "str", "body": "str"}
BRIEF_KEYS = {"text": "str", "byline": "str", "lead": "str"}

FOOTER_WORDS = {"report": N_("the footer's 报 list"), "send": N_("the footer's 送 list"),
                "issue_to": N_("the footer's 发 list"), "editor": N_("the footer's editor"),
                "phone": N_("the footer's phone")}
FOOTER_ENTRY_WORDS = {"report": N_("an entry of the footer's 报 list"), "send": N_("an entry of the footer's 送 list"),
                      "issue_to": N_("an entry of the footer's 发 list")}

HALF_WIDTH_MARKS = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！",
                    "(": "（", ")": "）", '"': "“ ”", "'": "‘ ’"}


def is_han(char: str) -> bool:
    """True for a CJK ideograph or a full-width CJK mark."""
    if not char:
        return False
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFF60 \
        or 0x20000 <= code <= 0x3FFFF


# ---------------------------------------------------------------- reading

MAX_SOURCE_BYTES = 5_000_000


class _Reader:
    """Turns one YAML file into nodes and checked values, collecting positioned findings."""

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
            if current.tag not in SAFE_TAGS:
                self.report.error(self.at(current), _("the tag {tag} is not allowed").format(
                    tag=current.tag.replace("tag:yaml.org,2002:", "!!")),
                                  _("write plain text, numbers, lists and mappings only"), "tag")
                current.tag = NULL
                current.value = [] if isinstance(current, (yaml.MappingNode, yaml.SequenceNode)) else ""
                continue
            if isinstance(current, yaml.MappingNode):
                stack.extend(v for pair in current.value for v in pair)
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)

        return True

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

    # -------------------------------------------------------- mappings and scalars

    def mapping(self, node: yaml.Node | None, keys: dict[str, str], required: tuple[str, ...],
                what: str, parent: yaml.Node | None = None) -> dict[str, yaml.Node]:
        """A mapping node's entries, checking keys against the contract."""
        if not isinstance(node, yaml.MappingNode):
            where = self.at(node) if node is not None else (self.at(parent) if parent else Position(self.file, 1, 1))
            self.report.error(where, _("{what} must be a mapping of keys to values").format(what=_(what)),
                              _("write it as 'key: value' lines; keys: {keys}").format(keys=", ".join(keys)), "type")
            return {}
        entries: dict[str, yaml.Node] = {}
        first: dict[str, yaml.Node] = {}  # key -> the key node where it first appears
        guessed: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                guess = closest(str(key), keys)
                guessed.add(guess)
                hint = _("did you mean '{guess}'?").format(guess=guess) if guess else \
                    _("valid keys here: {keys}").format(keys=", ".join(keys))
                self.report.error(self.at(key_node), _("unknown key '{key}' in {what}").format(key=key, what=_(what)),
                                  hint, "unknown-key")
            elif key in entries:
                self._duplicate(key_node, first[key], what)
            else:
                entries[key], first[key] = value_node, key_node
        for key in required:
            if key not in entries and key not in guessed:  # a misspelling is reported once
                self.report.error(self.at(node), _("{what} lacks the required key '{key}'").format(what=_(what), key=key),
                                  _("add '{key}:' to {what}").format(key=key, what=_(what)), "missing-key")
        return entries

    def _duplicate(self, again: yaml.Node, first: yaml.Node, what: str) -> None:
        """Report a key given a second time in one mapping, naming the line of the first."""
        message = _("key '{key}' appears twice in {what}: first on line {line}")
        self.report.error(self.at(again), message.format(key=again.value, what=_(what), line=first.start_mark.line + 1),
                          _("remove one of them; if they are two items, start the second with '- '"), "duplicate-key")

    def string(self, node: yaml.Node, what: str, allow_empty: bool = False) -> Located | None:
        """A text value with the position of each character."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL:
            self.report.error(self.at(node), _("{what} must be text").format(what=_(what)),
                              _("write the {what} after the colon").format(what=_(what)), "type")
            return None
        value = node.value
        if not value.strip() and not allow_empty:
            self.report.error(self.at(node), _("{what} is empty").format(what=_(what)),
                              _("write the {what} or remove the key").format(what=_(what)), "empty")
            return None
        return Located(value, self.file, self._marks(node))

    def title(self, node: yaml.Node) -> Located | None:
        """A title: folded line breaks joined, explicit breaks ("\n") kept between its printed lines."""
        text = self.string(node, N_("title"))
        if text is None:
            return None
        kept = [i for i in range(len(text.value)) if not self._folded_space(text, i)]
        unfolded = Located("".join(text.value[i] for i in kept), text.file, tuple(text.marks[i] for i in kept))
        return title_lines(unfolded)

    def _folded_space(self, text: Located, offset: int) -> bool:
        """True for a space that YAML made of a line break and that touches Chinese text."""
        value = text.value
        if value[offset] != " " or offset >= len(text.marks):
            return False
        before = value[offset - 1] if offset else ""
        after = value[offset + 1] if offset + 1 < len(value) else ""
        return (is_han(before) or is_han(after)) and self._ends_line(text.marks[offset])

    def _ends_line(self, mark: tuple[int, int]) -> bool:
        """True when the raw text from this (line, column) to the next line break is only white space."""
        line, column = mark
        if line > len(self.line_starts):
            return False
        start = self.line_starts[line - 1] + column - 1
        end = self.text.find("\n", start)
        return end >= 0 and not self.text[start:end].strip()

    def _marks(self, node: yaml.ScalarNode) -> tuple[tuple[int, int], ...]:
        """Line and column of each character of a scalar's value, aligned to the raw text.

        The value's characters appear in the raw text in order, between quotes, escapes,
        indentation and folded line breaks; each is matched to the next raw character
        like it, counting lines and columns on the way.
        """
        raw, end = self.text, node.end_mark.index
        cursor = node.start_mark.index
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        marks = []
        for char in node.value:
            wanted_space = char.isspace()
            scan = cursor
            while scan < end and not (raw[scan] == char or (wanted_space and raw[scan].isspace())):
                scan += 1
            if scan == end:  # not in the raw text (an escape): keep the last place
                marks.append((line, column))
                continue
            for passed in raw[cursor:scan]:
                line, column = (line + 1, 1) if passed == "\n" else (line, column + 1)
            marks.append((line, column))
            line, column = (line + 1, 1) if raw[scan] == "\n" else (line, column + 1)
            cursor = scan + 1
        return tuple(marks)

    def integer(self, node: yaml.Node, key: str, what: str) -> int | None:
        """A positive whole number; unquoted digits count in tens even with leading zeros (07, 08)."""
        if isinstance(node, yaml.ScalarNode) and (node.tag == INT or not node.style):  # not quoted
            digits = node.value.isascii() and node.value.isdigit()
            try:
                number = int(node.value, 10 if digits else 0)
            except ValueError:
                number = None
            if number is not None and number > 0:
                return number
        self.report.error(self.at(node), _("{what} must be a positive whole number, not '{value}'").format(
            what=_(what), value=_shown(node)),
                          _("write it as digits, e.g. '{key}: 7'").format(key=key), "type")
        return None

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        """An ISO date that exists in the calendar."""
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        match = DATE_PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            self.report.error(self.at(node), _("{what} must be a date written YYYY-MM-DD, not '{value}'").format(
                what=_(what), value=_shown(node)),
                              _("e.g. 'date: 2024-05-31'"), "type")
            return None
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            self.report.error(self.at(node), _("{date} is not a real date ({problem})").format(
                date=text, problem=_date_problem(year, month)),
                              _("check the month and day"), "date")
            return None

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """A list node's items."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.report.error(self.at(node), _("{what} must be a list").format(what=_(what)),
                          _("write each item of {what} on a line starting with '- '").format(what=_(what)), "type")
        return []


def _shown(node: yaml.Node) -> str:
    """A node's value as the editor wrote it, for messages."""
    return node.value if isinstance(node, yaml.ScalarNode) else _("a list or mapping")


def _date_problem(year: int, month: int) -> str:
    """Why a date does not exist."""
    if not 1 <= month <= 12:
        return _("there are 12 months")
    return _("month {month} of {year} has fewer days").format(month=month, year=year)


# ---------------------------------------------------------------- text rules

def split_paragraphs(text: Located) -> list[Located]:
    """Paragraphs split at blank lines; single line breaks are joined without a space."""
    paragraphs, chars, marks = [], [], []
    for line in _lines(text):
        if not line.value.strip():
            if chars:
                paragraphs.append(Located("".join(chars), text.file, tuple(marks)))
                chars, marks = [], []
            continue
        body = line.value.rstrip()
        chars.append(body)
        marks.extend(line.marks[:len(body)])
    if chars:
        paragraphs.append(Located("".join(chars), text.file, tuple(marks)))
    return paragraphs


def title_lines(text: Located) -> Located:
    """A title's lines, each stripped, empty ones dropped, joined again by "\n"."""
    chars: list[str] = []
    marks: list[tuple[int, int]] = []
    for line in _lines(text):
        body = line.value.strip()
        if not body:
            continue
        start = len(line.value) - len(line.value.lstrip())
        if chars:
            chars.append("\n")
            marks.append(line.marks[start] if line.marks else (1, 1))
        chars.append(body)
        marks.extend(line.marks[start:start + len(body)])
    return Located("".join(chars), text.file, tuple(marks))


def one_line(text: str) -> str:
    """Lines joined as folding joins them: no space beside Chinese, one between Latin words."""
    parts = text.split("\n")
    joined = parts[0]
    for part in parts[1:]:
        joined += ("" if is_han(joined[-1:]) or is_han(part[:1]) else " ") + part
    return joined


def _lines(text: Located) -> list[Located]:
    """The value's lines, each with its marks."""
    lines, start = [], 0
    for index, char in enumerate(text.value + "\n"):
        if char == "\n":
            lines.append(Located(text.value[start:index], text.file, text.marks[start:index]))
            start = index + 1
    return lines


def parse_emphasis(text: Located, base_role: str, report: Report) -> Paragraph:
    """Strip **…** markers, setting what they enclose in the heading font."""
    chars, roles, marks = [], [], []
    emphasis, index, value = False, 0, text.value
    opened_at = 0
    while index < len(value):
        if value.startswith("**", index):
            emphasis, opened_at = not emphasis, index
            index += 2
            continue
        chars.append(value[index])
        roles.append("heading" if emphasis else base_role)
        marks.append(text.marks[index])
        index += 1
    if emphasis:
        report.error(text.position(opened_at), _("emphasis '**' is opened but never closed"),
                     _("add the closing '**' or remove this one"), "emphasis")
    return Paragraph("".join(chars), tuple(roles), Located("".join(chars), text.file, tuple(marks)))


def text_warnings(text: Located, report: Report, spaces: bool = True) -> None:
    """Warn about half-width punctuation and (unless `spaces` is off) stray spaces in Chinese text."""
    value = text.value
    for index, char in enumerate(value):
        before = value[index - 1] if index else ""
        after = value[index + 1] if index + 1 < len(value) else ""
        near_han = is_han(before) or is_han(after)
        if char in HALF_WIDTH_MARKS and near_han and not _in_number(before, char, after):
            report.warn(text.position(index), _("half-width '{char}' in Chinese text").format(char=char),
                        _("use the full-width {mark}").format(mark=HALF_WIDTH_MARKS[char]), "half-width")
        elif char in " \t\u00a0" and near_han and spaces:
            report.warn(text.position(index), _("stray space in Chinese text"),
                        _("remove the space: Chinese text has no word spaces"), "space")
        elif char == "\u3000" and 0 < index < len(value) - 1:
            report.warn(text.position(index), _("ideographic space inside text"),
                        _("remove it unless the layout really needs it"), "space")
        elif is_unusual_space(char):
            report.warn(text.position(index), _("an unusual space or invisible character {code} ({name})").format(
                code=f"U+{ord(char):04X}", name=unicodedata.name(char, "?")),
                        _("it prints as a gap or not at all: delete it, or type an ordinary space between "
                          "Latin words"), "unusual-space")


def is_unusual_space(char: str) -> bool:
    """A space other than the ordinary, no-break and ideographic ones, a line or paragraph separator,
    or an invisible format character (zero-width space, soft hyphen, BOM): each prints as a silent gap."""
    if char in " \t\u00a0\u3000":
        return False
    return char == "\x85" or unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf")


def _in_number(before: str, char: str, after: str) -> bool:
    """True for a mark inside a number, like 3.5 or 1,000."""
    return char in ".,:" and before.isdigit() and after.isdigit()


# ---------------------------------------------------------------- the documents

def load_publication(path: Path, report: Report) -> Publication | None:
    """Read publication.yaml."""
    reader = _Reader(path, report)
    root = reader.load()
    if root is None and not report.errors:
        report.error(Position(reader.file, 1, 1), _("the publication file is empty"),
                     _("write masthead:, office: and footer: keys"), "empty")
    if report.errors:
        return None
    entries = reader.mapping(root, PUBLICATION_KEYS, PUBLICATION_REQUIRED, N_("the publication"))
    masthead = reader.string(entries["masthead"], N_("masthead")) if "masthead" in entries else None
    office = reader.string(entries["office"], N_("office")) if "office" in entries else None
    footer = _footer(reader, entries.get("footer"), Footer())
    style = _style(reader, entries.get("style"), _key_node(root, "style"))
    if report.errors:
        return None
    return Publication(path, masthead, office, footer, style, _style_places(reader, entries.get("style")))


def _footer(reader: _Reader, node: yaml.Node | None, base: Footer) -> Footer:
    """A footer, each key replacing that part of `base`."""
    if node is None:
        return base
    entries = reader.mapping(node, FOOTER_KEYS, (), N_("the footer"))
    parts = {}
    for key in ("report", "send", "issue_to"):
        if key in entries:
            items = reader.sequence(entries[key], FOOTER_WORDS[key])
            parts[key] = tuple(filter(None, (reader.string(item, FOOTER_ENTRY_WORDS[key]) for item in items)))
    for key in ("editor", "phone"):
        if key in entries:
            parts[key] = reader.string(entries[key], FOOTER_WORDS[key])
    return Footer(**{**base.__dict__, **parts})


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The node of a key in a mapping node (its first occurrence), or None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node
    return None


def _style_places(reader: _Reader, node: yaml.Node | None) -> dict:
    """Where each style setting's value stands, and each item of a list value as "name.index"."""
    places = {}
    for key, value in (node.value if isinstance(node, yaml.MappingNode) else ()):
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        places[name] = reader.at(value)
        for index, item in enumerate(value.value if isinstance(value, yaml.SequenceNode) else ()):
            places[f"{name}.{index}"] = reader.at(item)
    return places


def _setting_value(node: yaml.Node, kind: type):
    """A style value as YAML reads it, except that an unquoted 1e6 is a number where a float is wanted."""
    if kind is float and isinstance(node, yaml.ScalarNode) and not node.style and EXPONENT_FLOAT.match(node.value):
        return float(node.value)
    return yaml.load(yaml.serialize(node), Loader=Loader)


def _style(reader: _Reader, node: yaml.Node | None, key: yaml.Node | None = None) -> dict:
    """Style overrides, each checked against its declared setting, then the style as a whole.

    A whole-style problem is reported at the setting it is charged to, or at the `style:` key
    when that setting keeps its default.
    """
    from .style import SETTING_BY_NAME, check_style, check_value, coerce

    if node is None:
        return {}
    entries = reader.mapping(node, {name: "" for name in SETTING_BY_NAME}, (), N_("the style"))
    values, rejected = {}, set()
    for name, value_node in entries.items():
        value = coerce(SETTING_BY_NAME[name], _setting_value(value_node, SETTING_BY_NAME[name].type))
        problem = check_value(SETTING_BY_NAME[name], value)
        if problem:
            rejected.add(name)
            reader.report.error(reader.at(value_node), _("style setting '{name}' {problem}").format(
                name=name, problem=problem), _(SETTING_BY_NAME[name].help), "style")
        else:
            values[name] = value
    merged = {**{s.name: s.default for s in SETTING_BY_NAME.values()}, **values}
    for name, message, hint in check_style(merged, given=entries, rejected=rejected):
        where = entries.get(name, key if key is not None else node)
        reader.report.error(reader.at(where), message, hint, "style")
    return values


def load_issue(path: Path, report: Report | None = None) -> Issue:
    """Read an issue and the publication.yaml beside it; raise SourceError on bad input."""
    report = report if report is not None else Report()
    publication = load_publication(path.parent / "publication.yaml", report)
    reader = _Reader(path, report)
    root = reader.load()
    if root is None and not report.errors:
        report.error(Position(reader.file, 1, 1), _("the issue file is empty"),
                     _("write number:, total:, date: and sections:"), "empty")
    report.raise_errors()
    entries = reader.mapping(root, ISSUE_KEYS, ISSUE_REQUIRED, N_("the issue"))
    number = reader.integer(entries["number"], "number", N_("the number (期号)")) if "number" in entries else None
    total = reader.integer(entries["total"], "total", N_("the total number (总期号)")) if "total" in entries else None
    date = reader.date(entries["date"], N_("the date")) if "date" in entries else None
    edition = reader.string(entries["edition"], N_("edition")) if "edition" in entries else Located("普刊", reader.file, ())
    sections = _sections(reader, entries["sections"]) if "sections" in entries else ()
    footer = _footer(reader, entries.get("footer"), publication.footer if publication else Footer())
    report.raise_errors()
    positions = {key: reader.at(node) for key, node in entries.items()}
    issue = Issue(path, publication, edition, number, total, date, sections, footer, positions)
    bylines = {id(text) for text in all_bylines(issue)}
    for text in all_texts(issue):
        text_warnings(text, report, spaces=id(text) not in bylines)
    return issue


def _sections(reader: _Reader, node: yaml.Node) -> tuple[Section, ...]:
    """The issue's sections, at least one."""
    items = reader.sequence(node, N_("sections"))
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report.error(reader.at(node), _("an issue needs at least one section (栏目)"),
                            _("add a section with a label: and articles: or briefs:"), "empty")
    return tuple(filter(None, (_section(reader, item) for item in items)))


def _section(reader: _Reader, node: yaml.Node) -> Section | None:
    """One section: a label and either articles or briefs."""
    entries = reader.mapping(node, SECTION_KEYS, ("label",), N_("a section"))
    if not entries:
        return None
    label = reader.string(entries["label"], N_("section label")) if "label" in entries else None
    has_articles, has_briefs = "articles" in entries, "briefs" in entries
    if has_articles and has_briefs:
        reader.report.error(reader.at(entries["briefs"]), _("a section has either articles or briefs, not both"),
                            _("move the briefs into a section of their own"), "section")
        return None
    if not has_articles and not has_briefs:
        reader.report.error(reader.at(node), _("section '{label}' has no articles or briefs").format(label=label),
                            _("add 'articles:' or 'briefs:' with at least one item, or remove the section"), "empty")
        return None
    key = "articles" if has_articles else "briefs"
    empty = entries[key].tag == NULL or (isinstance(entries[key], yaml.SequenceNode) and not entries[key].value)
    items = [] if empty else reader.sequence(entries[key], N_("articles") if has_articles else N_("briefs"))
    if empty:
        reader.report.error(reader.at(entries[key]), _("section '{label}' has no {key}").format(label=label, key=key),
                            _("add at least one item under '{key}:', or remove the section").format(key=key), "empty")
        return None
    if has_articles:
        return Section(label, articles=tuple(filter(None, (_article(reader, item) for item in items))))
    return Section(label, briefs=tuple(filter(None, (_brief(reader, item) for item in items))))


def _article(reader: _Reader, node: yaml.Node) -> Article | None:
    """One article."""
    entries = reader.mapping(node, ARTICLE_KEYS, ("title", "body"), N_("an article"))
    title = reader.title(entries["title"]) if "title" in entries else None
    byline = reader.string(entries["byline"], N_("byline")) if "byline" in entries else None
    body = reader.string(entries["body"], N_("body")) if "body" in entries else None
    if title is None or body is None:
        return None
    paragraphs = tuple(parse_emphasis(p, "body", reader.report) for p in split_paragraphs(body))
    return Article(title, paragraphs, byline)


def _brief(reader: _Reader, node: yaml.Node) -> Brief | None:
    """One brief, with its optional run-in lead."""
    entries = reader.mapping(node, BRIEF_KEYS, ("text",), N_("a brief"))
    text = reader.string(entries["text"], N_("brief text")) if "text" in entries else None
    byline = reader.string(entries["byline"], N_("byline")) if "byline" in entries else None
    lead = reader.string(entries["lead"], N_("lead")) if "lead" in entries else None
    if text is None:
        return None
    joined = split_paragraphs(text)
    if len(joined) > 1:
        reader.report.error(joined[1].position(), _("a brief is one paragraph"),
                            _("remove the blank line, or make it an article"), "brief")
    paragraph = parse_emphasis(joined[0], "body", reader.report)
    return Brief(run_in(lead, paragraph) if lead is not None else paragraph, byline)


def run_in(lead: Located, paragraph: Paragraph) -> Paragraph:
    """The paragraph run in with `lead` in the heading font: its own opening if that is the lead, else prepended."""
    size = len(lead.value)
    if paragraph.text.startswith(lead.value):
        return Paragraph(paragraph.text, ("heading",) * size + paragraph.roles[size:], paragraph.source)
    text = lead.value + paragraph.text
    return Paragraph(text, ("heading",) * size + paragraph.roles,
                     Located(text, paragraph.source.file, lead.marks + paragraph.source.marks))


def all_bylines(issue: Issue) -> list[Located]:
    """Every byline: an office and names, separated by spaces."""
    return [item.byline for section in issue.sections for item in section.articles + section.briefs if item.byline]


def all_texts(issue: Issue) -> list[Located]:
    """Every printed text of the issue, for checks that walk them all."""
    texts = [issue.edition] if issue.edition.marks else []
    for section in issue.sections:
        texts.append(section.label)
        for article in section.articles:
            texts += [article.title] + [p.source for p in article.paragraphs]
            texts += [article.byline] if article.byline else []
        for brief in section.briefs:
            texts += [brief.paragraph.source] + ([brief.byline] if brief.byline else [])
    return texts
