"""A paragraph of characters → lines of positioned glyphs on the character grid.

The paragraph is prepared in one punctuation style (each mark's width, what may be
squeezed), its breaks are chosen together (compose/fit.py), and each line is set: the
style's cuts, the marks its choice squeezes, and what is left spread evenly between the
characters.
"""

from __future__ import annotations

import unicodedata
from itertools import accumulate
from dataclasses import dataclass
from typing import Callable, Iterator, NamedTuple, Sequence

from ..page import Span
from . import rules
from .fit import Choice, best_lines

Advance = Callable[[str, str], float]

EPSILON = 1e-6  # pt; widths closer than this count as equal
# A paragraph longer than twice WINDOW_LINES lines of full cells is set a window at a time, so that
# time and memory stay linear in its length: each window's breaks are chosen together, and all but
# its last REWORKED_LINES lines are kept (they hardly depend on where the window ends); the next
# window starts where the kept lines end.
WINDOW_LINES = 64
REWORKED_LINES = 8
ORDER_STEP = 0.01  # pt: a glyph's origin stands at least this far right of the one before, so text reads in order
new = tuple.__new__  # makes a NamedTuple without its Python-level __new__: half the cost, once per character

# Kinds of character, as far as squeezing is concerned.
PLAIN, CLOSING, OPENING, MIDDLE = 0, 1, 2, 3
# What a character joins with into an unbreakable run.
NO_JOIN, WORD, DASH, ELLIPSIS, COMBINING = 0, 1, 2, 3, 4


class Piece(NamedTuple):
    """One input character, the font role it is set in, and where in the sources it came from."""

    char: str
    role: str
    span: Span | None = None


class Glyph(NamedTuple):
    """One character placed on a line: its pen x (pt, from the line's left edge), set width and source span."""

    char: str
    role: str
    x: float
    width: float
    span: Span | None = None


@dataclass(frozen=True)
class Line:
    """A composed line: glyphs placed from its left edge, its set width, and whether it ends the paragraph."""

    glyphs: tuple[Glyph, ...]
    width: float
    last: bool

    @property
    def text(self) -> str:
        """The characters of the line, in order."""
        return "".join(glyph.char for glyph in self.glyphs)


@dataclass(frozen=True)
class CharClass:
    """What the composer needs to know about one character."""

    full: bool          # one full cell on the grid
    kind: int           # PLAIN, CLOSING, OPENING or MIDDLE
    order: int          # squeeze order (1 first, 2 next), 0 if not squeezable
    join: int           # NO_JOIN, WORD, DASH, ELLIPSIS or COMBINING
    no_start: bool      # may not start a line
    no_end: bool        # may not end a line
    han: bool           # Han-like, for the Latin gap
    latin: bool         # a narrow letter or digit, for the Latin gap
    left_blank: float   # blank at the left of the cell, fraction of a cell
    right_blank: float  # blank at the right of the cell


_classes: dict[str, CharClass] = {}


def char_class(char: str) -> CharClass:
    """The composer's class of a character (cached)."""
    found = _classes.get(char)
    if found is None:
        found = _classes[char] = _classify(char)
    return found


def is_full_width(char: str) -> bool:
    """Whether a character takes one full cell of the grid."""
    if char in rules.FULL_WIDTH_MARKS:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in rules.FULL_WIDTH_RANGES)


def _classify(char: str) -> CharClass:
    """Work out a character's class from the rules."""
    full = is_full_width(char)
    category = unicodedata.category(char)
    left_blank, right_blank = rules.BLANK_SIDES.get(char, (0.0, 0.0))
    return CharClass(
        full=full,
        kind=_mark_kind(char),
        order=rules.SQUEEZE_ORDER.get(char, 0),
        join=_join_class(char, category),
        no_start=char in rules.NO_LINE_START,
        no_end=char in rules.NO_LINE_END,
        han=full and category in rules.HAN_CATEGORIES,
        latin=not full and char.isalnum(),
        left_blank=left_blank,
        right_blank=right_blank,
    )


