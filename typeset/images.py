"""Figure images for print: read with Pillow, checked whole, turned into CMYK or grayscale pixels.

Pillow is imported only when an issue has figures. A prepared image is kept per file and
stamp, so layout, check and the PDF writer of one build decode each file once.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from . import files
from .i18n import _

GRAY_MODES = ("1", "L", "LA", "I", "I;16", "F")


class ImageProblem(Exception):
    """An image file that cannot be printed, with the reason in the user's language."""


@dataclass(frozen=True)
class Printable:
    """An image's pixels ready for print (mode CMYK or L), its size in pixels and what was done to it."""

    pixels: object  # a Pillow image in mode CMYK or L
    width: int
    height: int
    mode: str  # the mode of the file as read (RGB, P, L, …)
    converted: str | None  # from what to what it was converted, for `check`; None when the file was already CMYK or gray

    @property
    def gray(self) -> bool:
        """True for an image printed in black ink only."""
        return self.pixels.mode == "L"


_prepared: dict[tuple[Path, files.Stamp | None], Printable] = {}


def prepared(path: Path, name: str) -> Printable:
    """The printable pixels of an image file, raising ImageProblem (naming it `name`) when it cannot be read."""
    key = (path, files.stamp(path))
    if key not in _prepared:
        _prepared.clear()  # one build's images at a time: a watch session must not hoard old ones
        _prepared[key] = _convert(_read(path, name))
    return _prepared[key]


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
        flat = _on_white(image.convert("LA")).convert("L")
        return Printable(flat, *image.size, mode, _("from {mode} to grayscale").format(mode=mode))
    rgb = _on_white(image.convert("RGBA"))
    red, green, blue = rgb.split()
    if ImageChops.difference(red, green).getbbox() is None and ImageChops.difference(green, blue).getbbox() is None:
        return Printable(red, *image.size, mode, _("from {mode} to grayscale (its pixels are gray)")
                         .format(mode=mode))
    return Printable(_cmyk(rgb), *image.size, mode, _("from {mode} to CMYK").format(mode=mode))


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
