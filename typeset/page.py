"""A laid-out page, self-contained: its boxes and its items in drawing order, the contract between layout and output.

Coordinates are pt from the page's top-left corner, y growing downwards. Every renderer
walks the items the same way, through `draw`, by each item's `kind`.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from .diagnostics import Position

if TYPE_CHECKING:
    from .fonts import Face

CMYK = tuple[float, float, float, float]  # fractions of cyan, magenta, yellow and black


class Paint(NamedTuple):
    """An ink as the house style names it, and its process colour."""

    name: str
    cmyk: CMYK


BLACK = Paint("black", (0, 0, 0, 1))
EM_ASCENT = 0.88  # the ideographic em box reaches 0.88 em above the baseline


class Span(NamedTuple):
    """Where in the sources a glyph or an image came from: file, line and column (from 1)."""

    file: str
    line: int
    column: int

    @classmethod
    def of(cls, place: Position) -> Span:
        """The span of a diagnostic's position."""
        return cls(place.file, place.line, place.column)

    def position(self) -> Position:
        """The span as a diagnostic's position."""
        return Position(self.file, self.line, self.column)


class Glyph(NamedTuple):
    """One glyph placed on a line: its pen x (pt, from its text item's x), set width, the face's own advance."""

    char: str
    id: int  # the glyph's index in its face
    x: float
    width: float  # the width the composer set it in (its grid cell, squeezed or not)
    advance: float  # the face's advance at the item's size: where a PDF pen moves after it
    span: Span | None


PACKED = "dddIIH"  # the kinds of a text item's packed columns: xs, widths, advances, lines, columns, glyph ids
SIZES = [array(kind).itemsize for kind in PACKED]
STARTS = [sum(SIZES[:number]) for number in range(len(PACKED))]  # bytes before a column, per glyph


class Glyphs(Sequence):
    """The glyphs of one text item, packed: one character, glyph id, x, width, advance and place each.

    Indexing and iteration give `Glyph` tuples; the hot readers (drawing, the checks) read the
    packed columns: `chars`, and the views `xs`, `widths`, `advances`. A place is a line and a
    column in `lines` and `columns` (line 0: no place) and a file, `files[0]` unless the item's
    glyphs come from several files, when `which` holds each glyph's index into `files`.
    """

    __slots__ = ("chars", "_packed", "files", "which")
    _FILES: dict[str, tuple[str]] = {}  # one tuple for all the items of one file

    def __init__(self, chars: str, packed: bytes, files: tuple[str, ...], which: bytes = b""):
        for name, value in zip(self.__slots__, (chars, packed, files, which)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"glyphs are not changed once made: {name}")

    @classmethod
    def of(cls, chars: str, ids, xs, widths, advances, spans) -> Glyphs:
        """Glyphs from a column of each: characters, glyph ids, xs, widths, advances and spans (or None)."""
        files = tuple(dict.fromkeys(span.file for span in spans if span is not None))
        if len(files) == 1:
            files = cls._FILES.setdefault(files[0], files)
        which = bytes(files.index(span.file) if span else 0 for span in spans) if len(files) > 1 else b""
        packed = array("d", xs)
        packed.extend(widths)
        packed.extend(advances)
        places = array("I", [span.line if span else 0 for span in spans])
        places.extend([span.column if span else 0 for span in spans])
        return cls(chars, packed.tobytes() + places.tobytes() + array("H", ids).tobytes(), files, which)

    @classmethod
    def packed(cls, glyphs) -> Glyphs:
        """Glyphs from `Glyph` tuples (or plain tuples of their fields)."""
        chars, ids, xs, widths, advances, spans = zip(*glyphs) if glyphs else ((),) * 6
        return cls.of("".join(chars), ids, xs, widths, advances, spans)

    def _column(self, number: int) -> memoryview:
        """A view of one packed column (in the order of PACKED)."""
        count = len(self.chars)
        start = STARTS[number] * count
        return memoryview(self._packed)[start:start + SIZES[number] * count].cast(PACKED[number])

    @property
    def xs(self) -> memoryview:
        return self._column(0)

    @property
    def widths(self) -> memoryview:
        return self._column(1)

    @property
    def advances(self) -> memoryview:
        return self._column(2)

    @property
    def lines(self) -> memoryview:
        return self._column(3)

    @property
    def columns(self) -> memoryview:
        return self._column(4)

    @property
    def ids(self) -> memoryview:
        return self._column(5)

    def spans(self):
        """The span of each glyph, None where it has none."""
        files, which = self.files, self.which or bytes(len(self.chars))
        return (Span(files[index], line, column) if line else None
                for index, line, column in zip(which, self.lines, self.columns))

    def __len__(self) -> int:
        return len(self.chars)

    def __iter__(self):
        return map(Glyph, self.chars, self.ids, self.xs, self.widths, self.advances, self.spans())

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self)[index]
        index = range(len(self.chars))[index]  # negative from the end; IndexError past it
        return Glyph(self.chars[index], self.ids[index], self.xs[index], self.widths[index], self.advances[index],
                     self.span_at(index))

    def span_at(self, index: int) -> Span | None:
        """The span of one glyph, None when it has none."""
        line = self.lines[index]
        return Span(self.files[self.which[index] if self.which else 0], line, self.columns[index]) if line else None

    def placed_in(self, file: str):
        """(index, line, column) of each glyph that has a place in `file`."""
        if file not in self.files:
            return
        number, which = self.files.index(file), self.which
        for index, (line, column) in enumerate(zip(self.lines, self.columns)):
            if line and (not which or which[index] == number):
                yield index, line, column

    def fields(self) -> tuple:
        """Everything the glyphs are made of, for comparing and digesting them."""
        return self.chars, self._packed, self.files, self.which

    def __eq__(self, other) -> bool:
        if isinstance(other, Glyphs):
            return self.fields() == other.fields()
        return isinstance(other, tuple) and tuple(self) == other

    def __hash__(self) -> int:
        return hash(self.fields())

    def __add__(self, other) -> tuple[Glyph, ...]:
        return tuple(self) + tuple(other)

    def __repr__(self) -> str:
        return f"Glyphs({tuple(self)!r})"

    def __reduce__(self):
        return Glyphs, self.fields()


