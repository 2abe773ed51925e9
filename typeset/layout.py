"""The issue → rows on the grid: header block, TOC, titles, paragraphs, bylines and footer."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from .compose.lines import CLOSING, OPENING, Glyph, Line, Piece, break_balanced, char_class, composing, new
from .compose.words import word_ends
from .compose.rules import DASHES, ELLIPSES, LEAD_OWN_SEPARATORS, RUN_IN_SEPARATOR
from .diagnostics import Report
from .fonts import LATIN_LIMIT, Fonts, role_name
from .i18n import _
from .page import BLACK, EM_ASCENT as ASCENT, Glyphs, Image, Paint, Rule, Span, Text
from .source import Break, Figure, Issue, Lead, Located, Paragraph, Strong, is_han
from .source import Text as Plain  # the plain-text inline, named apart from the text items of a page
from .style import MM, Style

TOC_HEADING = "目\u3000录"
DASH_OVERLAP = 0.01  # em by which the halves of a —— overlap, so no hairline shows between them
ROLE_OF = {Plain: "body", Strong: "heading", Lead: "heading"}  # the font role of each kind of inline
BYLINE_GAP = "\u3000"  # between office and name in a byline: one full character, as offices print it
DASH_RISE = 0.27  # em from the baseline to the middle of a Song face's em dash (Noto Serif CJK: 0.268)


@dataclass(frozen=True)
class Row:
    """Content of whole grid lines; item coordinates are relative to the row's top-left corner."""

    kind: str
    items: tuple[Text | Rule | Image, ...] = ()
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
    """Turns texts into rows with the style's sizes and the fonts' faces.

    A character no face of its role draws is an error in `report`, at the character's
    source, and is left out of the page. `paragraphs`, when given, keeps composed body
    paragraphs by their characters, roles, places and looseness (`get(key)`, `put(key, made)`),
    for a long-running build with the same style and fonts.
    """

    def __init__(self, style: Style, fonts: Fonts, report: Report | None = None, paragraphs=None):
        self.style = style
        self.fonts = fonts
        self.report = report if report is not None else Report()
        self.paragraphs = paragraphs
        self.missing: set[tuple[Span | None, str, str]] = set()
        self.chinese_less: set[str] = set()  # roles whose fonts draw no Chinese at all
        self.faced: dict[tuple[str, float], dict[str, tuple]] = {}  # (role, size) -> char -> face, id, advance, own
        self.paints = {"black": BLACK, "red": Paint("red", style.red_cmyk)}
        self.line_end_gaps: list[float] = []  # per justified body line so far: measure − its ink's right edge
        self.looseness: dict[int, int] = {}  # paragraph number (in reading order) → lines more or fewer
        self.paragraphs_set = 0  # paragraphs set so far by body()
        self.made: dict[tuple[int, int], tuple[list[Row], list[float]]] = {}  # (number, looseness) → rows, gaps
        self.windows: dict = {}  # the breaks of long paragraphs' windows, which looseness leaves alone
        self.titles: list[list[Row]] = []  # each article's title rows, in reading order, set once for every flow

    # ------------------------------------------------------------ lines → runs

    def advance_at(self, size: float):
        """An advance function in pt at this size, as the composer wants it."""
        return lambda char, role: self.fonts.advance(char, role) * size

    def baseline(self, size: float, span: int = 1) -> float:
        """Baseline of text centred in `span` grid lines."""
        return (span * self.style.pitch - size) / 2 + ASCENT * size

    def runs(self, line: Line, size: float, x: float, span: int = 1, color: str = "black") -> tuple[Text, ...]:
        """A composed line as text items, one per stretch of one face, spaces left undrawn."""
        baseline = self.baseline(size, span)
        seated = [glyph if ord(glyph.char) >= LATIN_LIMIT else self.seated(glyph, size)
                  for glyph in line.glyphs if not glyph.char.isspace()]
        paint, faced = self.paints[color], self.faced
        items: list[Text] = []
        current, placed = None, []
        role, known = None, {}
        chars = "".join([glyph.char for glyph in seated])
        if any(mark * 2 in chars for mark in DASHES):
            seated = self.joined_dashes(seated, size)
        if any(mark * 2 in chars for mark in ELLIPSES):
            seated = self.even_dots(seated, size)
        for glyph in seated:
            if glyph.role != role:
                role = glyph.role
                known = faced.setdefault((role, size), {})
            found = known.get(glyph.char)
            if found is None:
                found = known[glyph.char] = self.face_and_metrics(glyph.char, role, size)
            face, number, advance, own = found
            if face is None:
                self.lacking(glyph)
                continue
            if not own:
                self.fell_back(glyph, face)
            if face is not current:
                if placed:
                    items.append(Text(current, size, x, baseline, Glyphs.packed(placed), paint))
                current, placed = face, []
            placed.append((glyph.char, number, glyph.x, glyph.width, advance, glyph.span))
        if placed:
            items.append(Text(current, size, x, baseline, Glyphs.packed(placed), paint))
        return tuple(items)

    def face_and_metrics(self, char: str, role: str, size: float) -> tuple:
        """The face a character is drawn in, its glyph id there, its advance at `size` and whether the face is
        the style's own choice for it rather than a fallback (no face: None, 0, 0, False)."""
        face = self.fonts.face_for(char, role)
        return (face, *face.metrics(char, size), self.fonts.own(face, char, role)) if face else (None, 0, 0.0, False)

    def lacking(self, glyph: Glyph) -> None:
        """An error at the glyph's source, once per place, for a character no face of its role draws."""
        key = (glyph.span, glyph.char, glyph.role)
        if key in self.missing:
            return
        self.missing.add(key)
        if self.fonts.without_han(glyph.role):  # one error for the role, not one for each character
            self.chinese_less.add(glyph.role)
            return
        message = _("no {role} font can draw '{char}' (U+{code:04X})").format(
            role=role_name(glyph.role), char=glyph.char, code=ord(glyph.char))
        hint = _("add a font that has it to style: font_{role}, or write another character").format(role=glyph.role)
        self.report.error(glyph.span and glyph.span.position(), message, hint, "missing-glyph")

    def report_chinese_less(self) -> None:
        """One error for each role whose fonts lack a character laid out and have no Chinese at all."""
        for role in sorted(self.chinese_less):
            files = ", ".join(face.path.name for face in self.fonts.chains[role])
            self.report.error(self.style.places.get(f"font_{role}"),
                              _("no {role} font has Chinese characters ({files})").format(
                                  role=role_name(role), files=files),
                              _("add a Chinese font to style: font_{role}, e.g. NotoSerifCJKsc-Regular.ttf").format(
                                  role=role), "font-without-chinese")
        self.chinese_less.clear()

    def fell_back(self, glyph: Glyph, face) -> None:
        """A warning at the glyph's source, once per place, for a character drawn from a fallback face:
        a proof-reader marks a glyph of another face as 错字体."""
        key = (glyph.span, glyph.char, glyph.role)
        if key in self.missing:
            return
        self.missing.add(key)
        first = self.fonts.chains[glyph.role][0]
        message = _("'{char}' (U+{code:04X}) is drawn from {face}, not the {role} font {first}").format(
            char=glyph.char, code=ord(glyph.char), face=face.name, role=role_name(glyph.role), first=first.name)
        hint = _("check it in print, or give style: font_{role} a face that has it").format(role=glyph.role)
        self.report.warn(glyph.span and glyph.span.position(), message, hint, "fallback-glyph")

    def seated(self, glyph: Glyph, size: float) -> Glyph:
        """A full-width mark whose face draws it narrow (LXGW's quotes, Noto's ·) moved into its cell.

        The composer places every full-width mark as if its glyph were one em wide; a narrow
        glyph is pushed to the side where the mark's ink belongs: an opening mark to the
        right, a closing mark to the left, anything else to the centre.
        """
        if ord(glyph.char) >= LATIN_LIMIT or not char_class(glyph.char).full:
            return glyph  # runs() skips the call for most characters by the first test
        narrow = 1.0 - self.fonts.advance(glyph.char, glyph.role)
        share = {OPENING: 1.0, CLOSING: 0.0}.get(char_class(glyph.char).kind, 0.5)
        return glyph._replace(x=glyph.x + narrow * share * size) if narrow > 0.01 else glyph

    def joined_dashes(self, glyphs: list[Glyph], size: float) -> list[Glyph]:
        """The two halves of a —— moved so that their ink meets (Noto's dashes have side bearings)."""
        joined = list(glyphs)
        for i in range(len(joined) - 1):
            first, second = joined[i], joined[i + 1]
            if first.char in DASHES and second.char == first.char:
                middle = (first.x + self.fonts.ink(first.char, first.role)[1] * size
                          + second.x + self.fonts.ink(second.char, second.role)[0] * size) / 2
                overlap = DASH_OVERLAP * size
                joined[i] = first._replace(x=middle + overlap - self.fonts.ink(first.char, first.role)[1] * size)
                joined[i + 1] = second._replace(x=middle - overlap - self.fonts.ink(second.char, second.role)[0] * size)
        return joined

    def even_dots(self, glyphs: list[Glyph], size: float) -> list[Glyph]:
        """The glyphs of a …… (or a longer run) drawn closer together, so that all their dots are evenly spaced.

        A face puts three dots in each em with a wider gap across the join; GB/T 15834-2011 §4.11
        wants six even dots. Each run is kept centred on the cells it was set in.
        """
        spaced, start = list(glyphs), 0
        while start < len(spaced):
            end = start + 1
            while end < len(spaced) and spaced[end].char == spaced[start].char and spaced[start].char in ELLIPSES:
                end += 1
            dots = self.fonts.dots(spaced[start].char, spaced[start].role) if end - start > 1 else None
            if dots:
                step = 1.5 * (dots[1] - dots[0]) * size  # three dot pitches from one glyph to the next
                middle = (spaced[start].x + spaced[end - 1].x) / 2
                for index in range(start, end):
                    spaced[index] = spaced[index]._replace(x=middle + (index - (start + end - 1) / 2) * step)
            start = end
        return spaced

    def lines(self, pieces: Sequence[Piece], size: float, measure: float, cells: int, indent: int = 0,
              looseness: int = 0) -> list[Line]:
        """Pieces composed into lines of `cells` characters over the measure (`looseness` lines more or fewer)."""
        return list(self.setting(pieces, size, measure, cells, indent, looseness))

    def setting(self, pieces: Sequence[Piece], size: float, measure: float, cells: int, indent: int = 0,
                looseness: int = 0) -> Iterator[Line]:
        """The lines of `lines`, each as soon as it is set."""
        return composing(pieces, measure=measure, size=size, cells=cells, indent=indent,
                         advance=self.advance_at(size), latin_gap=self.style.latin_gap,
                         punctuation=self.style.punctuation, looseness=looseness, windows=self.windows)

    def natural(self, pieces: list[Piece], size: float) -> Line:
        """One line at natural widths, unbroken (for short fixed texts)."""
        lines = break_balanced(pieces, measure=1e6, size=size, advance=self.advance_at(size),
                               punctuation=self.style.punctuation)
        return lines[0]

    def spaced(self, pieces: list[Piece], size: float, spacing: float) -> Line:
        """One line of full-width characters with extra space between them (em)."""
        step = size * (1 + spacing)
        glyphs = tuple(Glyph(p.char, p.role, i * step, size, p.span) for i, p in enumerate(pieces))
        return Line(glyphs, width=step * len(pieces) - size * spacing, last=True)

    # ------------------------------------------------------------ page 1

    def front_page(self, issue: Issue) -> list[Row]:
        """The header block (报头) and the table of contents."""
        return self.header(issue) + [Row("blank")] + self.toc(issue)

    def header(self, issue: Issue) -> list[Row]:
        """Masthead, edition, issue number, editor and date lines, and the red rules."""
        style = self.style
        span = style.masthead_lines
        masthead = self.spaced(pieces(issue.publication.masthead, "title"), style.masthead_size,
                               style.masthead_spacing)
        rows = [Row("masthead", self.centred(masthead, style.masthead_size, span, "red"), span)]
        edition = around("（", issue.edition, "）", "body", key_place(issue, "edition"))
        number = (said(f"第{issue.number}期（", "body", key_place(issue, "number"))
                  + said(f"总第{issue.total}期）", "body", key_place(issue, "total")))
        for text in (edition, number):
            line = self.natural(text, style.body_size)
            rows.append(Row("header", self.centred(line, style.body_size)))
        return rows + [self.editor_row(issue)]

    def editor_row(self, issue: Issue) -> Row:
        """`…编` at the left and the date at the right, each inset one cell, red rules below."""
        style = self.style
        size, cell = style.body_size, style.cell
        office = self.natural(around("", issue.publication.office, "编", "body"), size)
        date = self.natural(said(chinese_date(issue.date), "body", key_place(issue, "date")), size)
        runs = self.runs(office, size, cell) + self.runs(date, size, style.measure - cell - date.width)
        thick, thin = style.points(Style.header_rule_thick), style.points(Style.header_rule_thin)
        ink_foot = self.baseline(size) + max(self.ink_depth(line, size) for line in (office, date))
        thick_y = ink_foot + style.points(Style.header_rule_drop) + thick / 2
        rules = (Rule(0, style.measure, thick_y, thick, self.paints["red"]),)
        if thin:
            thin_y = thick_y + (thick + thin) / 2 + style.points(Style.header_rule_gap)
            rules += (Rule(0, style.measure, thin_y, thin, self.paints["red"]),)
        return Row("header", runs + rules)

    def ink_depth(self, line: Line, size: float) -> float:
        """How far the ink of a line's characters reaches below their baseline, pt."""
        boxes = [self.fonts.bounds(glyph.char, glyph.role) for glyph in line.glyphs]
        return max((-box[1] * size for box in boxes if box), default=0.0)

    def toc(self, issue: Issue) -> list[Row]:
        """目录, then each section's label beside its titles (or its brief count)."""
        style = self.style
        size, cell = style.body_size, style.cell
        heading = self.natural(said(TOC_HEADING, "heading", key_place(issue, "sections")), size)
        rows = [Row("toc", self.centred(heading, size))]
        labels = [self.natural(pieces(section.label, "heading"), size) for section in issue.sections]
        cells = self.toc_column(labels)
        column = cells * cell
        for section, label in zip(issue.sections, labels):
            label_runs = self.runs(label, size, style.toc_label_inset * cell)
            entries = [on_one_line(a.title, "body") for a in section.articles] or [
                said(f"{len(section.briefs)}则", "body", char_place(section.label, 0))]
            for number, entry in enumerate(entries):
                for index, (line, x) in enumerate(self.hanging(entry, size, cells)):
                    first = number == 0 and index == 0
                    rows.append(Row("toc", (label_runs if first else ()) + self.runs(line, size, x),
                                    glue_before=not first))
        return rows

    def hanging(self, entry: list[Piece], size: float, cells: int) -> list[tuple[Line, float]]:
        """A TOC title from the title column, its further lines `toc_hang` cells in: (line, x) pairs."""
        style = self.style
        hang_cells = min(style.toc_hang, style.chars_per_line - cells - 1)  # a line of one cell at least
        column, hang = cells * style.cell, hang_cells * style.cell
        first = self.lines(entry, size, style.measure - column, style.chars_per_line - cells)[0]
        rest = entry[len(first.glyphs):]
        if not rest:
            return [(first, column)]
        further = self.lines(rest, size, style.measure - column - hang, style.chars_per_line - cells - hang_cells)
        return [(first, column)] + [(line, column + hang) for line in further]

    def toc_column(self, labels: list[Line]) -> int:
        """The cell where TOC titles start: the style's, or further right past the longest label."""
        style = self.style
        widest = max((label.width / style.cell for label in labels), default=0.0)
        needed = math.ceil(style.toc_label_inset + widest + 0.5)  # at least half a cell between
        return min(max(style.toc_title_column, needed), style.chars_per_line - 1)

    def centred(self, line: Line, size: float, span: int = 1, color: str = "black") -> tuple[Text, ...]:
        """A line's runs centred in the text block on its ink, not on its set width.

        A title ending in ” (or starting with “) has a blank half cell at that end; centring the
        set width would put the visible text half a cell off the axis.
        """
        runs = self.runs(line, size, 0.0, span, color)
        left, right = ink_extent(runs)
        shift = (self.style.measure - left - right) / 2 if right > left else (self.style.measure - line.width) / 2
        return tuple(run.moved(shift, 0.0) for run in runs)

    # ------------------------------------------------------------ the body

    def body(self, issue: Issue) -> list[Row]:
        """Every section's articles or briefs, in order."""
        rows: list[Row] = []
        self.line_end_gaps, self.paragraphs_set = [], 0
        number = 0
        for section in issue.sections:
            for article in section.articles:
                if number == len(self.titles):
                    self.titles.append(self.title(article.title))
                rows += self.titles[number]
                number += 1
                for block in article.blocks:
                    rows += self.figure(block) if isinstance(block, Figure) else self.paragraph(block)
                rows += self.byline(article.byline)
            if section.briefs:
                rows += self.heading(section.label)
                for brief in section.briefs:
                    rows += self.paragraph(brief.paragraph) + self.byline(brief.byline)
        return keep_after_heads(rows)

    def title(self, title: Located) -> list[Row]:
        """An article title: each part between explicit breaks in balanced centred lines, a blank line above."""
        size = self.style.title_size
        lines = [line for part in title_parts(title, "title") for line in self.title_part(part, size)]
        rows = [Row("blank", discard_at_top=True)]
        for index, line in enumerate(lines):
            rows.append(Row("title", self.centred(line, size), glue_before=index > 0))
        return rows

    def title_part(self, part: list[Piece], size: float) -> list[Line]:
        """One part of a title in balanced lines, between words, each a character short of either edge."""
        room = self.style.measure - 2 * self.style.title_margin * self.style.cell
        return break_balanced(part, measure=room, size=size, advance=self.advance_at(size), words=word_ends,
                              punctuation=self.style.punctuation)

    def heading(self, label: Located) -> list[Row]:
        """A section heading (信息摘登): centred, heading font, a blank line above."""
        size = self.style.body_size
        line = self.natural(pieces(label, "heading"), size)
        return [Row("blank", discard_at_top=True), Row("heading", self.centred(line, size))]

    def paragraph(self, paragraph: Paragraph) -> list[Row]:
        """A justified body paragraph (made up a line longer or shorter when `looseness` says so), set once."""
        number = self.paragraphs_set
        self.paragraphs_set += 1
        key = (number, self.looseness.get(number, 0))
        if key not in self.made:
            self.made[key] = self.composed(segments(paragraph), key[1])
        rows, gaps = self.made[key]
        self.line_end_gaps += gaps
        return rows

    def composed(self, parts: list[Stretch], looseness: int) -> tuple[list[Row], list[float]]:
        """A paragraph made, from the paragraph cache when it was made alike before."""
        if self.paragraphs is None:
            return self.made_paragraph(parts, looseness)
        key = (tuple(part.key() for part in parts), looseness)
        made = self.paragraphs.get(key)
        if made is None:
            said = len(self.report.items)
            made = self.made_paragraph(parts, looseness)
            if len(self.report.items) == said:  # one with a missing or fallback glyph reports it at every build
                self.paragraphs.put(key, made)
        return made

    def made_paragraph(self, parts: list[Stretch], looseness: int) -> tuple[list[Row], list[float]]:
        """A paragraph's rows, no lone first or last line at a page break, and its justified lines' ink gaps.

        Each line is made into its row as soon as it is set, so that a long paragraph's composed
        lines are never all held at once.
        """
        style = self.style
        rows, gaps = [], []
        for index, part in enumerate(parts):
            for line in self.setting(part, style.body_size, style.measure, style.chars_per_line,
                                     style.indent if index == 0 else 0, looseness if index == len(parts) - 1 else 0):
                runs = self.runs(line, style.body_size, 0)
                if not line.last and runs:
                    gaps.append(style.measure - ink_extent(runs)[1])
                rows.append(Row("body", runs, glue_before=0 < len(rows) < 2))
        if len(rows) > 1:  # a break is allowed only where it leaves at least two lines on each side
            rows[-1] = replace(rows[-1], glue_before=True)
        return rows, gaps

    def figure(self, figure: Figure) -> list[Row]:
        """An image on whole grid lines, centred in them, then its centred caption and a blank line, kept on one page.

        The image takes its height plus one line, rounded up to whole lines, and is centred in
        them rather than hung from the top: the white of half to one line falls equally above
        and below it, so the caption sits as far from the image as the text above does. The
        blank line after the caption parts it from the text that follows.
        """
        from .images import ImageProblem, prepared

        style = self.style
        try:
            printable = prepared(figure.image, figure.source.value.strip())
        except ImageProblem as problem:
            self.report.error(figure.span.start, str(problem),
                              _("save the image again as a JPEG or PNG file, or give another file"), "image")
            return []
        caption = self.caption(figure.caption) if figure.caption else []
        width, height = self.image_size(figure, printable.width, printable.height, len(caption))
        span = math.ceil(height / style.pitch + 1 - 1e-6)
        image = Image(figure.image, (style.measure - width) / 2, (span * style.pitch - height) / 2, width, height,
                      Span.of(figure.span.start))
        return ([Row("figure", (image,), span)] + [Row(r.kind, r.items, r.span, True) for r in caption]
                + [Row("blank", discard_at_top=True)])

    def image_size(self, figure: Figure, pixels_wide: int, pixels_high: int, caption_lines: int) -> tuple[float, float]:
        """The image's width and height in pt: the given width or the measure, never wider than the measure,
        and never taller than a page leaves beside its caption and the white around it."""
        style = self.style
        width = min(figure.width * MM if figure.width else style.measure, style.measure)
        tallest = max(style.lines_per_page - caption_lines - 1, 1) * style.pitch
        height = width * pixels_high / pixels_wide
        if height > tallest:
            width, height = width * tallest / height, tallest
        return width, height

    def caption(self, caption: Paragraph) -> list[Row]:
        """A figure's caption in the body font at the caption size: balanced lines, each centred."""
        size = self.style.caption_size
        lines = [line for part in segments(caption)
                 for line in break_balanced(part, measure=self.style.measure, size=size,
                                            advance=self.advance_at(size), punctuation=self.style.punctuation)]
        return [Row("caption", self.centred(line, size)) for line in lines]

    def byline(self, byline: Located | None) -> list[Row]:
        """`（…）` flush right in the byline font, kept with the paragraph above.

        Its ink ends where the body's ink does, so the blank half of the ） does not leave it
        short of the edge; office and name stand one full character apart.
        """
        if byline is None:
            return []
        style = self.style
        text = [piece._replace(char=BYLINE_GAP) if piece.char == " " else piece
                for piece in around("（", byline, "）", "byline")]
        lines = self.lines(text, style.body_size, style.measure, style.chars_per_line)
        rows = [Row("byline", self.runs(line, style.body_size, 0), glue_before=True) for line in lines]
        last = rows[-1]
        shift = style.measure - self.body_ink_gap() - ink_extent(last.items)[1]
        rows[-1] = Row("byline", tuple(run.moved(shift, 0.0) for run in last.items), glue_before=True)
        return rows

    def body_ink_gap(self) -> float:
        """How far the body's ink stops short of the right edge: the median over its justified lines so far."""
        gaps = sorted(self.line_end_gaps)
        return gaps[len(gaps) // 2] if gaps else 0.0

    # ------------------------------------------------------------ the footer

    def footer(self, issue: Issue) -> list[Row]:
        """报/送/发 groups, editor and phone, between thick and thin rules."""
        style = self.style
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
        head = self.natural(said(prefix, "body", char_place(groups[0], 0)), size)
        column = inset + head.width
        width = style.measure - column - inset
        rows = []
        for number, group in enumerate(groups):
            # A list, not prose: a long group wraps at a phrase mark into even, flush-left lines.
            wrapped = break_balanced(pieces(group, "body"), measure=width, size=size, advance=self.advance_at(size),
                                     punctuation=style.punctuation)
            for index, line in enumerate(wrapped):
                items = self.runs(line, size, column)
                if number == 0 and index == 0:
                    items = self.runs(head, size, inset) + items
                rows.append(Row("footer", items))
        return rows

    def editor_line(self, issue: Issue) -> tuple[Text, ...]:
        """本期责任编辑 at the left, 电话 at the right, each inset one character."""
        style = self.style
        size = style.footer_size
        footer = issue.footer
        runs: tuple[Text, ...] = ()
        if footer.editor:
            left = self.natural(around("本期责任编辑：", footer.editor, "", "body"), size)
            runs += self.runs(left, size, size)
        if footer.phone:
            right = self.natural(around("电话：", footer.phone, "", "body"), size)
            runs += self.runs(right, size, style.measure - size - right.width)
        return runs

    def page_number(self, number: int, span: Span | None = None) -> tuple[Text, ...]:
        """`— N —` in Song digits, its dashes 7 mm below the text block: odd pages at the right, even at the
        left, inset one character (GB/T 9704 §7.5)."""
        style = self.style
        size = style.page_number_size
        line = self.natural(said(f"— {number} —", "page_number", span), size)
        inset = style.cell
        x = style.measure - inset - line.width if number % 2 else inset
        baseline = style.points(Style.block_height) + style.points(Style.page_number_drop) + DASH_RISE * size
        return tuple(run.moved(style.left, style.top + baseline - run.baseline) for run in self.runs(line, size, x))

    def flow(self, issue: Issue, looseness: dict[int, int] | None = None) -> Flow:
        """Everything the paginator needs, paragraphs made up as `looseness` says (number → lines more or fewer)."""
        self.looseness = looseness or {}
        return Flow(self.front_page(issue), self.body(issue), self.footer(issue))


def keep_after_heads(rows: list[Row]) -> list[Row]:
    """A title or heading keeps the next two body lines, or the figure that follows it, with it (it never ends a page)."""
    kept = list(rows)
    for index, row in enumerate(rows):
        if row.kind in ("title", "heading"):
            following = index + 1
            while following < len(kept) and kept[following].kind == "title":
                following += 1
            for offset in range(following, min(following + 2, len(kept))):
                if kept[offset].kind in ("body", "figure"):
                    r = kept[offset]
                    kept[offset] = Row(r.kind, r.items, r.span, True, r.discard_at_top)
    return kept


def ink_extent(runs: tuple[Text, ...]) -> tuple[float, float]:
    """The left and right ink edges of text items, from their x (0, 0 when nothing is inked)."""
    edges = [(run.x + x + box[0] * run.size, run.x + x + box[2] * run.size)
             for run in runs for char, x in zip(run.glyphs.chars, run.glyphs.xs) if (box := run.face.bounds(char))]
    return (min(e[0] for e in edges), max(e[1] for e in edges)) if edges else (0.0, 0.0)


def chinese_date(date) -> str:
    """2024年5月31日."""
    return f"{date.year}年{date.month}月{date.day}日"



# ---------------------------------------------------------------- reading the source
# The one place layout reads the source model: each text becomes pieces, one per character,
# with the font role layout chose and the source place the character came from. Text that
# layout adds (brackets, 第…期, 编, 报：, 目录) takes the place of the field it decorates.


def char_place(text: Located, offset: int) -> Span | None:
    """Where character `offset` of a source text stands, None for a text with no place."""
    return Span(text.file, *text.marks[offset]) if text.marks else None


def pieces(text: Located, role: str) -> list[Piece]:
    """A source text's characters in one role."""
    if not text.marks:
        return [Piece(char, role) for char in text.value]
    file = text.file
    return [new(Piece, (char, role, new(Span, (file, line, column)))) for char, (line, column) in zip(text.value, text.marks)]


def said(text: str, role: str, span: Span | None) -> list[Piece]:
    """Text layout adds, every character at one source place."""
    return [Piece(char, role, span) for char in text]


def around(before: str, text: Located, after: str, role: str, fallback: Span | None = None) -> list[Piece]:
    """A source text between words layout adds, which take the places of its first and last characters."""
    first = char_place(text, 0) if text.marks else fallback
    last = char_place(text, len(text.marks) - 1) if text.marks else fallback
    return said(before, role, first) + (pieces(text, role) if text.marks else said(text.value, role, fallback)) \
        + said(after, role, last)


def publication_place(issue: Issue) -> Span:
    """Where the page numbers come from: the `page_numbers` line of the publication's style (its first line
    when the style does not say)."""
    place = issue.publication.style_at.get("page_numbers")
    return Span.of(place) if place else Span(issue.publication.masthead.file, 1, 1)


def key_place(issue: Issue, key: str) -> Span:
    """Where a key of the issue file stands (its first line when it is not written)."""
    place = issue.positions.get(key)
    return Span.of(place) if place else Span(issue.edition.file, 1, 1)


class Stretch(Sequence):
    """A paragraph's pieces between explicit breaks, made when they are asked for: the composer takes
    a long paragraph a window at a time, so that its pieces, a span each, are never all held at once."""

    def __init__(self):
        self.parts: list[tuple[int, Located | Piece, str]] = []  # (offset, a source text or one piece, role)
        self.count = 0

    def add(self, text: Located, role: str) -> None:
        """A source text's characters in one role, at the end."""
        self.parts.append((self.count, text, role))
        self.count += len(text.value)

    def append(self, piece: Piece) -> None:
        """One piece at the end."""
        self.parts.append((self.count, piece, piece.role))
        self.count += 1

    def key(self) -> tuple:
        """What the pieces are made of, without making them: alike stretches give alike pieces."""
        return tuple(self.parts)

    def between(self, start: int, stop: int) -> list[Piece]:
        """The pieces from `start` to `stop` (exclusive)."""
        found: list[Piece] = []
        for offset, part, role in self.parts:
            if isinstance(part, Piece):
                found += [part] if start <= offset < stop else []
            elif offset < stop and offset + len(part.value) > start:
                found += pieces(part.slice(max(start - offset, 0), stop - offset), role)
        return found

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count)
            return self.between(start, stop) if step == 1 else self.between(0, self.count)[index]
        at = range(self.count)[index]  # negative from the end; IndexError past it
        return self.between(at, at + 1)[0]

    def __iter__(self):
        return iter(self.between(0, self.count))


