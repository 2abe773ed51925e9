"""Time whole-process `paiban build` against Typst setting the same issue, at 1×, 4×, 16× and 64× its size.

Each size is the reference issue with its sections repeated (and the Typst source with its
table of contents and body repeated as often). The commands run alternately, each as a
fresh process; every run is measured by wall time and by the child's CPU time (user + sys,
from `os.wait4`), which a busy machine disturbs much less. Reported are the medians, the
ratio of the medians, and the median peak memory (the child's maximum resident set size).
Typst is told to ignore the system's fonts, so both use only the project's `fonts/`.

Then `paiban watch` runs on the reference issue with a page previewed, and one character
of a paragraph on that page is changed again and again: the save-to-PNG latency is the
time from writing the file to the page's PNG landing on disk (seen by its own file event),
and to the watch printing that it is written (after the PDF).

    python bench/run.py [--runs 11] [--sizes 1,4,16,64] [--edits 15]
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "issues" / "2024-07.yaml"
TYPST_SOURCE = ROOT / "bench" / "issue695.typ"
EDITED = "一是深化学习精心谋"  # a paragraph's opening: its first character is toggled by the watch test
TOGGLE = ("一", "壹")


@dataclass(frozen=True)
class Run:
    """One measured run: wall and CPU seconds, peak resident MiB."""

    wall: float
    cpu: float
    memory: float


def measure(command: list[str]) -> Run:
    """Run a command to its end and measure it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                               env=environment())
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def environment() -> dict[str, str]:
    """The children's environment: bytecode cache allowed, as on an editor's machine (the warm-up writes it)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def typeset_command(*args: str) -> list[str]:
    """A paiban command of this checkout (run from its root, `-m typeset` imports the checkout's package)."""
    return [sys.executable, "-m", "typeset", *args]


def typst_command(source: Path, out: Path) -> list[str]:
    """Typst (the PyPI package) compiling a source with the project's fonts only."""
    code = (f"import typst; typst.compile({str(source)!r}, output={str(out)!r}, "
            f"font_paths=[{str(ROOT / 'fonts')!r}], ignore_system_fonts=True)")
    return [sys.executable, "-c", code]


# ---------------------------------------------------------------- the issue at a size

def repeated_issue(folder: Path, times: int) -> Path:
    """The reference issue with its sections repeated `times` times, beside a copy of publication.yaml."""
    text = REFERENCE.read_text(encoding="utf-8")
    head, sections = text.split("\nsections:\n", 1)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REFERENCE.parent / "publication.yaml", folder / "publication.yaml")
    target = folder / REFERENCE.name
    target.write_text(head + "\nsections:\n" + "\n".join([sections.rstrip("\n")] * times) + "\n", encoding="utf-8")
    return target


def repeated_typst(folder: Path, times: int) -> Path:
    """The Typst source with its table-of-contents rows and its body repeated `times` times."""
    text = TYPST_SOURCE.read_text(encoding="utf-8")
    toc = re.search(r"(  grid\(columns:[^\n]*\n)(.*?)(\n  \)\n)", text, re.S)
    text = text[:toc.start(2)] + "\n".join([toc.group(2)] * times) + text[toc.end(2):]
    body = re.search(r"#pagebreak\(\)\n(.*?)(?=\n// -+ 版记)", text, re.S)
    text = text[:body.start(1)] + "\n".join([body.group(1)] * times) + text[body.end(1):]
    target = folder / f"issue-{times}x.typ"
    target.write_text(text, encoding="utf-8")
    return target


# ---------------------------------------------------------------- builds

def compare_builds(scratch: Path, sizes: list[int], runs: int) -> dict[int, dict[str, list[Run]]]:
    """paiban build and Typst at each size, alternating, after one warm-up of each."""
    commands = {}
    for times in sizes:
        folder = scratch / f"{times}x"
        source = REFERENCE if times == 1 else repeated_issue(folder / "issues", times)
        commands[times] = {
            "paiban": typeset_command("build", str(source), "-o", str(folder / "paiban.pdf")),
            "typst": typst_command(repeated_typst(scratch, times), folder / "typst.pdf"),
        }
    results = {times: {name: [] for name in pair} for times, pair in commands.items()}
    for pair in commands.values():
        for command in pair.values():
            measure(command)
    for _ in range(runs):
        for times, pair in commands.items():
            for name, command in pair.items():
                results[times][name].append(measure(command))
    return results


# ---------------------------------------------------------------- watch

