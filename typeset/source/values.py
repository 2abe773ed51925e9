"""The values of a source checked against the contract: mappings by their shape, scalars by their kind."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..diagnostics import closest
from ..i18n import N_, _
from .contract import LONGEST_FIGURE, Key, Shape
from .lint import is_han
from .markup import title_lines
from .model import Located
from .reader import BOOL, FLOAT, INT, NULL, STR, TIMESTAMP, Reader

PLAIN_DIGITS = re.compile(r"[0-9]+\Z")
PLAIN_DECIMAL = re.compile(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
READ_AS = {INT: N_("a number"), FLOAT: N_("a number"), BOOL: N_("yes or no"), TIMESTAMP: N_("a date")}
LONGEST_SHOWN = 40  # characters of a wrong value quoted in a message
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
IMAGE_SIGNATURES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


def mapping(reader: Reader, node: yaml.Node | None, shape: Shape, parent: yaml.Node | None = None) -> dict[str, yaml.Node]:
    """A mapping node's entries, its keys checked against the shape."""
    return entries(reader, node, shape.names, shape.required, shape.words, parent)


def entries(reader: Reader, node: yaml.Node | None, keys, required, what: str,
            parent: yaml.Node | None = None) -> dict[str, yaml.Node]:
    """A mapping node's entries by key: unknown keys (with the closest valid one), duplicates and missing keys reported."""
    if not isinstance(node, yaml.MappingNode):
        where = reader.at(node) if node is not None else reader.at(parent) if parent else reader.at_start()
        reader.report.error(where, _("{what} must be a mapping of keys to values").format(what=_(what)),
                            _("write it as 'key: value' lines; keys: {keys}").format(keys=", ".join(keys)), "type")
        return {}
    found: dict[str, yaml.Node] = {}
    first: dict[str, yaml.Node] = {}  # key -> the key node where it first appears
    guessed: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in keys:
            guess = closest(str(key), keys)
            guessed.add(guess)
            hint = _("did you mean '{guess}'?").format(guess=guess) if guess else \
                _("valid keys here: {keys}").format(keys=", ".join(keys))
            reader.report.error(reader.at(key_node), _("unknown key '{key}' in {what}").format(key=key, what=_(what)),
                                hint, "unknown-key")
        elif key in found:
            duplicate(reader, key_node, first[key], what)
        else:
            found[key], first[key] = value_node, key_node
    for key in required:
        if key not in found and key not in guessed:  # a misspelling is reported once
            reader.report.error(reader.at(node), _("{what} lacks the required key '{key}'").format(what=_(what), key=key),
                                _("add '{key}:' to {what}").format(key=key, what=_(what)), "missing-key")
    return found


def duplicate(reader: Reader, again: yaml.Node, first: yaml.Node, what: str) -> None:
    """Report a key given a second time in one mapping, naming the line of the first."""
    message = _("key '{key}' appears twice in {what}: first on line {line}")
    reader.report.error(reader.at(again), message.format(key=again.value, what=_(what), line=first.start_mark.line + 1),
                        _("remove one of them; if they are two items, start the second with '- '"), "duplicate-key")


def text(reader: Reader, node: yaml.Node, key: Key) -> Located | None:
    """A text value with the position of each character."""
    what = key.words
    if not isinstance(node, yaml.ScalarNode) or node.tag == NULL:
        reader.report.error(reader.at(node), _("{what} must be text").format(what=_(what)),
                            _("write the {what} after the colon").format(what=_(what)), "type")
        return None
    if node.tag != STR and not (key.digits and node.tag == INT and PLAIN_DIGITS.match(node.value)):
        reader.report.error(reader.at(node), _("{what} must be text; YAML reads '{value}' as {kind}").format(
            what=_(what), value=shortened(node.value), kind=_(READ_AS.get(node.tag, N_("a number")))),
                            _("write text, or put it in quotes: {key}: \"{value}\"").format(
                                key=key.name, value=shortened(node.value)), "type")
        return None
    if not node.value.strip():
        reader.report.error(reader.at(node), _("{what} is empty").format(what=_(what)),
                            _("write the {what} or remove the key").format(what=_(what)), "empty")
        return None
    return reader.located(node)


def texts(reader: Reader, node: yaml.Node, key: Key) -> tuple[Located, ...]:
    """A list of texts, each entry checked."""
    entry = Key(key.name, key.kind, key.entry, key.help)
    return tuple(filter(None, (text(reader, item, entry) for item in sequence(reader, node, key.words))))


def title(reader: Reader, node: yaml.Node, key: Key) -> Located | None:
    """A title: folded line breaks joined, explicit breaks ("\n") kept between its printed lines."""
    found = text(reader, node, key)
    if found is None:
        return None
    kept = [i for i in range(len(found.value)) if not folded_space(reader, found, i)]
    return title_lines(Located("".join(found.value[i] for i in kept), found.file, tuple(found.marks[i] for i in kept)))


def folded_space(reader: Reader, found: Located, offset: int) -> bool:
    """True for a space that YAML made of a line break and that touches Chinese text."""
    value = found.value
    if value[offset] != " " or offset >= len(found.marks):
        return False
    before = value[offset - 1] if offset else ""
    after = value[offset + 1] if offset + 1 < len(value) else ""
    return (is_han(before) or is_han(after)) and reader.ends_line(found.marks[offset])


