"""The top-level build: load source → validate → compose lines → paginate → draw."""

from __future__ import annotations

import calendar
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import Diagnostic, Report, SourceError, display_path
from .fonts import Fonts, load_fonts
from .i18n import _, ngettext
from .layout import Typesetter, publication_place
from .page import Page
from .files import same_file, write_atomically
from .paginate import footer_alone, make_up, place, used_lines
from .source import Issue, load_issue
from .style import Style

LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC, the last time a PDF date can hold


@dataclass
class Laid:
    """An issue laid out: its source, style, fonts, pages and the findings on the way."""

    issue: Issue
    style: Style
    fonts: Fonts
    pages: list[Page]
    report: Report
    footer_lines: int = 0  # grid lines the footer takes
    spare_lines: int | None = None  # lines left on the last text page, when the footer went past it
    title_lines: list[int] = field(default_factory=list)  # each article's title lines, in reading order

    def pdf(self, numbers: list[int] | None = None) -> bytes:
        """The PDF of the issue, or of only these pages (numbered from 1), as the build draws it."""
        from .render.pdf import render

        pages = self.pages if numbers is None else [self.pages[n - 1] for n in numbers]
        return render(pages, metadata(self.issue))


class OutputIsInput(SourceError):
    """The output is a font file the issue uses: writing there would destroy it."""


@dataclass(frozen=True)
class Built:
    """What a build made."""

    output: Path
    pages: int
    warnings: list[Diagnostic]
    seconds: float
    issue: Issue
    press: object = None  # the press PDF's preflight, when one was written
    laid: Laid | None = field(default=None, repr=False, compare=False)  # the layout it drew
    pdf: bytes = field(default=b"", repr=False, compare=False)  # the PDF it wrote

    def summary(self) -> str:
        """The one line a build prints: where, pages, warnings, seconds."""
        return _("{output}: {pages}, {warnings}, {seconds} s").format(
            output=self.output, pages=count_pages(self.pages), warnings=count_warnings(len(self.warnings)),
            seconds=f"{self.seconds:.2f}")


def count_pages(count: int) -> str:
    """'3 pages' in the user's language."""
    return ngettext("{count} page", "{count} pages", count).format(count=count)


def count_warnings(count: int) -> str:
    """'1 warning' in the user's language."""
    return ngettext("{count} warning", "{count} warnings", count).format(count=count)


def count_errors(count: int) -> str:
    """'2 errors' in the user's language."""
    return ngettext("{count} error", "{count} errors", count).format(count=count)


def lay_out(source: Path, report: Report | None = None, fonts_for=load_fonts, paragraphs=None) -> Laid:
    """Load, validate, compose and paginate an issue; raise SourceError on bad input.

    `fonts_for(style, folder, report)` loads the fonts; an archive worker passes a memo.
    `paragraphs` is a cache of composed paragraphs for these style and fonts (see Typesetter).
    """
    report = report if report is not None else Report()
    issue = load_issue(source, report)
    style = Style(issue.publication.style, issue.publication.style_at)
    fonts = fonts_for(style, issue.publication.path.parent, report)
    report.raise_errors()
    setter = Typesetter(style, fonts, report, paragraphs)
    flow = setter.flow(issue)
    flow, placed = make_up(flow, lambda looseness: setter.flow(issue, looseness), setter.paragraphs_set, style)
    numbered = publication_place(issue)
    pages = place(placed, style, lambda number: setter.page_number(number, numbered))
    setter.report_chinese_less()
    report.raise_errors()  # the characters no font draws, found as they were laid out
    spare = style.lines_per_page - used_lines(placed[-2]) if footer_alone(placed) else None
    title_lines = [sum(row.kind == "title" for row in rows) for rows in setter.titles]
    return Laid(issue, style, fonts, pages, report, sum(row.span for row in flow.footer), spare, title_lines)


def build(source: Path, output: Path, fonts_for=load_fonts, numbering: bool = True, strict: bool = False,
          press: bool = False, paragraphs=None) -> Built:
    """Build one issue into a PDF, written atomically; raise SourceError on what `check` faults.

    `numbering` runs the archive-wide numbering checks against the issue's folder; a rebuild
    of the whole archive runs those once for all issues instead; `strict` makes warnings fatal;
    `press` also writes the press PDF beside the output, once its preflight finds nothing;
    `paragraphs` is passed to lay_out.
    """
    started = time.perf_counter()
    laid = prepare(source, output, fonts_for, numbering, strict, paragraphs)
    return write_built(laid, output, started, press)


def prepare(source: Path, output: Path, fonts_for=load_fonts, numbering: bool = True, strict: bool = False,
            paragraphs=None) -> Laid:
    """Lay out and check an issue as `build` does before it draws anything; raise SourceError on what it faults."""
    from .check import review

    laid = lay_out(source, fonts_for=fonts_for, paragraphs=paragraphs)
    refuse_fonts(laid, [output])
    review(laid, laid.report, numbering)
    if strict:
        laid.report.items = [replace(d, severity="error") for d in laid.report.items]
    laid.report.raise_errors()
    return laid


def write_built(laid: Laid, output: Path, started: float, press: bool = False) -> Built:
    """Draw a prepared issue and write its PDF (and the press PDF with `press`); `started` is when the build began."""
    ordinary = laid.pdf()
    pressed = press_stage(laid, ordinary, output) if press else None
    write_atomically(ordinary, output)
    if pressed:
        write_atomically(pressed[0], pressed[1])
    return Built(output, len(laid.pages), laid.report.warnings, time.perf_counter() - started, laid.issue,
                 pressed[2] if pressed else None, laid, ordinary)


def press_stage(laid: Laid, ordinary: bytes, output: Path):
    """The press PDF, where it goes and its preflight; raise SourceError when the preflight finds faults."""
    from .press import make_press, press_output

    target = press_output(output)
    refuse_fonts(laid, [target])
    data, checked = make_press(laid, ordinary)
    return data, target, checked


def refuse_fonts(laid: Laid, outputs: list[Path]) -> None:
    """Raise OutputIsInput when an output is, by file identity, one of the fonts the issue loaded."""
    for output in outputs:
        for face in laid.fonts.faces():
            font = face.path
            if same_file(output, font):
                message = _("{output} is a font file this issue uses; give another output file").format(output=output)
                hint = _("it is {font}; nothing was written and the font was left unchanged").format(
                    font=display_path(font))
                raise OutputIsInput([Diagnostic("error", None, message, hint, "output-is-font")])


def metadata(issue: Issue):
    """Title, author, subject and a fixed creation date for the PDF."""
    from .layout import chinese_date
    from .render.pdf import Metadata

    masthead = issue.publication.masthead.value
    number = f"{issue.date.year}年第{issue.number}期（总第{issue.total}期）"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) > LAST_EPOCH:
        raise SourceError([Diagnostic("error", None, _("SOURCE_DATE_EPOCH={value} is not a time before the year 10000")
                                      .format(value=epoch[:40]),
                                      _("unset it, or give the seconds since 1970-01-01"), "epoch")])
    created = int(epoch) if epoch.isdigit() else calendar.timegm(issue.date.timetuple())
    return Metadata(f"{masthead} {number}", issue.publication.office.value,
                    f"《{masthead}》{number}，{chinese_date(issue.date)}", created)
