"""Composition and pagination measured from the PDF itself (house style §1, §4, §7)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pdfplumber
import pytest

from printed import read

MM = 72 / 25.4
LEFT, TOP = 28 * MM, 37 * MM
RIGHT = LEFT + 156 * MM
PITCH = 225 * MM / 22
CELL = 156 * MM / 28
SIZE = 16

# House style §7, written out here rather than taken from the composer's tables.
NO_START = set("、，。．：；！？‼⁇”’」』）〕】〗］｝》〉～-–—·・‧/／%‰,.:;!?)]}")
NO_END = set("“‘「『（〔【〖［｛《〈([{/")
CLOSING = set("，。．、：；！？”’）》」』】〕〗］｝〉")
MARKS = CLOSING | set("“‘（《「『【〔〖［｛〈·・")
BODY_FONTS = ("FandolFang", "NotoSerifCJKsc-Regular", "NotoSansCJKsc-Bold")


@dataclass
class TextLine:
    """One line of text found on a page: its characters left to right."""

    page: int
    baseline: float  # from the page top
    chars: list

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def is_body(self) -> bool:
        """Body text: 16 pt, body font (or emphasis), not a centred heading."""
        return (all(abs(c["size"] - SIZE) < 0.01 for c in self.chars)
                and all(c["fontname"].split("+")[-1].startswith(BODY_FONTS) for c in self.chars)
                and not all("NotoSans" in c["fontname"] for c in self.chars))

    @property
    def indented(self) -> bool:
        """Starts two cells in: the first line of a paragraph."""
        return self.chars[0]["x0"] > LEFT + 1.5 * CELL

    def end(self) -> float:
        """Where the last glyph's set box ends: a line-end closing mark may be squeezed to its inked half."""
        last = self.chars[-1]
        if last["text"] in CLOSING and last["x1"] > RIGHT + 0.5:
            return last["x0"] + SIZE / 2
        return last["x1"]


def text_lines(path) -> list[TextLine]:
    """Every line of every page after the first, in reading order."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages[1:], start=2):
            by_baseline = defaultdict(list)
            for char in page.chars:
                by_baseline[round(page.height - char["matrix"][5], 2)].append(char)
            for baseline in sorted(by_baseline):
                chars = sorted(by_baseline[baseline], key=lambda c: c["x0"])
                found.append(TextLine(number, baseline, chars))
    return found


@pytest.fixture(scope="module")
def lines(reference_build) -> list[TextLine]:
    return text_lines(reference_build[1])


def paragraph_ends(lines: list[TextLine]) -> set[int]:
    """Indexes of body lines that end a paragraph."""
    ends = set()
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if line.is_body and (following is None or not following.is_body or following.indented):
            ends.add(index)
    return ends


def test_no_body_line_starts_or_ends_with_a_forbidden_mark(lines):
    body = [line for line in lines if line.is_body]
    assert len(body) > 150
    assert [l.text for l in body if l.text[0] in NO_START] == []
    assert [l.text for l in body if l.text[-1] in NO_END] == []


def test_justified_lines_end_on_the_right_edge(lines):
    ends = paragraph_ends(lines)
    justified = [line for i, line in enumerate(lines) if line.is_body and i not in ends]
    assert len(justified) > 150
    off = [(l.page, l.text[-4:], round(l.end() - RIGHT, 2)) for l in justified if abs(l.end() - RIGHT) > 0.5]
    assert off == []


def test_no_glyph_passes_the_text_block(lines, reference_build):
    for line in read(reference_build[1]).lines():
        if line.page > 1:  # every glyph's ink inside the block: no hanging punctuation
            assert LEFT - 0.5 <= line.ink_left and line.ink_right <= RIGHT + 0.5, (line.page, line.text)
    for line in lines:
        if line.text.startswith("（") and all("LXGW" in c["fontname"] for c in line.chars):
            continue  # a byline: its ）'s blank half may pass the edge, its ink may not (checked above)
        first, last = line.chars[0], line.chars[-1]
        # An opening mark at a line start may lose its blank left half; its ink stays inside.
        left_edge = first["x0"] + (SIZE / 2 if first["text"] in MARKS - CLOSING else 0)
        assert left_edge >= LEFT - 0.5, (line.page, line.text)
        assert line.end() <= RIGHT + 0.5, (line.page, line.text)


def test_body_lines_sit_on_the_grid(lines):
    offsets = [(line.baseline - TOP) % PITCH for line in lines if line.is_body]
    assert max(offsets) - min(offsets) < 0.02, (min(offsets), max(offsets))


def test_full_pages_hold_22_lines(lines):
    per_page = defaultdict(set)
    for line in lines:
        per_page[line.page].add(int((line.baseline - TOP) // PITCH))
    assert all(0 <= slot < 22 for slots in per_page.values() for slot in slots)
    full = [page for page, slots in per_page.items() if max(slots) == 21 and len(slots) >= 21]
    assert full, "some page is filled to its last grid line"


def test_full_body_lines_hold_28_cells(lines):
    ends = paragraph_ends(lines)
    for index, line in enumerate(lines):
        if not line.is_body or index in ends or any(ord(c) < 0x2000 for c in line.text):
            continue
        cells = 26 if line.indented else 28
        marks = sum(1 for c in line.text if c in MARKS)
        # More characters than cells only by squeezing marks (each to half a cell at most);
        # fewer only when a character went down with a mark that may not start a line.
        assert cells - 2 <= len(line.text) <= cells + marks // 2, (line.page, line.text)
        assert len(line.text) <= cells or marks, (line.page, line.text)


def test_titles_never_end_a_page(lines):
    last_on_page = {}
    for line in lines:
        last_on_page[line.page] = line
    assert not any(is_title(line) for line in last_on_page.values())


def is_title(line: TextLine) -> bool:
    """A line of an article title (二号)."""
    return all(c["size"] > 20 for c in line.chars)


def test_a_title_keeps_two_body_lines_below_it(lines):
    for index, line in enumerate(lines):
        if is_title(line) and not is_title(lines[index + 1]):
            below = lines[index + 1:index + 3]
            assert all(b.page == line.page and b.is_body for b in below), line.text


def test_no_lone_paragraph_line_at_a_page_foot_or_head(lines):
    ends = paragraph_ends(lines)
    for index, line in enumerate(lines[:-1]):
        following = lines[index + 1]
        if line.page == following.page or not line.is_body or not following.is_body:
            continue
        assert not line.indented, f"lone first line at the foot of page {line.page}: {line.text}"
        assert index + 1 not in ends, f"lone last line at the head of page {following.page}: {following.text}"


def test_no_single_character_last_lines(lines):
    ends = paragraph_ends(lines)
    assert [lines[i].text for i in ends if len(lines[i].text) == 1] == []
