"""An open issue laid out live: its findings as `check` reports them, its pages named by content.

Composed paragraphs are kept as `paiban watch` keeps them (incremental.Composed, by characters,
roles and places for each style and fonts), so an edit to one paragraph recomposes that
paragraph only; each page is named by a digest of what is drawn on it, so a page that did not
change keeps its name and its rendered image.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..build import Laid, lay_out, refuse_fonts
from ..archive_checks import Facts, check_archive
from ..check import PUBLICATION, read_neighbour, review, source_order
from ..diagnostics import Diagnostic, Report, SourceError, display_path
from ..files import stamp
from ..incremental import Composed
from ..page import Glyphs
from ..workers import reused_fonts

DPI = 100  # one image per page: the large view at this size, thumbnails scaled down by the browser
MOST_IMAGES = 300
MOST_GLYPH_RUNS = 20_000


@dataclass
class State:
    """One layout of the issue: its findings, and its pages when it could be laid out."""

    findings: list[Diagnostic]
    laid: Laid | None = None
    names: list[str] = field(default_factory=list)  # one content digest per page

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(d.severity == "error" for d in self.findings)


def lay_out_live(source: Path, composed: Composed, images: Images | None = None) -> State:
    """Lay the issue out with the paragraphs `composed` keeps and review it exactly as `check` does;
    the pages start rendering into `images` before the review, which they do not depend on.
    One layout at a time for each `composed`."""
    report = Report()
    try:
        with composed.build() as cache:
            laid = lay_out(source, report, fonts_for=cache.fonts_for, paragraphs=cache)
    except SourceError:
        return State(sorted(report.items, key=source_order))
    names = [page_name(laid, page) for page in laid.pages]
    if images is not None:
        images.offer(laid, names)
    review(laid, report, numbering=False)
    check_numbering(laid.issue, report)
    return State(sorted(report.items, key=source_order), laid, names)


def kept_paragraphs() -> Composed:
    """The composed paragraphs of one open issue, its fonts loaded once per process as the archive's workers load them."""
    return Composed(reused_fonts)


NEIGHBOURS: dict[Path, tuple] = {}  # an issue source -> (its stamp, its number, total and date when readable)


def check_numbering(issue, report: Report) -> None:
    """check.check_numbering, with each neighbour read again only when its file changed.

    An archive of hundreds of issues would otherwise be read through on every keystroke.
    """
    mine = display_path(issue.path)
    for finding in check_archive([(issue.path, Facts.of(issue))] + known_neighbours(issue.path)):
        if finding.position.file == mine:
            report.items.append(finding)


def known_neighbours(source: Path) -> list:
    """The other issues of the folder whose number, total and date can be read, as check reads them."""
    found = []
    for path in sorted(source.parent.glob("*.yaml")):
        if path.name == PUBLICATION or path.resolve() == source.resolve():
            continue
        now = stamp(path)
        known = NEIGHBOURS.get(path)
        if known is None or known[0] != now:
            known = NEIGHBOURS[path] = (now, read_neighbour(path))
        if known[1] is not None:
            found.append(known[1])
    return found


def page_name(laid: Laid, page) -> str:
    """A digest of everything drawn on a page, its fonts and colours included."""
    digest = hashlib.sha256()
    digest.update(repr((page.media, page.trim, page.bleed, sorted(str(face.path) for face in laid.fonts.faces())))
                  .encode())
    for item in page.items:
        if item.kind == "text":
            digest.update(repr((item.face.name, item.size, item.x, item.baseline, item.paint,
                                glyphs_digest(item.glyphs))).encode())
        elif item.kind == "image":  # a picture replaced under the same name is another page
            digest.update(repr((item, stamp(item.file))).encode())
        else:
            digest.update(repr(item).encode())
    return digest.hexdigest()[:24]


GLYPH_DIGESTS: dict[int, tuple[Glyphs, str]] = {}  # id of a run's glyphs -> (them, kept alive; their digest)


def glyphs_digest(glyphs: Glyphs) -> str:
    """The digest of a run's glyphs, computed once for each: remembered paragraphs share theirs."""
    known = GLYPH_DIGESTS.get(id(glyphs))
    if known is not None and known[0] is glyphs:
        return known[1]
    if len(GLYPH_DIGESTS) > MOST_GLYPH_RUNS:
        GLYPH_DIGESTS.clear()
    found = hashlib.sha256(repr(glyphs.fields()).encode()).hexdigest()
    GLYPH_DIGESTS[id(glyphs)] = (glyphs, found)
    return found


class Images:
    """Rendered pages by content digest, the most recent MOST_IMAGES kept.

    The pages of a new layout that are not rendered yet start rendering at once, in a thread
    of their own, while the page is told their names: by the time it asks, the image is there
    or on its way.
    """

    def __init__(self):
        self.images: OrderedDict[str, Future] = OrderedDict()
        self.renderer = ThreadPoolExecutor(1, thread_name_prefix="pages")
        self.lock = threading.Lock()

    def offer(self, laid: Laid, names: list[str]) -> None:
        """Start rendering each page of a layout not rendered yet."""
        with self.lock:
            for index, name in enumerate(names):
                if name not in self.images:
                    self.images[name] = self.renderer.submit(render_page, laid, index)
            while len(self.images) > MOST_IMAGES:
                self.images.popitem(last=False)

    def image(self, name: str) -> bytes | None:
        """The PNG of a page by its digest; None for a page of no layout."""
        with self.lock:
            found = self.images.get(name)
            if found is not None:
                self.images.move_to_end(name)
        return found.result() if found is not None else None


def render_page(laid: Laid, index: int) -> bytes:
    """One page drawn as the build draws it, rasterised."""
    from ..render.png import rasterize

    return rasterize(laid.pdf([index + 1]), [0], DPI)[0]


def write_pdf(laid: Laid, target: Path) -> None:
    """The whole issue's PDF, written atomically (never over one of its fonts)."""
    from ..files import write_atomically

    refuse_fonts(laid, [target])
    write_atomically(laid.pdf(), target)
