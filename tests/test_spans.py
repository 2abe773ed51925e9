"""Spans through to glyphs: every laid-out glyph knows its source place, and pages and sources map both ways."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import MINIMAL, REFERENCE
from typeset.build import lay_out
from typeset.cli import main
from typeset.diagnostics import Position, SourceError
from typeset.page import glyph_box, places_of, source_at

ADDED = set("（）第期总编年月日则报送发：本期责任编辑电话—目\u3000录 ") | set("0123456789")


def glyphs(laid):
    """(page, text item, glyph) for every glyph laid out."""
    return [(page, text, glyph) for page in laid.pages for text in page.texts() for glyph in text.glyphs]


def source_char(files: dict, span: Position) -> str:
    """The character at a source place."""
    if span.file not in files:
        files[span.file] = next(path for path in (REFERENCE, REFERENCE.with_name("publication.yaml"))
                                if str(path).endswith(span.file)).read_text(encoding="utf-8").split("\n")
    return files[span.file][span.line - 1][span.column - 1:span.column]


def test_every_glyph_of_the_reference_points_at_its_character_or_the_field_it_decorates(reference_build):
    laid, _ = reference_build
    files: dict = {}
    placed = glyphs(laid)
    assert placed and all(glyph.span is not None for _, _, glyph in placed)
    wrong = [(glyph.char, glyph.span) for _, _, glyph in placed
             if source_char(files, glyph.span) != glyph.char and glyph.char not in ADDED]
    assert not wrong, wrong[:5]
    own = sum(source_char(files, glyph.span) == glyph.char for _, _, glyph in placed)
    assert own > 0.95 * len(placed), "nearly every glyph is a character of the sources"


def test_a_page_position_maps_back_to_the_source_and_a_source_place_forward_to_its_glyphs(reference_build):
    laid, _ = reference_build
    for page, text, glyph in glyphs(laid)[::37]:
        box = glyph_box(text, glyph)
        x, y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
        assert source_at(laid.pages, page.number, x, y) == glyph.span
        assert (page.number, box.left, box.top) in places_of(laid.pages, glyph.span)


def test_a_title_is_found_twice_in_the_table_of_contents_and_above_its_article(reference_build):
    laid, _ = reference_build
    title = laid.issue.sections[0].articles[0].title
    places = places_of(laid.pages, title.position(0))
    assert [number for number, _, _ in places] == [1, 2]


def test_a_place_off_the_text_or_off_the_pages_maps_to_nothing(reference_build):
    laid, _ = reference_build
    assert source_at(laid.pages, 1, 5.0, 5.0) is None
    assert source_at(laid.pages, 99, 100.0, 100.0) is None
    assert places_of(laid.pages, Position("2024-07.yaml", 10_000, 1)) == []


@pytest.fixture
def toc_title_lacking_in_body(write_issue, archive):
    """An issue whose first title has 喆, which the title font draws and the only body font does not."""
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace(
        "style:\n", "style:\n  font_body: [FandolFang-Regular.ttf]\n"), encoding="utf-8")
    return write_issue(MINIMAL.replace("市人大常委会召开会议", "喆人大常委会召开会议"))


def test_a_body_font_lacking_a_character_of_a_toc_title_is_a_positioned_error(toc_title_lacking_in_body):
    with pytest.raises(SourceError) as raised:
        lay_out(toc_title_lacking_in_body)
    (error,) = [d for d in raised.value.diagnostics if d.code == "missing-glyph"]
    assert error.position == Position(error.position.file, 7, 16)
    assert error.position.file.endswith("2024-08.yaml")
    assert "no body text font can draw '喆'" in error.message


def test_the_build_says_where_and_writes_nothing(toc_title_lacking_in_body, tmp_path):
    result = CliRunner().invoke(main, ["build", str(toc_title_lacking_in_body), "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "2024-08.yaml:7:16: error: no body text font can draw '喆' (U+5586)" in result.output
    assert not (tmp_path / "a.pdf").exists()


def test_page_numbers_point_at_the_page_numbers_line_of_the_publication(archive):
    import shutil

    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace(
        "style:\n", "style:\n  body_size: 16\n  page_numbers: true\n"), encoding="utf-8")
    laid = lay_out(shutil.copy(REFERENCE, archive / REFERENCE.name))
    numbers = [(page.number, glyph.span) for page in laid.pages for text in page.texts() for glyph in text.glyphs
               if text.baseline > laid.style.top + laid.style.lines_per_page * laid.style.pitch]  # below the block
    assert {span for _, span in numbers} == {(str(publication), 12, 17)}  # at the setting's value, `true`
    assert sorted({page for page, _ in numbers}) == list(range(2, len(laid.pages)))
    assert {page for page, _, _ in places_of(laid.pages, Position(str(publication), 12, 17))} == set(
        range(2, len(laid.pages)))