def _mark_kind(char: str) -> int:
    """CLOSING, OPENING or MIDDLE for a mark with blank sides, PLAIN for anything else."""
    if char in rules.CLOSING:
        return CLOSING
    if char in rules.OPENING:
        return OPENING
    return MIDDLE if char in rules.MIDDLE else PLAIN


def _join_class(char: str, category: str) -> int:
    """Which unbreakable run a character belongs to, if any."""
    if category.startswith("M"):
        return COMBINING
    if char in rules.DASHES:
        return DASH
    if char in rules.ELLIPSES:
        return ELLIPSIS
    if char in rules.WORD_CHARS or category in rules.WORD_CATEGORIES:
        return WORD
    if not is_full_width(char) and char.isalnum():
        return WORD
    return NO_JOIN


def atom_edges(classes: Sequence[CharClass]) -> list[bool]:
    """Per boundary i (before char i, 0..n): whether it lies between two unbreakable runs."""
    edges = [True] * (len(classes) + 1)
    for i in range(1, len(classes)):
        left, right = classes[i - 1], classes[i]
        edges[i] = not (right.join == COMBINING or (right.join and right.join == left.join))
    return edges


class _Text:
    """A paragraph prepared for breaking in one punctuation style: widths, classes and prefix sums by index."""

    def __init__(self, pieces: Sequence[Piece], cell: float, advance: Advance, latin_gap: float,
                 style: rules.PunctuationStyle = rules.PUNCTUATION_STYLES[rules.DEFAULT_PUNCTUATION]):
        self.cell = cell
        self.style = style
        self.chars = [piece.char for piece in pieces]
        self.roles = [piece.role for piece in pieces]
        self.spans = [piece.span for piece in pieces]
        self.classes = [char_class(char) for char in self.chars]
        self.n = len(self.chars)
        self._base_cuts()
        self.widths = [(cell if cls.full else advance(piece.char, piece.role)) - (left + right) * cell
                       for cls, piece, left, right in zip(self.classes, pieces, self.base_left, self.base_right)]
        self._boundaries(latin_gap * cell)
        self._squeezes()
        self._prefix_sums()

    def _base_cuts(self) -> None:
        """The blank sides a style always cuts (its half-width marks), as fractions of a cell."""
        half = self.style.half
        self.base_left = [cls.left_blank if char in half else 0.0 for char, cls in zip(self.chars, self.classes)]
        self.base_right = [cls.right_blank if char in half else 0.0 for char, cls in zip(self.chars, self.classes)]

    def blanks(self, i: int) -> tuple[float, float]:
        """The blank left and right of char i once the style's cuts are made, fractions of a cell."""
        cls = self.classes[i]
        return cls.left_blank - self.base_left[i], cls.right_blank - self.base_right[i]

    def _boundaries(self, latin_gap: float) -> None:
        """Per boundary i (between char i-1 and i): atom edge, legal break, pair squeeze, Latin gap."""
        classes, n = self.classes, self.n
        half = rules.PAIR_SQUEEZE
        self.edge = atom_edges(classes)     # not inside an unbreakable
        self.legal = [True] * (n + 1)       # kinsoku allows a break here
        self.cut_before = [0.0] * (n + 1)   # pair squeeze taken from char i-1's right
        self.cut_after = [0.0] * (n + 1)    # pair squeeze taken from char i's left
        self.gap = [0.0] * (n + 1)
        for i in range(1, n):
            left, right = classes[i - 1], classes[i]
            self.legal[i] = not (left.no_end or right.no_start)
            if self.style.pairs and left.kind and right.kind and left.right_blank + right.left_blank >= half:
                self._pair(i, left, right, half)
            if latin_gap and ((left.han and right.latin) or (left.latin and right.han)):
                self.gap[i] = latin_gap

    def _pair(self, i: int, left: CharClass, right: CharClass, half: float) -> None:
        """Squeeze the blank between two adjacent marks, keeping brackets tight to their text."""
        cell = self.cell
        if left.right_blank >= half:
            self.cut_before[i] = half * cell
        elif right.left_blank >= half:
            self.cut_after[i] = half * cell
        else:
            self.cut_before[i] = left.right_blank * cell
            self.cut_after[i] = (half - left.right_blank) * cell

    def _squeezes(self) -> None:
        """What each mark may give up with neighbours on both sides, and the pause marks' widths."""
        self.pool = [cls.order for cls in self.classes]
        self.pause = [char in rules.PAUSE_MARKS for char in self.chars]
        self.closing = bytearray(cls.kind == CLOSING for cls in self.classes)
        # squeezable(i, start, end) depends on start and end only through whether i is first or last
        marks = [i for i, cls in enumerate(self.classes) if cls.order or cls.kind == CLOSING]
        self.inner = [0.0] * self.n  # what a mark gives up between others; a character that is no mark, nothing
        for i in marks:
            self.inner[i] = self.squeezable(i, 0, self.n + 1)
        self.first_squeezable = self._squeezable_at(marks, 0, 2)   # first on its line, not last
        self.last_squeezable = self._squeezable_at(marks, -1, 1)   # last on its line, not first
        self.alone_squeezable = self._squeezable_at(marks, 0, 1)   # alone on its line

    def _squeezable_at(self, marks: list[int], start: int, end: int) -> bytearray:
        """Per char: whether (1) or not (0) it may be squeezed on the line of chars i+start..i+end-1."""
        found = bytearray(self.n)
        for i in marks:
            found[i] = 1 if self.squeezable(i, i + start, i + end) else 0
        return found

    def squeezable(self, i: int, start: int, end: int) -> float:
        """What char i may still give up on a line of chars start..end-1 (pt): half a cell, or nothing."""
        cls = self.classes[i]
        left_inside, right_inside = i > start, i < end - 1
        if cls.kind == CLOSING and not right_inside:  # the line-end mark, if its blank half is still there
            return rules.LINE_END_SQUEEZE * self.cell if self.blanks(i)[1] >= rules.LINE_END_SQUEEZE else 0.0
        if not cls.order or self.chars[i] not in self.style.squeeze:
            return 0.0
        free = rules.SQUEEZE_LIMIT * self.cell
        if cls.kind == CLOSING:
            return 0.0 if self.cut_before[i + 1] else free
        # after a narrow character the left blank stays: squeezed, the glyph's origin would
        # fall before that character's own
        after_narrow = left_inside and not self.classes[i - 1].full
        if cls.kind == OPENING:
            blocked = after_narrow or (left_inside and (self.cut_after[i] or self.cut_before[i])) or (
                not left_inside and not rules.TRIM_OPENING_AT_LINE_START)
            return 0.0 if blocked else free
        touched = (left_inside and (self.cut_before[i] or self.cut_after[i])) or (
            right_inside and (self.cut_before[i + 1] or self.cut_after[i + 1]))
        return 0.0 if touched or after_narrow else free

    def _prefix_sums(self) -> None:
        """Prefix sums of widths, boundary adjustments, squeezable marks by pool and pause marks."""
        n, inner, pool, pause, widths = self.n, self.inner, self.pool, self.pause, self.widths
        cut_before, cut_after, gap = self.cut_before, self.cut_after, self.gap
        self.sum_width = list(accumulate(widths, initial=0.0))
        # marks that may be squeezed mid-line, by pool
        self.sum_pool = {wanted: list(accumulate((1 if inner[i] and pool[i] == wanted else 0 for i in range(n)),
                                                 initial=0)) for wanted in (1, 2)}
        self.sum_pauses = list(accumulate(pause, initial=0))
        self.sum_pause_width = list(accumulate(
            (widths[i] - cut_before[i + 1] - cut_after[i] if pause[i] else 0.0 for i in range(n)), initial=0.0))
        self.sum_squeezable = [first + second for first, second in zip(*self.sum_pool.values())]
        self.sum_net = net = [0.0] * (n + 1)
        for i in range(1, n + 1):
            net[i] = net[i - 1] + gap[i] - cut_before[i] - cut_after[i]  # in this order: the sums must not drift
        edge = self.edge
        self.sum_edges = list(accumulate((1 if i < n and edge[i] else 0 for i in range(1, n + 1)), initial=0))
        self.next_edge = self._next_edges()
        self.prev_edge = self._prev_edges()
        self.reach = self._reaches()

    def _next_edges(self) -> list[int]:
        """For each index, the next atom edge after it."""
        n, edge = self.n, self.edge
        following = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            following[i] = i + 1 if i + 1 == n or edge[i + 1] else following[i + 1]
        return following

    def _prev_edges(self) -> list[int]:
        """For each index, the atom edge before it (0 at the start)."""
        edge = self.edge
        previous = [0] * (self.n + 1)
        for i in range(1, self.n + 1):
            previous[i] = i - 1 if i - 1 == 0 or edge[i - 1] else previous[i - 1]
        return previous

    def natural(self, start: int, end: int) -> float:
        """Width of chars start..end-1 on one line, with the style's widths, pair squeezes and Latin gaps."""
        return self.sum_width[end] - self.sum_width[start] + self.sum_net[end - 1] - self.sum_net[start]

    def visible(self, start: int, end: int) -> float:
        """Width of chars start..end-1 without the blank outer halves of marks at either end (a centred line's)."""
        return self.natural(start, end) - (self.blanks(start)[0] + self.blanks(end - 1)[1]) * self.cell

    def quanta(self, start: int, end: int) -> tuple[int, int, int]:
        """How many marks of a line may give up half a cell: pause marks, other marks, the line-end mark."""
        pool, inner, last = self.pool, self.inner, end - 1
        counts = [0, self.sum_pool[1][end] - self.sum_pool[1][start], self.sum_pool[2][end] - self.sum_pool[2][start]]
        if inner[start]:  # the edges count differently than mid-line
            counts[pool[start]] -= 1
        if last != start:
            if inner[last]:
                counts[pool[last]] -= 1
            if self.first_squeezable[start]:
                counts[pool[start]] += 1
        at_end = self.end_mark(start, end)
        if not at_end and (self.last_squeezable[last] if last > start else self.alone_squeezable[last]):
            counts[pool[last]] += 1
        return counts[1], counts[2], at_end

    def end_mark(self, start: int, end: int) -> int:
        """1 when a line's last character is a closing mark that may give up its blank half there, else 0."""
        last = end - 1
        return 1 if self.closing[last] and (
            self.last_squeezable[last] if last > start else self.alone_squeezable[last]) else 0

    def pauses(self, start: int, end: int) -> tuple[int, float]:
        """The pause marks (，、；：) inside a line, not at its end: how many, and their widths before squeezing."""
        last = max(end - 1, start)
        return self.sum_pauses[last] - self.sum_pauses[start], self.sum_pause_width[last] - self.sum_pause_width[start]

    def gaps(self, start: int, end: int) -> int:
        """How many places inside a line may take spread (between unbreakable runs)."""
        return self.sum_edges[end - 1] - self.sum_edges[start] if end - 1 > start else 0

    def most_squeeze(self, start: int, end: int) -> float:
        """All the marks of a line could give up, line-end squeeze included."""
        return self.squeeze_count(start, end) * rules.SQUEEZE_LIMIT * self.cell

    def squeeze_count(self, start: int, end: int) -> int:
        """The total of quanta(start, end), without telling the pools apart."""
        inner, last = self.inner, end - 1
        count = self.sum_squeezable[end] - self.sum_squeezable[start] - (1 if inner[start] else 0)
        if last != start:
            count += (1 if self.first_squeezable[start] else 0) - (1 if inner[last] else 0)
            return count + (1 if self.last_squeezable[last] else 0)
        return count + (1 if self.alone_squeezable[last] else 0)

    def fits(self, start: int, end: int, room: float) -> bool:
        """Whether chars start..end-1 fit in `room` once every mark is squeezed."""
        natural = self.sum_width[end] - self.sum_width[start] + self.sum_net[end - 1] - self.sum_net[start]
        return natural - self.squeeze_count(start, end) * rules.SQUEEZE_LIMIT * self.cell <= room + EPSILON

    def widest(self, start: int, room: float) -> int:
        """The farthest atom edge after `start` up to which every edge fits (fits(), by `reach`), or `start`."""
        reach, next_edge, n = self.reach, self.next_edge, self.n
        end = next_edge[start]
        if end - 1 == start:  # a one-character first atom: squeezed as a line of one
            if self.sum_width[end] - self.sum_width[start] > room + EPSILON and not self.fits(start, end, room):
                return start
            if end == n:
                return end
            end = next_edge[end]
        # edge e fits from start when reach[e] stays within what start leaves (fits() rearranged)
        limit = room + EPSILON + self.sum_width[start] + self.sum_net[start] - (
            self.sum_squeezable[start] + (1 if self.inner[start] else 0)
            - (1 if self.first_squeezable[start] else 0)) * rules.SQUEEZE_LIMIT * self.cell
        widest = next_edge[start] if end != next_edge[start] else start
        while reach[end] <= limit:
            widest = end
            if end == n:
                return widest
            end = next_edge[end]
        return widest

    def _reaches(self) -> list[float]:
        """Per edge e: the width of a line ending before char e with every mark squeezed, less what its
        start contributes (see widest); the first edge after a start is measured by fits() instead."""
        sum_width, sum_net, sum_squeezable = self.sum_width, self.sum_net, self.sum_squeezable
        inner, last_squeezable, half = self.inner, self.last_squeezable, rules.SQUEEZE_LIMIT * self.cell
        reach = [0.0] * (self.n + 1)
        for end in range(1, self.n + 1):
            last = end - 1
            count = sum_squeezable[end] - (1 if inner[last] else 0) + (1 if last_squeezable[last] else 0)
            reach[end] = sum_width[end] + sum_net[last] - count * half
        return reach

    def breakable(self, i: int) -> bool:
        """Whether a line may end before char i (the paragraph end always may)."""
        return i == self.n or self.legal[i]


