"""The plates: Ghostscript's tiffsep device separates the press PDF, and each ink lands where it belongs.

Body text is on the black plate only and the masthead red on magenta and yellow only; the marks,
in the registration colour, are on every plate, outside the trimmed page.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps

from typeset.build import build

DPI = 72
PLATES = ("Cyan", "Magenta", "Yellow", "Black")


def separate(pdf: Path, folder: Path, pages: int = 2) -> dict[tuple[int, str], Image.Image]:
    """Each plate of the first pages as an image of its ink (255 full ink), by (page, plate)."""
    assert shutil.which("gs"), "Ghostscript (Debian's ghostscript) is needed: apt-get install ghostscript"
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", f"-r{DPI}",
                    "-dFirstPage=1", f"-dLastPage={pages}", f"-sOutputFile={folder}/p%d.tif", str(pdf)],
                   check=True, timeout=60)
    return {(page, plate): ImageOps.invert(Image.open(folder / f"p{page}({plate}).tif").convert("L"))
            for page in range(1, pages + 1) for plate in PLATES}


def trim_of(image: Image.Image, margin_mm: float) -> tuple[int, int, int, int]:
    """The pixels of the trimmed page, a pixel in from each edge."""
    margin = round(margin_mm / 25.4 * DPI) + 1
    return margin, margin, image.width - margin, image.height - margin


def inked(image: Image.Image) -> Image.Image:
    """Where a plate carries at least half ink."""
    return image.point(lambda value: 255 if value >= 128 else 0)


@pytest.fixture(scope="module")
def plates(press_build, tmp_path_factory):
    """The plates of the reference press PDF's pages 1 and 2."""
    return separate(press_build[2], tmp_path_factory.mktemp("plates"))


MARGIN = 3 + 5 + 5  # mm: bleed, crop marks, slug band (the defaults)


def test_body_text_is_on_the_black_plate_only(plates):
    trim = trim_of(plates[2, "Black"], MARGIN)
    assert plates[2, "Black"].crop(trim).getbbox() is not None
    for plate in ("Cyan", "Magenta", "Yellow"):
        assert plates[2, plate].crop(trim).getbbox() is None, plate


def test_the_masthead_red_is_on_magenta_and_yellow_only(plates):
    trim = trim_of(plates[1, "Magenta"], MARGIN)
    magenta, yellow = plates[1, "Magenta"].crop(trim), plates[1, "Yellow"].crop(trim)
    red = magenta.getbbox()
    assert red is not None and red[1] < magenta.height / 4, "the masthead is at the top of page 1"
    assert ImageChops.difference(magenta, yellow).getbbox() is None
    assert plates[1, "Cyan"].crop(trim).getbbox() is None
    black = inked(plates[1, "Black"].crop(trim))
    assert black.getbbox() is not None
    assert ImageChops.multiply(black, inked(magenta)).getbbox() is None, "no black under the red"
    masthead = (red[0], red[1], red[2], red[1] + round(15 / 25.4 * DPI))
    assert plates[1, "Black"].crop(trim).crop(masthead).getbbox() is None


def test_the_marks_are_on_every_plate_outside_the_trim(plates):
    for plate in PLATES:
        image = plates[1, plate]
        assert image.getbbox() is not None and image.getbbox() != image.crop(trim_of(image, MARGIN)).getbbox()
        corner = image.crop((0, 0, round(MARGIN / 25.4 * DPI), round(MARGIN / 25.4 * DPI)))
        assert corner.getbbox() is not None, plate


def test_preprinted_paper_gets_no_red(reference_with, tmp_path):
    source = reference_with("press:\n  preprinted: true\n")
    build(source, tmp_path / "x.pdf", press=True)
    plates = separate(tmp_path / "x-press.pdf", tmp_path, pages=1)
    trim = trim_of(plates[1, "Black"], MARGIN)
    assert plates[1, "Black"].crop(trim).getbbox() is not None
    for plate in ("Cyan", "Magenta", "Yellow"):
        assert plates[1, plate].crop(trim).getbbox() is None, plate
