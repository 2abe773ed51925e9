"""Normalisation: the punctuation, spaces and widths of a submission made the house's, every change listed.

Each rule is data: which texts it applies to (title, body, byline), what it finds, what it writes and
how the report names it. Structural rules (indents, manual line breaks) always run; the others only
unless --no-normalise. Every change carries the paragraph and character of the submission where it
was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..i18n import N_
from .model import Styled

# Chinese characters and full-width marks, the curly quotes, dashes and ellipses among them.
CHINESE = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
HAN = f"[{CHINESE}]"
SPACE = "[ \t\u00a0\u3000]"
ALNUM = "[0-9A-Za-z]"
# The point after a list number of one to three digits, before Chinese (1.加强 → 1．加强).
LIST_POINT = "|".join(f"(?<=^{digits})\\.(?={HAN})" for digits in ("[0-9]", "[0-9]{2}", "[0-9]{3}"))
FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
MARKS = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
ALL = frozenset({"title", "body", "byline"})
TEXT = frozenset({"title", "body"})

Edit = tuple[int, int, "str | None"]  # start, end, new text (None: found, left as it is, reported)


@dataclass(frozen=True)
class Rule:
    """One normalisation: the texts it applies to, a finder of edits, and its name in the report."""

    name: str
    kinds: frozenset
    find: Callable[[str], list[Edit]]
    description: str  # what a change does, for the report
    flag: str = ""  # what a found-but-kept place means
    structural: bool = False  # runs even with --no-normalise


@dataclass(frozen=True)
class Change:
    """One change (or, with `new` None, one place reported and left), at its place in the submission."""

    place: int  # paragraph, from 1
    char: int  # character in that paragraph, from 1
    old: str
    new: str | None
    rule: Rule


def substitute(pattern: str, replacement: Callable[[re.Match], str | None] | str) -> Callable[[str], list[Edit]]:
    """A finder that replaces each match of a pattern (a function may return None to leave and flag it)."""
    compiled = re.compile(pattern)

    def find(text: str) -> list[Edit]:
        edits = []
        for match in compiled.finditer(text):
            new = replacement(match) if callable(replacement) else replacement
            if new != match.group(0):
                edits.append((match.start(), match.end(), new))
        return edits

    return find


def half_width(match: re.Match) -> str:
    """Full-width digits and letters as ASCII."""
    return "".join(chr(ord(char) - 0xFEE0) for char in match.group(0))


def nearest(text: str, index: int, step: int) -> str:
    """The nearest character that is not a space, going left (step -1) or right (+1)."""
    index += step
    while 0 <= index < len(text) and text[index] in " \t\u00a0":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def is_chinese(char: str) -> bool:
    """A Chinese character or full-width mark."""
    return bool(char) and re.match(HAN, char) is not None


def find_marks(text: str) -> list[Edit]:
    """Half-width , : ; ? ! next to Chinese, and ( ) pairs of which either side touches Chinese."""
    edits = []
    for index, char in enumerate(text):
        if char in ",:;?!":
            before, after = nearest(text, index, -1), nearest(text, index, 1)
            in_number = char in ",:" and before.isdigit() and after.isdigit()
            if (is_chinese(before) or is_chinese(after)) and not in_number:
                edits.append((index, index + 1, MARKS[char]))
    for opening, closing in paren_pairs(text):
        sides = (nearest(text, opening, -1), nearest(text, opening, 1), nearest(text, closing, -1),
                 nearest(text, closing, 1))
        if any(map(is_chinese, sides)):
            edits += [(opening, opening + 1, "（"), (closing, closing + 1, "）")]
    return edits


def paren_pairs(text: str) -> list[tuple[int, int]]:
    """The matched pairs of half-width parentheses, by index."""
    pairs, open_at = [], []
    for index, char in enumerate(text):
        if char == "(":
            open_at.append(index)
        elif char == ")" and open_at:
            pairs.append((open_at.pop(), index))
    return pairs


def quote_pairs(straight: str, opening: str, closing: str) -> Callable[[str], list[Edit]]:
    """Straight quotes made curly, opening and closing in turn; an odd last one is flagged, not guessed."""

    def find(text: str) -> list[Edit]:
        found = [i for i, char in enumerate(text) if char == straight and not apostrophe(text, i)]
        edits: list[Edit] = []
        for number, index in enumerate(found):
            if number == len(found) - 1 and len(found) % 2:
                edits.append((index, index + 1, None))
            else:
                edits.append((index, index + 1, opening if number % 2 == 0 else closing))
        return edits

    return find


def apostrophe(text: str, index: int) -> bool:
    """A ' between two Latin letters (don't), which stays as it is."""
    return text[index] == "'" and 0 < index < len(text) - 1 and text[index - 1].isalpha() \
        and text[index + 1].isalpha() and text[index - 1].isascii() and text[index + 1].isascii()


def join_break(match: re.Match) -> str:
    """A manual line break: nothing between Chinese, one space between Latin words."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return " " if before.isascii() and after.isascii() and before.isalnum() and after.isalnum() else ""