# ---------------------------------------------------------------- setting


class _Setter:
    """Places the glyphs of one line: the style's cuts, the squeezes chosen, spread and positions."""

    def __init__(self, text: _Text, size: float, measure: float):
        self.text = text
        self.size = size
        self.measure = measure
        self.centring = (text.cell - size) / 2  # a full cell's glyph origin, from the cell's start

    def line(self, choice: Choice, left: float, justify: bool) -> Line:
        """Set a chosen line from x = `left`, justified to the measure or at natural widths."""
        text, start, end = self.text, choice.start, choice.end
        cut_left, cut_right = self._cuts(start, end)
        for i in self._squeezed(choice):
            self._cut(i - start, text.classes[i].kind, rules.SQUEEZE_LIMIT * text.cell, cut_left, cut_right)
        width = text.natural(start, end) - choice.squeezed * rules.SQUEEZE_LIMIT * text.cell
        gaps = text.gaps(start, end)
        spread = (self.measure - left - width) / gaps if justify and gaps else 0.0
        return self._place(start, end, left, spread, cut_left, cut_right, last=not justify)

    def _cuts(self, start: int, end: int) -> tuple[list[float], list[float]]:
        """Cuts per char (left side, right side): the style's half widths and the pair squeezes inside the line."""
        text, cell = self.text, self.text.cell
        cut_left = [text.base_left[i] * cell for i in range(start, end)]
        cut_right = [text.base_right[i] * cell for i in range(start, end)]
        for i in range(start + 1, end):
            cut_right[i - 1 - start] += text.cut_before[i]
            cut_left[i - start] += text.cut_after[i]
        return cut_left, cut_right

    def _squeezed(self, choice: Choice) -> list[int]:
        """The marks the choice squeezes: of each pool the last ones, and the line-end mark."""
        text, start, end = self.text, choice.start, choice.end
        chosen = [end - 1] if choice.at_end else []
        for pool, count in ((1, choice.pauses), (2, choice.others)):
            candidates = [i for i in range(start, end) if text.pool[i] == pool and text.squeezable(i, start, end)
                          and not (i == end - 1 and text.classes[i].kind == CLOSING)]
            chosen += candidates[len(candidates) - count:] if count else []
        return chosen

    @staticmethod
    def _cut(slot: int, kind: int, amount: float, cut_left: list[float], cut_right: list[float]) -> None:
        """Cut a mark's blank side(s) by `amount` pt."""
        if kind == CLOSING:
            cut_right[slot] += amount
        elif kind == OPENING:
            cut_left[slot] += amount
        else:
            cut_left[slot] += amount / 2
            cut_right[slot] += amount / 2

    def _place(self, start: int, end: int, left: float, spread: float,
               cut_left: list[float], cut_right: list[float], last: bool) -> Line:
        """Glyphs at their pen positions, left to right."""
        text = self.text
        classes, widths, chars, roles, spans = text.classes, text.widths, text.chars, text.roles, text.spans
        base_left, base_right, cell = text.base_left, text.base_right, text.cell
        glyphs = []
        pen = left
        for i in range(start, end):
            slot = i - start
            extra_left, extra_right = cut_left[slot] - base_left[i] * cell, cut_right[slot] - base_right[i] * cell
            width = widths[i] - extra_left - extra_right
            cls = classes[i]
            x = self._origin(cls, pen, cut_left[slot], cut_right[slot]) if cls.full else pen
            if glyphs and x <= glyphs[-1].x:  # a half opening mark after a half closing one: keep reading order
                x = glyphs[-1].x + ORDER_STEP
            glyphs.append(new(Glyph, (chars[i], roles[i], x, width, spans[i])))
            pen += width
            if i + 1 < end:
                pen += text.gap[i + 1] + (spread if text.edge[i + 1] else 0.0)
        return Line(tuple(glyphs), pen, last)

    def _origin(self, cls: CharClass, pen: float, cut_left: float, cut_right: float) -> float:
        """Where a full-width glyph is drawn so that its ink sits in what is left of its cell."""
        centred = pen + self.centring
        cell = self.text.cell
        if cls.kind == CLOSING and cut_right:  # fully squeezed: the inked left half starts the slot
            return centred + (pen - centred) * min(1.0, cut_right / (cls.right_blank * cell))
        if cls.kind == OPENING and cut_left:  # fully squeezed: the blank left half is cut off
            return centred + (pen - self.size / 2 - centred) * min(1.0, cut_left / (cls.left_blank * cell))
        if cut_left or cut_right:
            return centred - cut_left  # a middle mark stays centred on what is left
        # the em box is a little wider than the cell: keep it inside the line
        return max(0.0, min(centred, self.measure - self.size))