def count(reader: Reader, node: yaml.Node, key: Key) -> int | None:
    """A whole number from 1 to the key's most, in plain decimal digits; leading zeros count in tens (07, 08)."""
    written = node.value if isinstance(node, yaml.ScalarNode) and not node.style else ""
    if not PLAIN_DIGITS.match(written):  # not 0x8, 0o7, 1_000, 1:30, 8.0, +8, full-width digits, quoted
        reader.report.error(reader.at(node), _("{what} must be a positive whole number, not '{value}'").format(
            what=_(key.words), value=shown(node)),
                            _("write it in plain decimal digits 0-9, e.g. '{key}: 7'").format(key=key.name), "type")
        return None
    significant = written.lstrip("0")
    if not significant or len(significant) > len(str(key.most)) or int(significant) > key.most:
        reader.report.error(reader.at(node), _("{what} {value} is out of range").format(
            what=_(key.words), value=shortened(written)),
                            _("write a number from 1 to {most}").format(most=key.most), "range")
        return None
    return int(significant)


def odd_number(node: yaml.Node) -> bool:
    """True for a plain number YAML 1.1 reads in another base or with separators: 0x8, 010, 1_000, 1:30."""
    if not isinstance(node, yaml.ScalarNode) or node.style or node.tag not in (INT, FLOAT):
        return False
    value = node.value.lstrip("+-")
    return "_" in value or ":" in value or (node.tag == INT and len(value) > 1 and value.startswith("0"))


def date(reader: Reader, node: yaml.Node, key: Key) -> dt.date | None:
    """An ISO date that exists in the calendar."""
    written = node.value if isinstance(node, yaml.ScalarNode) else ""
    match = DATE_PATTERN.match(written.strip()) if isinstance(written, str) else None
    if not match:
        reader.report.error(reader.at(node), _("{what} must be a date written YYYY-MM-DD, not '{value}'").format(
            what=_(key.words), value=shown(node)),
                            _("e.g. 'date: 2024-05-31'"), "type")
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        reader.report.error(reader.at(node), _("{date} is not a real date ({problem})").format(
            date=written, problem=date_problem(year, month)),
                            _("check the month and day"), "date")
        return None


def sequence(reader: Reader, node: yaml.Node, what: str) -> list[yaml.Node]:
    """A list node's items."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    reader.report.error(reader.at(node), _("{what} must be a list").format(what=_(what)),
                        _("write each item of {what} on a line starting with '- '").format(what=_(what)), "type")
    return []


def length(reader: Reader, node: yaml.Node, key: Key) -> float | None:
    """A positive number of millimetres, at most LONGEST_FIGURE."""
    value = None
    if isinstance(node, yaml.ScalarNode) and not node.style and PLAIN_DECIMAL.match(node.value):
        value = float(node.value)
    if value is not None and 0 < value <= LONGEST_FIGURE:
        return value
    reader.report.error(reader.at(node), _("{what} must be a number of millimetres from 0 to {most}, not '{value}'").format(
        what=_(key.words), most=f"{LONGEST_FIGURE:g}", value=shown(node)),
                        _("write it as a number, e.g. '{key}: 120'").format(key=key.name), "type")
    return None


def image(reader: Reader, node: yaml.Node, key: Key) -> tuple[Path, Located] | None:
    """An image file in the archive folder, JPEG or PNG, that can be read."""
    written = text(reader, node, key)
    if written is None:
        return None
    folder = reader.path.parent
    path = folder / written.value.strip()
    problem = image_problem(path, folder, written.value.strip())
    if problem:
        reader.report.error(reader.at(node), problem, _("give the path of a JPEG or PNG file, relative to the folder "
                                                        "of the issue, e.g. 'image: images/photo.jpg'"), "image")
        return None
    return path, written


def image_problem(path: Path, folder: Path, name: str) -> str | None:
    """Why a path is not a readable JPEG or PNG inside the folder, or None."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return _("the image {path} lies outside the archive folder").format(path=name)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        return _("the image {path} does not exist").format(path=name)
    except OSError as error:
        return _("the image {path} cannot be read ({reason})").format(path=name, reason=error.strerror or error)
    if not any(head.startswith(signature) for signature in IMAGE_SIGNATURES):
        return _("the image {path} is neither a JPEG nor a PNG file").format(path=name)
    return None


def shown(node: yaml.Node) -> str:
    """A node's value as the editor wrote it (its start, if long), for messages."""
    return shortened(node.value) if isinstance(node, yaml.ScalarNode) else _("a list or mapping")


def shortened(value: str) -> str:
    """A value as a message quotes it: its first characters and an ellipsis when it is long."""
    return value if len(value) <= LONGEST_SHOWN else value[:LONGEST_SHOWN] + "…"


def date_problem(year: int, month: int) -> str:
    """Why a date does not exist."""
    if not 1 <= month <= 12:
        return _("there are 12 months")
    return _("month {month} of {year} has fewer days").format(month=month, year=year)
