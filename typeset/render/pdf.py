"""Pages → PDF. The only module that knows reportlab."""

from __future__ import annotations

import io
import marshal
import mmap
import os
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from ..files import cache_file, read_cache, store_cache
from ..page import Group, Image, Page, Rule, Text, draw

_registered: dict[str, tuple[Path, TTFont]] = {}  # PDF name -> the file and font registered under it
CACHE_VERSION = 5  # of the parsed-table cache
rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information."""

    title: str
    author: str
    subject: str
    epoch: int  # creation date, seconds since 1970 (UTC)


def register(faces) -> None:
    """Register each face with reportlab once per process, replacing a font of another file under its name."""
    for face in faces:
        known = _registered.get(face.name)
        if known is not None and known[0] == face.path:
            continue
        if known is not None:
            known[1].unregister()
        font = load_font(face.name, face.path)
        pdfmetrics.registerFont(font)
        _registered[face.name] = (face.path, font)


def load_font(name: str, path: Path, cache: bool = True) -> TTFont:
    """reportlab's font of a file, its parsed tables taken from the cache when this exact file was parsed before.

    reportlab parses a font's character and glyph tables in Python, about 40 ms for a GBK
    face; read back from the cache they take a few. With `cache` false the file is parsed.
    """
    cached = cache_file(path, "reportlab", f"{CACHE_VERSION}|{REPORTLAB_VERSION}") if cache else None
    tables = _Tables.loads(read_cache(cached))
    font = _Font(name, _Face(path, tables))
    if cached is not None and tables is None:
        store_cache(cached, _Tables.of(font.face).dumps())
    return font


class _Tables:
    """The tables reportlab parses from a font for embedding it: code → glyph, code → width, metrics, glyph offsets."""

    def __init__(self, glyphs: dict, widths: dict, default_width, metrics, offsets):
        self.glyphs, self.widths, self.default_width = glyphs, widths, default_width
        self.metrics, self.offsets = metrics, offsets

    @classmethod
    def of(cls, face: TTFontFace) -> "_Tables":
        """The tables of a face reportlab parsed."""
        return cls(face.charToGlyph, face.charWidths, face.defaultWidth, face.hmetrics, face.glyphPos)

    def dumps(self) -> bytes:
        """The tables as marshal data of plain arrays."""
        widths = list(self.widths.values())
        kind = "l" if all(isinstance(w, int) for w in widths) else "d"  # ints for 1000-unit fonts, as parsed
        return marshal.dumps((
            array("L", self.glyphs).tobytes(), array("L", self.glyphs.values()).tobytes(),
            array("L", self.widths).tobytes(), kind, array(kind, widths).tobytes(), self.default_width,
            array("l", (aw for aw, _ in self.metrics)).tobytes(), array("l", (lsb for _, lsb in self.metrics)).tobytes(),
            array("L", self.offsets).tobytes()))

    @classmethod
    def loads(cls, data: bytes | None) -> "_Tables | None":
        """Tables back from `dumps`, or None when there are none or they are damaged or of the wrong shape."""
        if data is None:
            return None
        try:
            codes, glyphs, width_codes, kind, widths, default_width, advances, bearings, offsets = marshal.loads(data)
            tables = cls._of_arrays(array("L", codes), array("L", glyphs), array("L", width_codes), kind,
                                    array(kind, widths), default_width, array("l", advances), array("l", bearings),
                                    array("L", offsets))
        except (EOFError, ValueError, TypeError):
            return None
        return tables

    @classmethod
    def _of_arrays(cls, codes, glyphs, width_codes, kind, widths, default_width, advances, bearings,
                   offsets) -> "_Tables":
        """Tables from the arrays `dumps` wrote; ValueError when their lengths or kinds do not fit together."""
        if (kind not in ("l", "d") or len(codes) != len(glyphs) or len(width_codes) != len(widths)
                or len(advances) != len(bearings) or len(offsets) != len(advances) + 1
                or type(default_width) not in (int, float)):
            raise ValueError("cache of the wrong shape")
        return cls(dict(zip(codes, glyphs)), dict(zip(width_codes, widths)), default_width,
                   _Pairs(advances, bearings), offsets)


class _Face(TTFontFace):
    """reportlab's face of a font file: the file mapped rather than read, the big tables from the cache if given.

    Only the glyphs a document uses are read from a mapped file, and a 256-glyph subset
    slices its few glyphs out of a view of the glyf table instead of copying all of it.
    """

    def __init__(self, path: Path, tables: _Tables | None):
        self._tables = tables
        super().__init__(str(path))

    def readFile(self, f) -> None:
        self.filename = f
        with open(f, "rb") as handle:
            self._ttf_data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._pos = 0

    def extractInfo(self, charInfo=1) -> None:
        if self._tables is None:
            super().extractInfo(charInfo)
            return
        super().extractInfo(0)  # the header tables only: names, flags, metrics for the descriptor
        tables = self._tables
        self.charToGlyph, self.charWidths, self.defaultWidth = tables.glyphs, tables.widths, tables.default_width
        self.hmetrics, self.glyphPos = tables.metrics, tables.offsets
        self.glyphToChar = {}  # serves only reportlab's text shaping, which is never used here

    def get_table(self, tag: str):
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _TableView(self._ttf_data, start, length)


class _Font(TTFont):
    """reportlab's font around a _Face, set up as TTFont sets up its own."""

    def __init__(self, name: str, face: _Face):
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False


