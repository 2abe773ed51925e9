"""The issue → rows on the grid: header block, TOC, titles, paragraphs, bylines and footer."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from itertools import groupby

from .compose.lines import CLOSING, OPENING, Line, Piece, break_balanced, char_class, compose
from .compose.rules import DASHES
from .fonts import LATIN_LIMIT, Fonts
from .page import Glyph, GlyphRun, Rule
from .source import Break, Issue, Lead, Located, Paragraph, Strong
from .source import Text as Plain  # the plain-text inline, named apart from the text items of a page
from .style import Style

ASCENT = 0.88  # the ideographic em box reaches 0.88 em above the baseline
TOC_HEADING = "目\u3000录"
DASH_OVERLAP = 0.01  # em by which the halves of a —— overlap, so no hairline shows between them
ROLE_OF = {Plain: "body", Strong: "heading", Lead: "heading"}  # the font role of each kind of inline
DASH_RISE = 0.27  # em from the baseline to the middle of a Song face's em dash (Noto Serif CJK: 0.268)


@dataclass(frozen=True)
class Row:
    """Content of whole grid lines; item coordinates are relative to the row's top-left corner."""

    kind: str
    items: tuple[GlyphRun | Rule, ...] = ()
    span: int = 1
    glue_before: bool = False  # may not start a page: keeps with the row above
    discard_at_top: bool = False  # a blank row vanishes at the top of a page


@dataclass(frozen=True)
class Flow:
    """Everything to paginate: page 1's rows, the body rows and the footer rows."""

    front: list[Row]
    body: list[Row]
    footer: list[Row] = field(default_factory=list)


