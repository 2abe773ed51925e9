"""The text of Word's automatic numbers (一、 （一） 1.), which python-docx does not give: read from numbering.xml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DIGITS = "〇一二三四五六七八九"
CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese(number: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    """A count in Chinese numerals: 1 一, 10 十, 12 十二, 20 二十, 105 一百零五."""
    if number <= 0:
        return digits[0]
    if number >= 10000:
        return str(number)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = number // power % 10
        if digit:
            if zero:
                parts.append(digits[0])
            parts.append(("" if digit == 1 and power == 10 and number < 20 else digits[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def roman(number: int) -> str:
    """A lower-case Roman numeral."""
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def letters(number: int) -> str:
    """a, b, … z, aa, bb: Word's letter numbering."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def cyclic(symbols: str):
    """A numbering that goes round a fixed list of symbols."""
    return lambda number: symbols[(number - 1) % len(symbols)]


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
    "decimalEnclosedCircleChinese": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "taiwaneseCounting": chinese,
    "taiwaneseCountingThousand": chinese,
    "japaneseCounting": chinese,
    "ideographDigital": lambda n: "".join(DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese(n, CAPITAL_DIGITS, "拾佰仟"),
    "ideographLegalTraditional": lambda n: chinese(n, CAPITAL_DIGITS, "拾佰仟"),
    "ideographTraditional": cyclic(STEMS),
    "ideographZodiac": cyclic(BRANCHES),
    "lowerLetter": letters,
    "upperLetter": lambda n: letters(n).upper(),
    "lowerRoman": roman,
    "upperRoman": lambda n: roman(n).upper(),
    "none": lambda n: "",
}
LEVEL_REFERENCE = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    """One level of a list: where it starts, how its number is written, its text with %1 … %9."""

    start: int = 1
    format: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """The lists of a document and the counters of each, advanced paragraph by paragraph."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # formats written as decimals

    @classmethod
    def read(cls, element) -> "Numbering":
        """The lists of a numbering.xml root element (None: a document without lists)."""
        if element is None:
            return cls()
        abstract = {node.get(W + "abstractNumId"): levels_of(node) for node in element.iter(W + "abstractNum")}
        found = {}
        for num in element.iter(W + "num"):
            base = num.find(W + "abstractNumId")
            levels = dict(abstract.get(base.get(W + "val"), {})) if base is not None else {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = override.find(W + "startOverride")
                replaced = override.find(W + "lvl")
                if replaced is not None:
                    levels[ilvl] = level_of(replaced)
                if start is not None:
                    old = levels.get(ilvl, Level())
                    levels[ilvl] = Level(int(start.get(W + "val", "1")), old.format, old.text)
            found[num.get(W + "numId")] = levels
        return cls(found)

    def next(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph of list `num_id` at level `ilvl` ("" for a bullet)."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        level = levels.get(ilvl, Level())
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.format == "bullet":
            return ""
        return LEVEL_REFERENCE.sub(lambda m: self._write(levels, counters, int(m.group(1)) - 1), level.text)

    def _write(self, levels: dict[int, Level], counters: list[int | None], ilvl: int) -> str:
        """One level's counter in its format."""
        level = levels.get(ilvl, Level())
        value = counters[ilvl] if counters[ilvl] is not None else level.start
        if level.format not in FORMATS:
            self.unknown.add(level.format)
        return FORMATS.get(level.format, str)(value)


def levels_of(abstract) -> dict[int, Level]:
    """The levels of an abstractNum element."""
    return {int(lvl.get(W + "ilvl", "0")): level_of(lvl) for lvl in abstract.iter(W + "lvl")}


def level_of(lvl) -> Level:
    """One w:lvl element."""
    def value(tag: str, default: str) -> str:
        node = lvl.find(W + tag)
        return node.get(W + "val", default) if node is not None else default

    return Level(int(value("start", "1")), value("numFmt", "decimal"), value("lvlText", ""))
