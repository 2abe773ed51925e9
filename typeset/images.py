"""Figure images for print: read with Pillow, checked whole, turned into CMYK or grayscale pixels.

Pillow is imported only when an issue has figures. Prepared images are kept by file and
stamp, the latest first, so layout, check and the PDF writer of a build decode each file
once; the oldest are let go once they hold more than KEPT_PIXELS.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from . import files
from .i18n import _

GRAY_MODES = ("1", "L", "LA", "I", "I;16")
KEPT_PIXELS = 40_000_000  # about 160 MB of CMYK: a build's figures, not a whole archive's
PRINT_PPI = 300  # pixels per inch a bulletin's offset print shows; more only makes the PDF bigger
MOST_PPI = 450  # an image sharper than this where it is placed is resampled to PRINT_PPI


class ImageProblem(Exception):
    """An image file that cannot be printed, with the reason in the user's language."""


@dataclass(frozen=True)
class Printable:
    """An image's pixels ready for print (mode CMYK or L), its size in pixels and what was done to it."""

    pixels: object  # a Pillow image in mode CMYK or L
    width: int
    height: int
    mode: str  # the mode of the file as read (RGB, P, L, …)
    converted: str | None  # from what to what its colours were converted, for `check`; None for CMYK or gray

    @property
    def gray(self) -> bool:
        """True for an image printed in black ink only."""
        return self.pixels.mode == "L"


_prepared: dict[tuple[Path, files.Stamp | None], Printable] = {}  # the most recently used last


def prepared(path: Path, name: str) -> Printable:
    """The printable pixels of an image file, raising ImageProblem (naming it `name`) when it cannot be read."""
    key = (path, files.stamp(path))
    found = _prepared.pop(key, None) or _convert(_read(path, name))
    _prepared[key] = found
    while len(_prepared) > 1 and sum(p.width * p.height for p in _prepared.values()) > KEPT_PIXELS:
        del _prepared[next(iter(_prepared))]
    return found


def sized(printable: Printable, width: float):
    """The image's print pixels for a box `width` pt wide: resampled to PRINT_PPI when it is sharper than
    MOST_PPI there (a 4000-pixel photo 120 mm wide is 850 ppi: 30 MB of PDF, 4 MB at 300 ppi)."""
    from PIL import Image

    ppi = printable.width / (width / 72)
    if ppi <= MOST_PPI:
        return printable.pixels
    scale = PRINT_PPI / ppi
    size = (max(1, round(printable.width * scale)), max(1, round(printable.height * scale)))
    return printable.pixels.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _read(path: Path, name: str):
    """The whole image decoded, a decompression bomb or a damaged file refused."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                opened.load()
                return opened.copy() if opened.mode != "P" else opened.convert("RGBA")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(_("the image {path} has too many pixels to be read safely (more than {most} million)")
                           .format(path=name, most=Image.MAX_IMAGE_PIXELS // 1_000_000)) from None
    except UnidentifiedImageError:
        raise ImageProblem(_("the image {path} starts like a JPEG or PNG file but cannot be decoded").format(path=name)) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(_("the image {path} is damaged ({reason})").format(path=name, reason=error)) from None


def _convert(image) -> Printable:
    """CMYK for a colour image, grayscale for a gray one; transparency flattened on white paper."""
    from PIL import Image, ImageChops

    mode = image.mode
    if mode in ("CMYK", "L"):
        return Printable(image, *image.size, mode, None)
    if mode in GRAY_MODES:
        return Printable(_gray(image), *image.size, mode, None)
    rgb = _on_white(image.convert("RGBA"))
    red, green, blue = rgb.split()
    if ImageChops.difference(red, green).getbbox() is None and ImageChops.difference(green, blue).getbbox() is None:
        return Printable(red, *image.size, mode, _("from {mode} to grayscale (its pixels are gray)")
                         .format(mode=mode))
    return Printable(_cmyk(rgb), *image.size, mode, _("from {mode} to CMYK").format(mode=mode))


def _gray(image):
    """A gray image in 8 bits, transparency flattened on white; 16-bit gray scaled rather than clipped."""
    if image.mode.startswith("I"):  # a 16-bit gray PNG
        return image.convert("I").point(lambda value: value / 257).convert("L")
    return _on_white(image.convert("LA")).convert("L")


def _on_white(image):
    """An image with an alpha band composited over white, without it."""
    from PIL import Image

    bands = image.getbands()
    if bands[-1] != "A":
        return image
    base = Image.new(image.mode, image.size, (255,) * len(bands))
    return Image.alpha_composite(base, image).convert(image.mode[:-1])


def _cmyk(rgb):
    """RGB to CMYK with full grey component replacement: the grey of each pixel goes to black ink alone.

    Pillow's own conversion leaves black at zero and prints grey as three inks; taking the
    common part into K keeps neutrals neutral on press and the total ink at most 200 %.
    """
    from PIL import Image, ImageChops

    cyan, magenta, yellow = (ImageChops.invert(band) for band in rgb.split())
    black = ImageChops.darker(cyan, ImageChops.darker(magenta, yellow))
    return Image.merge("CMYK", [ImageChops.subtract(band, black) for band in (cyan, magenta, yellow)] + [black])
