"""The house style as declared settings: name, type, default and one line of help each."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

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


SETTINGS: tuple[Setting, ...] = (
    Setting("paper_width", float, 210.0, N_("paper width, mm (A4)")),
    Setting("paper_height", float, 297.0, N_("paper height, mm (A4)")),
    Setting("block_width", float, 156.0, N_("text block (版心) width, mm")),
    Setting("block_height", float, 225.0, N_("text block height, mm")),
    Setting("block_top", float, 37.0, N_("text block top edge from the paper top, mm")),
    Setting("block_left", float, 28.0, N_("text block left edge from the paper left, mm")),
    Setting("chars_per_line", int, 28, N_("characters on a full body line (GB/T 9704 grid)")),
    Setting("lines_per_page", int, 22, N_("body lines on a full page (GB/T 9704 grid)")),
    Setting("body_size", float, 16.0, N_("body text size, pt (三号)")),
    Setting("title_size", float, 22.0, N_("article title size, pt (二号)")),
    Setting("masthead_size", float, 56.0, N_("masthead size, pt (bigger than 初号)")),
    Setting("masthead_spacing", float, 0.25, N_("extra space between masthead characters, em")),
    Setting("masthead_lines", int, 3, N_("grid lines the masthead takes")),
    Setting("footer_size", float, 14.0, N_("footer (版记) text size, pt (四号)")),
    Setting("page_number_size", float, 14.0, N_("page number size, pt (四号)")),
    Setting("page_numbers", bool, False, N_("print page numbers (— 2 —) below the text block")),
    Setting("page_number_drop", float, 7.0, N_("page number baseline below the text block, mm")),
    Setting("indent", int, 2, N_("first-line indent of body paragraphs, characters")),
    Setting("latin_gap", float, 0.0, N_("gap between Han and Latin letters or digits, em (at most 0.25)")),
    Setting("toc_label_inset", int, 1, N_("TOC: cells before a section label")),
    Setting("toc_title_column", int, 6, N_("TOC: cell where article titles start")),
    Setting("red", str, "0 100 100 0", N_("the masthead red as CMYK percentages")),
    Setting("header_rule_thick", float, 2.0, N_("thick red rule under the editor line, pt")),
    Setting("header_rule_thin", float, 0.5, N_("thin red rule under the thick one, pt (0 for none)")),
    Setting("header_rule_gap", float, 1.5, N_("gap between the two red rules, pt")),
    Setting("header_rule_rise", float, 3.5, N_("thick red rule's centre above the foot of the editor line, pt")),
    Setting("footer_rule_thick", float, 0.35, N_("thick footer rules, mm")),
    Setting("footer_rule_thin", float, 0.25, N_("thin footer rule, mm")),
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

    def __init__(self, overrides: dict[str, Any] | None = None):
        values = {s.name: s.default for s in SETTINGS}
        values.update(overrides or {})
        self._values = values

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
        return None if value >= 0 else _("must not be negative")
    if setting.type is int and isinstance(value, int) and not isinstance(value, bool):
        return None if value > 0 else _("must be a positive whole number")
    if setting.type is bool and isinstance(value, bool):
        return None
    if setting.type is list and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return None
    if setting.type is str and isinstance(value, str):
        return _check_cmyk(value) if setting.name == "red" else None
    return _("must be {kind}").format(kind=_type_words(setting))


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
