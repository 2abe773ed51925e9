"""A submission's blocks → articles (title, paragraphs, byline) or briefs, as an editor would read them.

A title is the first paragraph, or one styled as a title or a top-level heading, centred, or larger
than the body (a lower heading is a bold paragraph of the body);
a byline is a short last paragraph in （…） or set flush right, or one right under its title. A byline
closes its article: the next paragraph starts another, so one file may hold several articles.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

from ..i18n import _
from .model import Article, Block, Brief, Note, Run, Styled

BRACKETED = re.compile(r"^[\s\u3000]*[（(]([^（()）]{2,60})[)）][\s\u3000]*$")
TRAILING_BYLINE = re.compile(r"[（(]([^（()）。]{2,40}[\s\u3000][^（()）。]{1,20})[)）][\s\u3000]*$")
DATE_LINE = re.compile(r"^([0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日$")
SPACES = re.compile(r"[\s\u3000]+")
SENTENCE_MARKS = re.compile("[，。！？；：、,.!?;:]")
SIGNATURE_LENGTH = 40
OFFICE_ENDINGS = tuple("室会委大处局厅站心镇乡道部院所组团")  # 办公室 常委会 工委 人大 … 研究室 联络站
NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
TITLE_LENGTH = 60  # characters: longer paragraphs are never titles
BYLINE_LENGTH = 60


def numbered(blocks: list[Block]) -> list[tuple[int, Block]]:
    """The non-empty blocks with their paragraph numbers in the submission, from 1, headings settled."""
    kept = [block for block in blocks if block.text.strip() or block.pictures]
    return settle_headings(list(enumerate(kept, 1)))


def body_size(blocks: list[Block]) -> float | None:
    """The usual text size of the body: the median of the blocks' sizes."""
    sizes = [block.size for block in blocks if block.size]
    return statistics.median(sizes) if sizes else None


def is_title(block: Block, body: float | None, first: bool) -> bool:
    """A paragraph set as a title: styled so, centred or larger than the body (bold counts first only)."""
    text = block.text.strip()
    if not text or block.number or len(text) > TITLE_LENGTH or text.endswith(("。", "；", "：")) or BRACKETED.match(text):
        return False
    larger = bool(block.size and body and block.size >= body + 2)
    return bool(block.heading) or block.align == "center" or larger or (first and block.all_bold)


def settle_headings(items: list[tuple[int, Block]]) -> list[tuple[int, Block]]:
    """The highest heading level the submission uses marks its titles; a lower heading is a subhead,
    a paragraph of bold text, as the house sets subheads."""
    top = min((block.heading for _place, block in items if block.heading), default=0)
    settled = []
    for place, block in items:
        if block.heading and block.heading > top:
            block = replace(block, runs=tuple(Run(run.text, True) for run in block.runs), heading=0)
        settled.append((place, replace(block, heading=int(block.heading == top and top > 0))))
    return settled


def is_byline(block: Block) -> bool:
    """A short paragraph in （…）, or a short one flush right that is not a sentence."""
    text = block.text.strip()
    if len(text) > BYLINE_LENGTH or block.number:
        return False
    return bool(BRACKETED.match(text)) or (block.align == "right" and not text.endswith("。"))


def is_signature(block: Block) -> bool:
    """An unbracketed last line such as 西湖区人大常委会办公室 张三: short, an office (ending as offices
    end) and names of two to four characters parted by spaces, no sentence in it."""
    text = block.text.strip()
    office, *names = SPACES.split(text)
    return len(text) <= SIGNATURE_LENGTH and bool(names) and not SENTENCE_MARKS.search(text) \
        and office.endswith(OFFICE_ENDINGS) and all(NAME.match(name) for name in names)


def byline_of(text: Styled) -> Styled:
    """A byline without its brackets, titles and bylines carrying no bold."""
    match = BRACKETED.match(text.text)
    return (text.slice(match.start(1), match.end(1)) if match else text).unbolded()


def articles_of(blocks: list[Block], notes: list[Note]) -> list[Article]:
    """The articles of a submission, split at their titles."""
    items = numbered(blocks)
    gathering = Gathering(items, body_size([block for _place, block in items]), notes)
    start = first_title(items, gathering.body)
    for place, block in items[:start]:
        notes.append(Note(place, _("text before the title was left out: {text}").format(text=block.text.strip()[:30])))
    for index in range(start, len(items)):
        gathering.take(index)
    for article in gathering.articles:
        take_trailing_byline(article)
    return gathering.articles


