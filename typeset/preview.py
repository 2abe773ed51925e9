"""Preview single pages: lay the issue out, write the asked pages as PNG (or PDF) files."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from .build import Laid, count_pages, lay_out, metadata, refuse_fonts
from .diagnostics import Diagnostic
from .i18n import _
from .files import default_output, write_atomically

DEFAULT_DPI = 110.0
PAGE_PLACEHOLDER = "{page}"
LAST = "last"  # stands for the last page, whatever the issue's page count
PAGE = r"(\d+|last)"
PAGE_ITEM = re.compile(rf"^\s*{PAGE}\s*(?:-\s*{PAGE}\s*)?$")
ONE_PAGE = re.compile(rf"^\s*{PAGE}\s*$")
MOST_PAGES = 9999  # no issue is longer; bounds the list a typo like 1-1000000000 would make

Bound = int | None  # a page number, or None for the last page


class PageError(ValueError):
    """A page list that cannot be read, a page the issue does not have, or outputs that cannot hold the pages."""


@dataclass(frozen=True)
class Previewed:
    """What a preview wrote: one file per asked page."""

    files: dict[int, Path]  # page number -> file
    pages: int              # pages in the whole issue
    warnings: list[Diagnostic]
    seconds: float


@dataclass(frozen=True)
class Pages:
    """Asked pages as ranges whose ends may be the last page; numbers once the page count is known."""

    ranges: tuple[tuple[Bound, Bound], ...] = ()  # (first, last), None meaning the last page

    @classmethod
    def of(cls, numbers) -> Pages:
        """Pages given as plain numbers."""
        return cls(tuple((n, n) for n in numbers))

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def __or__(self, other: Pages) -> Pages:
        return Pages(self.ranges + other.ranges)

    def resolve(self, count: int) -> list[int]:
        """The page numbers, in order, each once, `last` being page `count`; they may lie past it."""
        numbers: set[int] = set()
        for first, last in self.ranges:
            start = count if first is None else first
            end = count if last is None else last
            numbers.update(range(start, max(start, end) + 1))  # 5-last of 3 pages keeps 5: out of range
        return sorted(numbers)


def bound(text: str) -> Bound:
    """A page number, or None for `last`."""
    return None if text == LAST else int(text)


def parse_pages(text: str) -> Pages:
    """Pages from a list like '2,4-5', '2-last' or 'last'."""
    ranges = []
    for item in text.split(","):
        match = PAGE_ITEM.match(item)
        if not match:
            raise PageError(_("'{item}' is not a page or a range like 4-5 or 2-last").format(item=item.strip()))
        first = bound(match.group(1))
        last = bound(match.group(2) or match.group(1))
        if first is None and last is not None:
            raise PageError(_("'{item}' starts at the last page: write last alone, or a range like 2-last").format(
                item=item.strip()))
        if first is not None and (first < 1 or first > MOST_PAGES or (last is not None and not first <= last <= MOST_PAGES)):
            raise PageError(_("'{item}' is not a range of pages counted from 1 (up to {most})").format(
                item=item.strip(), most=MOST_PAGES))
        ranges.append((first, last))
    return Pages(tuple(ranges))


def parse_page(text: str) -> Pages:
    """One page of --page: a number counted from 1, or `last`."""
    match = ONE_PAGE.match(str(text))
    number = bound(match.group(1)) if match else 0
    if number is not None and not 1 <= number <= MOST_PAGES:
        raise PageError(_("--page {page} is not a page number counted from 1, or last").format(page=str(text).strip()))
    return Pages(((number, number),))


def asked_pages(pages: tuple[str | int, ...], page_list: str | None) -> Pages:
    """The pages asked by --page (repeatable) and --pages together; empty means all."""
    asked = Pages()
    for page in pages:
        asked |= parse_page(page)
    return asked | parse_pages(page_list) if page_list else asked


def check_range(numbers: list[int], count: int) -> None:
    """Refuse page numbers past the end of the issue."""
    outside = [n for n in numbers if n > count]
    if outside:
        raise PageError(_("page {number} is out of range: the issue has {pages}").format(
            number=outside[0], pages=count_pages(count)))


def targets(source: Path, numbers: list[int], output: str | None, suffix: str) -> dict[int, Path]:
    """Where each page goes: build/<name>-p<N>, a folder, a {page} pattern, or one named file."""
    if output is None:
        return {n: default_output(source, f"-p{n}{suffix}") for n in numbers}
    if PAGE_PLACEHOLDER in output:
        return {n: Path(output.replace(PAGE_PLACEHOLDER, str(n))) for n in numbers}
    if output.endswith(("/", "\\")) or Path(output).is_dir():
        return {n: Path(output) / page_name(source, n, suffix) for n in numbers}
    if len(numbers) > 1:
        raise PageError(_("-o names one file but {count} pages were asked: give a folder or a pattern with {page}")
                        .format(count=len(numbers), page=PAGE_PLACEHOLDER))
    return {numbers[0]: Path(output)}


def page_name(source: Path, number: int, suffix: str) -> str:
    """<name>-p<N><suffix>."""
    return f"{source.stem}-p{number}{suffix}"


def preview(source: Path, asked: Pages | list[int] | None, output: str | None = None,
            dpi: float = DEFAULT_DPI, as_pdf: bool = False) -> Previewed:
    """Write the asked pages (all when none); raise SourceError on bad input, PageError on bad pages."""
    started = time.perf_counter()
    laid = lay_out(source)
    count = len(laid.pages)
    asked = asked if isinstance(asked, Pages) else Pages.of(asked or ())
    numbers = asked.resolve(count) or list(range(1, count + 1))
    check_range(numbers, count)
    files = targets(source, numbers, output, ".pdf" if as_pdf else ".png")
    refuse_fonts(laid, list(files.values()))
    if as_pdf:
        write_pdfs(laid, files)
    else:
        metadata(laid.issue)  # a bad SOURCE_DATE_EPOCH is refused here as in the PDF
        write_images([laid.pages[n - 1] for n in numbers], list(files.values()), dpi)
    return Previewed(files, count, laid.report.warnings, time.perf_counter() - started)


def write_pdfs(laid: Laid, files: dict[int, Path]) -> None:
    """Each page as a PDF of its own."""

    for number, target in files.items():
        write_atomically(laid.pdf([number]), target)


def write_images(pages: list, files: list[Path], dpi: float) -> None:
    """Each page as a PNG image in its file."""
    from .render.png import render

    for target, image in zip(files, render(pages, dpi)):
        write_atomically(image, target)


def write_pngs(pdf: bytes | Path, files: dict[int, Path], dpi: float) -> None:
    """Rasterise pages of a PDF, each given by its zero-based index, into their files."""
    from .render.png import rasterize

    for target, image in zip(files.values(), rasterize(pdf, list(files), dpi)):
        write_atomically(image, target)
