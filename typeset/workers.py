"""The worker side of a rebuild: processes that load the fonts once and build issue after issue."""

from __future__ import annotations

import ctypes
import os
import signal
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .archive_checks import Facts
from .diagnostics import Diagnostic, Report, SourceError
from .i18n import _

PUBLICATION = "publication.yaml"
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_fonts_by_style: dict[tuple, object] = {}


@dataclass
class Outcome:
    """What building one issue gave: its pages or its errors, its warnings and its facts."""

    source: Path
    output: Path
    pages: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: Facts | None = None
    images: tuple[Path, ...] = ()  # the figures' image files the PDF was made from

    @property
    def failed(self) -> bool:
        """True when the issue could not be built."""
        return any(d.severity == "error" for d in self.diagnostics)


def start_worker(archive: str, parent: int) -> None:
    """Prepare a worker: die with the parent, leave Ctrl-C to the parent, load the fonts once."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(Path(archive))


def die_with_parent(parent: int) -> None:
    """Have Linux kill this worker when the parent dies, so a killed run leaves no worker behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers leave when their queue closes
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def warm_up(archive: Path) -> None:
    """Load and register the publication's fonts before the first issue arrives."""
    from .render.pdf import register
    from .source import load_publication
    from .style import Style

    report = Report()
    publication = load_publication(archive / PUBLICATION, report)
    fonts = reused_fonts(Style(publication.style, publication.style_at), archive, report) if publication else None
    if fonts is not None:
        register(fonts.faces())


def reused_fonts(style, base: Path, report: Report, where=None):
    """fonts.load_fonts, loaded once per process for each folder and choice of font files."""
    from .fonts import load_fonts
    from .style import ROLES

    key = (str(base.resolve()), tuple(tuple(style.fonts(role)) for role in ROLES))
    if key not in _fonts_by_style:
        fonts = load_fonts(style, base, report, where)
        if fonts is None:
            return None
        _fonts_by_style[key] = fonts
    return _fonts_by_style[key]


def build_one(source: Path, output: Path, strict: bool = False) -> Outcome:
    """Build one issue (warnings fatal with `strict`); any failure comes back as diagnostics, not an exception."""
    from .build import build

    try:
        built = build(source, output, reused_fonts, False, strict)  # numbering: the archive checks it once
    except SourceError as error:
        return Outcome(source, output, diagnostics=list(error.diagnostics))
    except Exception as error:  # a bug or a machine problem must not stop the other issues
        return Outcome(source, output, diagnostics=[unexpected(error)])
    from .source import all_figures

    images = tuple(figure.image for figure in all_figures(built.issue))
    return Outcome(source, output, built.pages, list(built.warnings), Facts.of(built.issue), images)


def unexpected(error: BaseException) -> Diagnostic:
    """An error for an exception that is not about the source, naming where it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    place = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return Diagnostic("error", None, _("unexpected {kind}: {error}{place}").format(
        kind=type(error).__name__, error=error, place=place),
                      _("the other issues were built; report this with the source file"), "internal")


def died(source: Path, output: Path) -> Outcome:
    """The outcome of an issue whose worker process died building it, twice."""
    return Outcome(source, output, diagnostics=[Diagnostic(
        "error", None, _("the worker process died while building this issue"),
        _("it died again when the issue was built alone; report this with the source file"), "crash")])
