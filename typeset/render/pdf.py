"""Pages → PDF. The only module that knows reportlab."""

from __future__ import annotations

import importlib.util
import io
import mmap
import os
import struct
import sys
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary


def _defer_pil() -> None:
    """Let reportlab's start-up import of PIL.Image (it wants it only to read images) load nothing until one is drawn."""
    if "PIL.Image" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("PIL.Image")
    except ModuleNotFoundError:
        return
    if spec is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    setattr(sys.modules["PIL"], "Image", module)  # so `from PIL import Image` asks the module nothing yet
    spec.loader.exec_module(module)


_defer_pil()

from reportlab import rl_config  # noqa: E402 (after PIL is deferred)
from reportlab.pdfbase import pdfdoc, pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace  # noqa: E402
from reportlab.lib.rl_accel import escapePDF, fp_str  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from ..fonts import Face  # noqa: E402
from ..page import Group, Image, Page, Rule, Text, draw  # noqa: E402

_registered: dict[str, tuple[Path, TTFont]] = {}  # PDF name -> the file and font registered under it
rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85
DEFLATE_LEVEL = 2  # measured on the reference: half of level 6's time (15 ms against 31), 5 % larger


class _Deflate(pdfdoc.PDFStreamFilterZCompress):
    """reportlab's FlateDecode filter at the writer's level (reportlab's own takes zlib's default, 6)."""

    def encode(self, text):
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, DEFLATE_LEVEL)


pdfdoc.PDFZCompress = _Deflate()  # every stream reportlab deflates, pages and font files, goes through it


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
        font = load_font(face)
        pdfmetrics.registerFont(font)
        _registered[face.name] = (face.path, font)


def load_font(face: Face) -> TTFont:
    """reportlab's font of a face, its big tables read from the face and the mapped file as they are asked for.

    reportlab parses a font's character, width, metrics and glyph-offset tables whole, in
    Python (about 40 ms for a GBK face); a document asks for a few hundred entries of them.
    """
    return _Font(face.name, _Face(face))


class _Face(TTFontFace):
    """reportlab's face of a font file: the file mapped rather than read, its big tables views that read on demand.

    Only the glyphs a document uses are read from a mapped file, and a 256-glyph subset
    slices its few glyphs out of a view of the glyf table instead of copying all of it.
    """

    def __init__(self, face: Face):
        self._source = face
        super().__init__(str(face.path))

    def readFile(self, f) -> None:
        self.filename = f
        with open(f, "rb") as handle:
            self._ttf_data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._pos = 0

    def extractInfo(self, charInfo=1) -> None:
        super().extractInfo(0)  # the header tables only: names, flags, metrics for the descriptor
        data, scale = self._ttf_data, self._pdfScale
        metrics_count = struct.unpack_from(">H", data, self.get_table_pos("hhea")[0] + 34)[0]
        long_offsets = struct.unpack_from(">h", data, self.get_table_pos("head")[0] + 50)[0] == 1
        self.charToGlyph = _Glyphs(self._source)
        self.hmetrics = _Metrics(data, self.get_table_pos("hmtx")[0], metrics_count, self.numGlyphs, scale)
        self.defaultWidth = scale(self.hmetrics[0][0])
        self.charWidths = _Widths(self.charToGlyph, self.hmetrics, scale)
        self.glyphPos = _Offsets(data, self.get_table_pos("loca")[0], long_offsets, self.numGlyphs + 1)
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


class _Glyphs:
    """Code point -> glyph id, as reportlab's charToGlyph, from the face's own table (no-break space as space)."""

    def __init__(self, face: Face):
        self.face = face

    def get(self, code: int, default=None):
        glyph = self.face.glyph(chr(code)) if code != 0xA0 else (self.face.glyph(" ") or self.face.glyph("\xa0"))
        return glyph or default

    def __contains__(self, code: int) -> bool:
        return self.get(code) is not None

    def __getitem__(self, code: int) -> int:
        glyph = self.get(code)
        if glyph is None:
            raise KeyError(code)
        return glyph


