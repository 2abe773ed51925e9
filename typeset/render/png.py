"""Pages → PNG images, drawn as PDF and rasterised by PDFium. The only module that knows pypdfium2."""

from __future__ import annotations

import struct
import threading
import zlib
from pathlib import Path

import pypdfium2

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
INCH = 0.0254  # m
RGB_BYTES = 3
# PDFium is not thread-safe: every use of it in the process, rasterising or reading text, holds this lock
# (the workbench renders pages on worker threads, one per open issue).
PDFIUM = threading.Lock()


def render(pages: list, dpi: float) -> list[bytes]:
    """PNG images of the pages, at `dpi`, exactly as the PDF writer draws them."""
    from .pdf import render as pdf

    return rasterize(pdf(pages, compress=False), list(range(len(pages))), dpi)  # deflating it would be wasted


def rasterize(pdf: bytes | Path, indexes: list[int], dpi: float) -> list[bytes]:
    """PNG images of the PDF's pages at these zero-based indexes, at `dpi`."""
    with PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return [_page_png(document[index], dpi) for index in indexes]
        finally:
            document.close()


def _page_png(page, dpi: float) -> bytes:
    """One page rendered in RGB on white and encoded as PNG."""
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, fill_color=(255, 255, 255, 255))
    try:
        return encode_png(bitmap.width, bitmap.height, memoryview(bitmap.buffer).cast("B"), bitmap.stride, dpi)
    finally:
        bitmap.close()
        page.close()


def encode_png(width: int, height: int, pixels, stride: int, dpi: float) -> bytes:
    """An 8-bit RGB PNG of rows of packed RGB pixels `stride` bytes apart, tagged with its resolution."""
    row_bytes = width * RGB_BYTES
    # Each scanline starts with its filter type; 0 (none) is plenty for mostly white pages.
    scanlines = b"".join(b"\x00" + pixels[row * stride: row * stride + row_bytes] for row in range(height))
    per_metre = round(dpi / INCH)
    return b"".join((
        PNG_SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _chunk(b"IDAT", zlib.compress(scanlines, 1)),  # level 1: a third of level 6's time, 3 % larger
        _chunk(b"IEND", b""),
    ))


def _chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def page_count(pdf: bytes | Path) -> int:
    """How many pages a PDF has."""
    with PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()
