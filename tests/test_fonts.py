"""Font roles, fallback chains, coverage and the metrics cache, on the project's own fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.diagnostics import Report
from typeset.fonts import FONTS_DIR, load_fonts, read_face
from typeset.style import Style


@pytest.fixture(scope="module")
def fonts():
    report = Report()
    loaded = load_fonts(Style(), FONTS_DIR, report)
    assert loaded is not None, report.items
    return loaded


def test_each_role_starts_with_its_own_face(fonts):
    chosen = {role: fonts.face_for("国", role).name for role in ("title", "body", "heading", "byline")}
    assert chosen == {"title": "NotoSerifCJKsc-Bold", "body": "FandolFang-Regular",
                      "heading": "NotoSansCJKsc-Bold", "byline": "LXGWWenKai-Regular"}


def test_a_character_the_body_face_lacks_comes_from_the_fallback(fonts):
    assert fonts.face_for("彧", "body").name == "LXGWWenKai-Regular"  # a 楷, lighter than a Song
    assert fonts.face_for("彧", "byline").name == "LXGWWenKai-Regular"


def test_no_face_of_a_role_draws_a_character_beyond_every_font(fonts):
    assert fonts.face_for("\U00030000", "body") is None
    assert fonts.face_for("张", "body").glyph("张") > 0


def test_latin_advances_come_from_the_face(fonts):
    assert 0.3 < fonts.advance("2", "body") < 0.7
    assert fonts.advance("i", "heading") < fonts.advance("m", "heading")


def test_cached_metrics_equal_fresh_ones(tmp_path, monkeypatch):
    path = FONTS_DIR / "FandolFang-Regular.ttf"
    monkeypatch.setenv("TYPESET_CACHE", str(tmp_path))
    fresh = read_face(path, Report(), None)
    assert list(tmp_path.iterdir()), "the metrics were cached"
    cached = read_face(path, Report(), None)
    assert (list(cached.pages), list(cached.glyphs), list(cached.widths), cached.units, cached.ink) == (
        list(fresh.pages), list(fresh.glyphs), list(fresh.widths), fresh.units, fresh.ink)


def test_a_missing_font_file_is_an_error_naming_it(tmp_path):
    report = Report()
    assert load_fonts(Style({"font_body": ["NoSuchFont.ttf"]}), tmp_path, report) is None
    assert "NoSuchFont.ttf" in report.errors[0].message and "font_body" in report.errors[0].hint


def test_a_postscript_font_is_refused_with_a_clear_message(tmp_path):
    source = FONTS_DIR / "source" / "FandolFang-Regular.otf"
    report = Report()
    assert load_fonts(Style({"font_body": [str(source)]}), tmp_path, report) is None
    assert "CFF" in report.errors[0].message and "TrueType" in report.errors[0].hint


def test_a_font_under_the_home_of_an_unknown_user_is_not_found():
    from typeset.fonts import resolve

    assert resolve("~nosuchuser-of-this-machine/x.ttf", []) is None


def test_ink_boxes_read_from_the_outlines_equal_fonttools_ones(fonts):
    from fontTools.ttLib import TTFont

    face = fonts.face_for("编", "body")
    font = TTFont(face.path, lazy=True)
    glyf, cmap = font["glyf"], font.getBestCmap()
    for char in "编，“）2":
        outline = glyf[cmap[ord(char)]]
        assert face.bounds(char) == tuple(v / 1000 for v in (outline.xMin, outline.yMin, outline.xMax, outline.yMax))
    assert face.bounds(" ") is None and fonts.bounds("，", "body")[2] < 0.5  # a comma's ink is in the left half


def test_outline_boxes_read_through_a_short_glyph_index_are_fonttools_own(tmp_path):
    """A small font keeps its glyph offsets in a short loca table: each glyph's box is still the right one."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    from typeset.fonts import outline_box

    def square(x0, y0, x1, y1):
        pen = TTGlyphPen(None)
        pen.moveTo((x0, y0)), pen.lineTo((x0, y1)), pen.lineTo((x1, y1)), pen.lineTo((x1, y0)), pen.closePath()
        return pen.glyph()

    names = [".notdef", "space", "a", "b"]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", 97: "a", 98: "b"})
    builder.setupGlyf({".notdef": square(0, 0, 500, 700), "space": TTGlyphPen(None).glyph(),
                       "a": square(50, -120, 450, 520), "b": square(10, 0, 990, 880)})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Boxes", "styleName": "Regular"})
    builder.setupOS2(), builder.setupPost()
    path = tmp_path / "boxes.ttf"
    builder.save(str(path))
    assert TTFont(str(path))["head"].indexToLocFormat == 0
    tables: dict = {}
    assert [outline_box(path, glyph, tables) for glyph in range(4)] == [
        (0, 0, 500, 700), None, (50, -120, 450, 520), (10, 0, 990, 880)]


def test_outline_boxes_read_through_a_long_glyph_index_are_fonttools_own():
    """The project's fonts keep long loca tables: sampled glyphs' boxes are those fontTools reads."""
    from fontTools.ttLib import TTFont

    from typeset.fonts import outline_box

    path = FONTS_DIR / "FandolFang-Regular.ttf"
    font = TTFont(str(path), lazy=True)
    assert font["head"].indexToLocFormat == 1
    glyf, order, tables = font["glyf"], font.getGlyphOrder(), {}
    for glyph in range(1, len(order), 211):
        outline = glyf[order[glyph]]
        wanted = (outline.xMin, outline.yMin, outline.xMax, outline.yMax) if outline.numberOfContours else None
        assert outline_box(path, glyph, tables) == wanted, order[glyph]
