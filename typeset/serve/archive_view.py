"""The archive page's facts: each issue's numbers and state, and a rebuild run in the background."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import (CannotRun, Manifest, cores, first_error, issue_sources, jobs_of, publication_style, rebuild,
                       recipe_of)
from ..files import digest
from ..check import check_issue, read_neighbour
from ..i18n import _
from ..progress import Progress


MOST_CHECKED = 10  # issues not built that are checked for their first error, the newest first


def issue_rows(archive: Path, out: Path, failures: dict[str, tuple[str, str]]) -> list[dict]:
    """One row per issue: name, 期号, 总期号, date, pages and state, the first error of a failed one.

    An issue is failed when the last rebuild failed it and its source is unchanged since, or when
    it is one of the MOST_CHECKED newest issues not built and `check` finds an error in it; the
    other issues not built are out of date (a rebuild tells).
    """
    manifest = Manifest.load(out)
    try:
        recipe = recipe_of(archive, publication_style(archive))
    except CannotRun:
        recipe = None
    rows, checked = [], 0
    for job in reversed(jobs_of(issue_sources(archive), out)):
        row = issue_row(job)
        if recipe is not None and manifest.current(job, recipe):
            row["state"] = "built"
        elif failures.get(job.source.name, ("", ""))[0] == job.digest:
            row["state"], row["message"] = "failed", failures[job.source.name][1]
        elif checked < MOST_CHECKED:
            checked += 1
            errors = [d for d in check_issue(job.source) if d.severity == "error"]
            row["state"], row["message"] = ("failed", errors[0].headline()) if errors else ("stale", "")
        rows.append(row)
    return rows[::-1]


def issue_row(job) -> dict:
    """The archive page's row of one issue, out of date until found otherwise."""
    known = read_neighbour(job.source)
    facts = known[1] if known else None
    return {"name": job.source.stem, "number": facts.number if facts else None,
            "total": facts.total if facts else None, "date": facts.date.isoformat() if facts else None,
            "pages": pages_of(job.output), "state": "stale", "message": ""}


def pages_of(pdf: Path) -> int | None:
    """The page count of a built PDF, or None when there is none."""
    from ..render.png import page_count

    return page_count(pdf) if pdf.is_file() else None


class Watched(Progress):
    """The CLI's progress, kept as numbers and lines for the page to poll."""

    def __init__(self):
        super().__init__(io.StringIO(), live=False)
        self.lines: list[str] = []

    def advance(self, label: str, lines: list[str]) -> None:
        super().advance(label, lines)
        self.lines.append(label)


@dataclass
class Rebuild:
    """The archive's rebuild, run in a thread; one at a time."""

    archive: Path
    out: Path
    progress: Watched | None = None
    running: bool = False
    result: list[str] = field(default_factory=list)
    failures: dict[str, tuple[str, str]] = field(default_factory=dict)  # source name -> (its digest, first error)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, force: bool = False) -> bool:
        """Start a rebuild unless one is running; False when one is."""
        with self.lock:
            if self.running:
                return False
            self.running, self.progress, self.result = True, Watched(), []
        threading.Thread(target=self.run, args=(force,), daemon=True).start()
        return True

    def run(self, force: bool) -> None:
        """Rebuild as `paiban rebuild` does, keeping its summary lines."""
        try:
            summary = rebuild(self.archive, self.out, cores(), force, self.progress)
            self.result = summary.notes() + summary.lines()
            self.failures = {outcome.source.name: (digest(outcome.source), first_error(outcome))
                             for outcome in summary.failed}
        except CannotRun as problem:
            self.result = [str(problem)]
        except Exception as error:  # the server keeps serving whatever a rebuild meets
            self.result = [_("error: {message}").format(message=error)]
        finally:
            self.running = False

    def status(self) -> dict:
        """Done, total, the last lines and, once finished, the summary."""
        progress = self.progress
        return {"running": self.running, "done": progress.done if progress else 0,
                "total": progress.total if progress else 0,
                "status": progress.status() if progress and progress.total else "",
                "lines": progress.lines[-5:] if progress else [], "result": self.result}
