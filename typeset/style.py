"""The house style as declared settings: name, type, default, one line of help and, for a number,
its range and unit; then the checks of one value and of the style as a whole."""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterable

from .i18n import N_, _

MM = 72 / 25.4

#: Chinese size names in points (house style §1).
SIZE_NAMES = MappingProxyType({
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
})


@dataclass(frozen=True)
class Setting:
    """One tunable of the style."""

    name: str
    type: type
    default: Any
    help: str
    low: float | None = None  # inclusive bounds of a number, both finite
    high: float | None = None
    unit: str = ""  # the unit of a number, a catalog message (N_)

    @property
    def numeric(self) -> bool:
        """True for a number setting, which declares its range."""
        return self.type in (int, float)


# Units, shown after a range.
PT, MILLIMETRES, EM = N_("pt"), N_("mm"), N_("em")
CHARACTERS, CELLS, LINES = N_("characters"), N_("cells"), N_("grid lines")


SETTINGS: tuple[Setting, ...] = (
    Setting("paper_width", float, 210.0, N_("paper width, mm (A4)"),
            50, 2000, MILLIMETRES),
    Setting("paper_height", float, 297.0, N_("paper height, mm (A4)"),
            50, 2000, MILLIMETRES),
    Setting("block_width", float, 156.0, N_("text block (版心) width, mm"),
            20, 2000, MILLIMETRES),
    Setting("block_height", float, 225.0, N_("text block height, mm"),
            20, 2000, MILLIMETRES),
    Setting("block_top", float, 37.0, N_("text block top edge from the paper top, mm"),
            0, 2000, MILLIMETRES),
    Setting("block_left", float, 28.0, N_("text block left edge from the paper left, mm"),
            0, 2000, MILLIMETRES),
    Setting("chars_per_line", int, 28, N_("characters on a full body line (GB/T 9704 grid)"),
            10, 60, CHARACTERS),
    Setting("lines_per_page", int, 22, N_("body lines on a full page (GB/T 9704 grid)"),
            5, 60, LINES),
    Setting("body_size", float, 16.0, N_("body text size, pt (三号)"),
            4, 200, PT),
    Setting("title_size", float, 22.0, N_("article title size, pt (二号)"),
            4, 200, PT),
    Setting("masthead_size", float, 56.0, N_("masthead size, pt (bigger than 初号)"),
            4, 200, PT),
    Setting("masthead_spacing", float, 0.25, N_("extra space between masthead characters, em"),
            0, 2, EM),
    Setting("masthead_lines", int, 3, N_("grid lines the masthead takes"),
            1, 10, LINES),
    Setting("footer_size", float, 14.0, N_("footer (版记) text size, pt (四号)"),
            4, 200, PT),
    Setting("page_number_size", float, 14.0, N_("page number size, pt (四号)"),
            4, 200, PT),
    Setting("page_numbers", bool, False, N_("print page numbers (— 2 —) below the text block")),
    Setting("page_number_drop", float, 7.0, N_("page number baseline below the text block, mm"),
            0, 100, MILLIMETRES),
    Setting("indent", int, 2, N_("first-line indent of body paragraphs, characters"),
            0, 10, CHARACTERS),
    Setting("latin_gap", float, 0.0, N_("gap between Han and Latin letters or digits, em (at most 0.25)"),
            0, 0.25, EM),
    Setting("toc_label_inset", int, 1, N_("TOC: cells before a section label"),
            0, 20, CELLS),
    Setting("toc_title_column", int, 6, N_("TOC: cell where article titles start"),
            1, 40, CELLS),
    Setting("red", str, "0 100 100 0", N_("the masthead red as CMYK percentages")),
    Setting("header_rule_thick", float, 2.0, N_("thick red rule under the editor line, pt"),
            0, 20, PT),
    Setting("header_rule_thin", float, 0.5, N_("thin red rule under the thick one, pt (0 for none)"),
            0, 20, PT),
    Setting("header_rule_gap", float, 1.5, N_("gap between the two red rules, pt"),
            0, 20, PT),
    Setting("header_rule_rise", float, 3.5, N_("thick red rule's centre above the foot of the editor line, pt"),
            0, 20, PT),
    Setting("footer_rule_thick", float, 0.35, N_("thick footer rules, mm"),
            0, 7, MILLIMETRES),
    Setting("footer_rule_thin", float, 0.25, N_("thin footer rule, mm"),
            0, 7, MILLIMETRES),
    Setting("font_title", list, ["NotoSerifCJKsc-Bold.ttf", "NotoSerifCJKsc-Regular.ttf"],
            N_("font files for titles and the masthead, first choice first")),
    Setting("font_body", list, ["FandolFang-Regular.ttf", "NotoSerifCJKsc-Regular.ttf"],
            N_("font files for body text, TOC titles and the footer")),
    Setting("font_heading", list, ["NotoSansCJKsc-Bold.ttf", "NotoSerifCJKsc-Regular.ttf"],
            N_("font files for 目录, section labels, the 信息摘登 heading and emphasis")),
    Setting("font_byline", list, ["LXGWWenKai-Regular.ttf", "NotoSerifCJKsc-Regular.ttf"],
            N_("font files for bylines")),
)

