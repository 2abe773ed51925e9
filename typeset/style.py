"""The house style as declared settings: name, type, default, one line of help and, for a number,
its range and unit; then the checks of one value and of the style as a whole."""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, Iterable, TypeVar, overload

from .i18n import N_, _

MM = 72 / 25.4

#: Chinese size names in points (house style §1).
SIZE_NAMES = MappingProxyType({
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
})


T = TypeVar("T")


@dataclass(frozen=True)
class Unit:
    """The unit of a number setting: its name (a catalog message) and, for a length, its size in pt."""

    name: str
    points: float | None = None  # None: not a length (characters, cells, lines, em of the text's size)


PT, MILLIMETRES = Unit(N_("pt"), 1.0), Unit(N_("mm"), MM)
EM, CHARACTERS, CELLS, LINES = Unit(N_("em")), Unit(N_("characters")), Unit(N_("cells")), Unit(N_("grid lines"))


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One tunable of the style, declared by the stage that reads it; on a Style, its value."""

    type: type[T]
    default: T
    help: str
    low: float | None = None  # inclusive bounds of a number, both finite
    high: float | None = None
    unit: Unit | None = None  # the unit of a number
    choices: tuple[str, ...] = ()  # the words a text setting may take, if only some
    name: str = ""  # set from the attribute it is declared as
    stage: str = ""  # the stage that declares it

    def __set_name__(self, owner: type, name: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "stage", owner.__name__)

    @overload
    def __get__(self, style: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, style: Stage, owner: type) -> T: ...

    def __get__(self, style, owner):
        return self if style is None else style._values[self.name]

    @property
    def numeric(self) -> bool:
        """True for a number setting, which declares its range."""
        return self.type in (int, float)


class Stage:
    """The settings one stage of the build reads (as SILE's modules declare theirs), by class attribute."""

    _values: dict[str, Any]
    reader = ""  # the modules that read these settings

    @classmethod
    def declared(cls) -> tuple[Setting, ...]:
        """This stage's settings, in the order declared."""
        return tuple(value for value in vars(cls).values() if isinstance(value, Setting))


class Paper(Stage):
    """The paper and the text block (版心) on it, on the GB/T 9704 grid."""

    reader = "paginate.py, layout.py"
    paper_width = Setting(float, 210.0, N_("paper width, mm (A4)"), 50, 2000, MILLIMETRES)
    paper_height = Setting(float, 297.0, N_("paper height, mm (A4)"), 50, 2000, MILLIMETRES)
    block_width = Setting(float, 156.0, N_("text block (版心) width, mm"), 20, 2000, MILLIMETRES)
    block_height = Setting(float, 225.0, N_("text block height, mm"), 20, 2000, MILLIMETRES)
    block_top = Setting(float, 37.0, N_("text block top edge from the paper top, mm"), 0, 2000, MILLIMETRES)
    block_left = Setting(float, 28.0, N_("text block left edge from the paper left, mm"), 0, 2000, MILLIMETRES)
    chars_per_line = Setting(int, 28, N_("characters on a full body line (GB/T 9704 grid)"), 10, 60, CHARACTERS)
    lines_per_page = Setting(int, 22, N_("body lines on a full page (GB/T 9704 grid)"), 5, 60, LINES)


class Body(Stage):
    """Titles, body paragraphs and bylines."""

    reader = "layout.py, compose/"
    body_size = Setting(float, 16.0, N_("body text size, pt (三号)"), 4, 200, PT)
    title_size = Setting(float, 22.0, N_("article title size, pt (二号)"), 4, 200, PT)
    caption_size = Setting(float, 14.0, N_("figure caption size, pt (四号), in the body font"), 4, 200, PT)
    indent = Setting(int, 2, N_("first-line indent of body paragraphs, characters"), 0, 10, CHARACTERS)
    title_margin = Setting(float, 1.0, N_("least blank beside each end of a title line, grid cells: a longer "
                                          "title breaks rather than run from edge to edge"), 0, 5, CELLS)
    latin_gap = Setting(float, 0.0, N_("gap between Han and Latin letters or digits, em (at most 0.25)"),
                        0, 0.25, EM)
    punctuation = Setting(str, "quanjiao", N_("punctuation style, as ctex names them: quanjiao (全角式, every mark "
                                              "one cell: GB), hangmobanjiao (行末半角式: a mark at a line end half), "
                                              "kaiming (开明式: 。？！ full, other marks half), banjiao (半角式: every "
                                              "mark half)"),
                          choices=("quanjiao", "hangmobanjiao", "kaiming", "banjiao"))


class Header(Stage):
    """The header block (报头) of page 1: masthead, edition, number, editor line and the red rules."""

    reader = "layout.py (header)"
    masthead_size = Setting(float, 56.0, N_("masthead size, pt (bigger than 初号)"), 4, 200, PT)
    masthead_spacing = Setting(float, 0.25, N_("extra space between masthead characters, em"), 0, 0.5, EM)
    masthead_lines = Setting(int, 3, N_("grid lines the masthead takes"), 1, 10, LINES)
    red = Setting(str, "0 100 100 0", N_("the masthead red as CMYK percentages"))
    header_rule_thick = Setting(float, 2.0, N_("thick red rule under the editor line, pt"), 0, 20, PT)
    header_rule_thin = Setting(float, 0.5, N_("thin red rule under the thick one, pt (0 for none)"), 0, 20, PT)
    header_rule_gap = Setting(float, 1.5, N_("gap between the two red rules, pt"), 0, 20, PT)
    header_rule_drop = Setting(float, 4.0, N_("gap from the foot of the editor line's characters to the thick "
                                              "red rule, mm (GB/T 9704 §7.2.7: 4 mm)"), 0, 20, MILLIMETRES)


class Contents(Stage):
    """The table of contents (目录) on page 1."""

    reader = "layout.py (toc)"
    toc_label_inset = Setting(int, 1, N_("TOC: cells before a section label"), 0, 20, CELLS)
    toc_title_column = Setting(int, 6, N_("TOC: cell where article titles start"), 1, 40, CELLS)
    toc_hang = Setting(int, 2, N_("TOC: cells by which a wrapped title's further lines stand in from its first "
                                  "(a hanging indent, so they do not read as the next entry)"), 0, 10, CELLS)


class Distribution(Stage):
    """The distribution footer (版记) at the foot of the last page."""

    reader = "layout.py (footer)"
    footer_size = Setting(float, 14.0, N_("footer (版记) text size, pt (四号)"), 4, 200, PT)
    footer_rule_thick = Setting(float, 0.35, N_("thick footer rules, mm"), 0, 7, MILLIMETRES)
    footer_rule_thin = Setting(float, 0.25, N_("thin footer rule, mm"), 0, 7, MILLIMETRES)


class PageNumbers(Stage):
    """Page numbers below the text block."""

    reader = "paginate.py, layout.py (page_number)"
    page_numbers = Setting(bool, False, N_("print page numbers (— 2 —) below the text block, "
                                           "but not on page 1 nor on the 版记 page"))
    page_number_size = Setting(float, 14.0, N_("page number size, pt (四号)"), 4, 200, PT)
    page_number_drop = Setting(float, 7.0, N_("page number's dashes below the text block, mm"), 0, 100, MILLIMETRES)


class FontRoles(Stage):
    """The font files of each role, first choice first, falling back in order."""

    reader = "fonts.py"
    font_title = Setting(list, ["NotoSerifCJKsc-Bold.ttf", "NotoSerifCJKsc-Regular.ttf"],
                         N_("font files for titles and the masthead, first choice first"))
    font_body = Setting(list, ["FandolFang-Regular.ttf", "LXGWWenKai-Regular.ttf", "NotoSerifCJKsc-Regular.ttf"],
                        N_("font files for body text, TOC titles and the footer; after the 仿宋 a light 楷, "
                           "closer to it in tone than a Song"))
    font_heading = Setting(list, ["NotoSansCJKsc-Bold.ttf", "NotoSerifCJKsc-Regular.ttf"],
                           N_("font files for 目录, section labels, the 信息摘登 heading and emphasis"))
    font_byline = Setting(list, ["LXGWWenKai-Regular.ttf", "NotoSerifCJKsc-Regular.ttf"],
                          N_("font files for bylines"))
    font_latin_title = Setting(list, ["NotoSerifCJKsc-Bold.ttf"],
                               N_("font files for the digits and Latin letters of titles"))
    font_latin_body = Setting(list, ["NotoSerifCJKsc-Regular.ttf"],
                              N_("font files for the digits and Latin letters of body text: a Song-style "
                                 "serif, as offices pair Times New Roman with 仿宋"))
    font_latin_heading = Setting(list, ["NotoSansCJKsc-Bold.ttf"],
                                 N_("font files for the digits and Latin letters of headings"))
    font_latin_byline = Setting(list, ["LXGWWenKai-Regular.ttf"],
                                N_("font files for the digits and Latin letters of bylines"))
    font_page_number = Setting(list, ["NotoSerifCJKsc-Regular.ttf"],
                               N_("font files for page numbers: half-width Song digits and the em dash "
                                  "(GB/T 9704 §7.5)"))


class PressOutput(Stage):
    """The press PDF for the print shop, under `press:` in publication.yaml (not part of the house style)."""

    reader = "press/"
    bleed = Setting(float, 3.0, N_("bleed beyond the trimmed page on every side (BleedBox), mm"), 0, 10, MILLIMETRES)
    mark_length = Setting(float, 5.0, N_("length of the crop marks, which start at the bleed, mm"),
                          2, 20, MILLIMETRES)
    slug = Setting(bool, True, N_("print a slug line (issue, date, page) below the crop marks"))
    output_condition = Setting(str, "FOGRA39", N_("the printing condition of the output intent, "
                                                  "a registered identifier such as FOGRA39"))
    output_profile = Setting(str, "", N_("an ICC output profile (CMYK) of the printing condition, embedded when given"))
    overprint_black = Setting(bool, True, N_("pure black (K) text and rules overprint, so misregistration never "
                                             "leaves a white halo"))
    preprinted = Setting(bool, False, N_("套打: leave out the red masthead and rules, for paper printed with them"))


STAGES: tuple[type[Stage], ...] = (Paper, Body, Header, Contents, Distribution, PageNumbers, FontRoles)
SETTINGS: tuple[Setting, ...] = tuple(setting for stage in STAGES for setting in stage.declared())
SETTING_BY_NAME = MappingProxyType({s.name: s for s in SETTINGS})
PRESS_SETTINGS: tuple[Setting, ...] = PressOutput.declared()
PRESS_SETTING_BY_NAME = MappingProxyType({s.name: s for s in PRESS_SETTINGS})
ROLES = ("title", "body", "heading", "byline", "page_number")
LATIN_ROLES = ("title", "body", "heading", "byline")  # the roles with their own digits-and-Latin faces


class Style(Paper, Body, Header, Contents, Distribution, PageNumbers, FontRoles):
    """The settings in force: defaults overridden per publication, each read as an attribute of its type."""

    def __init__(self, overrides: dict[str, Any] | None = None, places: dict | None = None):
        values = {s.name: s.default for s in SETTINGS}
        values.update(overrides or {})
        self._values = values
        self.places = places or {}  # where each override stands in publication.yaml

    def as_dict(self) -> dict[str, Any]:
        """Every setting and its value."""
        return dict(self._values)

    def points(self, setting: Setting[float]) -> float:
        """A length setting's value in pt, whatever unit it is declared in."""
        if setting.unit is None or setting.unit.points is None:
            raise TypeError(f"{setting.name} is not a length")
        return self._values[setting.name] * setting.unit.points

    def fonts(self, role: str) -> list[str]:
        """The font files of a role, first choice first."""
        return list(self._values[f"font_{role}"])

    # Derived geometry, in pt.
    @property
    def page_size(self) -> tuple[float, float]:
        """Paper width and height."""
        return self.points(Paper.paper_width), self.points(Paper.paper_height)

    @property
    def measure(self) -> float:
        """Text block width."""
        return self.points(Paper.block_width)

    @property
    def cell(self) -> float:
        """Character pitch on the grid."""
        return self.measure / self.chars_per_line

    @property
    def pitch(self) -> float:
        """Line pitch on the grid."""
        return self.points(Paper.block_height) / self.lines_per_page

    @property
    def left(self) -> float:
        """Text block left edge from the paper's left."""
        return self.points(Paper.block_left)

    @property
    def top(self) -> float:
        """Text block top edge from the paper's top."""
        return self.points(Paper.block_top)

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
        if setting.choices and value not in setting.choices:
            return _("must be one of {choices}, not {value}").format(choices=", ".join(setting.choices), value=value)
        if setting.name == "red":
            return _check_cmyk(value)
        return _("must not be empty") if setting.name == "output_condition" and not value.strip() else None
    return _("must be {kind}").format(kind=_type_words(setting))


def _check_range(setting: Setting, value: float) -> str | None:
    """Why a number lies outside its setting's range (or is no number at all), or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return _("must be a finite number from {low} to {high} {unit}, not {value}").format(
            low=number(setting.low), high=number(setting.high), unit=_(setting.unit.name), value=value)
    if setting.low <= value <= setting.high:
        return None
    return _("must be from {low} to {high} {unit}, not {value}").format(
        low=number(setting.low), high=number(setting.high), unit=_(setting.unit.name), value=number(value))


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
    (("title_margin", "title_size", "block_width"),
     lambda s: s.measure - 2 * s.title_margin * s.cell >= 4 * s.title_size,
     N_("title_margin {title_margin} on each side leaves less than four title characters of the line"),
     N_("a title margin is a character or so")),
    (("indent", "chars_per_line"),
     lambda s: s.indent < s.chars_per_line,
     N_("indent {indent} is not less than chars_per_line {chars_per_line}"),
     N_("an indent is a few characters of a line, usually 2")),
    (("toc_title_column", "chars_per_line"),
     lambda s: s.toc_title_column < s.chars_per_line,
     N_("toc_title_column {toc_title_column} is not less than chars_per_line {chars_per_line}"),
     N_("titles in the table of contents must start inside the line")),
    (("toc_hang", "toc_title_column", "chars_per_line"),
     lambda s: s.toc_title_column + s.toc_hang < s.chars_per_line - 1,
     N_("toc_title_column {toc_title_column} + toc_hang {toc_hang} leaves no room in a line of "
        "{chars_per_line} characters"),
     N_("a hanging indent is a cell or two")),
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
