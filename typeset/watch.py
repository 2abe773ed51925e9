"""Rebuild an issue, and the pages being previewed, whenever its source or publication.yaml is saved.

Saves are file events from the operating system (inotify on Linux, through watchfiles),
not a poll: a rebuild starts within milliseconds of the save. The watching process keeps
its modules, fonts and composed paragraphs, so a rebuild recomposes only the edited
paragraphs and rasterises only the previewed pages whose content changed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .build import count_errors, count_pages
from .diagnostics import SourceError
from .files import leave_if_ended, write_atomically
from .i18n import _
from .incremental import Session
from .preview import Pages, page_name

STEP_SECONDS = 0.005  # how long to wait for more events of the same save (an editor writes, then renames)

Echo = Callable[..., None]  # click.echo's shape: echo(text, err=False)


def watched_files(source: Path) -> list[Path]:
    """The files whose saves change the issue."""
    return [source, source.parent / "publication.yaml"]


def watch(paths: list[Path], on_change: Callable[[], object], stop: threading.Event | None = None,
          step: float = STEP_SECONDS) -> None:
    """Call on_change now and after every save of one of the files, until `stop` is set or Ctrl-C."""
    try:
        for _ in saves(paths, stop or threading.Event(), step):
            on_change()
    except KeyboardInterrupt:  # Ctrl-C; or SIGTERM, whose exit watchfiles reports as KeyboardInterrupt
        leave_if_ended()


def saves(paths: list[Path], stop: threading.Event, step: float = STEP_SECONDS):
    """Yield once the files are watched, then once after each save of one of them, until `stop` is set.

    The files' folders are watched rather than the files, so that an editor that saves by
    writing a new file and renaming it over the old one is seen too. The first yield comes
    once the watch is in place, so a save during the first build is not missed.
    """
    from watchfiles import watch as file_events

    targets = {str(path.resolve()) for path in paths}
    folders = sorted({str(path.resolve().parent) for path in paths})
    watching = False
    for changes in file_events(*folders, watch_filter=lambda _change, path: path in targets, stop_event=stop,
                               recursive=False, debounce=1000, step=max(1, round(step * 1000)),
                               rust_timeout=50, yield_on_timeout=True):
        if changes or not watching:
            watching = True
            yield


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


class Rebuild:
    """Build the PDF (warnings fatal with `strict`), then the previewed pages that changed as PNG; echo the outcome."""

    def __init__(self, source: Path, output: Path, previews: Previews, dpi: float, echo: Echo, strict: bool = False):
        self.session = Session(source, output, strict)
        self.output, self.previews, self.dpi, self.echo = output, previews, dpi, echo

    def __call__(self) -> bool:
        """One rebuild; False when the issue has errors (the PDF and PNGs are then left as they were)."""
        echo, stamp = self.echo, time.strftime("%H:%M:%S")
        self.session.forget([n for n in self.session.shown if not self.previews[n].exists()])
        try:
            rebuilt = self.session.rebuild(self.previews.numbers, self.dpi,
                                           lambda number, image: write_atomically(image, self.previews[number], durable=False))
        except SourceError as error:
            for diagnostic in error.diagnostics:
                echo(str(diagnostic), err=True)
            echo(_("{time} {errors}; {output} was left as it was").format(
                time=stamp, errors=count_errors(len(error.diagnostics)), output=self.output), err=True)
            return False
        built = rebuilt.built
        for warning in built.warnings:
            echo(str(warning), err=True)
        echo(f"{stamp} {built.summary()}")
        for number in (n for n in self.previews.numbers(built.pages) if n > built.pages):
            echo(_("page {number} is out of range: the issue has {pages}").format(
                number=number, pages=count_pages(built.pages)), err=True)
        for number in rebuilt.pngs:
            echo(_("{path}: page {number} of {pages}").format(path=self.previews[number], number=number,
                                                               pages=built.pages))
        return True