SETTING_BY_NAME = MappingProxyType({s.name: s for s in SETTINGS})
ROLES = ("title", "body", "heading", "byline")


class Style:
    """The settings in force: defaults overridden per publication."""

    def __init__(self, overrides: dict[str, Any] | None = None, places: dict | None = None):
        values = {s.name: s.default for s in SETTINGS}
        values.update(overrides or {})
        self._values = values
        self.places = places or {}  # where each override stands in publication.yaml

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, Any]:
        """Every setting and its value."""
        return dict(self._values)

    def fonts(self, role: str) -> list[str]:
        """The font files of a role, first choice first."""
        return list(self._values[f"font_{role}"])

    # Derived geometry, in pt.
    @property
    def page_size(self) -> tuple[float, float]:
        """Paper width and height."""
        return self.paper_width * MM, self.paper_height * MM

    @property
    def measure(self) -> float:
        """Text block width."""
        return self.block_width * MM

    @property
    def cell(self) -> float:
        """Character pitch on the grid."""
        return self.measure / self.chars_per_line

    @property
    def pitch(self) -> float:
        """Line pitch on the grid."""
        return self.block_height * MM / self.lines_per_page

    @property
    def left(self) -> float:
        """Text block left edge from the paper's left."""
        return self.block_left * MM

    @property
    def top(self) -> float:
        """Text block top edge from the paper's top."""
        return self.block_top * MM

    @property
    def red_cmyk(self) -> tuple[float, float, float, float]:
        """The red as CMYK fractions."""
        c, m, y, k = (float(part) / 100 for part in self.red.split())
        return c, m, y, k


def takes_size_name(setting: Setting) -> bool:
    """True for a size setting, which may also be written as a Chinese size name (三号)."""
    return setting.type is float and setting.name.endswith("_size")


def coerce(setting: Setting, value: Any) -> Any:
    """A value as the setting holds it: a Chinese size name becomes its points."""
    if takes_size_name(setting) and isinstance(value, str) and value in SIZE_NAMES:
        return float(SIZE_NAMES[value])
    return value


def check_value(setting: Setting, value: Any) -> str | None:
    """Why a value does not suit a setting, or None when it does."""
    if setting.type is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _check_range(setting, value)
    if setting.type is int and isinstance(value, int) and not isinstance(value, bool):
        return _check_range(setting, value)
    if setting.type is bool and isinstance(value, bool):
        return None
    if setting.type is list and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return None
    if setting.type is str and isinstance(value, str):
        return _check_cmyk(value) if setting.name == "red" else None
    return _("must be {kind}").format(kind=_type_words(setting))


def _check_range(setting: Setting, value: float) -> str | None:
    """Why a number lies outside its setting's range (or is no number at all), or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return _("must be a finite number from {low} to {high} {unit}, not {value}").format(
            low=number(setting.low), high=number(setting.high), unit=_(setting.unit), value=value)
    if setting.low <= value <= setting.high:
        return None
    return _("must be from {low} to {high} {unit}, not {value}").format(
        low=number(setting.low), high=number(setting.high), unit=_(setting.unit), value=number(value))


def number(value: float) -> str:
    """A number as an editor writes it: 4, 0.25, 1e+308."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if abs(value) < 10**15 else f"{value:.3g}"
    return f"{value:g}"


# ---------------------------------------------------------------- the style as a whole

