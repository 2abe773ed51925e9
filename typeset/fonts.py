"""Font roles, fallback chains, coverage checks and metrics."""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .compose.rules import DASHES
from .diagnostics import Position, Report, display_path
from .i18n import _
from .places import what_is
from .tempfiles import temporary_for


def _shipped_fonts() -> Path:
    """The project's fonts: beside the package in a checkout, or installed under share/typeset."""
    checkout = Path(__file__).resolve().parent.parent / "fonts"
    installed = Path(sys.prefix) / "share" / "typeset" / "fonts"
    return checkout if checkout.is_dir() or not installed.is_dir() else installed


FONTS_DIR = _shipped_fonts()
CONVERSION = "python fonts/make_fonts.py --convert {source} {target}"  # documented in fonts/README.md
LATIN_LIMIT = 0x2E80  # below this, characters are set at their own advance width
CACHE_VERSION = 4
HAN_BLOCK = (0x4E00, 0xA000)  # CJK Unified Ideographs
COVERAGE_BYTES = 0x110000 >> 3  # one bit per code point
CACHE_LIMIT = 64 << 20  # bytes: a cache file larger than this is not read


@dataclass(frozen=True)
class Face:
    """One font file: its name in the PDF, coverage and Latin advance widths (em)."""

    name: str
    path: Path
    coverage: bytes  # one bit per code point
    advances: dict[int, float]
    ink: dict[int, tuple[float, float]]  # left and right ink edges (em) of the dashes

    def has(self, char: str) -> bool:
        """True when the face draws this character."""
        code = ord(char)
        return bool(self.coverage[code >> 3] >> (code & 7) & 1)

    def has_han(self) -> bool:
        """True when the face draws any ideograph of the CJK Unified Ideographs block."""
        return any(self.coverage[HAN_BLOCK[0] >> 3:HAN_BLOCK[1] >> 3])


class Fonts:
    """The faces of each role, first choice first, as the style names them."""

    def __init__(self, chains: dict[str, list[Face]]):
        self.chains = chains
        self._choice: dict[tuple[str, str], Face | None] = {}

    def face_for(self, char: str, role: str) -> Face | None:
        """The first face of the role's chain that draws the character."""
        key = (char, role)
        if key not in self._choice:
            self._choice[key] = next((f for f in self.chains[role] if f.has(char)), None)
        return self._choice[key]

    def advance(self, char: str, role: str) -> float:
        """The natural advance of a character, in em of its role's face."""
        face = self.face_for(char, role)
        return face.advances.get(ord(char), 0.5) if face else 0.5

    def ink(self, char: str, role: str) -> tuple[float, float]:
        """Where a dash's ink starts and ends, in em from its origin."""
        face = self.face_for(char, role)
        return face.ink.get(ord(char), (0.0, self.advance(char, role))) if face else (0.0, 1.0)

    def without_han(self, role: str) -> bool:
        """True when no face of the role draws a single Chinese character."""
        return not any(face.has_han() for face in self.chains[role])

    def files(self) -> dict[str, Path]:
        """Every face's PDF name and file."""
        return {face.name: face.path for chain in self.chains.values() for face in chain}

    def missing(self, text: str, roles) -> list[int]:
        """Offsets of the characters that no face of their role draws."""
        pairs = set(zip(text, roles))
        lacking = {pair for pair in pairs if not pair[0].isspace() and self.face_for(*pair) is None}
        return [i for i, pair in enumerate(zip(text, roles)) if pair in lacking] if lacking else []


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
    from .style import ROLES

    folders = search_folders(base)
    faces: dict[Path, Face | None] = {}
    chains: dict[str, list[Face]] = {}
    for role in ROLES:
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
    return {"title": _("title"), "body": _("body text"), "heading": _("heading"), "byline": _("byline")}[role]


def read_face(path: Path, report: Report, where: Position | None) -> Face | None:
    """A face's coverage and advances, from the metrics cache or the font file."""
    cached = cache_file(path, "metrics", str(CACHE_VERSION))
    metrics = read_cache(cached)
    if metrics is not None:
        return Face(_pdf_name(path), path, *metrics)
    try:
        coverage, advances, ink = _measure(path)
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
    store_cache(cached, sealed(marshal.dumps((coverage, advances, ink))))
    return Face(_pdf_name(path), path, coverage, advances, ink)


def read_cache(cached: Path | None) -> tuple[bytes, dict, dict] | None:
    """A face's metrics from its cache file, or None when it is missing, damaged or of the wrong shape."""
    data = unsealed(cached)
    if data is None:
        return None
    try:
        coverage, advances, ink = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    shaped = (isinstance(coverage, bytes) and len(coverage) == COVERAGE_BYTES
              and isinstance(advances, dict) and isinstance(ink, dict)
              and all(isinstance(code, int) and isinstance(width, float) for code, width in advances.items())
              and all(isinstance(code, int) and isinstance(edges, tuple) and len(edges) == 2
                      and all(isinstance(edge, float) for edge in edges) for code, edges in ink.items()))
    return (coverage, advances, ink) if shaped else None


def sealed(data: bytes) -> bytes:
    """Cache contents behind their own digest, so that a damaged file is known as such."""
    return hashlib.sha256(data).digest() + data


def unsealed(cached: Path | None) -> bytes | None:
    """The contents of a sealed cache file, or None when it is missing, unreadable or damaged."""
    if cached is None or not cached.is_file():  # not a FIFO or a device, which open() would wait on or read forever
        return None
    try:
        with open(cached, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > CACHE_LIMIT:
                return None
            sealed_data = handle.read()
    except OSError:
        return None
    digest, data = sealed_data[:32], sealed_data[32:]
    return data if hashlib.sha256(data).digest() == digest else None


class PostScriptOutlines(Exception):
    """A font whose outlines are CFF, which reportlab cannot embed."""


def _measure(path: Path) -> tuple[bytes, dict[int, float], dict[int, tuple[float, float]]]:
    """Read coverage (a bitmap), Latin advances and the dashes' ink edges with fontTools."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        if "glyf" not in font:
            raise PostScriptOutlines(path)
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        em = font["head"].unitsPerEm
        advances = {code: metrics[glyph][0] / em for code, glyph in cmap.items() if code < LATIN_LIMIT}
        outlines = font["glyf"]
        ink = {}
        for code in map(ord, DASHES):
            if code in cmap:
                outline = outlines[cmap[code]]
                ink[code] = (outline.xMin / em, outline.xMax / em) if outline.numberOfContours else (0.0, 0.0)
        return _bitmap(cmap), advances, ink


def _bitmap(codes) -> bytes:
    """One bit per Unicode code point, set for those given."""
    bits = bytearray(COVERAGE_BYTES)
    for code in codes:
        bits[code >> 3] |= 1 << (code & 7)
    return bytes(bits)


def _pdf_name(path: Path) -> str:
    """The name a face goes by in the PDF: its file stem, without spaces."""
    return path.stem.replace(" ", "-")


def cache_file(path: Path, kind: str, version: str) -> Path | None:
    """Where facts of this exact font file are cached (TYPESET_CACHE, "off" for none)."""
    root = os.environ.get("TYPESET_CACHE", str(Path.home() / ".cache" / "typeset"))
    if root in ("", "off"):
        return None
    stat = path.stat()
    key = f"{version}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return Path(root) / f"{kind}-{hashlib.sha1(key.encode()).hexdigest()}.bin"


def store_cache(cached: Path | None, data: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is skipped."""
    if cached is None:
        return
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with temporary_for(cached) as temporary:
            temporary.write_bytes(data)
            os.replace(temporary, cached)
    except OSError:
        pass
