"""A build's memory grows with its text by little more than what it prints: a long paragraph's pieces,
spans and composed lines are never all held at once, and its marks and glyphs are packed."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import yaml

from typeset.build import lay_out

from conftest import REFERENCE

SHORT, LONG = 1_000, 9_000  # characters of the one paragraph of each issue


def one_paragraph_issue(archive: Path, length: int) -> tuple[Path, int]:
    """An issue of one article whose body is one paragraph: the reference's bodies over and over,
    cut after a 。 at about `length` characters; with the paragraph's length."""
    reference = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    text = "".join(part.strip() for section in reference["sections"] for article in section.get("articles", [])
                   for part in article["body"].split("\n\n"))
    body = (text * (length // len(text) + 2))[:length]
    body = body[:body.rindex("。") + 1]
    issue = {key: reference[key] for key in ("edition", "number", "total", "date")}
    issue["sections"] = [{"label": "要闻速递", "articles": [{"title": "长文", "byline": "办公厅 张三", "body": body}]}]
    path = archive / f"long-{length}.yaml"
    path.write_text(yaml.safe_dump(issue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, len(body)


def memory_of_laying_out(path: Path) -> tuple[int, int]:
    """The bytes Python held at the peak of laying an issue out, and those still held by the laid-out issue."""
    tracemalloc.start()
    try:
        laid = lay_out(path)
        gc.collect()  # what is held, not what waits to be collected
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert laid.pages
    return peak, held


def test_a_long_paragraph_takes_a_small_multiple_of_its_printed_glyphs_in_memory(archive):
    """Each character more took about 350 B at the peak and 440 B held to the end, in a piece, a span
    and a composed glyph per character all held at once, and in tuples of marks and glyphs; now about
    90 and 100 (the packed glyph alone takes 36 B, its mark 8)."""
    (short, short_length), (long, long_length) = (one_paragraph_issue(archive, n) for n in (SHORT, LONG))
    lay_out(short)  # the fonts' metrics cached, the modules loaded
    short_peak, short_held = memory_of_laying_out(short)
    long_peak, long_held = memory_of_laying_out(long)
    more = long_length - short_length
    assert (long_peak - short_peak) / more < 175
    assert (long_held - short_held) / more < 200