def segments(paragraph: Paragraph) -> list[Stretch]:
    """A paragraph's characters between explicit breaks, each in the role of its inline."""
    found = [Stretch()]
    inlines = paragraph.inlines
    for index, inline in enumerate(inlines):
        if isinstance(inline, Break):
            found.append(Stretch())
            continue
        found[-1].add(inline.text, ROLE_OF[type(inline)])
        if isinstance(inline, Lead) and index + 1 < len(inlines) and stands_apart(inline, inlines[index + 1]):
            found[-1].append(Piece(RUN_IN_SEPARATOR, "body", found[-1][-1].span))
    return [segment for segment in found if segment]


def stands_apart(lead: Lead, following) -> bool:
    """Whether a run-in lead needs a separator: it does not end in a mark, and the text after it
    does not follow on in the source (a lead that is the text's own beginning reads on)."""
    if not lead.value or not following.value or lead.value[-1] in LEAD_OWN_SEPARATORS:
        return False
    ends, starts = lead.text.marks, following.text.marks
    if not (ends and starts) or lead.text.file != following.text.file:
        return True
    (line, column), next_place = ends[-1], starts[0]
    return next_place != (line, column + 1)


def title_parts(title: Located, role: str) -> list[list[Piece]]:
    """A title's parts between the editor's explicit breaks."""
    parts: list[list[Piece]] = [[]]
    for piece in pieces(title, role):
        if piece.char == "\n":
            parts.append([])
        else:
            parts[-1].append(piece)
    return parts


def on_one_line(title: Located, role: str) -> list[Piece]:
    """A title without its breaks, as folding joins lines: no space beside Chinese, one between Latin words."""
    joined: list[Piece] = []
    for number, part in enumerate(title_parts(title, role)):
        if number and not (is_han(joined[-1].char if joined else "") or is_han(part[0].char if part else "")):
            joined.append(Piece(" ", role, joined[-1].span if joined else None))
        joined += part
    return joined
