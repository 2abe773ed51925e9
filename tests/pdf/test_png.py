"""Small page images compared with checked-in ones: the masthead page, a dense page, the last page.

The pages are rasterised at 24 dpi through the project's own preview path (PDFium). A failing
comparison writes the actual image beside the test's temporary folder and names it. After an
intended change, rewrite them with `TYPESET_UPDATE_PNGS=1 python -m pytest tests/pdf/test_png.py`
and look at them before committing.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from typeset.render.png import rasterize

EXPECTED = Path(__file__).with_name("expected")
DPI = 24
# Mean absolute grey-level difference, as a fraction of full scale. One body line blanked
# out of a page differs by about 0.18%; rasteriser versions differ by far less.
TOLERANCE = 0.0005


def grey(png: bytes) -> Image.Image:
    """A PNG decoded to 8-bit grey."""
    return Image.open(io.BytesIO(png)).convert("L")


def difference(one: Image.Image, other: Image.Image) -> float:
    """Mean absolute grey-level difference of two images of one size, from 0 to 1."""
    histogram = ImageChops.difference(one, other).histogram()
    return sum(level * count for level, count in enumerate(histogram)) / (255 * one.width * one.height)


@pytest.mark.parametrize("which", ["first", "dense", "last"])
def test_page_looks_as_it_did(reference_build, tmp_path, which):
    laid, pdf = reference_build
    index = {"first": 0, "dense": 2, "last": len(laid.pages) - 1}[which]
    actual = grey(rasterize(pdf, [index], DPI)[0])
    expected_file = EXPECTED / f"{which}.png"
    if os.environ.get("TYPESET_UPDATE_PNGS"):
        actual.save(expected_file, optimize=True)
    expected = Image.open(expected_file).convert("L")
    assert actual.size == expected.size
    changed = difference(actual, expected)
    if changed > TOLERANCE:
        actual.save(tmp_path / f"{which}-actual.png")
    assert changed <= TOLERANCE, f"page differs by {changed:.3%}; see {tmp_path / f'{which}-actual.png'}"


def test_the_comparison_sees_one_missing_line(reference_build):
    _, pdf = reference_build
    page = grey(rasterize(pdf, [2], DPI)[0])
    line = round(10.23 / 25.4 * DPI)  # one grid line, in pixels
    top = round((37 + 5 * 10.23) / 25.4 * DPI)
    blanked = page.copy()
    blanked.paste(255, (0, top, page.width, top + line))
    assert difference(page, blanked) > TOLERANCE


def test_pages_rasterised_on_several_threads_at_once_come_out_whole(reference_build):
    """PDFium is not thread-safe: the workbench's page threads take turns, so each image is the one alone."""
    from concurrent.futures import ThreadPoolExecutor

    from typeset.render.png import page_count

    laid, pdf = reference_build
    data = pdf.read_bytes()
    every = list(range(len(laid.pages)))
    alone = rasterize(data, every, DPI)
    with ThreadPoolExecutor(6) as pool:  # without the turns this crashes the process within a few dozen
        images = list(pool.map(lambda _: rasterize(data, every, DPI), range(60)))
        counts = list(pool.map(lambda _: page_count(data), range(12)))
    assert all(image == alone for image in images)
    assert set(counts) == {len(laid.pages)}