class Typesetter:
    """Turns texts into rows with the style's sizes and the fonts' faces."""

    def __init__(self, style: Style, fonts: Fonts):
        self.style = style
        self.fonts = fonts

    # ------------------------------------------------------------ lines → runs

    def advance_at(self, size: float):
        """An advance function in pt at this size, as the composer wants it."""
        return lambda char, role: self.fonts.advance(char, role) * size

    def baseline(self, size: float, span: int = 1) -> float:
        """Baseline of text centred in `span` grid lines."""
        return (span * self.style.pitch - size) / 2 + ASCENT * size

    def runs(self, line: Line, size: float, x: float, span: int = 1, color: str = "black") -> tuple[GlyphRun, ...]:
        """A composed line as glyph runs, one per stretch of one face, spaces left undrawn."""
        baseline = self.baseline(size, span)
        drawn = self.joined_dashes([self.seated(g, size) for g in line.glyphs if not g.char.isspace()], size)
        by_face = groupby(drawn, key=lambda glyph: self.fonts.face_for(glyph.char, glyph.role).name)
        return tuple(GlyphRun(face, size, x, baseline, tuple(glyphs), color) for face, glyphs in by_face)

    def seated(self, glyph: Glyph, size: float) -> Glyph:
        """A full-width mark whose face draws it narrow (LXGW's quotes, Noto's ·) moved into its cell.

        The composer places every full-width mark as if its glyph were one em wide; a narrow
        glyph is pushed to the side where the mark's ink belongs: an opening mark to the
        right, a closing mark to the left, anything else to the centre.
        """
        if ord(glyph.char) >= LATIN_LIMIT or not char_class(glyph.char).full:
            return glyph
        narrow = 1.0 - self.fonts.advance(glyph.char, glyph.role)
        share = {OPENING: 1.0, CLOSING: 0.0}.get(char_class(glyph.char).kind, 0.5)
        return replace(glyph, x=glyph.x + narrow * share * size) if narrow > 0.01 else glyph

    def joined_dashes(self, glyphs: list[Glyph], size: float) -> list[Glyph]:
        """The two halves of a —— moved so that their ink meets (Noto's dashes have side bearings)."""
        joined = list(glyphs)
        for i in range(len(joined) - 1):
            first, second = joined[i], joined[i + 1]
            if first.char in DASHES and second.char == first.char:
                middle = (first.x + self.fonts.ink(first.char, first.role)[1] * size
                          + second.x + self.fonts.ink(second.char, second.role)[0] * size) / 2
                overlap = DASH_OVERLAP * size
                joined[i] = replace(first, x=middle + overlap - self.fonts.ink(first.char, first.role)[1] * size)
                joined[i + 1] = replace(second, x=middle - overlap - self.fonts.ink(second.char, second.role)[0] * size)
        return joined

    def lines(self, text: str, roles, size: float, measure: float, cells: int, indent: int = 0) -> list[Line]:
        """Text composed into lines of `cells` characters over the measure."""
        pieces = [Piece(char, role) for char, role in zip(text, roles)]
        return compose(pieces, measure=measure, size=size, cells=cells, indent=indent,
                       advance=self.advance_at(size), latin_gap=self.style.latin_gap)

    def natural(self, text: str, role: str, size: float) -> Line:
        """One line at natural widths, unbroken (for short fixed texts)."""
        pieces = [Piece(char, role) for char in text]
        lines = break_balanced(pieces, measure=1e6, size=size, advance=self.advance_at(size))
        return lines[0]

    def spaced(self, text: str, role: str, size: float, spacing: float) -> Line:
        """One line of full-width characters with extra space between them (em)."""
        step = size * (1 + spacing)
        glyphs = tuple(Glyph(char, role, i * step, size) for i, char in enumerate(text))
        return Line(glyphs, width=step * len(text) - size * spacing, last=True)

    # ------------------------------------------------------------ page 1

    def front_page(self, issue: Issue) -> list[Row]:
        """The header block (报头) and the table of contents."""
        return self.header(issue) + [Row("blank")] + self.toc(issue)

    def header(self, issue: Issue) -> list[Row]:
        """Masthead, edition, issue number, editor and date lines, and the red rules."""
        style = self.style
        span = style.masthead_lines
        masthead = self.spaced(issue.publication.masthead.value, "title", style.masthead_size, style.masthead_spacing)
        rows = [Row("masthead", self.runs(masthead, style.masthead_size, self.centred(masthead), span, "red"), span)]
        for text in (f"（{issue.edition.value}）", f"第{issue.number}期（总第{issue.total}期）"):
            line = self.natural(text, "body", style.body_size)
            rows.append(Row("header", self.runs(line, style.body_size, self.centred(line))))
        return rows + [self.editor_row(issue)]

    def editor_row(self, issue: Issue) -> Row:
        """`…编` at the left and the date at the right, each inset one cell, red rules below."""
        style = self.style
        size, cell = style.body_size, style.cell
        office = self.natural(f"{issue.publication.office.value}编", "body", size)
        date = self.natural(chinese_date(issue.date), "body", size)
        runs = self.runs(office, size, cell) + self.runs(date, size, style.measure - cell - date.width)
        thick, thin = style.points(Style.header_rule_thick), style.points(Style.header_rule_thin)
        thick_y = style.pitch - style.points(Style.header_rule_rise)
        rules = (Rule(0, style.measure, thick_y, thick, "red"),)
        if thin:
            thin_y = thick_y + (thick + thin) / 2 + style.points(Style.header_rule_gap)
            rules += (Rule(0, style.measure, thin_y, thin, "red"),)
        return Row("header", runs + rules)

    def toc(self, issue: Issue) -> list[Row]:
        """目录, then each section's label beside its titles (or its brief count)."""
        style = self.style
        size, cell = style.body_size, style.cell
        heading = self.natural(TOC_HEADING, "heading", size)
        rows = [Row("toc", self.runs(heading, size, self.centred(heading)))]
        labels = [self.natural(section.label.value, "heading", size) for section in issue.sections]
        cells = self.toc_column(labels)
        column = cells * cell
        for section, label in zip(issue.sections, labels):
            label_runs = self.runs(label, size, style.toc_label_inset * cell)
            entries = [a.title_on_one_line() for a in section.articles] or [f"{len(section.briefs)}则"]
            for number, entry in enumerate(entries):
                lines = self.lines(entry, ["body"] * len(entry), size, style.measure - column,
                                   style.chars_per_line - cells)
                for index, line in enumerate(lines):
                    first = number == 0 and index == 0
                    rows.append(Row("toc", (label_runs if first else ()) + self.runs(line, size, column),
                                    glue_before=not first))
        return rows

    def toc_column(self, labels: list[Line]) -> int:
        """The cell where TOC titles start: the style's, or further right past the longest label."""
        style = self.style
        widest = max((label.width / style.cell for label in labels), default=0.0)
        needed = math.ceil(style.toc_label_inset + widest + 0.5)  # at least half a cell between
        return min(max(style.toc_title_column, needed), style.chars_per_line - 1)

    def centred(self, line: Line) -> float:
        """The x that centres a line in the text block."""
        return (self.style.measure - line.width) / 2

    # ------------------------------------------------------------ the body

    def body(self, issue: Issue) -> list[Row]:
        """Every section's articles or briefs, in order."""
        rows: list[Row] = []
        for section in issue.sections:
            for article in section.articles:
                rows += self.title(article.title)
                for paragraph in article.paragraphs:
                    rows += self.paragraph(paragraph)
                rows += self.byline(article.byline)
            if section.briefs:
                rows += self.heading(section.label.value)
                for brief in section.briefs:
                    rows += self.paragraph(brief.paragraph) + self.byline(brief.byline)
        return keep_after_heads(rows)

    def title(self, title: Located) -> list[Row]:
        """An article title: each part between explicit breaks in balanced centred lines, a blank line above."""
        size = self.style.title_size
        lines = [line for part in title.value.split("\n") for line in self.title_part(part, size)]
        rows = [Row("blank", discard_at_top=True)]
        for index, line in enumerate(lines):
            rows.append(Row("title", self.runs(line, size, self.centred(line)), glue_before=index > 0))
        return rows

    def title_part(self, text: str, size: float) -> list[Line]:
        """One part of a title, wrapped into balanced lines over the measure."""
        pieces = [Piece(char, "title") for char in text]
        return break_balanced(pieces, measure=self.style.measure, size=size, advance=self.advance_at(size))

    def heading(self, text: str) -> list[Row]:
        """A section heading (信息摘登): centred, heading font, a blank line above."""
        size = self.style.body_size
        line = self.natural(text, "heading", size)
        return [Row("blank", discard_at_top=True), Row("heading", self.runs(line, size, self.centred(line)))]

    def paragraph(self, paragraph: Paragraph) -> list[Row]:
        """A justified body paragraph; no lone first or last line at a page break."""
        style = self.style
        lines = []
        for index, (text, roles) in enumerate(segments(paragraph)):
            lines += self.lines(text, roles, style.body_size, style.measure, style.chars_per_line,
                                style.indent if index == 0 else 0)
        count = len(lines)
        rows = []
        for index, line in enumerate(lines):
            # A break is allowed only where it leaves at least two lines on each side.
            glue = index > 0 and (index < 2 or count - index < 2)
            rows.append(Row("body", self.runs(line, style.body_size, 0), glue_before=glue))
        return rows

    def byline(self, byline: Located | None) -> list[Row]:
        """`（…）` flush right in the byline font, kept with the paragraph above."""
        if byline is None:
            return []
        style = self.style
        text = f"（{byline.value}）"
        lines = self.lines(text, ["byline"] * len(text), style.body_size, style.measure, style.chars_per_line)
        return [Row("byline", self.runs(line, style.body_size, style.measure - line.width if line.last else 0),
                    glue_before=True) for line in lines]

    # ------------------------------------------------------------ the footer

    def footer(self, issue: Issue) -> list[Row]:
        """报/送/发 groups, editor and phone, between thick and thin rules."""
        style = self.style
        size = style.footer_size
        footer = issue.footer
        rows: list[Row] = []
        for prefix, groups in (("报：", footer.report), ("送：", footer.send), ("发：", footer.issue_to)):
            rows += self.distribution(prefix, groups)
        last = self.editor_line(issue)
        thick, thin = style.points(Style.footer_rule_thick), style.points(Style.footer_rule_thin)
        measure, pitch = style.measure, style.pitch
        if rows:
            first = rows[0]
            rows[0] = Row(first.kind, first.items + (Rule(0, measure, thick / 2, thick),), first.span)
            last_items = last + (Rule(0, measure, thin / 2, thin),)
        else:
            last_items = last + (Rule(0, measure, thick / 2, thick),)
        rows.append(Row("footer", last_items + (Rule(0, measure, pitch - thick / 2, thick),)))
        return [Row(r.kind, r.items, r.span, glue_before=i > 0) for i, r in enumerate(rows)]

    def distribution(self, prefix: str, groups) -> list[Row]:
        """One distribution group list: the prefix, then each group on its own line(s)."""
        style = self.style
        size = style.footer_size
        if not groups:
            return []
        inset = size
        head = self.natural(prefix, "body", size)
        column = inset + head.width
        width = style.measure - column - inset
        rows = []
        for number, group in enumerate(groups):
            # A list, not prose: a long group wraps at a phrase mark into even, flush-left lines.
            pieces = [Piece(char, "body") for char in group.value]
            wrapped = break_balanced(pieces, measure=width, size=size, advance=self.advance_at(size))
            for index, line in enumerate(wrapped):
                items = self.runs(line, size, column)
                if number == 0 and index == 0:
                    items = self.runs(head, size, inset) + items
                rows.append(Row("footer", items))
        return rows

    def editor_line(self, issue: Issue) -> tuple[GlyphRun, ...]:
        """本期责任编辑 at the left, 电话 at the right, each inset one character."""
        style = self.style
        size = style.footer_size
        footer = issue.footer
        runs: tuple[GlyphRun, ...] = ()
        if footer.editor:
            left = self.natural(f"本期责任编辑：{footer.editor.value}", "body", size)
            runs += self.runs(left, size, size)
        if footer.phone:
            right = self.natural(f"电话：{footer.phone.value}", "body", size)
            runs += self.runs(right, size, style.measure - size - right.width)
        return runs

    def page_number(self, number: int) -> tuple[GlyphRun, ...]:
        """`— N —` in Song digits, its dashes 7 mm below the text block: odd pages at the right, even at the
        left, inset one character (GB/T 9704 §7.5)."""
        style = self.style
        size = style.page_number_size
        line = self.natural(f"— {number} —", "page_number", size)
        inset = style.cell
        x = style.measure - inset - line.width if number % 2 else inset
        baseline = style.points(Style.block_height) + style.points(Style.page_number_drop) + DASH_RISE * size
        return tuple(replace(run, x=run.x + style.left, baseline=style.top + baseline)
                     for run in self.runs(line, size, x))

    def flow(self, issue: Issue) -> Flow:
        """Everything the paginator needs."""
        return Flow(self.front_page(issue), self.body(issue), self.footer(issue))


def segments(paragraph: Paragraph) -> list[tuple[str, list[str]]]:
    """A paragraph's text between explicit breaks, with the font role of each character."""
    found: list[tuple[str, list[str]]] = [("", [])]
    for inline in paragraph.inlines:
        if isinstance(inline, Break):
            found.append(("", []))
        else:
            text, roles = found[-1]
            found[-1] = (text + inline.value, roles + [ROLE_OF[type(inline)]] * len(inline.value))
    return [segment for segment in found if segment[0]]


def keep_after_heads(rows: list[Row]) -> list[Row]:
    """A title or heading keeps the next two body lines with it (it never ends a page)."""
    kept = list(rows)
    for index, row in enumerate(rows):
        if row.kind in ("title", "heading"):
            following = index + 1
            while following < len(kept) and kept[following].kind == "title":
                following += 1
            for offset in range(following, min(following + 2, len(kept))):
                if kept[offset].kind == "body":
                    r = kept[offset]
                    kept[offset] = Row(r.kind, r.items, r.span, True, r.discard_at_top)
    return kept


def chinese_date(date) -> str:
    """2024年5月31日."""
    return f"{date.year}年{date.month}月{date.day}日"

