"""Time whole-process `paiban build` of the reference issue against Typst compiling the same issue.

Runs the two alternately, each as a fresh process, and reports the median wall time, the
median peak memory (the child's maximum resident set size) and the ratio of the medians.
`paiban preview` of page 3 is timed in the same rounds. The children run with Python's
bytecode cache allowed (PYTHONDONTWRITEBYTECODE unset), as on an editor's machine; the
warm-up run writes it.

    python bench/run.py [--runs 11] [--typst-source bench/issue695.typ]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of a command."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                               env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def typeset_command(*args: str) -> list[str]:
    """A paiban command, run as the console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "paiban"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "typeset"]
    return launcher + list(args)


def typst_command(source: Path, out: Path) -> list[str]:
    """Typst (the PyPI package) compiling the same issue with the project's fonts."""
    code = (f"import typst; typst.compile({str(source)!r}, output={str(out)!r}, "
            f"font_paths=[{str(ROOT / 'fonts')!r}], ignore_system_fonts=True)")
    return [sys.executable, "-c", code]


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each (after one warm-up)")
    parser.add_argument("--typst-source", type=Path, default=ROOT / "bench" / "issue695.typ",
                        help="the Typst peer source")
    args = parser.parse_args()
    if not args.typst_source.is_file():
        sys.exit(f"no Typst source at {args.typst_source}; pass --typst-source")
    scratch = Path(tempfile.mkdtemp(prefix="typeset-bench-"))
    try:
        commands = {
            "paiban build": typeset_command("build", "issues/2024-07.yaml", "-o", str(scratch / "typeset.pdf")),
            "typst compile": typst_command(args.typst_source.resolve(), scratch / "typst.pdf"),
            "paiban preview": typeset_command("preview", "issues/2024-07.yaml", "--page", "3",
                                               "-o", str(scratch / "page-3.png")),
        }
        results = {name: [] for name in commands}
        for name, command in commands.items():
            measure(command)  # warm-up: font caches, page cache
        for _ in range(args.runs):
            for name, command in commands.items():
                results[name].append(measure(command))
        report(results, args.runs)
    finally:
        shutil.rmtree(scratch)


def report(results: dict[str, list[tuple[float, float]]], runs: int) -> None:
    """Print medians and the ratio of the medians."""
    medians = {name: (statistics.median(s for s, _ in rows), statistics.median(m for _, m in rows))
               for name, rows in results.items()}
    print(f"{'command':<16} {'median wall':>12} {'min wall':>9} {'peak RSS':>10}   ({runs} runs each, alternating)")
    for name, rows in results.items():
        wall, memory = medians[name]
        print(f"{name:<16} {wall:>10.3f} s {min(s for s, _ in rows):>7.3f} s {memory:>6.0f} MiB")
    ratio = medians["paiban build"][0] / medians["typst compile"][0]
    print(f"paiban / typst wall-time ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
