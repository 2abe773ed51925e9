"""A paragraph of characters → lines of positioned glyphs on the character grid.

Greedy, line by line (house style §7.4): fill a line at natural widths, then push in
(take one more character by squeezing marks) before pushing out (sending the last
character down), then spread what is left evenly between the characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

from ..page import Span
from . import rules

Advance = Callable[[str, str], float]

EPSILON = 1e-6  # pt; widths closer than this count as equal
new = tuple.__new__  # makes a NamedTuple without its Python-level __new__: half the cost, once per character

# Kinds of character, as far as squeezing is concerned.
PLAIN, CLOSING, OPENING, MIDDLE = 0, 1, 2, 3
# What a character joins with into an unbreakable run.
NO_JOIN, WORD, DASH, ELLIPSIS, COMBINING = 0, 1, 2, 3, 4
# The pool a squeezable mark's blank belongs to; LINE_END is used last.
LINE_END = 3


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
    """A paragraph prepared for breaking: widths, classes and prefix sums by index."""

    def __init__(self, pieces: Sequence[Piece], cell: float, advance: Advance, latin_gap: float):
        self.cell = cell
        self.chars = [piece.char for piece in pieces]
        self.roles = [piece.role for piece in pieces]
        self.spans = [piece.span for piece in pieces]
        self.classes = [char_class(char) for char in self.chars]
        self.n = len(self.chars)
        self.widths = [cell if cls.full else advance(piece.char, piece.role)
                       for cls, piece in zip(self.classes, pieces)]
        self._boundaries(latin_gap * cell)
        self._squeezes()
        self._prefix_sums()

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
            if left.kind and right.kind and left.right_blank + right.left_blank >= half:
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
        """Each mark's squeeze pool, and what it may still give up with neighbours on both sides."""
        self.pool = [cls.order for cls in self.classes]
        self.inner = [self.squeezable(i, 0, self.n + 1) for i in range(self.n)]

    def squeezable(self, i: int, start: int, end: int) -> float:
        """What char i may still give up on a line of chars start..end-1 (pt)."""
        cls = self.classes[i]
        if not cls.order:
            return 0.0
        free = rules.SQUEEZE_LIMIT * self.cell
        left_inside, right_inside = i > start, i < end - 1
        if cls.kind == CLOSING and not right_inside:
            return rules.LINE_END_SQUEEZE * self.cell
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

    def pool_of(self, i: int, end: int) -> int:
        """The squeeze pool of char i on a line ending before `end`: a closing mark at the end goes last."""
        if i == end - 1 and self.classes[i].kind == CLOSING:
            return LINE_END
        return self.pool[i]

    def _prefix_sums(self) -> None:
        """Prefix sums of widths, boundary adjustments and squeezable amounts."""
        n = self.n
        self.sum_width = sums = [0.0] * (n + 1)
        self.sum_net = net = [0.0] * (n + 1)
        self.sum_free = free = [0.0] * (n + 1)
        for i in range(n):
            sums[i + 1] = sums[i] + self.widths[i]
            free[i + 1] = free[i] + self.inner[i]
        for i in range(1, n + 1):
            net[i] = net[i - 1] + self.gap[i] - self.cut_before[i] - self.cut_after[i]
        self.next_edge = self._next_edges()
        self.prev_edge = self._prev_edges()

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
        """Width of chars start..end-1 on one line, with pair squeezes and Latin gaps."""
        return self.sum_width[end] - self.sum_width[start] + self.sum_net[end - 1] - self.sum_net[start]

    def visible(self, start: int, end: int) -> float:
        """Width of chars start..end-1 without the blank outer halves of marks at either end (a centred line's)."""
        first, last = self.classes[start], self.classes[end - 1]
        return self.natural(start, end) - (first.left_blank + last.right_blank) * self.cell

    def most_squeeze(self, start: int, end: int) -> float:
        """All the marks of a line could give up, line-end squeeze included."""
        total = self.sum_free[end] - self.sum_free[start]
        for i in {start, end - 1}:
            total += self.squeezable(i, start, end) - self.inner[i]
        return total

    def fits(self, start: int, end: int, room: float) -> bool:
        """Whether chars start..end-1 fit in `room` once every mark is squeezed."""
        return self.natural(start, end) - self.most_squeeze(start, end) <= room + EPSILON

    def breakable(self, i: int) -> bool:
        """Whether a line may end before char i (the paragraph end always may)."""
        return i == self.n or self.legal[i]