RULES = (
    Rule("indent", TEXT, substitute(r"^[\s\u3000]+", ""), N_("indent removed"), structural=True),
    Rule("end-space", ALL, substitute(r"[\s\u3000]+$", ""), N_("space at the end removed"), structural=True),
    Rule("line-break", ALL, substitute(r"[ \t]*\n[ \t\u3000]*", join_break), N_("manual line break joined"),
         structural=True),
    Rule("full-width-alnum", ALL, substitute(FULL_WIDTH_ALNUM.pattern, half_width),
         N_("full-width digits and letters made half-width")),
    Rule("dash", TEXT, substitute(r"-{2,}|[\u2014\u2015\u2500\uff0d]{2,}", "——"), N_("dash written ——")),
    Rule("ellipsis", TEXT, substitute(r"(?:\.{3,}|。{3,}|．{3,}|…+)+", "……"), N_("ellipsis written ……")),
    Rule("double-quote", ALL, quote_pairs('"', "“", "”"), N_("straight quotes made “ ”"),
         N_("an unpaired straight quote \" left as it is: add its partner or remove it")),
    Rule("single-quote", ALL, quote_pairs("'", "‘", "’"), N_("straight quotes made ‘ ’"),
         N_("an unpaired straight quote ' left as it is: add its partner or remove it")),
    Rule("number-dot", TEXT, substitute(LIST_POINT, "．"),
         N_("the point of a list number before Chinese made full-width")),
    Rule("marks", TEXT, find_marks, N_("half-width mark next to Chinese made full-width")),
    Rule("byline-marks", frozenset({"byline"}), find_marks, N_("half-width mark next to Chinese made full-width")),
    Rule("space", TEXT, substitute(f"(?<={HAN}){SPACE}+(?={HAN})", ""), N_("space between Chinese characters removed")),
    Rule("space-latin", TEXT, substitute(f"(?<={HAN}) +(?={ALNUM})|(?<={ALNUM}) +(?={HAN})", ""),
         N_("space between Chinese and a digit or letter removed")),
    Rule("byline-space", frozenset({"byline"}), substitute(f"{SPACE}+", " "),
         N_("spaces between office and names made one space")),
)


def normalise(text: Styled, kind: str, everything: bool = True) -> tuple[Styled, list[Change]]:
    """The text after every rule for its kind (only the structural ones unless `everything`), and the changes."""
    changes: list[Change] = []
    for rule in RULES:
        if kind in rule.kinds and (everything or rule.structural):
            text, made = apply(rule, text)
            changes += made
    return text, sorted(changes, key=lambda change: change.char)


def apply(rule: Rule, text: Styled) -> tuple[Styled, list[Change]]:
    """One rule over a text, right to left so that earlier places stay where they are."""
    chars, bold, origin = list(text.text), list(text.bold), list(text.origin)
    changes = []
    for start, end, new in sorted(rule.find(text.text), reverse=True):
        where = origin[start] if start < len(origin) else (origin[-1] + 1 if origin else 0)
        changes.append(Change(text.place, where + 1, text.text[start:end], new, rule))
        if new is None:
            continue
        weight = bold[start] if start < len(bold) else False
        chars[start:end], bold[start:end], origin[start:end] = list(new), [weight] * len(new), [where] * len(new)
    return Styled("".join(chars), tuple(bold), text.place, tuple(origin)), changes