# ---------------------------------------------------------------- entry points


def compose(pieces: Sequence[Piece], **options) -> list[Line]:
    """The lines of `composing`, all at once."""
    return list(composing(pieces, **options))


def composing(pieces: Sequence[Piece], *, measure: float, size: float, cells: int = 28,
              indent: int = 2, advance: Advance, latin_gap: float = 0.0,
              punctuation: str = rules.DEFAULT_PUNCTUATION, looseness: int = 0,
              windows: dict | None = None) -> Iterator[Line]:
    """Break a paragraph into justified lines on a grid of `cells` cells across `measure` pt,
    in one punctuation style (rules.PUNCTUATION_STYLES), its breaks chosen together (compose/fit.py);
    `looseness` lines more (or fewer) than its best setting has, when the style's limits allow
    (in a paragraph set window by window, its last window takes them). `windows` keeps the breaks
    of the windows before the last, which looseness does not change, for the same advances.
    A window's lines come as soon as they are set, so that a long paragraph's need not all be held at once."""
    if not 0.0 <= latin_gap <= rules.MAX_LATIN_GAP:
        raise ValueError(f"latin_gap must be between 0 and {rules.MAX_LATIN_GAP} of a cell, not {latin_gap}")
    if not pieces:
        return
    cell = measure / cells
    style = rules.PUNCTUATION_STYLES[punctuation]
    window = cells * WINDOW_LINES
    start = 0
    while len(pieces) - start > 2 * window:  # the last window, one to two long, has room for looseness
        chunk = pieces[start:start + window]
        text = _Text(chunk, cell, advance, latin_gap, style)
        left = indent * cell if start == 0 else 0.0
        key = (size, measure, cells, left, latin_gap, punctuation, "".join(text.chars), tuple(text.roles))
        kept = windows.get(key) if windows is not None else None
        if kept is None:
            choices = best_lines(text, measure, left)
            kept = choices[:max(1, len(choices) - REWORKED_LINES)]
            if windows is not None:
                windows[key] = kept
        yield from _set(text, kept, left, size, measure, ends=False)
        start += kept[-1].end
    text = _Text(pieces[start:], cell, advance, latin_gap, style)
    left = indent * cell if start == 0 else 0.0
    choices = best_lines(text, measure, left)
    if looseness:
        choices = best_lines(text, measure, left, len(choices) + looseness) or choices
    yield from _set(text, choices, left, size, measure, ends=True)