@dataclass
class Gathering:
    """Articles being made of a submission's paragraphs, one paragraph at a time."""

    items: list[tuple[int, Block]]
    body: float | None  # the body's text size
    notes: list[Note]
    articles: list[Article] = field(default_factory=list)
    closed: bool = True  # the next paragraph starts an article
    title: Block | None = None  # the current article's title as set

    def take(self, index: int) -> None:
        """One paragraph: a title, a title's second line, a byline, a date line or body text; then its pictures."""
        place, block = self.items[index]
        following = self.items[index + 1][1] if index + 1 < len(self.items) else None
        pictures = [replace(picture, place=place) for picture in block.pictures]
        if block.text.strip():
            self.text(place, block, following)
        if pictures and self.articles:
            self.articles[-1].paragraphs += pictures
        elif pictures:
            self.notes.append(Note(place, _("a picture before the title was not imported")))

    def text(self, place: int, block: Block, following: Block | None) -> None:
        """A paragraph's text, where it belongs."""
        text = Styled.of(block, place)
        current = self.articles[-1] if self.articles else None
        under_title = current is not None and not current.paragraphs and current.byline is None
        if DATE_LINE.match(block.text.strip()):
            self.notes.append(Note(place, _("a date line was left out: {text}").format(text=block.text.strip())))
        elif self.closed or (is_title(block, self.body, False) and current.paragraphs):
            self.articles.append(Article(text.unbolded()))
            self.closed, self.title = False, block
        elif under_title and is_title(block, self.body, False) and looks_alike(block, self.title):
            current.more_title.append(text.unbolded())
            self.notes.append(Note(place, _("a second title line was joined to the title above it")))
        elif under_title and block.align == "center" and len(block.text.strip()) <= BYLINE_LENGTH:
            current.byline = byline_of(text)  # an author line centred under the title
        elif self.ends_with_byline(current, block, following):
            current.byline = byline_of(text)
            self.closed = bool(current.paragraphs)
        else:
            current.paragraphs.append(text)

    def ends_with_byline(self, current: Article, block: Block, following: Block | None) -> bool:
        """A byline: under the title, or last in its article (before a title or the end, or in brackets)."""
        last = following is None or is_title(following, self.body, False)
        if is_byline(block):
            return not current.paragraphs or last or ends_article(block)
        return bool(current.paragraphs) and last and is_signature(block)


def looks_alike(block: Block, title: Block | None) -> bool:
    """Set as the title is: same size, style and weight (a second line of it, not an author line)."""
    return title is not None and (block.size, block.heading, block.all_bold) == (title.size, title.heading,
                                                                                 title.all_bold)


def ends_article(block: Block) -> bool:
    """A byline in brackets ends its article even when more text follows (a second article without a styled title)."""
    return bool(BRACKETED.match(block.text.strip()))


def first_title(items: list[tuple[int, Block]], body: float | None) -> int:
    """The index of the title: the first paragraph, or a styled title among the first three."""
    for index, (_place, block) in enumerate(items[:3]):
        if is_title(block, body, index == 0):
            return index
    return 0


def take_trailing_byline(article: Article) -> None:
    """A byline written at the end of the last paragraph, “……。（某区人大常委会办公室 张三）”, taken out."""
    texts = [index for index, item in enumerate(article.paragraphs) if isinstance(item, Styled)]
    if article.byline is not None or not texts:
        return
    last = article.paragraphs[texts[-1]]
    match = TRAILING_BYLINE.search(last.text)
    if match and match.start() > 0:
        article.paragraphs[texts[-1]] = last.slice(0, match.start())
        article.byline = last.slice(match.start(1), match.end(1)).unbolded()


def briefs_of(blocks: list[Block], notes: list[Note]) -> list[Brief]:
    """Briefs: each paragraph with the byline after it (or at its end); titles are left out."""
    items = numbered(blocks)
    body = body_size([block for _place, block in items])
    briefs: list[Brief] = []
    for index, (place, block) in enumerate(items):
        text = Styled.of(block, place)
        notes += [Note(place, _("a picture was not imported: a brief has no figures"))] * len(block.pictures)
        if not block.text.strip():
            continue
        if is_byline(block) and briefs and briefs[-1].byline is None:
            briefs[-1].byline = byline_of(text)
        elif is_title(block, body, index == 0):
            notes.append(Note(place, _("a title was left out: {text}").format(text=block.text.strip()[:30])))
        else:
            briefs.append(brief_of(text))
    return briefs


def brief_of(text: Styled) -> Brief:
    """One brief, a byline at its end taken out (a bold opening becomes its lead when it is written out)."""
    byline = None
    match = TRAILING_BYLINE.search(text.text)
    if match and match.start() > 0:
        byline = text.slice(match.start(1), match.end(1)).unbolded()
        text = text.slice(0, match.start())
    return Brief(text, byline)
