"""Pages → readable text, for regression tests: each line's characters and their x positions."""

from __future__ import annotations

from ..page import GlyphRun, Page, Rule


def trace(pages: list[Page], left: float, top: float, pitch: float) -> str:
    """Every page's lines (grid line from 1, size, text, x of each glyph from the block's left) and rules."""
    out = []
    for page in pages:
        out.append(f"page {page.number}")
        for baseline, runs in _lines(page):
            line = int((baseline - top) // pitch) + 1
            glyphs = [(run.x + g.x - left, g.char, run) for run in runs for g in run.glyphs]
            glyphs.sort(key=lambda item: item[0])
            text = "".join(char for _, char, _ in glyphs)
            xs = " ".join(f"{x:.1f}" for x, _, _ in glyphs)
            sizes = "/".join(sorted({f"{run.size:g}" for run in runs}))
            out.append(f"  L{line:02d} {sizes:>5} {text}")
            out.append(f"        x {xs}")
        for rule in (item for item in page.items if isinstance(item, Rule)):
            out.append(f"  rule y={(rule.y - top) / pitch:.2f} x={rule.x0 - left:.1f}..{rule.x1 - left:.1f}"
                       f" t={rule.thickness:.2f} {rule.color}")
    return "\n".join(out) + "\n"


def _lines(page: Page) -> list[tuple[float, list[GlyphRun]]]:
    """The page's runs grouped by baseline, top to bottom."""
    groups: dict[float, list[GlyphRun]] = {}
    for run in page.runs():
        groups.setdefault(round(run.baseline, 2), []).append(run)
    return sorted(groups.items())
