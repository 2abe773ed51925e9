"""Progress of a long run: a redrawn bar on a terminal, plain lines anywhere else."""

from __future__ import annotations

import time
from typing import TextIO

from .i18n import _

BAR_WIDTH = 30
REDRAW_EVERY = 0.1  # seconds; redrawing on every item would flood a slow terminal


class Progress:
    """Items done out of a total, with the rate and the time left."""

    def __init__(self, stream: TextIO, live: bool | None = None):
        self.stream = stream
        self.live = stream.isatty() if live is None else live
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()
        self.drawn_at = 0.0

    def start(self, total: int) -> None:
        """Begin counting towards `total` items."""
        self.total, self.done = total, 0
        self.started = time.perf_counter()

    def advance(self, label: str, lines: list[str]) -> None:
        """One item done: its label (shown as a plain line) and messages (always shown)."""
        self.done += 1
        if self.live:
            if lines:
                self._clear()
                self._print(lines)
            self._draw(force=bool(lines) or self.done == self.total)
        else:
            self._print([f"[{self.done:>{len(str(self.total))}}/{self.total}] {label}"] + lines)

    def finish(self) -> None:
        """Leave the terminal line clean for what follows."""
        if self.live and self.total:
            self._clear()

    def status(self) -> str:
        """Done/total, a bar, the rate and the time left."""
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return _("{done}/{total} [{bar}] {rate}/s, {left} left").format(
            done=self.done, total=self.total, bar=bar, rate=f"{rate:.1f}", left=clock(left))

    def _draw(self, force: bool) -> None:
        """Redraw the bar in place, at most every REDRAW_EVERY seconds unless forced."""
        now = time.perf_counter()
        if force or now - self.drawn_at >= REDRAW_EVERY:
            self.stream.write("\r" + self.status() + "\x1b[K")
            self.stream.flush()
            self.drawn_at = now

    def _clear(self) -> None:
        """Erase the bar's line."""
        self.stream.write("\r\x1b[K")

    def _print(self, lines: list[str]) -> None:
        """Write whole lines."""
        for line in lines:
            self.stream.write(line + "\n")
        self.stream.flush()


def clock(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
