"""reportlab's parsed font tables come back from the cache exactly: the PDF is the same with and without it."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from typeset.fonts import FONTS_DIR
from typeset.render import pdf


@pytest.fixture
def fresh_registry(monkeypatch, tmp_path):
    """An empty parsed-table cache and no font registered with reportlab; the writer's fonts come back after."""
    monkeypatch.setenv("TYPESET_CACHE", str(tmp_path / "cache"))
    before = dict(pdf._registered)
    forget()
    yield tmp_path / "cache"
    forget()
    for path, font in before.values():
        pdfmetrics.registerFont(font)
    pdf._registered.update(before)


def forget() -> None:
    """Unregister every font the writer registered."""
    for _, font in pdf._registered.values():
        font.unregister()
    pdf._registered.clear()


def used_faces(pages):
    return {text.face.name: text.face for page in pages for text in page.texts()}.values()


def test_the_reference_pdf_is_the_same_from_reportlab_itself_from_a_parse_and_from_the_cache(
        reference_build, fresh_registry):
    laid, _ = reference_build
    faces = used_faces(laid.pages)
    for face in faces:  # reportlab's own font objects, as it parses them
        stock = TTFont(face.name, str(face.path))
        pdfmetrics.registerFont(stock)
        pdf._registered[face.name] = (face.path, stock)
    from_reportlab = pdf.render(laid.pages)
    forget()
    parsed = pdf.render(laid.pages)  # parses and fills the cache
    assert all(pdfmetrics.getFont(face.name).face._tables is None for face in faces), "parsed"
    assert sorted(p.name.split("-")[0] for p in fresh_registry.iterdir()).count("reportlab") == len(faces)
    forget()
    cached = pdf.render(laid.pages)
    assert all(pdfmetrics.getFont(face.name).face._tables is not None for face in faces), "the cache was used"
    assert from_reportlab == parsed == cached


@pytest.mark.parametrize("name", sorted(path.name for path in FONTS_DIR.glob("*.ttf")))
def test_cached_tables_equal_the_parsed_ones(name, fresh_registry):
    path = FONTS_DIR / name
    parsed = pdf.load_font("F", path, cache=False).face
    again = pdf._Tables.loads(pdf._Tables.of(parsed).dumps())
    assert again.glyphs == parsed.charToGlyph and again.widths == parsed.charWidths
    assert again.default_width == parsed.defaultWidth
    assert list(again.metrics) == list(parsed.hmetrics) and list(again.offsets) == list(parsed.glyphPos)


def test_the_glyph_ids_on_the_pages_are_the_ones_the_pdf_embeds(reference_build):
    laid, _ = reference_build
    pages = laid.pages
    pdf.register(used_faces(pages))
    for page in pages:
        for text in page.texts():
            embedded = pdfmetrics.getFont(text.face.name).face
            for glyph in text.glyphs:
                assert embedded.charToGlyph[ord(glyph.char)] == glyph.id, glyph
                assert embedded.charWidths[ord(glyph.char)] * text.size / 1000 == glyph.advance, glyph