# ---------------------------------------------------------------- breaking


def _break(text: _Text, start: int, room: float) -> int:
    """Where the line starting at `start` ends: push in, else break naturally, else push out, else force."""
    natural_end = _natural_end(text, start, room)
    if natural_end == text.n:
        return natural_end
    if natural_end > start and text.breakable(natural_end):
        return _one_more(text, start, natural_end, room)
    pushed_in, widest = _push_in(text, start, natural_end, room)
    if pushed_in:
        return pushed_in
    pushed_out = _push_out(text, start, natural_end)
    if pushed_out:
        return pushed_out
    if widest:
        return widest
    return natural_end if natural_end > start else _split_atom(text, start, room)


def _natural_end(text: _Text, start: int, room: float) -> int:
    """The furthest atom edge whose line fits at natural widths (`start` if none)."""
    end, following = start, text.next_edge[start]
    while text.natural(start, following) <= room + EPSILON:
        end = following
        if end == text.n:
            break
        following = text.next_edge[end]
    return end


def _one_more(text: _Text, start: int, natural_end: int, room: float) -> int:
    """Push in: one more atom if squeezing makes room and a line may end after it; else the natural end."""
    end = text.next_edge[natural_end]
    return end if text.fits(start, end, room) and text.breakable(end) else natural_end


def _push_in(text: _Text, start: int, natural_end: int, room: float) -> tuple[int, int]:
    """Push in where kinsoku forbids the natural break: (end or 0, widest end that fits squeezed)."""
    widest = 0
    end = text.next_edge[natural_end]
    while text.fits(start, end, room):
        widest = end
        if text.breakable(end):
            return end, widest
        end = text.next_edge[end]
    return 0, widest


def _push_out(text: _Text, start: int, natural_end: int) -> int:
    """The nearest legal atom edge before `natural_end`, or 0."""
    end = text.prev_edge[natural_end] if natural_end > start else start
    while end > start:
        if text.legal[end]:
            return end
        end = text.prev_edge[end]
    return 0


def _split_atom(text: _Text, start: int, room: float) -> int:
    """Last resort for an atom wider than the line: as many of its characters as fit (at least one)."""
    end = start + 1
    while end < text.n and text.fits(start, end + 1, room):
        end += 1
    return end


def _spans(text: _Text, measure: float, indent: float) -> list[tuple[int, int]]:
    """The paragraph's lines as (start, end) index pairs."""
    spans = []
    start = 0
    while start < text.n:
        room = measure - (indent if not spans else 0.0)
        end = _break(text, start, room)
        spans.append((start, end))
        start = end
    return _pull_back_orphan(text, spans, measure, indent)


def _pull_back_orphan(text: _Text, spans: list[tuple[int, int]], measure: float,
                      indent: float) -> list[tuple[int, int]]:
    """Pull a last line of one character (孤字) back into the line above when squeezing makes room."""
    if len(spans) < 2 or spans[-1][1] - spans[-1][0] != 1:
        return spans
    start = spans[-2][0]
    room = measure - (indent if len(spans) == 2 else 0.0)
    if not text.fits(start, text.n, room):
        return spans
    return spans[:-2] + [(start, text.n)]


# ---------------------------------------------------------------- setting


