"""The writer's font tables, read on demand from the face and the mapped file, are reportlab's own: same PDF, same entries."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from typeset.diagnostics import Report
from typeset.fonts import CODE_POINTS, FONTS_DIR, read_face
from typeset.render import pdf


@pytest.fixture
def fresh_registry():
    """No font registered with reportlab; the writer's fonts come back after."""
    before = dict(pdf._registered)
    forget()
    yield
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


def test_the_reference_pdf_is_the_same_from_reportlab_s_own_fonts_and_from_the_writer_s(
        reference_build, fresh_registry):
    laid, _ = reference_build
    faces = used_faces(laid.pages)
    for face in faces:  # reportlab's own font objects, as it parses them
        stock = TTFont(face.name, str(face.path))
        pdfmetrics.registerFont(stock)
        pdf._registered[face.name] = (face.path, stock)
    from_reportlab = pdf.render(laid.pages)
    forget()
    assert pdf.render(laid.pages) == from_reportlab


@pytest.mark.parametrize("name", sorted(path.name for path in FONTS_DIR.glob("*.ttf")))
def test_the_tables_read_on_demand_equal_the_parsed_ones(name):
    path = FONTS_DIR / name
    parsed = TTFont("Parsed", str(path)).face
    read = pdf.load_font(read_face(path, Report(), None)).face
    # A format-4 cmap ends with a segment mapping U+FFFF to the missing glyph, and faces serve planes 0 to 3
    # only: no page sets a missing glyph or a character above them (layout reports it instead).
    codes = sorted(code for code, glyph in parsed.charToGlyph.items() if glyph and code < CODE_POINTS)
    assert {code for code, glyph in parsed.charToGlyph.items() if not glyph} <= {0xFFFF}
    assert [read.charToGlyph[code] for code in codes] == [parsed.charToGlyph[code] for code in codes]
    assert [read.getCharWidth(code) for code in codes] == [parsed.getCharWidth(code) for code in codes]
    assert read.defaultWidth == parsed.defaultWidth
    assert list(read.hmetrics) == list(parsed.hmetrics) and list(read.glyphPos) == list(parsed.glyphPos)
    unmapped = next(code for code in range(0x4E00, 0x110000) if code not in parsed.charToGlyph)
    assert unmapped not in read.charToGlyph and read.getCharWidth(unmapped) == parsed.defaultWidth


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
