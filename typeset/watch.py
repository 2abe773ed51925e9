"""Rebuild an issue, and the pages being previewed, whenever its source or publication.yaml is saved."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .build import build, count_errors, count_pages
from .diagnostics import SourceError
from .files import stamp
from .i18n import _
from .preview import Pages, page_name, write_pngs

POLL_SECONDS = 0.3

Echo = Callable[..., None]  # click.echo's shape: echo(text, err=False)


def watched_files(source: Path) -> list[Path]:
    """The files whose saves change the issue."""
    return [source, source.parent / "publication.yaml"]


def stamps(paths: list[Path]) -> tuple:
    """The stamp of each file (size and modification time); None for one that is missing."""
    return tuple(stamp(path) for path in paths)


def watch(paths: list[Path], on_change: Callable[[], object], stop: threading.Event | None = None,
          interval: float = POLL_SECONDS) -> None:
    """Call on_change now and after every save of one of the files, until `stop` is set or Ctrl-C."""
    stop = stop or threading.Event()
    try:
        seen = stamps(paths)
        on_change()
        while not stop.wait(interval):
            now = stamps(paths)
            if now != seen:
                seen = now
                on_change()
    except KeyboardInterrupt:
        pass


@dataclass(frozen=True)
class Previews:
    """The previewed pages, resolved at each build (the last page moves as the issue grows), and their files."""

    source: Path
    folder: Path
    asked: Pages

    def __getitem__(self, number: int) -> Path:
        """Where page `number` goes: <name>-p<N>.png beside the PDF."""
        return self.folder / page_name(self.source, number, ".png")

    def numbers(self, count: int) -> list[int]:
        """The asked pages of an issue of `count` pages, those past its end included."""
        return self.asked.resolve(count)


def preview_files(source: Path, output: Path, asked: Pages | list[int]) -> Previews:
    """The pages previewed beside the PDF, as <name>-p<N>.png."""
    return Previews(source, output.parent, asked if isinstance(asked, Pages) else Pages.of(asked))


def rebuild(source: Path, output: Path, previews: Previews, dpi: float, echo: Echo, strict: bool = False) -> bool:
    """Build the PDF (warnings fatal with `strict`), then rasterise the previewed pages; echo the outcome."""
    stamp = time.strftime("%H:%M:%S")
    try:
        built = build(source, output, strict=strict)
    except SourceError as error:
        for diagnostic in error.diagnostics:
            echo(str(diagnostic), err=True)
        echo(_("{time} {errors}; {output} was left as it was").format(
            time=stamp, errors=count_errors(len(error.diagnostics)), output=output), err=True)
        return False
    for warning in built.warnings:
        echo(str(warning), err=True)
    echo(f"{stamp} {built.summary()}")
    numbers = previews.numbers(built.pages)
    shown = {n: previews[n] for n in numbers if n <= built.pages}
    for number in (n for n in numbers if n > built.pages):
        echo(_("page {number} is out of range: the issue has {pages}").format(
            number=number, pages=count_pages(built.pages)), err=True)
    write_pngs(output, {n - 1: path for n, path in shown.items()}, dpi)
    for number, path in shown.items():
        echo(_("{path}: page {number} of {pages}").format(path=path, number=number, pages=built.pages))
    return True