def check_style(values: dict[str, Any], given: Iterable[str] = (), rejected: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """What does not fit together in a whole style: (setting, message, hint) for each problem.

    `values` holds every setting (defaults and overrides); each problem is charged to the first
    of its settings that is in `given` (the overrides), else to its first setting. A rule that
    involves a setting in `rejected` (a value already refused on its own) is not checked.
    """
    given, rejected = set(given), set(rejected)
    style = Style({k: v for k, v in values.items() if k not in rejected})
    problems = []
    for names, fits, message, hint in _RULES:
        if any(name in rejected for name in names) or fits(style):
            continue
        blamed = next((name for name in names if name in given), names[0])
        problems.append((blamed, _(message).format(**_figures(style)), _(hint).format(**_figures(style))))
    return problems


def _figures(style: Style) -> dict[str, str]:
    """The numbers the whole-style messages name, as shown to the editor."""
    values = {name: number(value) for name, value in style.as_dict().items()
              if isinstance(value, (int, float)) and not isinstance(value, bool)}
    return {**values,
            "right": number(round(style.block_left + style.block_width, 2)),
            "bottom": number(round(style.block_top + style.block_height, 2)),
            "cell": number(round(style.cell, 2)), "pitch": number(round(style.pitch, 2)),
            "half": number(style.body_size / 2), "twice": number(style.body_size * 2)}


_RULES = (
    (("block_width", "block_left", "paper_width"),
     lambda s: s.block_left + s.block_width <= s.paper_width,
     N_("the text block does not fit across the paper: block_left + block_width = {right} mm, "
        "more than paper_width {paper_width} mm"),
     N_("make block_left + block_width at most paper_width")),
    (("block_height", "block_top", "paper_height"),
     lambda s: s.block_top + s.block_height <= s.paper_height,
     N_("the text block does not fit down the paper: block_top + block_height = {bottom} mm, "
        "more than paper_height {paper_height} mm"),
     N_("make block_top + block_height at most paper_height")),
    (("chars_per_line", "block_width", "body_size"),
     lambda s: s.body_size / 2 <= s.cell <= s.body_size * 2,
     N_("a grid cell (block_width / chars_per_line) is {cell} pt, outside half to twice "
        "body_size ({half} to {twice} pt)"),
     N_("change chars_per_line, block_width or body_size so that a body character fits its cell")),
    (("lines_per_page", "block_height", "body_size"),
     lambda s: s.pitch >= s.body_size,
     N_("the line pitch (block_height / lines_per_page) is {pitch} pt, less than body_size {body_size} pt"),
     N_("use fewer lines_per_page, a taller block_height or a smaller body_size")),
    (("indent", "chars_per_line"),
     lambda s: s.indent < s.chars_per_line,
     N_("indent {indent} is not less than chars_per_line {chars_per_line}"),
     N_("an indent is a few characters of a line, usually 2")),
    (("toc_title_column", "chars_per_line"),
     lambda s: s.toc_title_column < s.chars_per_line,
     N_("toc_title_column {toc_title_column} is not less than chars_per_line {chars_per_line}"),
     N_("titles in the table of contents must start inside the line")),
    (("toc_label_inset", "toc_title_column"),
     lambda s: s.toc_label_inset < s.toc_title_column,
     N_("toc_label_inset {toc_label_inset} is not less than toc_title_column {toc_title_column}"),
     N_("a section label starts before the column of the titles")),
    (("masthead_lines", "lines_per_page"),
     lambda s: s.masthead_lines < s.lines_per_page,
     N_("masthead_lines {masthead_lines} is not less than lines_per_page {lines_per_page}"),
     N_("the masthead takes a few lines of page 1, usually 3")),
)


def _check_cmyk(value: str) -> str | None:
    """Why a CMYK string is malformed, or None."""
    parts = value.split()
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) == 4 and all(0 <= n <= 100 for n in numbers):
        return None
    return _("must be four CMYK percentages, e.g. \"0 100 100 0\"")


def _type_words(setting: Setting) -> str:
    """A setting's type in words."""
    if takes_size_name(setting):
        return _("a size in pt or one of {names}").format(names="、".join(SIZE_NAMES))
    return {
        float: _("a number"), int: _("a whole number"), bool: _("true or false"),
        list: _("a list of font file names"), str: _("text"),
    }[setting.type]


# ---------------------------------------------------------------- the documentation

def settings_table() -> str:
    """The settings as the Markdown table of docs/source-format.md: type, default, range and help."""
    kinds = {float: "number", int: "whole number", bool: "true/false", str: "text", list: "list"}
    rows = ["| setting | type | default | range | meaning |", "|---|---|---|---|---|"]
    for setting in SETTINGS:
        default = setting.default
        if isinstance(default, list):
            default = ", ".join(default)
        elif isinstance(default, bool):
            default = str(default).lower()
        elif setting.numeric:
            default = number(default)
        span = f"{number(setting.low)} to {number(setting.high)} {setting.unit}" if setting.numeric else ""
        help_text = setting.help.replace("|", "\\|")
        rows.append(f"| `{setting.name}` | {kinds[setting.type]} | `{default}` | {span} | {help_text} |")
    return "\n".join(rows) + "\n"