class _Pairs:
    """Horizontal metrics (advance, side bearing) per glyph, kept in two arrays."""

    def __init__(self, advances: array, bearings: array):
        self.advances, self.bearings = advances, bearings

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self.advances[glyph], self.bearings[glyph]

    def __iter__(self):
        return zip(self.advances, self.bearings)


def render(pages: list[Page], meta: Metadata | None = None) -> bytes:
    """The PDF of the pages, as bytes (identical bytes for identical input)."""
    faces = {text.face.name: text.face for page in pages for text in page.texts()}
    register(faces.values())
    buffer = io.BytesIO()
    first_font = min(faces) if faces else None
    width, height = (pages[0].width, pages[0].height) if pages else (595.28, 841.89)
    meta = meta or Metadata("", "", "", 0)
    with _source_date(meta.epoch):
        canvas = Canvas(buffer, pagesize=(width, height), invariant=1, initialFontName=first_font,
                        pageCompression=1)
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setCreator("typeset")
    canvas.setProducer("typeset")
    subsets = _Subsets(canvas._doc)
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        painter = _Painter(canvas, page.height, subsets)
        draw(page.items, painter)
        painter.close_text()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@contextmanager
def _source_date(epoch: int):
    """Make reportlab stamp this creation date (it reads SOURCE_DATE_EPOCH)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


class _Painter:
    """Draws one page's items on the canvas in their order; consecutive text shares one text object."""

    def __init__(self, canvas: Canvas, height: float, subsets: "_Subsets"):
        self.canvas, self.height, self.subsets = canvas, height, subsets
        self.open = None  # the text object being filled, if any

    def close_text(self) -> None:
        """End the text object in progress, if any."""
        if self.open is not None:
            self.canvas.drawText(self.open)
            self.open = None

    def text(self, item: Text) -> None:
        """Draw a text item as few text segments: evenly spaced glyphs of one font subset share one string.

        Splitting at subset changes keeps the character spacing inside one text-showing
        operator, so readers that apply it only within a string (pdfminer) still find
        every glyph where it is drawn.
        """
        if self.open is None:
            self.open = self.canvas.beginText()
        text = self.open
        text.setFillColorCMYK(*item.paint.cmyk)
        font = pdfmetrics.getFont(item.face.name)
        text.setFont(item.face.name, item.size)
        glyphs = item.glyphs
        subsets = [self.subsets.of(font, glyph.char) for glyph in glyphs]
        y = self.height - item.baseline
        start = 0
        while start < len(glyphs):
            end, spacing = start + 1, 0.0
            if end < len(glyphs) and subsets[end] == subsets[start]:
                spacing = _gap(glyphs, start)
                end += 1
                while (end < len(glyphs) and subsets[end] == subsets[start]
                       and abs(_gap(glyphs, end - 1) - spacing) < 0.001):
                    end += 1
            text.setTextOrigin(item.x + glyphs[start].x, y)
            text.setCharSpace(spacing)
            text.textOut("".join(g.char for g in glyphs[start:end]))
            start = end
        text.setCharSpace(0)

    def rule(self, item: Rule) -> None:
        """A filled rectangle."""
        self.close_text()
        self.canvas.setFillColorCMYK(*item.paint.cmyk)
        self.canvas.rect(item.x0, self.height - item.y - item.thickness / 2, item.x1 - item.x0,
                         item.thickness, stroke=0, fill=1)

    def image(self, item: Image) -> None:
        """An image file scaled into its box."""
        self.close_text()
        self.canvas.drawImage(str(item.file), item.x, self.height - item.y - item.height, item.width, item.height)

    def group(self, item: Group) -> None:
        """The group's items through its transform, turned from page coordinates (y down) into PDF ones (y up)."""
        self.close_text()
        a, b, c, d, e, f = item.transform
        h = self.height
        self.canvas.saveState()
        self.canvas.transform(a, -b, -c, d, e + c * h, h - f - d * h)
        draw(item.items, self)
        self.close_text()
        self.canvas.restoreState()


class _Subsets:
    """Which reportlab subset (of 256 glyphs) holds each character, in one document."""

    def __init__(self, doc):
        self.doc = doc
        self.known: dict[tuple[str, str], int] = {}

    def of(self, font, char: str) -> int:
        """The subset of a character of a font."""
        key = (font.fontName, char)
        if key not in self.known:
            self.known[key] = font.splitString(char, self.doc)[0][0]
        return self.known[key]


def _gap(glyphs, index: int) -> float:
    """Extra space after glyph `index` so the next one lands where the composer put it."""
    return glyphs[index + 1].x - glyphs[index].x - glyphs[index].advance


class _TableView:
    """A font table read on demand: slicing it reads only the bytes asked for."""

    def __init__(self, data, start: int, length: int):
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> bytes:
        start, stop, _ = key.indices(self.length)
        return self.data[self.start + start:self.start + stop]
