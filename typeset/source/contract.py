"""The source contract, declared once: every shape of the source files and its keys.

The reader checks against it, `typeset.schema` turns it into the JSON Schemas in `schema/`,
and docs/generate.py into the key tables of docs/source-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..i18n import N_

# The kinds of value a key holds.
TEXT = "text"  # non-empty text
TITLE = "title"  # text whose folded line breaks join without a space
COUNT = "count"  # a positive whole number
DATE = "date"  # a real date, YYYY-MM-DD
TEXTS = "texts"  # a list of texts, each printed on a new line
LIST = "list"  # a list of mappings of one shape
MAP = "map"  # a mapping of one shape
STYLE = "style"  # overrides of the house style, by setting name
PRESS = "press"  # the press PDF's settings, by name
BODY = "body"  # paragraphs as text, or a list of text and blocks
IMAGE = "image"  # a JPEG or PNG file, relative to the archive folder
LENGTH = "length"  # a positive number of millimetres


@dataclass(frozen=True)
class Key:
    """One key of a mapping: the kind of its value and how messages and docs name it."""

    name: str
    kind: str
    words: str  # how a message names the value (a catalog message)
    help: str  # what it means, for the schema and the docs
    required: bool = False
    default: str | None = None
    shape: str = ""  # of a MAP, or of each item of a LIST
    least: int = 0  # fewest items of a list
    entry: str = ""  # how a message names one entry of TEXTS
    digits: bool = False  # unquoted digits are text here (YAML reads them as a number)
    most: int = 0  # the largest COUNT


@dataclass(frozen=True)
class Shape:
    """A mapping of the source: its keys, and at most one group of keys of which exactly one is given."""

    name: str
    words: str  # how a message names the mapping
    help: str
    keys: tuple[Key, ...]
    either: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The valid keys, in order."""
        return tuple(key.name for key in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys that must be given."""
        return tuple(key.name for key in self.keys if key.required)

    def key(self, name: str) -> Key:
        """The declaration of one key."""
        return next(key for key in self.keys if key.name == name)


MOST_NUMBER = 999  # issues in one year: more than a daily bulletin has
MOST_TOTAL = 99_999  # issues over a whole run: centuries of a weekly one

BYLINE = Key("byline", TEXT, N_("byline"), "printed as （<byline>） flush right in the byline font, e.g. 代表工委 李兴军")

SHAPES = MappingProxyType({shape.name: shape for shape in (
    Shape("publication", N_("the publication"),
          "The publication: facts shared by every issue in its folder (publication.yaml)", (
              Key("masthead", TEXT, N_("masthead"), "the publication's name, printed large and red at the top of "
                  "page 1, e.g. 杭州人大信息", required=True),
              Key("office", TEXT, N_("office"), "the editing office, printed on page 1 as '<office>编', "
                  "e.g. 杭州市人大常委会研究室", required=True),
              Key("footer", MAP, N_("the footer"), "the distribution footer (版记) at the foot of the last page",
                  shape="footer"),
              Key("style", STYLE, N_("the style"), "overrides of the house style; each setting has a default"),
              Key("press", PRESS, N_("the press settings"), "settings of the press PDF (paiban build --press) "
                  "for the print shop; each has a default"),
          )),
    Shape("footer", N_("the footer"),
          "The footer: 报/送/发 groups, editor and phone; an issue's footer replaces the parts it names", (
              Key("report", TEXTS, N_("the footer's 报 list"), "报：the groups reported to, each starting a new line",
                  entry=N_("an entry of the footer's 报 list")),
              Key("send", TEXTS, N_("the footer's 送 list"), "送：the groups sent to, each starting a new line",
                  entry=N_("an entry of the footer's 送 list")),
              Key("issue_to", TEXTS, N_("the footer's 发 list"), "发：the groups issued to, each starting a new line",
                  entry=N_("an entry of the footer's 发 list")),
              Key("editor", TEXT, N_("the footer's editor"), "printed as 本期责任编辑：<editor>"),
              Key("phone", TEXT, N_("the footer's phone"), "printed as 电话：<phone>, e.g. (0571)85250657",
                  digits=True),
          )),
    Shape("issue", N_("the issue"), "An issue of the bulletin: one YAML file beside publication.yaml", (
        Key("edition", TEXT, N_("edition"), "the edition, printed as （普刊）: 普刊, 专刊, 增刊 ...", default="普刊"),
        Key("number", COUNT, N_("the number (期号)"), "第N期: the issue's number within its year, counted from 1",
            required=True, most=MOST_NUMBER),
        Key("total", COUNT, N_("the total number (总期号)"), "总第N期: the issue's number over the whole run",
            required=True, most=MOST_TOTAL),
        Key("date", DATE, N_("the date"), "the issue's date as YYYY-MM-DD, printed 2024年5月31日", required=True),
        Key("sections", LIST, N_("sections"), "the sections (栏目), printed in this order; at least one",
            required=True, shape="section", least=1),
        Key("footer", MAP, N_("the footer"), "replaces the parts of the publication's footer it names",
            shape="footer"),
    )),
    Shape("section", N_("a section"), "A section: a label and either articles or briefs", (
        Key("label", TEXT, N_("section label"), "the section label (栏目), shown in the table of contents",
            required=True),
        Key("articles", LIST, N_("articles"), "the section's articles; a section has either articles or briefs",
            shape="article", least=1),
        Key("briefs", LIST, N_("briefs"), "the section's short items (信息摘登); a section has either articles "
            "or briefs", shape="brief", least=1),
    ), either=("articles", "briefs")),
    Shape("article", N_("an article"), "An article: a title, its body and an optional byline", (
        Key("title", TITLE, N_("title"), "the article's title, centred in the title font; keep it to two lines "
            "(about 40 characters); write it as a | block, one printed line per line, to choose where it breaks",
            required=True),
        BYLINE,
        Key("body", BODY, N_("body"), "the article's paragraphs, separated by a blank line; **…** marks emphasis, "
            "a \\ at the end of a line breaks the line there; or a list of such texts and figure: blocks",
            required=True),
    )),
    Shape("block", N_("a block of the body"), "A block of an article's body other than text", (
        Key("figure", MAP, N_("the figure"), "an image with its caption", required=True, shape="figure"),
    )),
    Shape("figure", N_("the figure"), "A figure: an image file and an optional caption and width", (
        Key("image", IMAGE, N_("the image"), "a JPEG or PNG file, its path relative to the archive folder, "
            "e.g. images/2024-07-1.jpg", required=True),
        Key("caption", TEXT, N_("the caption"), "the caption under the image; **…** marks emphasis"),
        Key("width", LENGTH, N_("the width"), "the image's width in mm; the width of the text block if left out"),
    )),
    Shape("brief", N_("a brief"), "A brief: one paragraph, an optional byline and run-in lead", (
        Key("text", TEXT, N_("brief text"), "the brief, one paragraph; **…** marks emphasis", required=True),
        BYLINE,
        Key("lead", TEXT, N_("lead"), "a run-in lead in the heading font, printed once: the text's own beginning "
            "if the text starts with it, else printed before the text, e.g. 西湖区"),
    )),
)})

DOCUMENTS = ("issue", "publication")  # the shapes of whole files
LONGEST_FIGURE = 2000.0  # mm: a width past any paper
