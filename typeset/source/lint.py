"""Warnings about text printed as written: half-width marks, stray and unusual spaces in Chinese text."""

from __future__ import annotations

import unicodedata

from ..compose.rules import INNER_QUOTES, OUTER_QUOTES, SINGLE_DASHES
from ..diagnostics import Report
from ..i18n import _
from .model import Located

HALF_WIDTH_MARKS = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！",
                    "(": "（", ")": "）", '"': "“ ”", "'": "‘ ’"}


def is_han(char: str) -> bool:
    """True for a CJK ideograph or a full-width CJK mark."""
    if not char:
        return False
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFF60 \
        or 0x20000 <= code <= 0x3FFFF


def text_warnings(text: Located, report: Report, spaces: bool = True) -> None:
    """Warn about half-width punctuation, (unless `spaces` is off) stray spaces, lone dashes and outer single quotes."""
    mark_warnings(text, report)
    value = text.value
    suspects = suspect_chars(set(value))
    for index, char in enumerate(value):
        if char not in suspects:
            continue
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


_judged: set[str] = set()  # the characters seen so far, and of them those that can warn
_suspect: set[str] = set(HALF_WIDTH_MARKS) | set(" \t\u00a0\u3000")


def suspect_chars(chars: set[str]) -> set[str]:
    """Those of `chars` that can warn: half-width marks, spaces, unusual spaces; each character judged once a process."""
    new = chars - _judged
    if new:
        _suspect.update(char for char in new if is_unusual_space(char))
        _judged.update(new)
    return chars & _suspect


def mark_warnings(text: Located, report: Report) -> None:
    """Warn about a single dash where a 破折号 belongs and single quotes used as the outer ones."""
    value, depth = text.value, 0
    if INNER_QUOTES[0] not in value and not any(dash in value for dash in SINGLE_DASHES):
        return
    for index, char in enumerate(value):
        if char == OUTER_QUOTES[0]:
            depth += 1
        elif char == OUTER_QUOTES[1]:
            depth = max(depth - 1, 0)
        elif char == INNER_QUOTES[0] and depth == 0:
            report.warn(text.position(index), _("'‘’' used as the outer quotes"),
                        _("quote with “…” and use ‘…’ only inside them (GB/T 15834-2011 §4.8.3.4)"), "quotes")
        elif char in SINGLE_DASHES and is_single_dash(value, index):
            report.warn(text.position(index), _("a single '{char}' where a dash '——' belongs").format(char=char),
                        _("write the dash as two: '——'; one '—' only joins a range like 1031—1095 "
                          "(GB/T 15834-2011 §4.10, §4.13)"), "dash")


def is_single_dash(value: str, index: int) -> bool:
    """An em dash on its own (not half of `——`) that does not join two numbers."""
    before = value[index - 1] if index else ""
    after = value[index + 1] if index + 1 < len(value) else ""
    if before in SINGLE_DASHES or after in SINGLE_DASHES:
        return False
    return not (before.isdigit() and after.isdigit())


def is_unusual_space(char: str) -> bool:
    """A space other than the ordinary, no-break and ideographic ones, a line or paragraph separator,
    or an invisible format character (zero-width space, soft hyphen, BOM): each prints as a silent gap."""
    if char in " \t\u00a0\u3000":
        return False
    return char == "\x85" or unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf")


def _in_number(before: str, char: str, after: str) -> bool:
    """True for a mark inside a number, like 3.5 or 1,000."""
    return char in ".,:" and before.isdigit() and after.isdigit()