def _set(text: _Text, choices: list[Choice], left: float, size: float, measure: float, ends: bool) -> Iterator[Line]:
    """The chosen lines set, the first from `left`; justified, but for the last when the paragraph `ends` there."""
    setter = _Setter(text, size, measure)
    final = len(choices) - 1 if ends else -1
    for number, choice in enumerate(choices):
        yield setter.line(choice, left if number == 0 else 0.0, justify=number != final)


def break_balanced(pieces: Sequence[Piece], *, measure: float, size: float, advance: Advance,
                   words: Callable[[str], frozenset[int]] | None = None,
                   punctuation: str = rules.DEFAULT_PUNCTUATION) -> list[Line]:
    """Break a centred title into the fewest lines that fit, as even in length as kinsoku allows.

    `words(text)` gives the offsets where its words end; it is asked only when the text must
    break, and a break elsewhere (inside a word) is taken only when nothing else fits.
    """
    if not pieces:
        return []
    text = _Text(pieces, size, advance, 0.0, rules.PUNCTUATION_STYLES[punctuation])
    if text.visible(0, text.n) <= measure + EPSILON:
        spans = [(0, text.n)]
    else:
        ends = words("".join(text.chars)) if words else None
        spans = _balanced_spans(text, measure, ends)
    setter = _Setter(text, size, float("inf"))
    return [setter.line(Choice(start, end), 0.0, justify=False) for start, end in spans]