class Watching:
    """A `paiban watch` process, the moments its PNG of the page lands on disk and the moments it reports it."""

    def __init__(self, source: Path, output: Path, page: int):
        self.png = output.parent / f"{source.stem}-p{page}.png"
        self.stop_event = threading.Event()
        self.landed, self.reported = queue.Queue(), queue.Queue()
        self.watching = threading.Event()
        threading.Thread(target=self.watch_png, daemon=True).start()
        self.watching.wait(10)
        self.process = subprocess.Popen(
            typeset_command("watch", str(source), "-o", str(output), "--page", str(page)),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=environment(), text=True, bufsize=1)
        threading.Thread(target=self.read, daemon=True).start()

    def watch_png(self) -> None:
        """Note each time the PNG is written (renamed into place), from the file's own events."""
        import watchfiles

        for changes in watchfiles.watch(self.png.parent, watch_filter=lambda _c, path: path == str(self.png),
                                        stop_event=self.stop_event, step=1, debounce=1000, rust_timeout=20,
                                        yield_on_timeout=True, recursive=False):
            self.watching.set()
            if changes:
                self.landed.put(time.perf_counter())

    def read(self) -> None:
        """Note each line that says the page's PNG was written."""
        for line in self.process.stdout:
            if self.png.name in line:
                self.reported.put(time.perf_counter())

    def wait(self, timeout: float = 60) -> tuple[float, float]:
        """The moments the next PNG landed and was reported."""
        try:
            return self.landed.get(timeout=timeout), self.reported.get(timeout=timeout)
        except queue.Empty:
            sys.exit("paiban watch wrote no PNG")

    def stop(self) -> None:
        """End the watch."""
        self.stop_event.set()
        self.process.terminate()
        self.process.wait()


def page_of(pdf: Path, words: str) -> int:
    """The page (from 1) of a PDF whose text holds the words."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            if words in document[index].get_textpage().get_text_range().replace("\r", "").replace("\n", ""):
                return index + 1
    finally:
        document.close()
    sys.exit(f"no page of {pdf} holds {words}")


def watch_latency(scratch: Path, edits: int) -> list[tuple[float, float]]:
    """Seconds from a one-character save to the edited page's PNG on disk, and to the watch reporting it, per edit."""
    folder = scratch / "watch"
    source = repeated_issue(folder / "issues", 1)
    output = folder / "build" / "watch.pdf"
    subprocess.run(typeset_command("build", str(source), "-o", str(output)), check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, env=environment())
    watching = Watching(source, output, page_of(output, EDITED))
    try:
        watching.wait()
        text = source.read_text(encoding="utf-8")
        latencies = []
        for edit in range(edits + 1):
            old, new = TOGGLE if edit % 2 == 0 else TOGGLE[::-1]
            text = text.replace(old + EDITED[1:], new + EDITED[1:], 1)
            time.sleep(0.3)  # the watch idle, as between an editor's saves
            saved = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            landed, reported = watching.wait()
            if edit:  # the first edit warms what a long-running watch keeps
                latencies.append((landed - saved, reported - saved))
        return latencies
    finally:
        watching.stop()


# ---------------------------------------------------------------- the table

def report(results: dict[int, dict[str, list[Run]]], latencies: list[tuple[float, float]], runs: int) -> None:
    """Print the medians and ratios as a Markdown table, then the watch latency."""
    print(f"{runs} runs of each, alternating; medians. CPU = user + sys of the process.\n")
    print("| size | paiban wall | typst wall | ratio wall | paiban CPU | typst CPU | ratio CPU "
          "| paiban peak RSS | typst peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for times, pair in results.items():
        ours, theirs = pair["paiban"], pair["typst"]
        wall = [statistics.median(r.wall for r in rows) for rows in (ours, theirs)]
        cpu = [statistics.median(r.cpu for r in rows) for rows in (ours, theirs)]
        memory = [statistics.median(r.memory for r in rows) for rows in (ours, theirs)]
        print(f"| {times}× | {wall[0]:.3f} s | {wall[1]:.3f} s | {wall[0] / wall[1]:.2f} "
              f"| {cpu[0]:.3f} s | {cpu[1]:.3f} s | {cpu[0] / cpu[1]:.2f} | {memory[0]:.0f} MiB | {memory[1]:.0f} MiB |")
    if latencies:
        landed = [a for a, _ in latencies]
        reported = [b for _, b in latencies]
        print(f"\nwatch, one-character edits ({len(latencies)}): save → PNG of the edited page on disk median "
              f"{statistics.median(landed) * 1000:.0f} ms (min {min(landed) * 1000:.0f}, max {max(landed) * 1000:.0f}); "
              f"save → rebuild reported (PDF written too) median {statistics.median(reported) * 1000:.0f} ms")


def main() -> None:
    """Run the comparison and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each command (after one warm-up)")
    parser.add_argument("--sizes", default="1,4,16,64", help="sizes, as multiples of the reference issue")
    parser.add_argument("--edits", type=int, default=15, help="timed one-character edits under watch (0: none)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    scratch = Path(tempfile.mkdtemp(prefix="paiban-bench-"))
    try:
        results = compare_builds(scratch, sizes, args.runs)
        latencies = watch_latency(scratch, args.edits) if args.edits else []
        report(results, latencies, args.runs)
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
