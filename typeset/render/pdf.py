"""Pages → PDF. The only module that knows reportlab."""

from __future__ import annotations

import io
from array import array
import mmap
import os
import pickle
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass
from pathlib import Path

from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from ..fonts import cache_file, sealed, store_cache, unsealed
from ..page import GlyphRun, Page, Rule
from ..tempfiles import temporary_for

_registered: dict[str, Path] = {}
rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information."""

    title: str
    author: str
    subject: str
    epoch: int  # creation date, seconds since 1970 (UTC)


def register(fonts: dict[str, Path]) -> None:
    """Register each face with reportlab once per process."""
    for name, path in fonts.items():
        if _registered.get(name) != path:
            pdfmetrics.registerFont(load_font(name, path))
            _registered[name] = path


def load_font(name: str, path: Path) -> TTFont:
    """A reportlab font, thawed from the parsed-font cache when this exact file was parsed before.

    reportlab parses a font's tables in Python, about 30 ms for a GBK face; the parsed
    tables come back from a pickle in a third of that, and the font file itself is mapped
    rather than read, so only the glyphs a document uses are touched.
    """
    cached = cache_file(path, "reportlab", f"4|{REPORTLAB_VERSION}")
    frozen = unsealed(cached)
    if frozen is not None:
        try:
            return _thaw(name, path, pickle.loads(frozen))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            pass
    font = TTFont(name, str(path))
    store_cache(cached, sealed(pickle.dumps(_freeze(font), protocol=pickle.HIGHEST_PROTOCOL)))
    return font


def _freeze(font: TTFont) -> tuple[dict, dict, tuple]:
    """A parsed font's state, its big tables as arrays, without the file bytes."""
    face = font.face
    font_state = {k: v for k, v in vars(font).items() if k not in ("face", "state")}
    # glyphToChar serves only reportlab's text shaping, which is never used here.
    skipped = ("_ttf_data", "_pdfScale", "glyphToChar", "charToGlyph", "charWidths", "hmetrics", "glyphPos")
    face_state = {k: v for k, v in vars(face).items() if k not in skipped}
    tables = (
        array("L", face.charToGlyph), array("L", face.charToGlyph.values()),
        array("L", face.charWidths), _widths_array(face.charWidths.values()),
        array("l", (aw for aw, _ in face.hmetrics)), array("l", (lsb for _, lsb in face.hmetrics)),
        array("L", face.glyphPos),
    )
    return font_state, face_state, tables


def _thaw(name: str, path: Path, frozen: tuple[dict, dict, tuple]) -> TTFont:
    """Rebuild a parsed font from its frozen state and the mapped font file."""
    font_state, face_state, tables = frozen
    codes, glyphs, width_codes, widths, advances, bearings, positions = tables
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_state)
    face.charToGlyph = dict(zip(codes, glyphs))
    face.charWidths = dict(zip(width_codes, widths))
    face.hmetrics = _Pairs(advances, bearings)
    face.glyphPos = positions
    face.glyphToChar = {}
    with open(path, "rb") as handle:
        face._ttf_data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    face.get_table = partial(_get_table, face)
    units = face.unitsPerEm
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x: x * 1000 / units)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(font_state)
    font.fontName = name
    font.face = face
    font.state = WeakKeyDictionary()
    font.shapable = False
    return font


def _widths_array(widths) -> array:
    """Widths as reportlab stored them: an int array when all are ints (1000-unit fonts)."""
    widths = list(widths)
    return array("l", widths) if all(isinstance(w, int) for w in widths) else array("d", widths)


class _Pairs:
    """Horizontal metrics (advance, side bearing) per glyph, kept in two arrays."""

    def __init__(self, advances: array, bearings: array):
        self.advances, self.bearings = advances, bearings

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self.advances[glyph], self.bearings[glyph]


def render(pages: list[Page], fonts: dict[str, Path], colors: dict[str, tuple], meta: Metadata) -> bytes:
    """The PDF of the pages, as bytes (identical bytes for identical input)."""
    used = {run.font for page in pages for run in page.runs()}
    register({name: path for name, path in fonts.items() if name in used})
    buffer = io.BytesIO()
    first_font = min(used) if used else None
    width, height = (pages[0].width, pages[0].height) if pages else (595.28, 841.89)
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
        _draw_page(canvas, page, colors, subsets)
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


def _draw_page(canvas: Canvas, page: Page, colors: dict[str, tuple], subsets: "_Subsets") -> None:
    """Draw one page's items in order."""
    for item in page.items:
        if isinstance(item, Rule):
            canvas.setFillColorCMYK(*colors[item.color])
            canvas.rect(item.x0, page.height - item.y - item.thickness / 2, item.x1 - item.x0,
                        item.thickness, stroke=0, fill=1)
    text = canvas.beginText()
    for run in page.runs():
        text.setFillColorCMYK(*colors[run.color])
        _draw_run(text, run, page.height, subsets)
    canvas.drawText(text)


def _draw_run(text, run: GlyphRun, page_height: float, document_subsets: "_Subsets") -> None:
    """Draw a run as few text segments: evenly spaced glyphs of one font subset share one string.

    Splitting at subset changes keeps the character spacing inside one text-showing
    operator, so readers that apply it only within a string (pdfminer) still find
    every glyph where it is drawn.
    """
    font = pdfmetrics.getFont(run.font)
    text.setFont(run.font, run.size)
    widths = font.face.charWidths
    glyphs, size = run.glyphs, run.size
    subsets = [document_subsets.of(font, glyph.char) for glyph in glyphs]
    y = page_height - run.baseline
    start = 0
    while start < len(glyphs):
        end, spacing = start + 1, 0.0
        if end < len(glyphs) and subsets[end] == subsets[start]:
            spacing = _gap(glyphs, start, widths, size)
            end += 1
            while (end < len(glyphs) and subsets[end] == subsets[start]
                   and abs(_gap(glyphs, end - 1, widths, size) - spacing) < 0.001):
                end += 1
        text.setTextOrigin(run.x + glyphs[start].x, y)
        text.setCharSpace(spacing)
        text.textOut("".join(g.char for g in glyphs[start:end]))
        start = end
    text.setCharSpace(0)


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


def _gap(glyphs, index: int, widths, size: float) -> float:
    """Extra space after glyph `index` so the next one lands where the composer put it."""
    advance = widths.get(ord(glyphs[index].char), 1000) * size / 1000
    return glyphs[index + 1].x - glyphs[index].x - advance


class _TableView:
    """A font table read on demand: slicing it reads only the bytes asked for."""

    def __init__(self, data, start: int, length: int):
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> bytes:
        start, stop, _ = key.indices(self.length)
        return self.data[self.start + start:self.start + stop]


def _get_table(face: TTFontFace, tag: str):
    """The glyf table as a view (subsetting slices out a few glyphs), other tables as bytes.

    reportlab copies the whole glyf table for every 256-glyph subset, which touches
    every page of the mapped font file; a view touches only the glyphs used.
    """
    if tag != "glyf":
        return TTFontFace.get_table(face, tag)
    start, length = face.get_table_pos(tag)
    return _TableView(face._ttf_data, start, length)


def write_atomically(data: bytes, target: Path) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    if target.exists() and not target.resolve().is_file():
        write_in_place(data, target)
        return
    target = target.resolve() if target.is_symlink() else target
    target.parent.mkdir(parents=True, exist_ok=True)
    with temporary_for(target) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)


def write_in_place(data: bytes, target: Path) -> None:
    """Write into a device or FIFO as it stands: renaming over it would replace it with a file."""
    with open(target, "wb") as handle:
        handle.write(data)
