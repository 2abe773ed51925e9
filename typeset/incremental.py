"""Rebuild one issue again and again in one process: fonts loaded once, unchanged paragraphs not recomposed,
and only the pages whose content changed rasterised again."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .build import Built, metadata, prepare, write_built
from .fonts import load_fonts
from .page import Page
from .style import ROLES


class ParagraphCache:
    """Composed paragraphs of the last build, by characters, roles and places; a build keeps only what it used."""

    def __init__(self):
        self.kept: dict = {}
        self.used: dict = {}

    def get(self, key):
        """The rows of a paragraph composed before, or None."""
        rows = self.kept.get(key)
        if rows is not None:
            self.used[key] = rows
        return rows

    def put(self, key, rows) -> None:
        """Keep a paragraph's rows."""
        self.used[key] = rows

    def next_build(self, finished: bool) -> None:
        """Forget what a finished build did not use (one that stopped at an error may not have reached it)."""
        if finished:
            self.kept, self.used = self.used, {}
        else:
            self.kept.update(self.used)
            self.used = {}


@dataclass(frozen=True)
class Rebuilt:
    """One rebuild: what the build made, and a PNG of each asked page whose content changed (or that is new)."""

    built: Built
    pngs: dict[int, bytes]  # page number -> PNG


class Session:
    """One issue rebuilt on demand, keeping its fonts, its composed paragraphs and the pages last rasterised.

    The paragraphs are kept for one style and set of fonts: a change of either starts
    them afresh. Fonts are loaded once per style; a font file replaced on disk while the
    session runs is read again only when the style changes, and an image file changed on
    disk while its source is not does not count as a change of its page.
    """

    def __init__(self, source: Path, output: Path, strict: bool = False):
        self.source, self.output, self.strict = source, output, strict
        self.fonts: dict[tuple, object] = {}
        self.composed = Composed(self.fonts_for)
        self.shown: dict[int, tuple[Page, float]] = {}  # page number -> the page and dpi of its last PNG

    def fonts_for(self, style, folder: Path, report):
        """The fonts of a style, loaded on its first use."""
        key = (tuple(tuple(style.fonts(role)) for role in ROLES), folder)
        if key not in self.fonts:
            fonts = load_fonts(style, folder, report)
            if fonts is None:
                return None
            self.fonts[key] = fonts
        return self.fonts[key]

    def forget(self, numbers: list[int]) -> None:
        """Rasterise these pages at the next rebuild, changed or not (their PNGs went missing, say)."""
        for number in numbers:
            self.shown.pop(number, None)

    def rebuild(self, numbers, dpi: float, on_png=None) -> Rebuilt:
        """Build the PDF and PNGs of the pages asked by `numbers(page count)` that changed; SourceError on bad input.

        The PNGs are made first, each handed to `on_png(number, png)` as it is made, then
        the PDF is drawn and written: what an editor looks at comes before the file.
        """
        started = time.perf_counter()
        laid = self.prepared()
        pages = laid.pages
        wanted = [n for n in numbers(len(pages)) if n <= len(pages)]
        changed = [n for n in wanted if self.shown.get(n) != (pages[n - 1], dpi)]
        metadata(laid.issue)  # a bad SOURCE_DATE_EPOCH is refused before any PNG, as in the PDF
        pngs = {}
        for number in changed:
            pngs[number] = page_png(pages[number - 1], dpi)
            if on_png:
                on_png(number, pngs[number])
        for number in changed:
            self.shown[number] = (pages[number - 1], dpi)
        return Rebuilt(write_built(laid, self.output, started), pngs)

    def prepared(self):
        """The issue laid out and checked, with the session's fonts and paragraphs."""
        with self.composed.build() as cache:
            return prepare(self.source, self.output, cache.fonts_for, strict=self.strict, paragraphs=cache)


class Composed:
    """The composed paragraphs of one issue built again and again, a cache per style and fonts.

    `fonts_for(style, folder, report)` loads the fonts and must give the same object for the
    same fonts each time (a memo), since a cache belongs to one. Only the cache of the latest
    build's style and fonts is kept. One build at a time: `with composed.build() as cache:`
    gives the `fonts_for` and `paragraphs` to pass to lay_out or prepare.
    """

    def __init__(self, fonts_for):
        self.load = fonts_for
        self.caches: dict[tuple, ParagraphCache] = {}

    @contextmanager
    def build(self):
        """The fonts and paragraph cache of one build; what it used is kept once it ends."""
        cache = _Keyed(self)
        finished = False
        try:
            yield cache
            finished = True
        finally:
            cache.finish(finished)


class _Keyed:
    """The fonts and paragraph cache for the style a build turns out to use."""

    def __init__(self, composed: Composed):
        self.composed = composed
        self.cache: ParagraphCache | None = None

    def fonts_for(self, style, folder: Path, report):
        fonts = self.composed.load(style, folder, report)
        if fonts is not None:
            key = (repr(sorted(style.as_dict().items())), id(fonts))
            self.cache = self.composed.caches.setdefault(key, ParagraphCache())
        return fonts

    def get(self, key):
        return self.cache.get(key)

    def put(self, key, rows) -> None:
        self.cache.put(key, rows)

    def finish(self, finished: bool) -> None:
        """After a build: keep only that style's paragraphs, and of a finished build only those it used."""
        if self.cache is not None:
            self.cache.next_build(finished)
            self.composed.caches = {k: v for k, v in self.composed.caches.items() if v is self.cache}


def page_png(page: Page, dpi: float) -> bytes:
    """A page as PNG, as `paiban preview` draws it."""
    from .render.png import render

    return render([page], dpi)[0]
