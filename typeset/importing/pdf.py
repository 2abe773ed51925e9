"""A printed issue (PDF) read back into a whole issue source, from the sizes, fonts and places of its text.

It assumes only what the house style prints, not how this tool prints it: page 1 holds the masthead
(the largest text), the edition in （…）, 第N期（总第N期）, the office and the date, and 目录; the
TOC gives each section's label at its left and its titles (or 信息摘登 N则) beside it; titles are
larger than the body; a paragraph's first line is indented; a byline is （…） set flush right; a
briefs section is headed by its label; the footer begins with 报： 送： or 发：. Paragraphs are
rejoined across lines and pages; text in the TOC labels' font inside a paragraph is emphasis.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from .model import Article, Brief, Styled

ISSUE_LINE = re.compile(r"第(\d+)期[（(]总第(\d+)期[)）]")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
EDITION = re.compile(r"^[（(](\S{1,8})[)）]$")
COUNT = re.compile(r"^(\d+)则$")
DASHED_PAGE_NUMBER = re.compile(r"^[—\-－–]\d+[—\-－–]$")
FOOTER_START = re.compile(r"^(报|送|发)[:：]")
EDITOR = re.compile(r"(?:本期)?责任编辑[:：]\s*(.+?)\s*(?:电话[:：]\s*(.+))?$")
BRACKETED = re.compile(r"^[（(](.+)[)）]$")
CONTENTS = "目录"
RUNS_ON = ("，", "、", "；", "：", "）", "”", "》", ",")  # a footer line ending so goes on in the next
SPACE_GAP = 0.25  # of the text size: a wider gap between two glyphs stands for a space
LINE_TOLERANCE = 0.3  # of the text size: glyphs whose baselines are this close share a line


class PdfError(Exception):
    """A PDF that cannot be read as a printed issue."""


@dataclass(frozen=True)
class Glyph:
    """One character as printed."""

    text: str
    x0: float
    x1: float
    bottom: float
    size: float
    font: str


@dataclass
class Line:
    """The glyphs of one printed line, left to right."""

    page: int
    glyphs: list[Glyph]

    @property
    def visible(self) -> list[Glyph]:
        """The glyphs that print ink: an indent typed as spaces does not move where a line starts."""
        return [g for g in self.glyphs if g.text.strip()] or self.glyphs

    @property
    def x0(self) -> float:
        return self.visible[0].x0

    @property
    def x1(self) -> float:
        return self.visible[-1].x1

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    @property
    def text(self) -> str:
        """The characters without spaces."""
        return "".join(g.text for g in self.glyphs if g.text.strip())

    def spaced(self, only_latin: bool = False) -> str:
        """The characters with a space where the printed gap is one (only between Latin ones if asked)."""
        out, previous = [], None
        for glyph in self.glyphs:
            if not glyph.text.strip():
                if out and out[-1] != " ":
                    out.append(" ")
                previous = glyph
                continue
            if previous is not None and out and out[-1] != " " and \
                    glyph.x0 - previous.x1 > SPACE_GAP * glyph.size and \
                    (not only_latin or (latin(out[-1][-1:]) and latin(glyph.text))):
                out.append(" ")
            out.append(glyph.text)
            previous = glyph
        return "".join(out).strip()


def latin(char: str) -> bool:
    """An ASCII letter or digit."""
    return bool(char) and char.isascii() and char.isalnum()


@dataclass(frozen=True)
class Metrics:
    """The body's size and font, the text block's edges, and the font of the TOC's labels (emphasis)."""

    size: float
    font: str
    left: float
    right: float
    heading_font: str = ""

    @property
    def indent(self) -> float:
        """How far right of the edge a paragraph's first line starts, at least."""
        return self.left + 0.75 * self.size


@dataclass
class Block:
    """A piece of the body: a title, a heading, a paragraph or a byline, with its lines."""

    kind: str  # "title", "heading", "paragraph", "byline"
    lines: list[Line] = field(default_factory=list)


