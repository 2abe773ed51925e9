"""Pages → PDF. The only module that knows reportlab."""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..page import GlyphRun, Page, Rule

_registered: dict[str, Path] = {}


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information."""

    title: str
    author: str
    subject: str
    epoch: int  # creation date, seconds since 1970 (UTC)


def register(fonts: dict[str, Path]) -> None:
    """Register each face with reportlab once per process."""
    for name, path in fonts.items():
        if _registered.get(name) != path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
            _registered[name] = path


def render(pages: list[Page], fonts: dict[str, Path], colors: dict[str, tuple], meta: Metadata) -> bytes:
    """The PDF of the pages, as bytes (identical bytes for identical input)."""
    used = {run.font for page in pages for run in page.runs()}
    register({name: path for name, path in fonts.items() if name in used})
    buffer = io.BytesIO()
    first_font = min(used) if used else None
    width, height = (pages[0].width, pages[0].height) if pages else (595.28, 841.89)
    with _source_date(meta.epoch):
        canvas = Canvas(buffer, pagesize=(width, height), invariant=1, initialFontName=first_font,
                        pageCompression=1)
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setCreator("typeset")
    canvas.setProducer("typeset")
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        _draw_page(canvas, page, colors)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@contextmanager
def _source_date(epoch: int):
    """Make reportlab stamp this creation date (it reads SOURCE_DATE_EPOCH)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _draw_page(canvas: Canvas, page: Page, colors: dict[str, tuple]) -> None:
    """Draw one page's items in order."""
    for item in page.items:
        if isinstance(item, Rule):
            canvas.setFillColorCMYK(*colors[item.color])
            canvas.rect(item.x0, page.height - item.y - item.thickness / 2, item.x1 - item.x0,
                        item.thickness, stroke=0, fill=1)
    text = canvas.beginText()
    for run in page.runs():
        text.setFillColorCMYK(*colors[run.color])
        _draw_run(text, run, page.height)
    canvas.drawText(text)


def _draw_run(text, run: GlyphRun, page_height: float) -> None:
    """Draw a run as few text segments: glyphs evenly spaced share one character spacing."""
    text.setFont(run.font, run.size)
    widths = pdfmetrics.getFont(run.font).face.charWidths
    y = page_height - run.baseline
    glyphs = run.glyphs
    start = 0
    while start < len(glyphs):
        end, spacing = start + 1, 0.0
        if end < len(glyphs):
            spacing = _gap(glyphs, start, widths, run.size)
            while end < len(glyphs) - 1 and abs(_gap(glyphs, end, widths, run.size) - spacing) < 0.001:
                end += 1
            end += 1
        text.setTextOrigin(run.x + glyphs[start].x, y)
        text.setCharSpace(spacing)
        text.textOut("".join(g.char for g in glyphs[start:end]))
        start = end
    text.setCharSpace(0)


def _gap(glyphs, index: int, widths, size: float) -> float:
    """Extra space after glyph `index` so the next one lands where the composer put it."""
    advance = widths.get(ord(glyphs[index].char), 1000) * size / 1000
    return glyphs[index + 1].x - glyphs[index].x - advance


def write_atomically(data: bytes, target: Path) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
