"""The top-level build: load source → validate → compose lines → paginate → draw."""

from __future__ import annotations

import calendar
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostics import Diagnostic, Report, SourceError, display_path
from .fonts import Fonts, load_fonts, role_name
from .i18n import _, ngettext
from .layout import TOC_HEADING, Typesetter
from .page import Page
from .paginate import footer_alone, paginate, place, used_lines
from .places import same_file
from .source import Issue, Located, all_bylines, load_issue
from .style import Style

LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC, the last time a PDF date can hold
FIXED_TEXTS = {
    "heading": TOC_HEADING,
    "body": "（）第期总编年月日0123456789则报送发：本期责任编辑电话—",
}


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

    def pdf(self, numbers: list[int] | None = None) -> bytes:
        """The PDF of the issue, or of only these pages (numbered from 1), as the build draws it."""
        from .render.pdf import render

        pages = self.pages if numbers is None else [self.pages[n - 1] for n in numbers]
        return render(pages, self.fonts.files(), colors(self.style), metadata(self.issue))


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


def lay_out(source: Path, report: Report | None = None, fonts_for=load_fonts) -> Laid:
    """Load, validate, compose and paginate an issue; raise SourceError on bad input.

    `fonts_for(style, folder, report)` loads the fonts; an archive worker passes a memo.
    """
    report = report if report is not None else Report()
    issue = load_issue(source, report)
    style = Style(issue.publication.style, issue.publication.style_at)
    fonts = fonts_for(style, issue.publication.path.parent, report)
    report.raise_errors()
    check_coverage(issue, fonts, report)
    report.raise_errors()
    setter = Typesetter(style, fonts)
    flow = setter.flow(issue)
    placed = paginate(flow, style)
    pages = place(placed, style, setter.page_number)
    spare = style.lines_per_page - used_lines(placed[-2]) if footer_alone(placed) else None
    return Laid(issue, style, fonts, pages, report, sum(row.span for row in flow.footer), spare)


def build(source: Path, output: Path, fonts_for=load_fonts, numbering: bool = True, strict: bool = False) -> Built:
    """Build one issue into a PDF, written atomically; raise SourceError on what `check` faults.

    `numbering` runs the archive-wide numbering checks against the issue's folder; a rebuild
    of the whole archive runs those once for all issues instead; `strict` makes warnings fatal.
    """
    from .check import review
    from .render.pdf import write_atomically

    started = time.perf_counter()
    laid = lay_out(source, fonts_for=fonts_for)
    refuse_fonts(laid, [output])
    review(laid, laid.report, numbering)
    if strict:
        laid.report.items = [replace(d, severity="error") for d in laid.report.items]
    laid.report.raise_errors()
    write_atomically(laid.pdf(), output)
    return Built(output, len(laid.pages), laid.report.warnings, time.perf_counter() - started, laid.issue)


def refuse_fonts(laid: Laid, outputs: list[Path]) -> None:
    """Raise OutputIsInput when an output is, by file identity, one of the fonts the issue loaded."""
    for output in outputs:
        for font in laid.fonts.files().values():
            if same_file(output, font):
                message = _("{output} is a font file this issue uses; give another output file").format(output=output)
                hint = _("it is {font}; nothing was written and the font was left unchanged").format(
                    font=display_path(font))
                raise OutputIsInput([Diagnostic("error", None, message, hint, "output-is-font")])


def colors(style: Style) -> dict[str, tuple]:
    """The named colours as CMYK fractions."""
    return {"black": (0, 0, 0, 1), "red": style.red_cmyk}


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


def check_coverage(issue: Issue, fonts: Fonts, report: Report) -> None:
    """An error for every character that no font of its role can draw, TOC titles (set in the body font)
    included; one error for a role whose fonts have no Chinese at all."""
    plain = _("no {role} font can draw '{char}' (U+{code:04X})")
    in_toc = _("the table of contents sets this title in the {role} font, and no {role} font can draw "
               "'{char}' (U+{code:04X})")
    texts = [(text, roles, plain) for text, roles in role_texts(issue)]
    texts += [(article.title, ["body"] * len(article.title.value), in_toc)
              for section in issue.sections for article in section.articles]
    chinese_less = set()
    for text, roles, message in texts:
        for offset in fonts.missing(text.value, roles):
            if fonts.without_han(roles[offset]):
                chinese_less.add(roles[offset])
            else:
                report_missing(text, offset, roles[offset], report, message)
    for role in sorted(chinese_less):
        report.error(issue.publication.style_at.get(f"font_{role}"),
                     _("no {role} font has Chinese characters ({files})").format(
                         role=role_name(role), files=", ".join(face.path.name for face in fonts.chains[role])),
                     _("add a Chinese font to style: font_{role}, e.g. NotoSerifCJKsc-Regular.ttf").format(role=role),
                     "font-without-chinese")


def report_missing(text: Located, offset: int, role: str, report: Report, message: str) -> None:
    """The error for one character of a text that no font of the role draws."""
    char = text.value[offset]
    report.error(text.position(offset) if text.marks else None,
                 message.format(role=role_name(role), char=char, code=ord(char)),
                 _("add a font that has it to style: font_{role}, or write another character").format(role=role),
                 "missing-glyph")


def role_texts(issue: Issue) -> list[tuple[Located, list[str]]]:
    """Every printed text with the font role of each character."""
    pub = issue.publication
    pairs = [(pub.masthead, "title"), (pub.office, "body"), (issue.edition, "body")]
    for section in issue.sections:
        pairs.append((section.label, "heading"))
        for article in section.articles:
            pairs.append((article.title, "title"))
    pairs += [(b, "byline") for b in all_bylines(issue)]
    pairs += [(text, "body") for text in issue.footer.texts()]
    found = [(text, [role] * len(text.value)) for text, role in pairs]
    for section in issue.sections:
        paragraphs = [p for a in section.articles for p in a.paragraphs] + [b.paragraph for b in section.briefs]
        found += [(p.source, list(p.roles)) for p in paragraphs]
    found += [(Located(text, "style", ()), [role] * len(text)) for role, text in FIXED_TEXTS.items()]
    return found