class _Widths:
    """Code point -> advance in 1/1000 em, as reportlab's charWidths."""

    def __init__(self, glyphs: _Glyphs, metrics: "_Metrics", scale):
        self.glyphs, self.metrics, self.scale = glyphs, metrics, scale

    def get(self, code: int, default=None):
        glyph = self.glyphs.get(code)
        return default if glyph is None else self.metrics.advance(glyph)

    def __getitem__(self, code: int):
        width = self.get(code)
        if width is None:
            raise KeyError(code)
        return width


class _Metrics:
    """Glyph -> (advance, side bearing) read from the mapped hmtx table, as reportlab's hmetrics holds them.

    Past the table's full pairs reportlab keeps the last advance already scaled to 1/1000 em.
    """

    def __init__(self, data, start: int, pairs: int, count: int, scale):
        self.data, self.start, self.pairs, self.count, self.scale = data, start, pairs, count, scale

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, glyph: int) -> tuple:
        if not 0 <= glyph < self.count:
            raise IndexError(glyph)
        if glyph < self.pairs:
            return struct.unpack_from(">HH", self.data, self.start + 4 * glyph)
        last = struct.unpack_from(">H", self.data, self.start + 4 * (self.pairs - 1))[0]
        bearing = struct.unpack_from(">H", self.data, self.start + 4 * self.pairs + 2 * (glyph - self.pairs))[0]
        return self.scale(last), bearing

    def advance(self, glyph: int):
        """A glyph's advance in 1/1000 em."""
        index = min(glyph, self.pairs - 1)
        return self.scale(struct.unpack_from(">H", self.data, self.start + 4 * index)[0])

    def __iter__(self):
        return (self[glyph] for glyph in range(self.count))


class _Offsets:
    """Glyph -> offset of its outline in the glyf table, read from the mapped loca table."""

    def __init__(self, data, start: int, long: bool, count: int):
        self.data, self.start, self.long, self.count = data, start, long, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self.count:
            raise IndexError(index)
        if self.long:
            return struct.unpack_from(">L", self.data, self.start + 4 * index)[0]
        return struct.unpack_from(">H", self.data, self.start + 2 * index)[0] << 1

    def __iter__(self):
        return (self[index] for index in range(self.count))


