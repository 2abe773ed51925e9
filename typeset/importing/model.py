"""What an import reads and makes: paragraphs of a submission, and the articles and briefs made of them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one weight."""

    text: str
    bold: bool = False


@dataclass
class Picture:
    """An image of a submission: its bytes and kind ("jpeg", "png" or another), and, once saved, its path."""

    data: bytes
    kind: str
    place: int = 0  # the paragraph of the submission that holds it
    path: str | None = None  # relative to the archive folder, once written there

    @property
    def printable(self) -> bool:
        """A JPEG or PNG, which a figure can show."""
        return self.kind in ("jpeg", "png")


@dataclass(frozen=True)
class Block:
    """One paragraph of a submission as its reader found it."""

    runs: tuple[Run, ...]
    number: str = ""  # the text of an automatic number: 一、 （一） 1.
    align: str = ""  # "center", "right" or "" (left or justified)
    size: float | None = None  # the largest text size in points, when the document says
    heading: int = 0  # 1 for a title style, N + 1 for a heading of level N, 0 for a paragraph
    pictures: tuple[Picture, ...] = ()  # the images in the paragraph, after its text

    @property
    def text(self) -> str:
        """The paragraph's text, its number first."""
        return self.number + "".join(run.text for run in self.runs)

    @property
    def all_bold(self) -> bool:
        """True when every visible character is bold."""
        visible = [run for run in self.runs if run.text.strip()]
        return bool(visible) and all(run.bold for run in visible)


@dataclass(frozen=True)
class Styled:
    """A text to import: its characters, which are bold, and its paragraph in the submission."""

    text: str
    bold: tuple[bool, ...]
    place: int  # the paragraph's number in the submission, from 1
    origin: tuple[int, ...] = ()  # where each character stood in the submitted paragraph, from 0

    def __post_init__(self):
        if not self.origin:
            object.__setattr__(self, "origin", tuple(range(len(self.text))))

    @classmethod
    def of(cls, block: Block, place: int) -> "Styled":
        """A block's text with the weight of each character; its number is never bold."""
        text, bold = block.number, [False] * len(block.number)
        for run in block.runs:
            text += run.text
            bold += [run.bold] * len(run.text)
        return cls(text, tuple(bold), place)

    @classmethod
    def plain(cls, text: str, place: int) -> "Styled":
        """A text with no bold."""
        return cls(text, (False,) * len(text), place)

    def slice(self, start: int, end: int | None = None) -> "Styled":
        """Part of the text, keeping where each character came from."""
        return Styled(self.text[start:end], self.bold[start:end], self.place, self.origin[start:end])

    def unbolded(self) -> "Styled":
        """The same text with no bold (titles and bylines have no emphasis)."""
        return Styled(self.text, (False,) * len(self.text), self.place, self.origin)

    def markup(self) -> str:
        """The text with bold stretches in **…**, as the source format writes emphasis."""
        out, inside = [], False
        for char, bold in zip(self.text, self.bold):
            bold = bold and (inside or bool(char.strip()))
            if bold != inside:
                out.append("**")
                inside = bold
            out.append(char)
        if inside:
            out.append("**")
        return "".join(out)


@dataclass(frozen=True)
class Note:
    """Something the import could not take in or had to decide, with its paragraph (0: the whole file)."""

    place: int
    message: str


@dataclass
class Article:
    """An article made of a submission: title, body paragraphs, byline."""

    title: Styled
    paragraphs: list[Styled | Picture] = field(default_factory=list)  # the body in order, figures among it
    byline: Styled | None = None
    more_title: list[Styled] = field(default_factory=list)  # the title's further lines, each its own paragraph

    def title_text(self) -> str:
        """The title, its lines parted by explicit breaks."""
        return "\n".join(line.text for line in [self.title, *self.more_title])


@dataclass
class Brief:
    """A brief made of a submission: its paragraph (a bold opening is its lead) and byline."""

    text: Styled
    byline: Styled | None = None


@dataclass
class Submission:
    """A whole submission as read: its blocks and what its reader noted."""

    blocks: list[Block]
    notes: list[Note] = field(default_factory=list)

    @property
    def pictures(self) -> list[Picture]:
        """Every image of the submission, in order."""
        return [picture for block in self.blocks for picture in block.pictures]
