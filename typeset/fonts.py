"""Font roles, fallback chains, and one Face per font file: coverage, glyph ids and metrics."""

from __future__ import annotations

import marshal
import os
import struct
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .compose.rules import DASHES, ELLIPSES, FULL_WIDTH_MARKS
from .diagnostics import Position, Report, display_path
from .files import cache_file, read_cache, store_cache, what_is
from .i18n import _


def _shipped_fonts() -> Path:
    """The project's fonts: beside the package in a checkout, or installed under share/typeset."""
    checkout = Path(__file__).resolve().parent.parent / "fonts"
    installed = Path(sys.prefix) / "share" / "typeset" / "fonts"
    return checkout if checkout.is_dir() or not installed.is_dir() else installed


FONTS_DIR = _shipped_fonts()
CODE_POINTS = 0x40000  # planes 0 to 3 hold every Han character and mark; nothing is set from above them
LATIN_LIMIT = 0x2E80  # below this, characters are set at their own advance width
LATIN_END = 0x2000  # below this (and not a full-width mark), a role's digits-and-Latin faces draw it
CACHE_VERSION = 9
CONVERSION = "python fonts/make_fonts.py --convert {source} {target}"  # documented in fonts/README.md
HAN_PAGES = range(0x4E, 0xA0)  # the 256-code-point pages of the CJK Unified Ideographs block


@dataclass(frozen=True, eq=False)
class Face:
    """One font file, the one object for its metrics, coverage and embedding: file, PDF name, glyph ids, advances."""

    name: str  # the name it goes by in the PDF
    path: Path
    pages: Sequence[int]  # for each 256 code points, which block of `glyphs` holds their glyph ids
    glyphs: Sequence[int]  # blocks of 256 glyph ids, 0 where the face has none; block 0 is all 0
    widths: Sequence[int]  # advance of each glyph id, in font units
    units: int  # font units per em
    ink: dict[int, tuple[float, float]]  # left and right ink edges (em) of the dashes
    dots: dict[int, tuple[float, float]] = field(default_factory=dict)  # the ellipses' first and last dot centres, em
    _metrics: dict = field(default_factory=dict, repr=False)  # char -> (glyph id, advance in 1/1000 em)
    _bounds: dict = field(default_factory=dict, repr=False)  # char -> outline box in em, read on demand
    _tables: dict = field(default_factory=dict, repr=False)  # the loca table and glyf offset, read once

    def has(self, char: str) -> bool:
        """True when the face draws this character."""
        return self.glyph(char) != 0

    def glyph(self, char: str) -> int:
        """The glyph id of a character (0, the missing glyph, if the face has none)."""
        code = ord(char)
        return self.glyphs[self.pages[code >> 8] << 8 | code & 0xFF] if code < CODE_POINTS else 0

    def has_han(self) -> bool:
        """True when the face draws any ideograph of the CJK Unified Ideographs block."""
        return any(any(self.glyphs[block << 8:(block + 1) << 8]) for block in map(self.pages.__getitem__, HAN_PAGES)
                   if block)

    def em(self, char: str) -> float:
        """The face's advance of a character, in em."""
        return self.widths[self.glyph(char)] / self.units

    def metrics(self, char: str, size: float) -> tuple[int, float]:
        """The glyph id of a character and its advance at `size` pt, as a PDF reader moves the pen."""
        found = self._metrics.get(char)
        if found is None:
            glyph = self.glyph(char)
            width = self.widths[glyph] if glyph else self.units  # a reader falls back to a full em
            found = self._metrics[char] = (glyph, width if self.units == 1000 else width * (1000 / self.units))
        return found[0], found[1] * size / 1000


    def bounds(self, char: str) -> tuple[float, float, float, float] | None:
        """A character's ink: its outline box (xMin, yMin, xMax, yMax) in em from its origin, None if blank."""
        if char not in self._bounds:
            box = outline_box(self.path, self.glyph(char), self._tables) if self.has(char) else None
            self._bounds[char] = box and tuple(value / self.units for value in box)
        return self._bounds[char]


