"""Pages → readable text, for regression tests: each line's characters and their x positions."""

from __future__ import annotations

import math

from ..page import Grid, Group, Image, Page, Rule, Text, draw


def trace(pages: list[Page]) -> str:
    """Every page's lines (grid line from 1, size, text, x of each glyph from the block's left), rules and images."""
    out = []
    for page in pages:
        out.append(f"page {page.number}")
        tracer = _Tracer(page.grid or Grid(0, 0, 1), page.grid is not None)  # no grid: places in pt
        draw(page.items, tracer)
        out += tracer.lines()
    return "\n".join(out) + "\n"


class _Tracer:
    """Collects one page's items: text grouped by baseline, then the other items in drawing order."""

    def __init__(self, grid: Grid, on_grid: bool = True):
        self.grid, self.on_grid = grid, on_grid
        self.baselines: dict[float, list[Text]] = {}
        self.others: list[str] = []

    def text(self, item: Text) -> None:
        self.baselines.setdefault(round(item.baseline, 2), []).append(item)

    def rule(self, item: Rule) -> None:
        grid = self.grid
        self.others.append(f"  rule y={(item.y - grid.top) / grid.pitch:.2f} x={item.x0 - grid.left:.1f}.."
                           f"{item.x1 - grid.left:.1f} t={item.thickness:.2f} {item.paint.name}")

    def image(self, item: Image) -> None:
        grid = self.grid
        top, bottom = (item.y - grid.top) / grid.pitch, (item.y + item.height - grid.top) / grid.pitch
        first, last = math.floor(top + 1e-6) + 1, math.ceil(bottom - 1e-6)  # the whole grid lines it stands in
        lines = f" L{first:02d}-L{last:02d}" if self.on_grid else ""
        self.others.append(f"  image {item.file.name}{lines} y={top:.2f}..{bottom:.2f}"
                           f" x={item.x - grid.left:.1f} w={item.width:.1f}")

    def group(self, item: Group) -> None:
        numbers = " ".join(f"{value:g}" for value in item.transform)
        self.others.append(f"  group [{numbers}] of {len(item.items)} items")

    def lines(self) -> list[str]:
        """The page's trace lines."""
        out = []
        grid = self.grid
        for baseline, texts in sorted(self.baselines.items()):
            glyphs = sorted(((text.x + x - grid.left, char) for text in texts
                             for x, char in zip(text.glyphs.xs, text.glyphs.chars)),
                            key=lambda item: item[0])
            sizes = "/".join(sorted({f"{text.size:g}" for text in texts}))
            out.append(f"  L{grid.line(baseline):02d} {sizes:>5} {''.join(char for _, char in glyphs)}")
            out.append(f"        x {' '.join(f'{x:.1f}' for x, _ in glyphs)}")
        return out + self.others

