"""The source model: an issue of sections, articles of blocks, paragraphs of inlines, each with its source span."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ..diagnostics import Position


@dataclass(frozen=True)
class Span:
    """Where a stretch of text stands in its source: first character, and the column after the last."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def start(self) -> Position:
        """The position of the first character."""
        return Position(self.file, self.line, self.column)


class Marks(Sequence):
    """The (line, column) of each character of a text, from 1: a sequence of pairs, kept as two packed columns."""

    __slots__ = ("_lines", "_columns")

    def __init__(self, lines: array | None = None, columns: array | None = None):
        object.__setattr__(self, "_lines", lines if lines is not None else array("I"))
        object.__setattr__(self, "_columns", columns if columns is not None else array("I"))

    def __setattr__(self, name, value):
        raise AttributeError(f"marks are not changed once made: {name}")

    @classmethod
    def of(cls, pairs) -> Marks:
        """Marks from (line, column) pairs."""
        if isinstance(pairs, Marks):
            return pairs
        pairs = tuple(pairs)
        return cls(array("I", [pair[0] for pair in pairs]), array("I", [pair[1] for pair in pairs]))

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Marks(self._lines[index], self._columns[index])
        return self._lines[index], self._columns[index]

    def __iter__(self):
        return zip(self._lines, self._columns)

    @classmethod
    def joined(cls, parts) -> Marks:
        """The marks of several texts, one after the other."""
        lines, columns = array("I"), array("I")
        for part in map(Marks.of, parts):
            lines += part._lines
            columns += part._columns
        return cls(lines, columns)

    def __add__(self, other) -> Marks:
        return Marks.joined((self, other))

    def __radd__(self, other) -> Marks:
        return Marks.of(other) + self

    def __eq__(self, other) -> bool:
        if isinstance(other, Marks):
            return self._lines == other._lines and self._columns == other._columns
        return isinstance(other, tuple) and tuple(self) == other

    def __hash__(self) -> int:
        return hash(tuple(self))  # as the tuple of pairs it equals

    def __repr__(self) -> str:
        return f"Marks({tuple(self)!r})"

    def __reduce__(self):
        return Marks, (self._lines, self._columns)


@dataclass(frozen=True)
class Located:
    """A string from the source with the file position of each of its characters."""

    value: str
    file: str
    marks: Marks  # (line, column) of each character, from 1; given as pairs, they are packed

    def __post_init__(self):
        if not isinstance(self.marks, Marks):
            object.__setattr__(self, "marks", Marks.of(self.marks))

    @classmethod
    def plain(cls, value: str, file: str = "") -> Located:
        """A text made by a program rather than read from a file: it has no positions."""
        return cls(value, file, ())

    def position(self, offset: int = 0) -> Position:
        """Where character `offset` of the value stands in the source."""
        if not self.marks:
            return Position(self.file, 1, 1)
        line, column = self.marks[min(max(offset, 0), len(self.marks) - 1)]
        return Position(self.file, line, column)

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The span of characters `start` to `end` (exclusive), or of the whole value."""
        marks = self.marks[start:end] or self.marks[:1] or ((1, 1),)
        return Span(self.file, *marks[0], marks[-1][0], marks[-1][1] + 1)

    def slice(self, start: int, end: int | None = None) -> Located:
        """Characters `start` to `end` with their marks."""
        return Located(self.value[start:end], self.file, self.marks[start:end])

    def __add__(self, other: Located) -> Located:
        return Located(self.value + other.value, self.file or other.file, self.marks + other.marks)

    def __str__(self) -> str:
        return self.value


# ---------------------------------------------------------------- inlines

@dataclass(frozen=True)
class Text:
    """Plain text of a paragraph."""

    text: Located

    @property
    def value(self) -> str:
        """The characters printed."""
        return self.text.value

    @property
    def span(self) -> Span:
        """Where the text stands in the source."""
        return self.text.span()


@dataclass(frozen=True)
class Strong(Text):
    """Emphasis, written **…**."""


@dataclass(frozen=True)
class Lead(Text):
    """A brief's run-in lead (its `lead:` key)."""


@dataclass(frozen=True)
class Break(Text):
    """An explicit line break, written as a backslash at the end of a source line; prints nothing."""

    @property
    def value(self) -> str:
        return "\n"


Inline = Union[Text, Strong, Lead, Break]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: a list of inlines."""

    inlines: tuple[Inline, ...]

    @classmethod
    def of(cls, *parts: Inline | str) -> Paragraph:
        """A paragraph from inlines, plain strings taken as unpositioned text."""
        return cls(tuple(Text(Located.plain(part)) if isinstance(part, str) else part for part in parts))

    @property
    def text(self) -> str:
        """Its characters, an explicit break as "\n"."""
        return "".join(inline.value for inline in self.inlines)

    @property
    def source(self) -> Located:
        """Its characters with the source position of each."""
        inlines = self.inlines
        marks = Marks.joined(inline.text.marks[:1] if isinstance(inline, Break) else inline.text.marks
                             for inline in inlines)
        file = next((inline.text.file for inline in inlines if inline.text.file), "")
        return Located("".join(inline.value for inline in inlines), file, marks)

    @property
    def span(self) -> Span:
        """Where the paragraph stands in the source."""
        return self.source.span()

    def markup(self) -> str:
        """The paragraph as it is written in a source: **…** for emphasis, a backslash ending a line at a break."""
        from .markup import written

        return written(self)


# ---------------------------------------------------------------- blocks

@dataclass(frozen=True)
class Figure:
    """An image with an optional caption; width in mm, or None for the measure."""

    image: Path
    source: Located  # the image path as written, for positions
    caption: Paragraph | None = None
    width: float | None = None

    @property
    def span(self) -> Span:
        """Where the figure's image path stands in the source."""
        return self.source.span()