@dataclass(frozen=True)
class Text:
    """Glyphs of one face and size on one baseline, painted in one colour (glyphs given as `Glyph`s are packed)."""

    kind: ClassVar[str] = "text"
    face: Face
    size: float
    x: float
    baseline: float
    glyphs: Glyphs
    paint: Paint = BLACK

    def __post_init__(self):
        if not isinstance(self.glyphs, Glyphs):
            object.__setattr__(self, "glyphs", Glyphs.packed(self.glyphs))

    @property
    def text(self) -> str:
        """The characters of the item, in order."""
        return self.glyphs.chars

    def moved(self, dx: float, dy: float) -> Text:
        """The item shifted by (dx, dy)."""
        return Text(self.face, self.size, self.x + dx, self.baseline + dy, self.glyphs, self.paint)


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: from x0 to x1 at y (its centre line), thickness in pt."""

    kind: ClassVar[str] = "rule"
    x0: float
    x1: float
    y: float
    thickness: float
    paint: Paint = BLACK

    def moved(self, dx: float, dy: float) -> Rule:
        """The rule shifted by (dx, dy)."""
        return Rule(self.x0 + dx, self.x1 + dx, self.y + dy, self.thickness, self.paint)


@dataclass(frozen=True)
class Image:
    """A raster image file drawn into the box from (x, y), its top-left corner, `width` × `height` pt."""

    kind: ClassVar[str] = "image"
    file: Path
    x: float
    y: float
    width: float
    height: float
    span: Span | None = None

    def moved(self, dx: float, dy: float) -> Image:
        """The image shifted by (dx, dy)."""
        return Image(self.file, self.x + dx, self.y + dy, self.width, self.height, self.span)


@dataclass(frozen=True)
class Group:
    """Items drawn through a transform (a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f."""

    kind: ClassVar[str] = "group"
    transform: tuple[float, float, float, float, float, float]
    items: tuple[Item, ...]

    def moved(self, dx: float, dy: float) -> Group:
        """The group shifted by (dx, dy) after its transform."""
        a, b, c, d, e, f = self.transform
        return Group((a, b, c, d, e + dx, f + dy), self.items)


Item = Text | Rule | Image | Group


@dataclass(frozen=True)
class Box:
    """A rectangle on the page: left, top, right and bottom edges."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Grid:
    """The line grid text was set on: the text block's left and top edges and the line pitch."""

    left: float
    top: float
    pitch: float

    def line(self, baseline: float) -> int:
        """The grid line (from 1) a baseline stands on."""
        return int((baseline - self.top) // self.pitch) + 1


@dataclass
class Page:
    """One page: its boxes, its grid and its items in drawing order.

    The media box is the sheet; the trim box the finished page; the bleed box how far
    ink may run past the trim. For now the trim is the whole sheet and there is no bleed.
    """

    number: int
    media: Box
    grid: Grid | None = None
    items: list[Item] = field(default_factory=list)
    trim: Box | None = None
    bleed: Box | None = None

    def __post_init__(self):
        self.trim = self.trim or self.media
        self.bleed = self.bleed or self.trim

    @property
    def width(self) -> float:
        return self.media.width

    @property
    def height(self) -> float:
        return self.media.height

    def texts(self) -> list[Text]:
        """The text items of the page, groups' included, in drawing order."""
        found: list[Text] = []
        draw(self.items, _Collector(found))
        return found


class _Collector:
    """A painter that only gathers text items."""

    def __init__(self, found: list[Text]):
        self.found = found

    def text(self, item: Text) -> None:
        self.found.append(item)

    def rule(self, item: Rule) -> None:
        pass

    def image(self, item: Image) -> None:
        pass

    def group(self, item: Group) -> None:
        draw(item.items, self)


def draw(items, painter) -> None:
    """Hand each item to the painter's method of its kind (`text`, `rule`, `image`, `group`), in order."""
    for item in items:
        getattr(painter, item.kind)(item)


# ---------------------------------------------------------------- between pages and sources


def laid_out(page: Page) -> list[Text]:
    """The page's own text items, where layout put them (a group's are drawn through its transform elsewhere)."""
    return [item for item in page.items if item.kind == "text"]


def glyph_box(text: Text, glyph: Glyph) -> Box:
    """The box a glyph is drawn in: its advance across, the ideographic em box up and down."""
    left = text.x + glyph.x
    top = text.baseline - EM_ASCENT * text.size
    return Box(left, top, left + glyph.advance, top + text.size)


def source_at(pages: list[Page], number: int, x: float, y: float) -> Span | None:
    """The source place of the glyph nearest to (x, y) on the line at y of page `number` (from 1); None off the lines."""
    page = next((page for page in pages if page.number == number), None)
    if page is None:
        return None
    nearest, distance = None, float("inf")
    for text in laid_out(page):
        top = text.baseline - EM_ASCENT * text.size  # every glyph's em box of the item has these top and bottom
        if not top <= y < top + text.size:
            continue
        glyphs = text.glyphs
        for index, (left, advance) in enumerate(zip(glyphs.xs, glyphs.advances)):
            left += text.x
            away = abs(x - (left + (left + advance)) / 2)
            if away < distance:
                nearest, distance = glyphs.span_at(index), away
    return nearest


def places_of(pages: list[Page], place: Span | Position) -> list[tuple[int, float, float]]:
    """Where a source place is printed: (page number, x, y) of the top-left corner of each glyph's em box.

    A character printed twice (an article title, once as the title and once in the
    table of contents) has two places; a character layout added has the place of the
    field it decorates, so a field's place finds those too.
    """
    found = []
    for page in pages:
        for text in laid_out(page):
            for index, line, column in text.glyphs.placed_in(place.file):
                if line == place.line and column == place.column:
                    box = glyph_box(text, text.glyphs[index])
                    found.append((page.number, box.left, box.top))
    return found