class _Setter:
    """Places the glyphs of one line: squeezes, spreads and positions."""

    def __init__(self, text: _Text, size: float, measure: float):
        self.text = text
        self.size = size
        self.measure = measure
        self.centring = (text.cell - size) / 2  # a full cell's glyph origin, from the cell's start

    def line(self, start: int, end: int, left: float, justify: bool) -> Line:
        """Set chars start..end-1 from x = `left`, justified to the measure or at natural widths."""
        text = self.text
        cut_left, cut_right = self._pair_cuts(start, end)
        room = self.measure - left
        natural = text.natural(start, end)
        spread = 0.0
        if natural > room + EPSILON:
            self._squeeze(start, end, natural - room, cut_left, cut_right)
        elif justify:
            gaps = sum(1 for i in range(start + 1, end) if text.edge[i])
            spread = (room - natural) / gaps if gaps else 0.0
        return self._place(start, end, left, spread, cut_left, cut_right, last=not justify)

    def _pair_cuts(self, start: int, end: int) -> tuple[list[float], list[float]]:
        """Cuts from the pair squeezes inside the line, per char (left side, right side)."""
        text = self.text
        cut_left = [0.0] * (end - start)
        cut_right = [0.0] * (end - start)
        for i in range(start + 1, end):
            if text.cut_before[i]:
                cut_right[i - 1 - start] = text.cut_before[i]
            if text.cut_after[i]:
                cut_left[i - start] = text.cut_after[i]
        return cut_left, cut_right

    def _squeeze(self, start: int, end: int, excess: float,
                 cut_left: list[float], cut_right: list[float]) -> None:
        """Take `excess` pt off the line's marks: pool 1 first, then 2, then the line-end mark."""
        text = self.text
        pools: dict[int, list[tuple[int, float]]] = {1: [], 2: [], LINE_END: []}
        for i in range(start, end):
            amount = text.squeezable(i, start, end)
            if amount:
                pools[text.pool_of(i, end)].append((i, amount))
        for pool in (1, 2, LINE_END):
            available = sum(amount for _, amount in pools[pool])
            if available <= 0:
                continue
            share = min(1.0, excess / available)
            for i, amount in pools[pool]:
                self._cut(i - start, text.classes[i].kind, amount * share, cut_left, cut_right)
            excess -= available * share
            if excess <= EPSILON:
                return

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
        glyphs = []
        pen = left
        for i in range(start, end):
            slot = i - start
            width = widths[i] - cut_left[slot] - cut_right[slot]
            cls = classes[i]
            x = self._origin(cls, pen, cut_left[slot], cut_right[slot]) if cls.full else pen
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


def compose(pieces: Sequence[Piece], *, measure: float, size: float, cells: int = 28,
            indent: int = 2, advance: Advance, latin_gap: float = 0.0) -> list[Line]:
    """Break a paragraph into justified lines on a grid of `cells` cells across `measure` pt."""
    if not 0.0 <= latin_gap <= rules.MAX_LATIN_GAP:
        raise ValueError(f"latin_gap must be between 0 and {rules.MAX_LATIN_GAP} of a cell, not {latin_gap}")
    if not pieces:
        return []
    cell = measure / cells
    text = _Text(pieces, cell, advance, latin_gap)
    spans = _spans(text, measure, indent * cell)
    setter = _Setter(text, size, measure)
    final = len(spans) - 1
    return [setter.line(start, end, indent * cell if number == 0 else 0.0, justify=number != final)
            for number, (start, end) in enumerate(spans)]


def break_balanced(pieces: Sequence[Piece], *, measure: float, size: float, advance: Advance,
                   words: Callable[[str], frozenset[int]] | None = None) -> list[Line]:
    """Break a centred title into the fewest lines that fit, as even in length as kinsoku allows.

    `words(text)` gives the offsets where its words end; it is asked only when the text must
    break, and a break elsewhere (inside a word) is taken only when nothing else fits.
    """
    if not pieces:
        return []
    text = _Text(pieces, size, advance, 0.0)
    if text.visible(0, text.n) <= measure + EPSILON:
        spans = [(0, text.n)]
    else:
        ends = words("".join(text.chars)) if words else None
        spans = _balanced_spans(text, measure, ends)
    setter = _Setter(text, size, float("inf"))
    return [setter.line(start, end, 0.0, justify=False) for start, end in spans]


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
