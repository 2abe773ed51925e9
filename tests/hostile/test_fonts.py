"""Font settings naming what is no usable font: one error at the style line, saying what the file is."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .harness import FONTS, refused, scratch, style_line, with_style


def latin_font(path: Path) -> None:
    """A small TrueType font with ASCII glyphs only."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    codes = range(0x20, 0x7F)
    names = [".notdef"] + [f"u{code:04X}" for code in codes]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({code: f"u{code:04X}" for code in codes})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        pen.moveTo((50, 0))
        pen.lineTo((50, 600))
        pen.lineTo((450, 600))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (500, 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Latin Only", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def make(folder: Path, kind: str) -> str:
    """Put a file of this kind beside publication.yaml; the name to give in the style."""
    target = folder / "bad.ttf"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink-loop":
        target.symlink_to(target.name)
    elif kind == "dangling-symlink":
        target.symlink_to("nowhere.ttf")
    elif kind == "text-file":
        target.write_text("not a font\n", encoding="utf-8")
    elif kind == "empty-file":
        target.write_bytes(b"")
    elif kind == "truncated-font":
        target.write_bytes((FONTS / "LXGWWenKai-Regular.ttf").read_bytes()[:5000])
    elif kind == "zeros":
        target.write_bytes(b"\0" * 100_000)
    elif kind == "cff-font":
        target = folder / "FandolFang-Regular.otf"
        shutil.copy(FONTS / "source" / "FandolFang-Regular.otf", target)
    elif kind == "pdf-named-ttf":
        target.write_bytes(b"%PDF-1.4\n")
    elif kind in ("dev-zero", "dev-null"):
        return f"/dev/{kind[4:]}"
    elif kind == "unknown-user-home":
        return "~nosuchuser/x.ttf"
    elif kind == "missing":
        return "nowhere.ttf"
    return target.name


KINDS = {
    "folder": "is a folder",
    "fifo": "is a named pipe (FIFO)",
    "symlink-loop": "is a symbolic link that loops",
    "dangling-symlink": "is a symbolic link to nothing",
    "dev-zero": "is a device",
    "dev-null": "is a device",
    "text-file": "is not a font file",
    "empty-file": "is not a font file",
    "zeros": "is not a font file",
    "truncated-font": "is not a font file",
    "pdf-named-ttf": "is not a font file",
    "cff-font": "python fonts/make_fonts.py --convert FandolFang-Regular.otf FandolFang-Regular.ttf",
    "unknown-user-home": "was not found",
    "missing": "was not found",
}


FONT_CASES = [(kind, "body") for kind in KINDS] + [(kind, "title") for kind in ("folder", "text-file", "cff-font")]


@pytest.mark.parametrize("kind,role", FONT_CASES, ids=[f"{role}-{kind}" for kind, role in FONT_CASES])
def test_font_that_is_no_font(tmp_path, kind, role):
    """One error, at the file's place in the style's list, saying what the file is."""
    archive = scratch(tmp_path)
    name = make(archive.folder, kind)
    publication = with_style(f'font_{role}: [NotoSerifCJKsc-Regular.ttf, "{name}"]')
    archive.publication.write_text(publication, encoding="utf-8")
    archive.snapshot()
    run = archive.build()
    column = len(f"  font_{role}: [NotoSerifCJKsc-Regular.ttf, ") + 1
    refused(run, archive, where=f"publication.yaml:{style_line(publication)}:{column}: error: ")
    assert KINDS[kind] in run.stderr
    assert run.stderr.count(": error: ") == 1


@pytest.mark.parametrize("role", ["body", "heading"])
def test_latin_only_font_is_one_error(tmp_path, role):
    """A role whose only font has no Chinese: one error at the setting, not one per character."""
    archive = scratch(tmp_path)
    latin_font(archive.folder / "Latin.ttf")
    publication = with_style(f"font_{role}: [Latin.ttf]")
    archive.publication.write_text(publication, encoding="utf-8")
    archive.snapshot()
    run = archive.build()
    refused(run, archive, where=f"publication.yaml:{style_line(publication)}:")
    assert run.stderr.count(": error: ") == 1, run.stderr
    assert "has Chinese characters (Latin.ttf)" in run.stderr


def test_latin_font_with_a_chinese_fallback_builds(tmp_path):
    """The same font first in a chain whose fallback has Chinese: a normal build."""
    from .harness import built

    archive = scratch(tmp_path)
    latin_font(archive.folder / "Latin.ttf")
    archive.publication.write_text(with_style("font_body: [Latin.ttf, NotoSerifCJKsc-Regular.ttf]"), encoding="utf-8")
    archive.snapshot()
    built(archive.build(), archive)
