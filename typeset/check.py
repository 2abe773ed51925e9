"""Check issue sources while editing: everything the build validates, plus the editor's checklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import yaml

from .archive_checks import Facts, Known, check_archive
from .bounds import check_ink
from .build import Laid, lay_out
from .diagnostics import Diagnostic, Report, SourceError, display_path
from .files import what_is
from .i18n import _, ngettext
from .source import Issue, Located, Loader, all_figures, all_paragraphs, all_texts, load_publication
from .source.reader import MAX_SOURCE_BYTES

PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〈": "〉", "「": "」", "『": "』", "〔": "〕"}
OPENERS = {closing: opening for opening, closing in PAIRS.items()}
MAX_TITLE_LINES = 2
PLACEHOLDER = "【待填"  # how `paiban new` marks what the editor still has to write
PUBLICATION = "publication.yaml"


def check(paths: list[Path], strict: bool = False, press: bool = False) -> list[Diagnostic]:
    """The findings of every file, file by file, each once; with `strict`, warnings count as errors;
    with `press`, an issue's press PDF is made in memory and preflighted too.

    publication.yaml is checked as a publication; its findings also come with each issue beside it,
    and are reported the first time only.
    """
    found = list(dict.fromkeys(finding for path in paths for finding in check_file(path, press)))
    return [replace(d, severity="error") for d in found] if strict else found


def check_file(path: Path, press: bool = False) -> list[Diagnostic]:
    """The findings of a publication.yaml or of an issue."""
    return check_publication(path) if path.name == PUBLICATION else check_issue(path, press)


def check_publication(path: Path) -> list[Diagnostic]:
    """What is wrong with a publication.yaml, read as a publication."""
    report = Report()
    load_publication(path, report)
    return sorted(report.items, key=source_order)


def check_issue(path: Path, press: bool = False) -> list[Diagnostic]:
    """What the build would refuse or warn about, then the checklist once the issue lays out;
    with `press`, the preflight of its press PDF when nothing else is wrong."""
    report = Report()
    try:
        laid = lay_out(path, report)
    except SourceError:
        return report.items
    review(laid, report)
    if press and not report.errors:
        report.items += preflight_findings(laid)
    return sorted(report.items, key=source_order)


def preflight_findings(laid: Laid) -> list[Diagnostic]:
    """What the preflight finds in the issue's press PDF, made in memory."""
    from .press import make_press

    try:
        make_press(laid, laid.pdf())
    except SourceError as error:
        return error.diagnostics
    return []


def review(laid: Laid, report: Report, numbering: bool = True) -> None:
    """The editor's checklist on a laid-out issue; `build` and `check` both run it, so they agree."""
    issue = laid.issue
    for text in all_texts(issue) + issue.footer.texts():
        check_pairs(text, report)
        check_placeholders(text, report)
    check_titles(laid, report)
    check_labels(laid, report)
    check_footer(laid, report)
    check_figures(laid, report)
    if numbering:
        check_numbering(issue, report)
    if not report.errors:  # an error above (a label too long, say) explains any ink off the paper better
        check_ink(laid.pages, report)


def source_order(diagnostic: Diagnostic) -> tuple:
    """Sort key: file, line, column; findings without a place first."""
    where = diagnostic.position
    return (where.file, where.line, where.column) if where else ("", 0, 0)


# ---------------------------------------------------------------- brackets and quotes

def check_pairs(text: Located, report: Report) -> None:
    """An error for every quote or bracket that is not closed, or closes nothing, within one text."""
    value = text.value
    waiting: list[int] = []  # offsets of the opening marks not closed yet
    for offset, char in enumerate(value):
        if char in PAIRS:
            waiting.append(offset)
        elif char in OPENERS:
            matches = [i for i, at in enumerate(waiting) if value[at] == OPENERS[char]]
            if not matches:
                report.error(text.position(offset),
                             _("'{char}' closes nothing: there is no '{opening}' before it").format(
                                 char=char, opening=OPENERS[char]),
                             _("add the opening '{opening}' or remove this '{char}'").format(
                                 char=char, opening=OPENERS[char]), "unpaired")
                continue
            for at in waiting[matches[-1] + 1:]:
                unclosed(text, at, report)
            del waiting[matches[-1]:]
    for at in waiting:
        unclosed(text, at, report)


def unclosed(text: Located, offset: int, report: Report) -> None:
    """The error for an opening mark without its closing one."""
    char = text.value[offset]
    report.error(text.position(offset), _("'{char}' is never closed").format(char=char),
                 _("add the closing '{closing}' in the same paragraph or title, or remove this '{char}'").format(
                     char=char, closing=PAIRS[char]),
                 "unpaired")


def check_placeholders(text: Located, report: Report) -> None:
    """An error for every placeholder of `paiban new` still in a text."""
    value, start = text.value, text.value.find(PLACEHOLDER)
    while start >= 0:
        end = value.find("】", start)
        shown = value[start:end + 1] if end >= 0 else PLACEHOLDER
        report.error(text.position(start), _("{placeholder} is still to be filled in").format(placeholder=shown),
                     _("replace it with the real text"), "placeholder")
        start = value.find(PLACEHOLDER, start + len(PLACEHOLDER))