def render(pages: list[Page], meta: Metadata | None = None, compress: bool = True) -> bytes:
    """The PDF of the pages, as bytes (identical bytes for identical input).

    Without `compress` nothing is deflated, for a PDF that is rasterised and thrown away.
    """
    faces = {text.face.name: text.face for page in pages for text in page.texts()}
    register(faces.values())
    buffer = io.BytesIO()
    first_font = min(faces) if faces else None
    width, height = (pages[0].width, pages[0].height) if pages else (595.28, 841.89)
    meta = meta or Metadata("", "", "", 0)
    with _source_date(meta.epoch):
        canvas = Canvas(buffer, pagesize=(width, height), invariant=1, initialFontName=first_font,
                        pageCompression=1 if compress else 0)
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
    """Draws one page's items on the canvas in their order; consecutive text shares one text object.

    Text is written as content operators straight from the glyphs, the very operators
    reportlab's text objects write for the same calls (its canvas takes literal code), so
    the PDF is unchanged while none of those objects' per-string work is done.
    """

    def __init__(self, canvas: Canvas, height: float, subsets: "_Subsets"):
        self.canvas, self.height, self.subsets = canvas, height, subsets
        self.code: list[str] | None = None  # the operators of the text object in progress, if any

    def close_text(self) -> None:
        """End the text object in progress, if any."""
        if self.code is not None:
            self.code.append("ET")
            self.canvas._code.append(" ".join(self.code))
            self.code = None

    def text(self, item: Text) -> None:
        """Draw a text item as few text segments: evenly spaced glyphs of one font subset share one string.

        Splitting at subset changes keeps the character spacing inside one text-showing
        operator, so readers that apply it only within a string (pdfminer) still find
        every glyph where it is drawn.
        """
        if self.code is None:
            self.code = ["BT", "1 0 0 1 0 0 Tm"]
        code, subsets = self.code, self.subsets
        code.append(f"{fp_str(item.paint.cmyk)} k")
        font = subsets.font(item.face.name)
        glyphs = item.glyphs
        places = subsets.places(font, glyphs.chars)
        codes = bytes([place[1] for place in places])
        xs = glyphs.xs.tolist()
        gaps = [after - x - advance for x, after, advance in zip(xs, xs[1:], glyphs.advances)]  # extra space after each
        y = " " + fp_str(self.height - item.baseline)
        number = subsets.number
        count = len(xs)
        start, shown = 0, -1
        while start < count:
            subset = places[start][0]
            end, spacing = start + 1, 0.0
            if end < count and places[end][0] == subset:
                spacing = gaps[start]
                end += 1
                while end < count and places[end][0] == subset and abs(gaps[end - 1] - spacing) < 0.001:
                    end += 1
            string = f"({escapePDF(codes[start:end])}) Tj"
            if subset != shown:
                string = f"{subsets.font_operator(font, subset, item.size)} {string}"
                shown = subset
            code.append(f"1 0 0 1 {fp_str(item.x + xs[start])}{y} Tm {number(spacing)} Tc {string}")
            start = end
        code.append("0 Tc")

    def rule(self, item: Rule) -> None:
        """A filled rectangle."""
        self.close_text()
        self.canvas.setFillColorCMYK(*item.paint.cmyk)
        self.canvas.rect(item.x0, self.height - item.y - item.thickness / 2, item.x1 - item.x0,
                         item.thickness, stroke=0, fill=1)

    def image(self, item: Image) -> None:
        """An image's print pixels (CMYK or gray, never RGB) scaled into its box."""
        from ..images import prepared, sized

        self.close_text()
        pixels = ImageReader(sized(prepared(item.file, item.file.name), item.width))
        self.canvas.drawImage(pixels, item.x, self.height - item.y - item.height, item.width, item.height)

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
    """Which reportlab subset (of 256 glyphs) and which code in it draw each character, in one document."""

    def __init__(self, doc):
        self.doc = doc
        self.known: dict[str, dict[str, tuple[int, int]]] = {}  # font -> character -> (subset, code)
        self.operators: dict[tuple[str, int, float], str] = {}
        self.numbers: dict[float, str] = {}
        self.fonts: dict[str, TTFont] = {}

    def font(self, name: str) -> TTFont:
        """The registered font of a PDF name."""
        found = self.fonts.get(name)
        if found is None:
            found = self.fonts[name] = pdfmetrics.getFont(name)
        return found

    def font_operator(self, font, subset: int, size: float) -> str:
        """The operators selecting a subset at a size, as reportlab writes them (its first call names the subset)."""
        key = (font.fontName, subset, size)
        found = self.operators.get(key)
        if found is None:
            name = font.getSubsetInternalName(subset, self.doc)
            found = self.operators[key] = f"{name} {fp_str(size)} Tf {fp_str(size * 1.2)} TL"
        return found

    def number(self, value: float) -> str:
        """A number as reportlab writes it, remembered: the same few spacings come again and again."""
        found = self.numbers.get(value)
        if found is None:
            found = self.numbers[value] = fp_str(value)
        return found

    def places(self, font, chars: str) -> list[tuple[int, int]]:
        """The subset and code of each character, assigned on first use as reportlab assigns them."""
        known = self.known.setdefault(font.fontName, {})
        try:
            return [known[char] for char in chars]
        except KeyError:
            return [known.get(char) or self.assign(font, char, known) for char in chars]

    def assign(self, font, char: str, known: dict) -> tuple[int, int]:
        """Have reportlab give a character its subset and code."""
        subset, codes = font.splitString(char, self.doc)[0]
        known[char] = (subset, codes[0])
        return known[char]


class _TableView:
    """A font table read on demand: slicing it reads only the bytes asked for."""

    def __init__(self, data, start: int, length: int):
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> bytes:
        start, stop, _ = key.indices(self.length)
        return self.data[self.start + start:self.start + stop]