def outline_box(path: Path, glyph: int, tables: dict) -> tuple[int, int, int, int] | None:
    """A TrueType glyph's box in font units, read from its glyf header (a few bytes, no parsing of the font);
    `tables` keeps the face's loca table and glyf offset between calls."""
    try:
        return _outline_box(path, glyph, tables)
    except (struct.error, IndexError, KeyError, ValueError):  # damaged tables: no ink known, as for a blank glyph
        return None


def _outline_box(path: Path, glyph: int, tables: dict) -> tuple[int, int, int, int] | None:
    """outline_box, for a font whose tables are sound."""
    with open(path, "rb") as file:
        if not tables:
            count = struct.unpack(">H", _read(file, 4, 2))[0]
            offsets = {}
            for entry in range(count):
                tag, _checksum, offset, length = struct.unpack(">4sIII", _read(file, 12 + 16 * entry, 16))
                offsets[tag] = offset, length
            long_offsets = struct.unpack(">h", _read(file, offsets[b"head"][0] + 50, 2))[0]
            loca = array("I" if long_offsets else "H")
            loca.frombytes(_read(file, *offsets[b"loca"])[:offsets[b"loca"][1] // loca.itemsize * loca.itemsize])
            tables["loca"] = loca
            if sys.byteorder == "little":
                loca.byteswap()
            tables["scale"] = 1 if long_offsets else 2
            tables["glyf"] = offsets[b"glyf"][0]
        loca, scale = tables["loca"], tables["scale"]
        start, end = loca[glyph] * scale, loca[glyph + 1] * scale
        if end == start:
            return None
        contours, *box = struct.unpack(">hhhhh", _read(file, tables["glyf"] + start, 10))
        return tuple(box) if contours else None


def _read(file, offset: int, length: int) -> bytes:
    """`length` bytes of the file from `offset`."""
    file.seek(offset)
    return file.read(length)


class Fonts:
    """The faces of each role, first choice first, as the style names them."""

    def __init__(self, chains: dict[str, list[Face]]):
        self.chains = chains
        self._choice: dict[tuple[str, str], Face | None] = {}

    def face_for(self, char: str, role: str) -> Face | None:
        """The first face that draws the character: of the role's digits-and-Latin chain for a Latin
        letter, digit or sign (when the style names one), then of the role's own chain."""
        key = (char, role)
        if key not in self._choice:
            chain = self.chains[role]
            if is_latin(char):
                chain = self.chains.get(f"latin_{role}", []) + chain
            self._choice[key] = next((f for f in chain if f.has(char)), None)
        return self._choice[key]

    def own(self, face: Face, char: str, role: str) -> bool:
        """Whether `face` is one the style names first for this character in this role (not a fallback)."""
        firsts = [self.chains[role][:1], self.chains.get(f"latin_{role}", [])[:1] if is_latin(char) else []]
        return any(face is chain[0] for chain in firsts if chain)

    def advance(self, char: str, role: str) -> float:
        """The natural advance of a character below the CJK blocks, in em of its role's face (else half an em)."""
        face = self.face_for(char, role)
        return face.em(char) if face and ord(char) < LATIN_LIMIT else 0.5

    def ink(self, char: str, role: str) -> tuple[float, float]:
        """Where a dash's ink starts and ends, in em from its origin."""
        face = self.face_for(char, role)
        return face.ink.get(ord(char), (0.0, self.advance(char, role))) if face else (0.0, 1.0)

    def without_han(self, role: str) -> bool:
        """True when no face of the role draws a single Chinese character."""
        return not any(face.has_han() for face in self.chains[role])

    def bounds(self, char: str, role: str) -> tuple[float, float, float, float] | None:
        """The ink box of a character in em, in the face its role draws it from (None: blank or undrawable)."""
        face = self.face_for(char, role)
        return face.bounds(char) if face else None

    def dots(self, char: str, role: str) -> tuple[float, float] | None:
        """The centres of an ellipsis's first and last dot, in em from its origin (None if unknown)."""
        face = self.face_for(char, role)
        return face.dots.get(ord(char)) if face else None

    def faces(self) -> list[Face]:
        """Every face of every role, each once, in the order the roles name them."""
        return list({id(face): face for chain in self.chains.values() for face in chain}.values())


def is_latin(char: str) -> bool:
    """A letter, digit or sign of the Latin blocks, set from a role's digits-and-Latin faces; not the
    marks Chinese text sets full-width (“” —— …… ·), nor a space."""
    return ord(char) < LATIN_END and char not in FULL_WIDTH_MARKS and not char.isspace()


def resolve(name: str, folders: list[Path]) -> Path | None:
    """The first existing file of that name in the folders (or the name itself, if a path)."""
    return next((path for path in candidates(name, folders) if path.is_file()), None)


def candidates(name: str, folders: list[Path]) -> list[Path]:
    """The paths a font name may stand for, in the order they are tried."""
    try:
        direct = Path(name).expanduser()
    except RuntimeError:  # ~user of a user this machine does not have
        return []
    return [direct] if direct.is_absolute() else [folder / name for folder in folders]


def search_folders(base: Path) -> list[Path]:
    """Where font files are looked for: beside the publication, then the shipped fonts."""
    return [base, FONTS_DIR]


def load_fonts(style, base: Path, report: Report, where: Position | None = None) -> Fonts | None:
    """The faces of every role, found in the search folders; each problem at its file's place in the style."""
    from .style import LATIN_ROLES, ROLES

    folders = search_folders(base)
    faces: dict[Path, Face | None] = {}
    chains: dict[str, list[Face]] = {}
    for role in ROLES + tuple(f"latin_{role}" for role in LATIN_ROLES):
        chains[role] = []
        for index, name in enumerate(style.fonts(role)):
            place = style.places.get(f"font_{role}.{index}", style.places.get(f"font_{role}", where))
            path = resolve(name, folders)
            if path is None:
                not_a_font_file(name, role, candidates(name, folders), report, place)
                continue
            if path not in faces:
                faces[path] = read_face(path, report, place)
            if faces[path] is not None:
                chains[role].append(faces[path])
    return None if report.errors else Fonts(chains)


def not_a_font_file(name: str, role: str, paths: list[Path], report: Report, place: Position | None) -> None:
    """The error for a font name that resolves to no regular file: what stands there instead, or not found."""
    found = next(((path, kind) for path in paths if (kind := what_is(path))), None)
    if found is None:
        report.error(place, _("font file '{name}' for the {role} role was not found").format(
            name=name, role=role_name(role)),
                     _("put it beside publication.yaml or in the project's fonts folder, "
                       "or name an existing file in style: font_{role}").format(role=role), "font")
        return
    path, kind = found
    report.error(place, _("font file '{name}' for the {role} role is {kind}, not a font file: {path}").format(
        name=name, role=role_name(role), kind=kind, path=os.path.join(display_path(path.parent), path.name)),
                 _("name a TrueType (.ttf) font file in style: font_{role}").format(role=role), "font")


def role_name(role: str) -> str:
    """A font role in the editor's words."""
    if role.startswith("latin_"):
        return _("{role} digits and Latin").format(role=role_name(role[len("latin_"):]))
    return {"title": _("title"), "body": _("body text"), "heading": _("heading"), "byline": _("byline"),
            "page_number": _("page number")}[role]


def read_face(path: Path, report: Report, where: Position | None) -> Face | None:
    """A face's glyph ids and advances, from the metrics cache or the font file."""
    cached = cache_file(path, "metrics", str(CACHE_VERSION))
    tables = cached_tables(read_cache(cached))
    if tables is not None:
        return Face(_pdf_name(path), path, *tables)
    try:
        pages, glyphs, widths, units, ink, dots = _measure(path)
    except PostScriptOutlines:
        report.error(where, _("font file '{name}' has PostScript (CFF) outlines, which reportlab cannot embed").format(
            name=path.name), _("convert it to TrueType outlines: {command}").format(command=CONVERSION.format(
                source=path.name, target=Path(path.name).with_suffix(".ttf"))), "font")
        return None
    except OSError as exc:
        report.error(where, _("font file '{name}' cannot be read: {problem}").format(
            name=path.name, problem=exc.strerror or exc), _("check that the file exists and may be read"), "font")
        return None
    except Exception as exc:  # fontTools raises many kinds on a file that is no font or a damaged one
        report.error(where, _("font file '{name}' is not a font file fontTools can read ({problem})").format(
            name=path.name, problem=str(exc)[:200] or type(exc).__name__),
                     _("use a TrueType (.ttf) font file"), "font")
        return None
    store_cache(cached, marshal.dumps((pages.tobytes(), glyphs.tobytes(), widths.tobytes(), units, ink, dots)))
    return Face(_pdf_name(path), path, pages, glyphs, widths, units, ink, dots)


def cached_tables(data: bytes | None) -> tuple | None:
    """A face's tables from its cache file's contents, or None when they are missing or of the wrong shape."""
    if data is None:
        return None
    try:
        pages, glyphs, widths, units, ink, dots = marshal.loads(data)
        # memoryviews read the cached tables in place, without copying them into arrays
        pages, glyphs, widths = (memoryview(table).cast("H") for table in (pages, glyphs, widths))
    except (EOFError, ValueError, TypeError):
        return None
    blocks = len(glyphs) >> 8
    shaped = (len(pages) == CODE_POINTS >> 8 and blocks and len(glyphs) == blocks << 8 and max(pages) < blocks
              and type(units) is int and units > 0 and max(glyphs) < len(widths)
              and isinstance(ink, dict) and all(type(code) is int and type(edges) is tuple and len(edges) == 2
                                                and all(type(edge) is float for edge in edges)
                                                for code, edges in ink.items())
              and isinstance(dots, dict) and all(type(code) is int and type(centres) is tuple and len(centres) == 2
                                                 and all(type(c) is float for c in centres)
                                                 for code, centres in dots.items()))
    return (pages, glyphs, widths, units, ink, dots) if shaped else None


class PostScriptOutlines(Exception):
    """A font whose outlines are CFF, which reportlab cannot embed."""


def _measure(path: Path) -> tuple[array, array, array, int, dict, dict]:
    """Read the glyph ids, every glyph's advance, the dashes' ink edges and the ellipses' dots with fontTools."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        if "glyf" not in font:
            raise PostScriptOutlines(path)
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        em = font["head"].unitsPerEm
        order = font.getGlyphOrder()
        ids = {name: number for number, name in enumerate(order)}
        widths = array("H", (metrics[name][0] for name in order))
        outlines = font["glyf"]
        ink = {}
        for code in map(ord, DASHES):
            if code in cmap:
                outline = outlines[cmap[code]]
                ink[code] = (outline.xMin / em, outline.xMax / em) if outline.numberOfContours else (0.0, 0.0)
        dots = {code: dot_centres(outlines, cmap[code], em) for code in map(ord, ELLIPSES) if code in cmap}
        pages, glyphs = _blocks({code: ids[name] for code, name in cmap.items() if code < CODE_POINTS})
        return pages, glyphs, widths, em, ink, {code: found for code, found in dots.items() if found}


def dot_centres(outlines, name: str, em: int) -> tuple[float, float] | None:
    """The centres (em) of the leftmost and rightmost contour of a glyph: an ellipsis's outer dots."""
    coordinates, ends, _flags = outlines[name].getCoordinates(outlines)
    centres, start = [], 0
    for end in ends:
        xs = [x for x, _y in coordinates[start:end + 1]]
        centres.append((min(xs) + max(xs)) / 2 / em)
        start = end + 1
    return (min(centres), max(centres)) if len(centres) >= 2 else None


def _blocks(glyph_ids: dict[int, int]) -> tuple[array, array]:
    """Glyph ids by code point as a two-level table: a block of 256 ids for each page that has any."""
    pages = array("H", bytes(2 * (CODE_POINTS >> 8)))
    glyphs = array("H", bytes(2 * 256))  # block 0: the pages the face has nothing of
    for code, glyph in sorted(glyph_ids.items()):
        if not pages[code >> 8]:
            pages[code >> 8] = len(glyphs) >> 8
            glyphs.frombytes(bytes(2 * 256))
        glyphs[pages[code >> 8] << 8 | code & 0xFF] = glyph
    return pages, glyphs


def _pdf_name(path: Path) -> str:
    """The name a face goes by in the PDF: its file stem, without spaces."""
    return path.stem.replace(" ", "-")
