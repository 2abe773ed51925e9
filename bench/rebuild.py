"""Time `paiban rebuild` of a synthetic archive: a full rebuild, a no-change rerun, and reruns after one change.

    python bench/rebuild.py [--count 700] [--jobs 2] [--keep FOLDER]

Each run is a fresh process, timed with perf_counter around the subprocess. Memory is
that of the whole process tree (the command and every worker it spawns), read from
/proc every 20 ms: the peak of the tree's summed resident set size, and as an upper
bound the sum of each process's own peak (VmHWM), which sampling cannot miss.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from synthetic import make_archive

SAMPLE_EVERY = 0.02  # seconds
SUMMARY = re.compile(r"(\d+) issues: (\d+) built, (\d+) up to date, (\d+) failed")


@dataclass
class Run:
    """One measured run of the command."""

    seconds: float
    built: int
    up_to_date: int
    failed: int
    tree_peak: float  # MiB: the largest summed RSS seen at one moment
    peaks_sum: float  # MiB: the sum of every process's own peak RSS


def command(archive: Path, out: Path, jobs: int) -> list[str]:
    """`paiban rebuild` as this interpreter's console script, or through -m."""
    script = Path(sys.executable).parent / "paiban"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "typeset"]
    return launcher + ["rebuild", str(archive), "-o", str(out), "--jobs", str(jobs)]


def measure(args: list[str]) -> Run:
    """Run the command once, sampling the memory of its process tree until it ends."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, text=True)
        tree_peak, own_peaks = 0, {}
        while process.poll() is None:
            resident = {pid: memory(pid) for pid in tree(process.pid)}
            tree_peak = max(tree_peak, sum(now for now, _ in resident.values()))
            own_peaks.update({pid: peak for pid, (_, peak) in resident.items() if peak})
            time.sleep(SAMPLE_EVERY)
        seconds = time.perf_counter() - started
        output = process.stdout.read()
        errors.seek(0)
        if process.returncode != 0 or not SUMMARY.search(output):
            sys.exit(f"failed ({process.returncode}): {' '.join(args)}\n{output}{errors.read().decode()[-3000:]}")
    _, built, current, failed = map(int, SUMMARY.search(output).groups())
    return Run(seconds, built, current, failed, tree_peak / 1024, sum(own_peaks.values()) / 1024)


def tree(root: int) -> list[int]:
    """The process and all its descendants, from the parent ids in /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def memory(pid: int) -> tuple[int, int]:
    """Current and peak resident set size of a process, KiB (0, 0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return tuple(int(fields.get(key, "0 kB").split()[0]) for key in ("VmRSS", "VmHWM"))


def changed_pdfs(out: Path, before: dict[str, int]) -> list[str]:
    """PDFs whose modification time differs from `before`."""
    return sorted(p.name for p in out.glob("*.pdf") if before.get(p.name) != p.stat().st_mtime_ns)


def stamps(out: Path) -> dict[str, int]:
    """Each PDF's modification time."""
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}


def main() -> None:
    """Make the archive, run the four cases and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=700, help="issues in the synthetic archive")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--keep", type=Path, help="make the archive and PDFs here and keep them")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="typeset-rebuild-"))
    archive, out = scratch / "issues", scratch / "build"
    try:
        sources = make_archive(archive, args.count)
        rebuild = command(archive, out, args.jobs)
        results = {"full rebuild": measure(rebuild), "no change": measure(rebuild)}
        chosen = sources[len(sources) // 2]
        before = stamps(out)
        os.utime(chosen)
        results["touch one source"] = measure(rebuild)
        touched = changed_pdfs(out, before)
        before = stamps(out)
        with open(chosen, "a", encoding="utf-8") as source:
            source.write("# edited\n")
        results["edit one source"] = measure(rebuild)
        edited = changed_pdfs(out, before)
        report(results, args, touched, edited, chosen)
    finally:
        if not args.keep:
            shutil.rmtree(scratch)


def report(results: dict[str, Run], args, touched: list[str], edited: list[str], chosen: Path) -> None:
    """Print the table and which PDFs the one-source runs rewrote."""
    print(f"paiban rebuild, {args.count} synthetic issues, --jobs {args.jobs}, {os.cpu_count()} cores")
    print(f"{'run':<31} {'wall':>8} {'issues/s':>9} {'built':>6} {'current':>8} {'failed':>7}"
          f" {'tree peak':>10} {'sum of peaks':>13}")
    for name, run in results.items():
        rate = f"{run.built / run.seconds:.1f}" if run.built else "-"
        print(f"{name:<31} {run.seconds:>6.2f} s {rate:>9} {run.built:>6} {run.up_to_date:>8} {run.failed:>7}"
              f" {run.tree_peak:>6.0f} MiB {run.peaks_sum:>9.0f} MiB")
    print(f"PDFs rewritten after touching {chosen.name}: {touched or 'none'}; after editing it: {edited}")


if __name__ == "__main__":
    main()