# ---------------------------------------------------------------- layout

def check_titles(laid: Laid, report: Report) -> None:
    """An error for a title the layout sets in more than two lines, its explicit breaks counted."""
    style = laid.style
    per_line = int((style.measure - 2 * style.title_margin * style.cell) // style.title_size)
    articles = [article for section in laid.issue.sections for article in section.articles]
    for article, lines in zip(articles, laid.title_lines, strict=True):
        if lines > MAX_TITLE_LINES:
            report.error(article.title.position(),
                         _("the title is set in {lines} lines; at most {most} suit the house style").format(
                             lines=lines, most=MAX_TITLE_LINES),
                         title_hint(article.title, per_line), "long-title")


def title_hint(title: Located, per_line: int) -> str:
    """How to bring a long title back to two lines: fewer breaks, or fewer characters."""
    if "\n" in title.value:
        return _("remove a line break from the title, or shorten the part that wraps")
    return _("shorten it to about {count} characters").format(count=MAX_TITLE_LINES * per_line)


def check_labels(laid: Laid, report: Report) -> None:
    """A warning for a section label too long for the TOC's label column (the titles move right), an error
    for one that leaves the titles less than half the line."""
    style = laid.style
    room = style.toc_title_column - style.toc_label_inset - 1
    most = max(room, style.chars_per_line // 2 - style.toc_label_inset - 1)
    for section in laid.issue.sections:
        if len(section.label.value) > most:
            report.error(section.label.position(),
                         _("the label is {length} characters; the table of contents has room for at most {most}, "
                           "so that the titles beside it keep half the line").format(
                             length=len(section.label.value), most=most),
                         _("shorten it to {most} characters").format(most=most), "long-label")
        elif len(section.label.value) > room:
            report.warn(section.label.position(),
                        _("the label is {length} characters; the table of contents has room for {room}, "
                          "so every title there moves right to make space").format(
                            length=len(section.label.value), room=room),
                        _("shorten it to {room} characters, or widen style: toc_title_column").format(room=room),
                        "long-label")


def check_footer(laid: Laid, report: Report) -> None:
    """A warning when the footer did not fit the last page of text and took a page of its own."""
    if laid.spare_lines is None:
        return
    pages, lines = len(laid.pages), laid.footer_lines
    short = lines - laid.spare_lines
    report.warn(last_text(laid.issue).position(),
                _("the footer (版记) takes {lines} lines but page {page} has {spare} left, "
                  "so it goes to a page of its own (page {pages})").format(
                    lines=lines, page=pages - 1, spare=laid.spare_lines, pages=pages),
                ngettext("cut about {count} line of text to save the page, or accept it",
                         "cut about {count} lines of text to save the page, or accept it", short).format(count=short),
                "footer-page")


def check_figures(laid: Laid, report: Report) -> None:
    """A warning for each figure whose image was converted for print, saying to what (a press prints no RGB)."""
    figures = all_figures(laid.issue)
    if not figures:
        return  # an issue without figures does not load the image module
    from .images import prepared

    for figure in figures:
        converted = prepared(figure.image, figure.source.value.strip()).converted
        if converted:
            report.warn(figure.span.start, _("the image {path} is converted for print {converted}").format(
                path=figure.source.value.strip(), converted=converted),
                        _("check its colours in the PDF, or give a CMYK or grayscale file"), "image-converted")


def last_text(issue: Issue) -> Located:
    """The last paragraph of the issue (or, failing one, the last title): where cutting saves a page."""
    last = issue.sections[-1]
    if last.briefs:
        return last.briefs[-1].paragraph.source
    paragraphs = all_paragraphs(issue)
    return paragraphs[-1].source if paragraphs else last.articles[-1].title


# ---------------------------------------------------------------- the archive

def check_numbering(issue: Issue, report: Report) -> None:
    """The archive-wide numbering checks over this issue and the others of its folder, about this issue."""
    mine = display_path(issue.path)
    for finding in check_archive([(issue.path, Facts.of(issue))] + read_neighbours(issue)):
        if finding.position.file == mine:
            report.items.append(finding)


def read_neighbours(issue: Issue) -> list[Known]:
    """The other issues of the folder whose number, total and date can be read."""
    found = []
    for path in sorted(issue.path.parent.glob("*.yaml")):
        if path.name != PUBLICATION and path.resolve() != issue.path.resolve():
            found += filter(None, [read_neighbour(path)])
    return found


def read_neighbour(path: Path) -> Known | None:
    """An issue's number, total and date, or None when they cannot be read (its own check says why)."""
    try:
        if what_is(path) is not None or path.stat().st_size > MAX_SOURCE_BYTES:  # never wait on a FIFO or read 6 GB
            return None
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    number, total, date = data.get("number"), data.get("total"), data.get("date")
    if not (is_count(number) and is_count(total) and type(date) is dt.date):
        return None
    return path, Facts(number, total, date)


def is_count(value) -> bool:
    """A positive whole number (and not a YAML boolean)."""
    return type(value) is int and value > 0