Block = Union[Paragraph, Figure]


@dataclass(frozen=True)
class Article:
    """One article: title, body blocks and an optional byline."""

    title: Located  # its printed lines, separated by "\n" where the editor broke it
    blocks: tuple[Block, ...]
    byline: Located | None = None

    @classmethod
    def of(cls, title: str | Located, paragraphs, byline: str | Located | None = None) -> Article:
        """An article from plain parts: paragraphs as Paragraph, a list of inlines, or a string each."""
        blocks = tuple(p if isinstance(p, (Paragraph, Figure)) else
                       Paragraph.of(p) if isinstance(p, str) else Paragraph.of(*p) for p in paragraphs)
        return cls(_located(title), blocks, _located(byline) if byline is not None else None)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body's paragraphs, figures left out."""
        return tuple(block for block in self.blocks if isinstance(block, Paragraph))

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The body's figures."""
        return tuple(block for block in self.blocks if isinstance(block, Figure))

    def title_on_one_line(self) -> str:
        """The title without its breaks, as the table of contents shows it."""
        from .markup import one_line

        return one_line(self.title.value)


def _located(text: str | Located) -> Located:
    """A Located as given, or a plain string without positions."""
    return text if isinstance(text, Located) else Located.plain(text)


@dataclass(frozen=True)
class Brief:
    """One brief of a 信息摘登 section."""

    paragraph: Paragraph
    byline: Located | None = None


@dataclass(frozen=True)
class Section:
    """A section (栏目): a label and either articles or briefs."""

    label: Located
    articles: tuple[Article, ...] = ()
    briefs: tuple[Brief, ...] = ()


@dataclass(frozen=True)
class Footer:
    """The distribution footer (版记): 报/送/发 groups, editor and phone."""

    report: tuple[Located, ...] = ()
    send: tuple[Located, ...] = ()
    issue_to: tuple[Located, ...] = ()
    editor: Located | None = None
    phone: Located | None = None

    def texts(self) -> list[Located]:
        """The footer's printed texts: every group, then editor and phone."""
        return [*self.report, *self.send, *self.issue_to, *filter(None, (self.editor, self.phone))]


@dataclass(frozen=True)
class Publication:
    """Publication-wide facts from publication.yaml."""

    path: Path
    masthead: Located
    office: Located
    footer: Footer
    style: dict = field(default_factory=dict)
    press: dict = field(default_factory=dict)  # the press PDF's settings
    style_at: dict = field(default_factory=dict, compare=False)  # setting (or "font_body.1") -> Position


@dataclass(frozen=True)
class Issue:
    """One issue, with its publication."""

    path: Path
    publication: Publication
    edition: Located
    number: int
    total: int
    date: dt.date
    sections: tuple[Section, ...]
    footer: Footer
    positions: dict = field(default_factory=dict, compare=False)  # key -> Position

    @property
    def name(self) -> str:
        """The issue's file stem, e.g. 2024-07."""
        return self.path.stem


def all_bylines(issue: Issue) -> list[Located]:
    """Every byline: an office and names, separated by spaces."""
    return [item.byline for section in issue.sections for item in section.articles + section.briefs if item.byline]


def all_figures(issue: Issue) -> list[Figure]:
    """Every figure of the issue's articles, in order."""
    return [figure for section in issue.sections for article in section.articles for figure in article.figures]


def all_paragraphs(issue: Issue) -> list[Paragraph]:
    """Every paragraph of the issue: article bodies, figure captions and briefs, in order."""
    found = []
    for section in issue.sections:
        for article in section.articles:
            for block in article.blocks:
                found += [block] if isinstance(block, Paragraph) else [block.caption] if block.caption else []
        found += [brief.paragraph for brief in section.briefs]
    return found


def all_texts(issue: Issue) -> list[Located]:
    """Every printed text of the issue, for checks that walk them all."""
    texts = [issue.edition] if issue.edition.marks else []
    for section in issue.sections:
        texts.append(section.label)
        for article in section.articles:
            texts.append(article.title)
            for block in article.blocks:
                texts += [block.source] if isinstance(block, Paragraph) else [block.caption.source] if block.caption else []
            texts += [article.byline] if article.byline else []
        for brief in section.briefs:
            texts += [brief.paragraph.source] + ([brief.byline] if brief.byline else [])
    return texts
