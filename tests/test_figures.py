"""Figure blocks in an article body as the source reads them: the image and its keys checked at their places."""

from __future__ import annotations

import pytest
from PIL import Image

from conftest import MINIMAL
from typeset.check import check_issue
from typeset.diagnostics import Report, SourceError
from typeset.source import Figure, Paragraph, Strong, load_issue

BODY = """\
        body:
          - |
            市人大常委会召开第十九次会议。
          - figure:
              image: {image}
              caption: 会议**现场**
              width: 120
          - 会议指出，要坚持问题导向。
"""


def with_figure(image: str = "photo.jpg") -> str:
    """MINIMAL with a body of a paragraph, a figure and a paragraph."""
    return MINIMAL.split("        body:")[0] + BODY.format(image=image)


def errors_of(path) -> list:
    """The errors a source raises."""
    with pytest.raises(SourceError) as caught:
        load_issue(path, Report())
    return caught.value.diagnostics


@pytest.fixture
def photo(archive):
    """A small RGB JPEG in the archive folder."""
    Image.new("RGB", (40, 30), (200, 30, 30)).save(archive / "photo.jpg", "JPEG")
    return archive / "photo.jpg"


def test_a_body_may_be_a_list_of_texts_and_figures(write_issue, photo):
    article = load_issue(write_issue(with_figure()), Report()).sections[0].articles[0]
    first, figure, last = article.blocks
    assert isinstance(first, Paragraph) and isinstance(figure, Figure) and isinstance(last, Paragraph)
    assert figure.image == photo and figure.width == 120.0
    assert [type(i) for i in figure.caption.inlines][1] is Strong
    assert (figure.span.line, figure.span.column) == (13, 22)
    assert [p.text for p in article.paragraphs] == ["市人大常委会召开第十九次会议。", "会议指出，要坚持问题导向。"]


def test_a_png_in_a_subfolder_is_accepted(write_issue, archive):
    (archive / "images").mkdir()
    Image.new("L", (20, 20), 128).save(archive / "images" / "chart.png", "PNG")
    (_, figure, _) = load_issue(write_issue(with_figure("images/chart.png")), Report()).sections[0].articles[0].blocks
    assert figure.image == archive / "images" / "chart.png"


@pytest.mark.parametrize("image, words", [
    ("missing.jpg", "does not exist"),
    ("notes.txt", "neither a JPEG nor a PNG"),
    ("../outside.jpg", "outside the archive folder"),
])
def test_a_bad_image_is_an_error_at_its_place(write_issue, archive, image, words):
    (archive / "notes.txt").write_text("not an image", encoding="utf-8")
    found = errors_of(write_issue(with_figure(image)))
    assert [(d.code, d.position.line, d.position.column) for d in found] == [("image", 13, 22)]
    assert words in found[0].message and image in found[0].message


def test_an_unreadable_image_is_an_error_at_its_place(write_issue, archive):
    (archive / "folder.jpg").mkdir()
    found = errors_of(write_issue(with_figure("folder.jpg")))
    assert [(d.code, d.position.line) for d in found] == [("image", 13)]
    assert "cannot be read" in found[0].message


@pytest.mark.parametrize("width", ["0", "-5", "很宽", "3000"])
def test_a_bad_width_is_an_error_at_its_place(write_issue, photo, width):
    found = errors_of(write_issue(with_figure().replace("width: 120", f"width: {width}")))
    assert [(d.code, d.position.line, d.position.column) for d in found] == [("type", 15, 22)]


def test_a_misspelled_figure_key_names_the_closest(write_issue, photo):
    found = errors_of(write_issue(with_figure().replace("caption:", "captoin:")))
    assert [(d.code, d.position.line, d.hint) for d in found] == [("unknown-key", 14, "did you mean 'caption'?")]


def test_check_says_an_rgb_image_is_converted_at_its_place(write_issue, photo):
    found = [d for d in check_issue(write_issue(with_figure())) if d.code == "image-converted"]
    assert [(d.severity, d.position.line, d.position.column) for d in found] == [("warning", 13, 22)]
    assert "photo.jpg" in found[0].message and "from RGB to CMYK" in found[0].message


def test_a_gray_or_cmyk_image_needs_no_word(write_issue, archive):
    Image.new("L", (20, 20), 90).save(archive / "gray.png")
    Image.new("CMYK", (20, 20), (0, 50, 100, 0)).save(archive / "cmyk.jpg", "JPEG")
    for name in ("gray.png", "cmyk.jpg"):
        found = check_issue(write_issue(with_figure(name)))
        assert [d for d in found if d.code == "image-converted"] == [], name


def test_an_empty_body_list_is_an_error_at_its_place(write_issue):
    found = errors_of(write_issue(MINIMAL.split("        body:")[0] + "        body: []\n"))
    assert [(d.code, d.position.line, d.position.column) for d in found] == [("empty", 9, 15)]


def test_an_article_of_only_a_figure_builds_with_its_title(write_issue, photo):
    body = "        body:\n          - figure:\n              image: photo.jpg\n"
    found = check_issue(write_issue(MINIMAL.split("        body:")[0] + body))
    assert [d.code for d in found if d.severity == "error"] == []
    assert [d.code for d in found] == ["image-converted"]
