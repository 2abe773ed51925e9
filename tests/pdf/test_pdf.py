"""The PDF itself: text comes back in order, fonts embedded and subset, CMYK red, metadata, same bytes."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from conftest import REFERENCE
from typeset.build import build
from typeset.source import all_bylines


@pytest.fixture(scope="module")
def pdf(reference_build):
    """The reference PDF, opened."""
    with pdfplumber.open(reference_build[1]) as document:
        yield document


def page_text(page) -> str:
    """A page's characters in reading order (top to bottom, left to right), without spaces."""
    chars = sorted(page.chars, key=lambda c: (round(c["matrix"][5], 1) * -1, c["x0"]))
    return "".join(c["text"] for c in chars if not c["text"].isspace())


def expected_texts(issue) -> list[str]:
    """Every printed text of the issue after page 1, in reading order."""
    texts = []
    for section in issue.sections:
        for article in section.articles:
            texts += [article.title.value] + [p.text for p in article.paragraphs]
            texts += [f"（{article.byline.value}）"] if article.byline else []
        if section.briefs:
            texts.append("信息摘登")
        for brief in section.briefs:
            texts += [brief.paragraph.text] + ([f"（{brief.byline.value}）"] if brief.byline else [])
    footer = issue.footer
    texts += ["送：" + footer.send[0].value] + [group.value for group in footer.send[1:]]
    texts += [f"本期责任编辑：{footer.editor.value}", f"电话：{footer.phone.value}"]
    return [re.sub(r"\s", "", text) for text in texts]


def test_all_text_extracts_back_in_source_order(pdf, reference_build):
    laid, _ = reference_build
    body = "".join(page_text(page) for page in pdf.pages[1:])
    position = 0
    for text in expected_texts(laid.issue):
        found = body.find(text, position)
        assert found >= 0, f"not found in order: {text[:30]}…"
        position = found + len(text)
    assert position == len(body), f"unexpected trailing text: {body[position:position + 40]}"


def test_page_one_holds_header_and_table_of_contents(pdf, reference_build):
    laid, _ = reference_build
    first = page_text(pdf.pages[0])
    for text in ["杭州人大信息", "（普刊）", "第7期（总第695期）", "杭州市人大常委会研究室编", "2024年5月31日", "目录",
                 "信息摘登5则"]:
        assert text in first
    for section in laid.issue.sections:
        assert section.label.value in first
        for article in section.articles:
            assert article.title.value in first


def test_every_font_is_embedded_subset_with_tounicode(pdf):
    fonts = {}
    for page in pdf.pages:
        for name, font in resolve1(resolve1(page.page_obj.resources)["Font"]).items():
            fonts[name] = resolve1(font)
    assert fonts
    for font in fonts.values():
        base = font["BaseFont"].name
        assert re.match(r"^[A-Z]{6}\+", base), f"{base} is not a subset"
        descriptor = resolve1(font["FontDescriptor"])
        assert "FontFile2" in descriptor, f"{base} is not embedded"
        assert "ToUnicode" in font, f"{base} has no ToUnicode map"
    assert not any("Helvetica" in f["BaseFont"].name for f in fonts.values())


def test_masthead_red_is_cmyk_and_nothing_is_rgb(pdf):
    masthead = [c for c in pdf.pages[0].chars if c["text"] in "杭州人大信息" and c["size"] > 40]
    assert len(masthead) == 6
    assert {tuple(c["non_stroking_color"]) for c in masthead} == {(0, 1, 1, 0)}
    for page in pdf.pages:
        for char in page.chars:
            assert len(char["non_stroking_color"]) == 4, "every colour is CMYK"
        for rect in page.rects:
            assert len(rect["non_stroking_color"]) == 4


def test_document_information(pdf):
    info = pdf.metadata
    assert info["Title"] == "杭州人大信息 2024年第7期（总第695期）"
    assert info["Author"] == "杭州市人大常委会研究室"
    assert "2024年5月31日" in info["Subject"]
    assert info["CreationDate"].startswith("D:20240531")


def test_same_source_gives_identical_bytes(tmp_path, reference_build):
    again = tmp_path / "again.pdf"
    build(REFERENCE, again)
    assert again.read_bytes() == reference_build[1].read_bytes()


def test_font_cache_does_not_change_the_output(tmp_path, monkeypatch, reference_build):
    monkeypatch.setenv("TYPESET_CACHE", "off")
    uncached = tmp_path / "uncached.pdf"
    build(REFERENCE, uncached)
    assert uncached.read_bytes() == reference_build[1].read_bytes()


def test_source_date_epoch_sets_the_creation_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    target = tmp_path / "dated.pdf"
    build(REFERENCE, target)
    with pdfplumber.open(target) as document:
        assert document.metadata["CreationDate"].startswith("D:20231114")


def test_bylines_are_set_in_the_byline_font(pdf, reference_build):
    laid, _ = reference_build
    kai = {c["text"] for page in pdf.pages for c in page.chars if "WenKai" in c["fontname"]}
    names = "".join(b.value for b in all_bylines(laid.issue)).replace(" ", "")
    assert set(names) <= kai