def _balanced_spans(text: _Text, measure: float, word_ends: frozenset[int] | None) -> list[tuple[int, int]]:
    """Best breaks by (atoms split, kinsoku broken, lines, words split, short lines, sum of squared widths)."""
    n = text.n
    best: list[tuple | None] = [None] * (n + 1)
    came_from = [0] * (n + 1)
    best[0] = (0, 0, 0, 0, 0, 0.0)
    for start in range(n):
        if best[start] is None:
            continue
        for end in range(start + 1, n + 1):
            width = text.visible(start, end)
            if width > measure + EPSILON and end > start + 1:
                break
            cost = _add(best[start], _span_cost(text, start, end, width, measure, word_ends))
            if best[end] is None or cost < best[end]:
                best[end], came_from[end] = cost, start
    return _walk_back(came_from, n)


def _span_cost(text: _Text, start: int, end: int, width: float, measure: float,
               word_ends: frozenset[int] | None) -> tuple:
    """The cost of one title line from start to end."""
    split = 0 if end == text.n or text.edge[end] else 1
    broken = 0 if text.breakable(end) else 1
    inside_word = 1 if word_ends is not None and end < text.n and end not in word_ends else 0
    short = 1 if (start > 0 or end < text.n) and end - start < rules.SHORTEST_TITLE_LINE else 0
    phrase = end == text.n or text.chars[end - 1] in rules.PHRASE_BREAK_AFTER
    penalty = 0.0 if phrase else (rules.PLAIN_BREAK_PENALTY * measure) ** 2
    return (split, broken, 1, inside_word, short, width * width + penalty)


def _add(cost: tuple, more: tuple) -> tuple:
    """Two costs added field by field."""
    return tuple(a + b for a, b in zip(cost, more))


def _walk_back(came_from: list[int], end: int) -> list[tuple[int, int]]:
    """The spans of the best path ending at `end`."""
    spans = []
    while end > 0:
        spans.append((came_from[end], end))
        end = came_from[end]
    return spans[::-1]
