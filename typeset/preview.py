"""Preview single pages: lay the issue out, write the asked pages as PNG (or PDF) files."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from .build import Laid, lay_out, refuse_fonts
from .diagnostics import Diagnostic

DEFAULT_DPI = 110.0
PAGE_PLACEHOLDER = "{page}"
PAGE_ITEM = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
MOST_PAGES = 9999  # no issue is longer; bounds the list a typo like 1-1000000000 would make


class PageError(ValueError):
    """A page list that cannot be read, a page the issue does not have, or outputs that cannot hold the pages."""


@dataclass(frozen=True)
class Previewed:
    """What a preview wrote: one file per asked page."""

    files: dict[int, Path]  # page number -> file
    pages: int              # pages in the whole issue
    warnings: list[Diagnostic]
    seconds: float


def parse_pages(text: str) -> list[int]:
    """Page numbers from a list like '2,4-5', in order, each once."""
    numbers: set[int] = set()
    for item in text.split(","):
        match = PAGE_ITEM.match(item)
        if not match:
            raise PageError(f"'{item.strip()}' is not a page or a range like 4-5")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first or last > MOST_PAGES:
            raise PageError(f"'{item.strip()}' is not a range of pages counted from 1 (up to {MOST_PAGES})")
        numbers.update(range(first, last + 1))
    return sorted(numbers)


def asked_pages(pages: tuple[int, ...], page_list: str | None) -> list[int]:
    """The pages asked by --page (repeatable) and --pages together; empty means all."""
    return sorted(set(pages) | set(parse_pages(page_list) if page_list else ()))


def check_range(numbers: list[int], count: int) -> None:
    """Refuse page numbers past the end of the issue."""
    outside = [n for n in numbers if n > count]
    if outside:
        raise PageError(f"page {outside[0]} is out of range: the issue has {count} page{'s' if count != 1 else ''}")


def targets(source: Path, numbers: list[int], output: str | None, suffix: str) -> dict[int, Path]:
    """Where each page goes: build/<name>-p<N>, a folder, a {page} pattern, or one named file."""
    if output is None:
        return {n: Path("build") / page_name(source, n, suffix) for n in numbers}
    if PAGE_PLACEHOLDER in output:
        return {n: Path(output.replace(PAGE_PLACEHOLDER, str(n))) for n in numbers}
    if output.endswith(("/", "\\")) or Path(output).is_dir():
        return {n: Path(output) / page_name(source, n, suffix) for n in numbers}
    if len(numbers) > 1:
        raise PageError(f"-o names one file but {len(numbers)} pages were asked: "
                        f"give a folder or a pattern with {PAGE_PLACEHOLDER}")
    return {numbers[0]: Path(output)}


def page_name(source: Path, number: int, suffix: str) -> str:
    """<name>-p<N><suffix>."""
    return f"{source.stem}-p{number}{suffix}"


def preview(source: Path, numbers: list[int] | None, output: str | None = None,
            dpi: float = DEFAULT_DPI, as_pdf: bool = False) -> Previewed:
    """Write the asked pages (all when None); raise SourceError on bad input, PageError on bad pages."""
    started = time.perf_counter()
    laid = lay_out(source)
    count = len(laid.pages)
    numbers = numbers or list(range(1, count + 1))
    check_range(numbers, count)
    files = targets(source, numbers, output, ".pdf" if as_pdf else ".png")
    refuse_fonts(laid, list(files.values()))
    if as_pdf:
        write_pdfs(laid, files)
    else:
        write_pngs(laid.pdf(numbers), dict(enumerate(files.values())), dpi)
    return Previewed(files, count, laid.report.warnings, time.perf_counter() - started)


def write_pdfs(laid: Laid, files: dict[int, Path]) -> None:
    """Each page as a PDF of its own."""
    from .render.pdf import write_atomically

    for number, target in files.items():
        write_atomically(laid.pdf([number]), target)


def write_pngs(pdf: bytes | Path, files: dict[int, Path], dpi: float) -> None:
    """Rasterise pages of a PDF, each given by its zero-based index, into their files."""
    from .render.pdf import write_atomically
    from .render.png import rasterize

    for target, image in zip(files.values(), rasterize(pdf, list(files), dpi)):
        write_atomically(image, target)