@dataclass
class TocEntry:
    """A section as the TOC lists it: its label and its titles, or its count of briefs."""

    label: str
    titles: list[str] = field(default_factory=list)
    count: int | None = None


@dataclass
class Section:
    """A section read back: its label and its articles or briefs."""

    label: str
    articles: list[Article] = field(default_factory=list)
    briefs: list[Brief] | None = None


@dataclass
class PrintedIssue:
    """Everything read from a printed issue."""

    masthead: str = ""
    office: str = ""
    edition: str = ""
    number: int | None = None
    total: int | None = None
    date: dt.date | None = None
    sections: list[Section] = field(default_factory=list)
    footer: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    source: str = ""

    def source_text(self) -> str:
        """The issue as source YAML."""
        from .emit import emit_issue

        return emit_issue(self)


# ---------------------------------------------------------------- reading the glyphs

def read_lines(path: Path) -> tuple[list[Line], list[tuple[float, float]]]:
    """Every printed line of the PDF, page by page, top to bottom, and the wide rules of page 1."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages = [[Glyph(c["text"], c["x0"], c["x1"], c["bottom"], round(c["size"], 2), c["fontname"].split("+")[-1])
                      for c in page.chars if c["text"]] for page in pdf.pages]
            rules = [(r["x0"], r["x1"]) for r in pdf.pages[0].rects + pdf.pages[0].lines
                     if r["x1"] - r["x0"] > pdf.pages[0].width / 2 and abs(r["bottom"] - r["top"]) < 5] \
                if pdf.pages else []
    except (PdfminerException, PDFSyntaxError, OSError, ValueError, KeyError) as problem:
        raise PdfError(_("{path}: not a PDF that can be read ({reason})").format(path=path, reason=problem)) from None
    lines = []
    for number, glyphs in enumerate(pages, 1):
        lines += lines_of(number, glyphs)
    if not lines:
        raise PdfError(_("{path}: the PDF has no text to read (a scan needs OCR first)").format(path=path))
    return lines, rules


def lines_of(page: int, glyphs: list[Glyph]) -> list[Line]:
    """Glyphs grouped into lines by their baselines."""
    lines: list[Line] = []
    for glyph in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        if lines and abs(glyph.bottom - lines[-1].bottom) <= LINE_TOLERANCE * glyph.size:
            lines[-1].glyphs.append(glyph)
        else:
            lines.append(Line(page, [glyph]))
    for line in lines:
        line.glyphs.sort(key=lambda g: g.x0)
    lines = [line for line in lines if line.text]
    return [line for index, line in enumerate(lines) if not page_number(line, index == len(lines) - 1, lines)]


def page_number(line: Line, last: bool, page: list[Line]) -> bool:
    """A page number: — 2 — anywhere, or bare digits as the page's last line away from its left edge
    (a paragraph's last line of digits starts at the edge)."""
    if DASHED_PAGE_NUMBER.match(line.text):
        return True
    edge = min(other.x0 for other in page)
    return last and line.text.isdigit() and len(line.text) <= 3 and line.x0 > edge + 3 * line.size


def metrics_of(lines: list[Line], rules: list[tuple[float, float]]) -> Metrics:
    """The body's size and font (the commonest), and the text block's edges: those of the widest
    rule of page 1 (under the header), else where most long body lines start and end."""
    sizes = Counter(g.size for line in lines for g in line.glyphs if g.text.strip())
    size = sizes.most_common(1)[0][0]
    fonts = Counter(g.font for line in lines for g in line.glyphs if g.size == size)
    if rules:
        left, right = max(rules, key=lambda rule: rule[1] - rule[0])
        return Metrics(size, fonts.most_common(1)[0][0], left, right)
    body = [line for line in lines if line.size == size and len(line.text) > 10] or lines
    lefts = Counter(round(line.x0) for line in body)
    usual = [x for x, count in lefts.items() if count >= max(2, len(body) // 10)] or [lefts.most_common(1)[0][0]]
    rights = Counter(round(line.x1) for line in body)
    return Metrics(size, fonts.most_common(1)[0][0], min(usual), rights.most_common(1)[0][0])


# ---------------------------------------------------------------- page 1: the header block and the TOC

def read_front(lines: list[Line], issue: PrintedIssue) -> int:
    """Masthead, edition, numbers, office and date from page 1; the index of the line after them."""
    first = [i for i, line in enumerate(lines) if line.page == 1]
    if not first:
        return 0
    masthead = max(first, key=lambda i: lines[i].size)
    issue.masthead = lines[masthead].text
    end = masthead + 1
    for index in first[first.index(masthead) + 1:]:
        text = lines[index].text
        if text == CONTENTS:
            return index
        if EDITION.match(text) and not issue.edition:
            issue.edition = EDITION.match(text).group(1)
        elif ISSUE_LINE.search(text) and issue.number is None:
            number, total = ISSUE_LINE.search(text).groups()
            issue.number, issue.total = int(number), int(total)
        elif DATE.search(text) and issue.date is None:
            issue.date = date_of(DATE.search(text))
            issue.office = office_of(lines[index], DATE.search(text).start())
        end = index + 1
    return end


def date_of(match: re.Match) -> dt.date | None:
    """A printed date, if it is a real one."""
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def office_of(line: Line, date_at: int) -> str:
    """The office printed before the date (at `date_at` among the line's visible characters), without 编."""
    before = Line(line.page, [g for g in line.glyphs if g.text.strip()][:date_at])
    text = before.spaced() if before.glyphs else ""
    return text[:-1].strip() if text.endswith("编") else text


def read_toc(lines: list[Line], start: int, metrics: Metrics) -> tuple[list[TocEntry], int, str]:
    """The TOC's entries, the index of the first line after it, and the font of its labels."""
    if start >= len(lines) or lines[start].text != CONTENTS:
        return [], start, ""
    page = lines[start].page
    end = start + 1
    while end < len(lines) and lines[end].page == page and lines[end].size < metrics.size + 2:
        end += 1
    rows = lines[start + 1:end]
    if not rows:
        return [], end, ""
    label_x = min(line.x0 for line in rows)
    entries: list[TocEntry] = []
    label_fonts: Counter = Counter()
    for line in rows:
        if line.x0 <= label_x + 0.5 * line.size or not entries:
            label, rest = split_label(line)
            label_fonts[line.visible[0].font] += 1
            entries.append(TocEntry(label))
        else:
            rest = line.text
        count = COUNT.match(rest)
        if count:
            entries[-1].count = int(count.group(1))
        elif rest:
            entries[-1].titles.append(rest)
    return entries, end, label_fonts.most_common(1)[0][0] if label_fonts else ""


def split_label(line: Line) -> tuple[str, str]:
    """A TOC line's label and the rest: parted by a change of font or by a wide gap."""
    glyphs = [g for g in line.glyphs if g.text.strip()]
    for index in range(1, len(glyphs)):
        before, after = glyphs[index - 1], glyphs[index]
        if after.font != before.font or after.x0 - before.x1 > 0.5 * after.size:
            return "".join(g.text for g in glyphs[:index]), "".join(g.text for g in glyphs[index:])
    return line.text, ""


# ---------------------------------------------------------------- the body

def footer_start(lines: list[Line]) -> int:
    """The index of the footer's first line (报： 送： 发：) on the last page, or len(lines)."""
    last = lines[-1].page
    for index, line in enumerate(lines):
        if line.page == last and FOOTER_START.match(line.text):
            return index
    return len(lines)


def blocks_of(lines: list[Line], metrics: Metrics, headings: set[str]) -> list[Block]:
    """The body's lines gathered into titles, headings, paragraphs and bylines."""
    blocks: list[Block] = []
    for line in lines:
        kind = kind_of(line, metrics, headings)
        previous = blocks[-1] if blocks else None
        if kind == "title" and previous and previous.kind == "title":  # a title's lines, a page break or not
            previous.lines.append(line)
        elif kind == "continuation" and previous and previous.kind == "paragraph" \
                and runs_on(previous.lines[-1], metrics):
            previous.lines.append(line)
        else:
            blocks.append(Block("paragraph" if kind == "continuation" else kind, [line]))
    return blocks


def runs_on(line: Line, metrics: Metrics) -> bool:
    """A line that goes on in the next: it reaches the right edge (a paragraph's last line stops short,
    which parts paragraphs set without a first-line indent)."""
    return line.x1 >= metrics.right - metrics.size


def kind_of(line: Line, metrics: Metrics, headings: set[str]) -> str:
    """What a body line is: a title, a briefs heading, a byline, a paragraph's first line or a continuation."""
    if line.size >= metrics.size + 2:
        return "title"
    centred = abs((line.x0 - metrics.left) - (metrics.right - line.x1)) < metrics.size
    if line.text in headings and centred:
        return "heading"
    flush_right = abs(line.x1 - metrics.right) < metrics.size and line.x0 > metrics.left + 2 * metrics.size
    if flush_right and BRACKETED.match(line.text) and not line.text.endswith("。"):
        return "byline"
    return "paragraph" if line.x0 >= metrics.indent else "continuation"


def paragraph_text(block: Block, metrics: Metrics) -> Styled:
    """A paragraph's lines joined (a space only between Latin words), the TOC labels' font as bold."""
    text, bold = "", []
    for line in block.lines:
        part = line.spaced(only_latin=True)
        if text and latin(text[-1]) and latin(part[:1]):
            text, bold = text + " ", bold + [False]
        text += part
        weights = [g.font == metrics.heading_font and bool(metrics.heading_font)
                   for g in line.glyphs if g.text.strip()]
        bold += spread(weights, part)
    return Styled(text, tuple(bold), 0)


def spread(weights: list[bool], part: str) -> list[bool]:
    """The weights of a line's glyphs laid over its text, whose spaces take their left neighbour's."""
    out, glyph = [], 0
    for char in part:
        if char == " ":
            out.append(out[-1] if out else False)
        else:
            out.append(weights[glyph] if glyph < len(weights) else False)
            glyph += 1
    return out


def title_text(block: Block) -> str:
    """A title's lines joined as one."""
    text = ""
    for line in block.lines:
        part = line.spaced(only_latin=True)
        text += (" " if text and latin(text[-1]) and latin(part[:1]) else "") + part
    return text


def byline_text(block: Block) -> str:
    """A byline without its brackets, office and names parted by one space."""
    spaced = " ".join(line.spaced() for line in block.lines)
    match = BRACKETED.match(spaced)
    return re.sub(r"\s+", " ", match.group(1) if match else spaced).strip()


# ---------------------------------------------------------------- putting it together

@dataclass
class Assembly:
    """Sections being filled from the body's blocks, in the order of the TOC."""

    toc: list[TocEntry]
    metrics: Metrics
    issue: PrintedIssue
    next_entry: int = 0  # the first TOC entry not yet opened
    section: Section | None = None
    item: Article | Brief | None = None

    def open(self, at: int, briefs: bool) -> None:
        """Start the section of TOC entry `at`."""
        self.section = Section(self.toc[at].label, briefs=[] if briefs else None)
        self.issue.sections.append(self.section)
        self.next_entry, self.item = at + 1, None

    def heading(self, block: Block) -> bool:
        """A title or a briefs heading; False when it is neither after all (a heading inside an article)."""
        name = title_text(block)
        briefs_at = find_entry(self.toc, self.next_entry, lambda e: e.count is not None and e.label == name)
        if briefs_at is not None:
            self.open(briefs_at, True)
            return True
        if block.kind != "title":
            return False
        at = find_entry(self.toc, max(self.next_entry - 1, 0), lambda e: bool(name) and name in "".join(e.titles))
        if at is not None and (self.section is None or self.toc[at].label != self.section.label):
            self.open(at, False)
        elif at is None:
            self.issue.notes.append(_("the title “{title}” is not in the table of contents").format(title=name))
            if self.section is None or self.section.briefs is not None:
                self.unlisted()
        self.item = Article(Styled.plain(name, 0))
        self.section.articles.append(self.item)
        return True

    def unlisted(self) -> None:
        """An articles section for a title the TOC does not list: the next entry's, else one without a label."""
        if self.next_entry < len(self.toc):
            self.open(self.next_entry, False)
        else:
            self.section = Section(_("(no label)"))
            self.issue.sections.append(self.section)

    def text(self, block: Block) -> None:
        """A paragraph or a byline, into the current article or brief."""
        if self.section is None:
            self.issue.notes.append(_("text before the first title was left out: {text}").format(
                text=title_text(block)[:30]))
        elif block.kind == "byline":
            if self.item is not None:
                self.item.byline = Styled.plain(byline_text(block), 0)
            if self.section.briefs is not None:
                self.item = None
        elif self.section.briefs is not None:
            self.item = Brief(paragraph_text(block, self.metrics))
            self.section.briefs.append(self.item)
        elif isinstance(self.item, Article):
            self.item.paragraphs.append(paragraph_text(block, self.metrics))


def assemble(blocks: list[Block], toc: list[TocEntry], metrics: Metrics, issue: PrintedIssue) -> None:
    """Sections, articles and briefs from the body's blocks, placed by the TOC."""
    assembly = Assembly(toc, metrics, issue)
    for block in blocks:
        if block.kind in ("title", "heading") and assembly.heading(block):
            continue
        assembly.text(block)
    check_counts(toc, issue)


def find_entry(toc: list[TocEntry], start: int, wanted) -> int | None:
    """The first TOC entry from `start` on that is wanted."""
    for index in range(start, len(toc)):
        if wanted(toc[index]):
            return index
    return None


def check_counts(toc: list[TocEntry], issue: PrintedIssue) -> None:
    """A note for each briefs section whose count in the TOC differs from what was read."""
    read = {section.label: len(section.briefs) for section in issue.sections if section.briefs is not None}
    for entry in toc:
        if entry.count is not None and read.get(entry.label, 0) != entry.count:
            issue.notes.append(_("the TOC counts {count} briefs in {label}, {found} were read").format(
                count=entry.count, label=entry.label, found=read.get(entry.label, 0)))


def read_footer(lines: list[Line], metrics: Metrics) -> dict:
    """The footer's 报/送/发 groups, editor and phone."""
    keys = {"报": "report", "送": "send", "发": "issue_to"}
    footer: dict = {}
    group: list[str] | None = None
    previous: Line | None = None
    for line in lines:
        text = line.spaced()
        editor = EDITOR.search(text.replace(" ", ""))
        start = FOOTER_START.match(line.text)
        if editor:
            footer["editor"] = editor.group(1)
            if editor.group(2):
                footer["phone"] = editor.group(2)
            group = None
        elif start:
            group = footer.setdefault(keys[start.group(1)], [])
            group.append(line.text[len(start.group(0)):])
        elif group is not None:
            full = previous is not None and previous.x1 >= metrics.right - 1.5 * line.size
            if group and (full or group[-1].endswith(RUNS_ON)):
                group[-1] += line.text
            else:
                group.append(line.text)
        previous = line
    return footer


def read_issue(path: Path) -> PrintedIssue:
    """A printed issue read back."""
    lines, rules = read_lines(path)
    metrics = metrics_of(lines, rules)
    issue = PrintedIssue(source=path.name)
    start = read_front(lines, issue)
    toc, body_start, label_font = read_toc(lines, start, metrics)
    metrics = Metrics(metrics.size, metrics.font, metrics.left, metrics.right, label_font)
    if not toc:
        issue.notes.append(_("no table of contents (目录) was found on page 1: sections have no labels"))
    for missing, what in ((issue.number, _("the number (第N期)")), (issue.total, _("the total number (总第N期)")),
                          (issue.date, _("the date"))):
        if missing is None:
            issue.notes.append(_("{what} was not found on page 1").format(what=what))
    end = footer_start(lines)
    headings = {entry.label for entry in toc if entry.count is not None}
    assemble(blocks_of(lines[body_start:end], metrics, headings), toc, metrics, issue)
    issue.footer = read_footer(lines[end:], metrics)
    return issue
