"""Every item kind drawn by the one walk: text and rules in page order, images, groups through their transform."""

from __future__ import annotations

import io
import re
import zlib

import pdfplumber
import pytest
from PIL import Image as Picture
from PIL import ImageChops

from typeset.diagnostics import Report
from typeset.fonts import FONTS_DIR, read_face
from typeset.page import BLACK, Box, Glyph, Group, Image, Page, Paint, Rule, Text
from typeset.render.pdf import render
from typeset.render.png import render as images
from typeset.render.trace import trace

A5 = Box(0, 0, 420, 595)
RED = Paint("red", (0, 1, 1, 0))


@pytest.fixture(scope="module")
def face():
    return read_face(FONTS_DIR / "NotoSerifCJKsc-Regular.ttf", Report(), None)


def text(face, chars: str, x: float, baseline: float, size: float = 20) -> Text:
    """Characters set solid, one em apart, from x."""
    glyphs = []
    for i, char in enumerate(chars):
        number, advance = face.metrics(char, size)
        glyphs.append(Glyph(char, number, i * size, size, advance, None))
    return Text(face, size, x, baseline, tuple(glyphs), BLACK)


def content(pdf: bytes) -> bytes:
    """The first page's content stream, inflated."""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        inflated = zlib.decompress(stream)
        if b" re f" in inflated or b"BT" in inflated:
            return inflated
    raise AssertionError("no content stream")


def test_text_and_rules_are_drawn_in_the_order_of_the_page(face):
    items = [text(face, "上", 50, 100), Rule(40, 200, 110, 2, RED), text(face, "下", 50, 140)]
    stream = content(render([Page(1, A5, items=items)]))
    first_text, rule, second_text = stream.index(b"BT"), stream.index(b" re f"), stream.rindex(b"BT")
    assert first_text < rule < second_text
    assert b"0 1 1 0 k" in stream, "the rule's paint is its CMYK"


def test_an_image_is_drawn_into_its_box(face, tmp_path):
    picture = tmp_path / "square.png"
    Picture.new("RGB", (8, 4), (0, 0, 255)).save(picture)
    page = Page(1, A5, items=[Image(picture, 100, 200, 80, 40)])
    with pdfplumber.open(io.BytesIO(render([page]))) as document:
        (shown,) = document.pages[0].images
    assert (shown["x0"], shown["top"], shown["width"], shown["height"]) == pytest.approx((100, 200, 80, 40))
    assert trace([page]) == "page 1\n  image square.png y=200.00..240.00 x=100.0 w=80.0\n"


def test_a_group_draws_its_items_through_its_transform(face):
    items = (text(face, "国", 30, 60), Rule(20, 120, 80, 2, RED))  # whole pt edges: no pixel snapping
    moved = [item.moved(72, 36) for item in items]
    shifted = Group((1, 0, 0, 1, 72, 36), items)
    assert images([Page(1, A5, items=[shifted])], 72) == images([Page(1, A5, items=moved)], 72)
    turned = Group((-1, 0, 0, -1, A5.width, A5.height), items)  # a half turn, as a sheet is imposed head to head
    upright, = images([Page(1, A5, items=list(items))], 72)
    half_turn, = images([Page(1, A5, items=[turned])], 72)
    back = Picture.open(io.BytesIO(half_turn)).convert("L").transpose(Picture.Transpose.ROTATE_180)
    ahead = Picture.open(io.BytesIO(upright)).convert("L")
    assert far_apart(ahead, Picture.open(io.BytesIO(half_turn)).convert("L")), "the turned page looks different"
    assert not far_apart(ahead, back), "turned back, it is the upright page (up to anti-aliasing)"


def far_apart(one, other) -> bool:
    """Whether two grey images differ anywhere by more than a quarter of full scale."""
    return ImageChops.difference(one, other).point(lambda level: 255 if level > 64 else 0).getbbox() is not None


def test_a_page_has_its_boxes_trim_and_bleed_the_media_until_press_output_sets_them():
    page = Page(1, Box(0, 0, 595.28, 841.89))
    assert page.trim == page.media == page.bleed and (page.width, page.height) == (595.28, 841.89)
