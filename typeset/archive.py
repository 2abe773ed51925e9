"""Rebuild an archive folder: every issue in worker processes, only what changed, safe to interrupt."""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from . import __version__, files
from .archive_checks import Facts, check_archive
from .build import count_pages
from .diagnostics import Diagnostic, Report, display_path
from .fonts import resolve, search_folders
from .i18n import _, ngettext
from .progress import Progress
from .source import load_publication
from .source.reader import MAX_SOURCE_BYTES
from .style import ROLES, Style
from .workers import PUBLICATION, Outcome, build_one, died, start_worker, unexpected

MANIFEST = ".typeset-manifest.json"
MANIFEST_VERSION = 2
LOCK = ".typeset-rebuild.lock"
SAVE_EVERY = 1.0  # seconds between manifest writes while issues complete
IN_FLIGHT_PER_WORKER = 2  # enough to keep workers busy; few enough to know who was running


class CannotRun(Exception):
    """The rebuild cannot start: the output folder is busy or there is nothing to build."""


class Interrupted(Exception):
    """The run was stopped by a signal; what finished is recorded."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


@dataclass(frozen=True)
class Job:
    """One issue to build: its source, the source's digest and stamp, and the PDF to write."""

    source: Path
    digest: str | None
    output: Path
    source_stamp: files.Stamp | None = None


@dataclass
class Summary:
    """What a rebuild did and found."""

    built: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    up_to_date: int = 0
    orphans: list[Path] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    def notes(self) -> list[str]:
        """Orphaned PDFs and archive-wide findings, one message each."""
        return ([_("orphaned: {pdf}, its source is gone").format(pdf=display_path(pdf)) for pdf in self.orphans]
                + [str(finding) for finding in self.findings])

    def lines(self) -> list[str]:
        """The counts, then each failed source with its first error, then whether the numbering has errors."""
        total = len(self.built) + len(self.failed) + self.up_to_date
        rate = _(", {rate} issues/s").format(rate=f"{len(self.built) / self.seconds:.1f}") \
            if self.built and self.seconds else ""
        head = ngettext("{total} issue: {built} built, {current} up to date, {failed} failed ({seconds} s{rate})",
                        "{total} issues: {built} built, {current} up to date, {failed} failed ({seconds} s{rate})",
                        total).format(total=total, built=len(self.built), current=self.up_to_date,
                                      failed=len(self.failed), seconds=f"{self.seconds:.1f}", rate=rate)
        failed = [_("failed: {error}").format(error=first_error(outcome)) for outcome in self.failed]
        numbering = [_("the numbering has errors, shown above: fix them in the sources")] if self.wrong_numbers() else []
        return [head] + failed + numbering

    def wrong_numbers(self) -> bool:
        """True when an archive-wide finding is an error, as check counts it."""
        return any(finding.severity == "error" for finding in self.findings)

    def ok(self) -> bool:
        """True when every issue was built and the numbering has no error."""
        return not self.failed and not self.wrong_numbers()


def rebuild(archive: Path, out: Path, workers: int, force: bool, progress: Progress,
            strict: bool = False) -> Summary:
    """Build every issue of `archive` whose PDF in `out` is missing or out of date; `strict` makes warnings fatal."""
    started = time.perf_counter()
    sources = issue_sources(archive)
    if not sources:
        raise CannotRun(_("error: {message}").format(message=_(
            "{archive} holds no issue sources (*.yaml besides {publication})").format(
                archive=display_path(archive), publication=PUBLICATION)))
    style = publication_style(archive)
    with locked(out):
        files.remove_stale(out, earlier=True)  # a killed run's half-written PDFs
        manifest = Manifest.load(out)
        refuse_odd_manifest(manifest.path)
        recipe = recipe_of(archive, style, strict)
        jobs = [job for job in jobs_of(sources, out) if force or not manifest.current(job, recipe)]
        summary = Summary(up_to_date=len(sources) - len(jobs))
        progress.start(len(jobs))
        try:
            with signals_interrupt():
                build_all(jobs, archive, min(workers, len(jobs)), Recorder(manifest, recipe, summary, progress),
                          functools.partial(build_one, strict=True) if strict else build_one)
        finally:
            progress.finish()
            manifest.save()
        summary.orphans = manifest.orphans(sources, out)
        found = check_archive(manifest.facts(sources))
        summary.findings = [replace(d, severity="error") for d in found] if strict else found
        manifest.save()
    summary.seconds = time.perf_counter() - started
    return summary


def refuse_odd_manifest(path: Path) -> None:
    """CannotRun when something other than a file stands where the manifest is saved."""
    if os.path.lexists(path) and not path.is_file():
        raise CannotRun(_("error: {message}").format(message=_(
            "{manifest} is not a file, and rebuild saves its record of the built PDFs there; "
            "remove it and run again").format(manifest=display_path(path))))


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def issue_sources(archive: Path) -> list[Path]:
    """Every issue source of the folder: its *.yaml files except publication.yaml."""
    return sorted(path for path in archive.glob("*.yaml") if path.name != PUBLICATION and path.is_file())


def jobs_of(sources: list[Path], out: Path) -> list[Job]:
    """A job for each source, with the digest of its bytes and its size and mtime as they are now."""
    return [Job(source, files.digest(source, MAX_SOURCE_BYTES), out / f"{source.stem}.pdf", files.stamp(source))
            for source in sources]


# ---------------------------------------------------------------- what decides an issue's PDF

def publication_style(archive: Path) -> Style:
    """The style of the archive's publication.yaml; CannotRun with its errors when it is broken."""
    report = Report()
    publication = load_publication(archive / PUBLICATION, report)
    if publication is None:
        raise CannotRun("\n".join(map(str, report.errors)) + "\n"
                        + _("nothing was built: every issue needs {publication}").format(publication=PUBLICATION))
    return Style(publication.style, publication.style_at)


def recipe_of(archive: Path, style: Style, strict: bool = False) -> str:
    """A digest of everything besides the issue's source that decides its PDF, or whether it is refused."""
    parts = {
        "tool": [__version__, code_digest(), *(metadata.version(name) for name in ("reportlab", "fonttools"))],
        "publication": files.digest(archive / PUBLICATION, MAX_SOURCE_BYTES),
        "fonts": font_stamps(archive, style),
        "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "strict": strict,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def code_digest() -> str:
    """A digest of the typeset package's code, so that changed code rebuilds everything."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def font_stamps(archive: Path, style: Style) -> list[list]:
    """Path, size and modification time of each font file the publication's style resolves to.

    Size and mtime instead of a content hash: hashing some 50 MB of fonts would cost more
    than a whole no-change run.
    """
    paths = {resolve(name, search_folders(archive)) for role in ROLES for name in style.fonts(role)}
    return sorted([str(path.resolve()), *(files.stamp(path) or ())] for path in paths if path is not None)


# ---------------------------------------------------------------- the record in the output folder

class Manifest:
    """What each PDF of the output folder was built from, saved atomically as JSON beside the PDFs."""

    def __init__(self, path: Path, entries: dict[str, dict]):
        self.path = path
        self.entries = entries  # PDF name -> source name, source digest, recipe, PDF stamp, facts
        self.changed = False
        self.saved_at = time.monotonic()

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The folder's manifest; an unreadable or older one counts as empty, so all is rebuilt."""
        path = out / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        except (OSError, ValueError, RecursionError):  # unreadable, truncated, not UTF-8, not JSON, too deep
            data = {}
        issues = data.get("issues") if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION else {}
        entries = {name: entry for name, entry in issues.items() if well_formed(entry)} \
            if isinstance(issues, dict) else {}
        return cls(path, entries)

    def current(self, job: Job, recipe: str) -> bool:
        """True when the job's PDF was built from these exact inputs and is still as written.

        A source whose modification time changed counts as changed even with the same bytes,
        so that touching a source rebuilds it, as make does.
        """
        entry = self.entries.get(job.output.name)
        return (entry is not None and job.digest is not None and entry.get("digest") == job.digest
                and as_stamp(entry.get("source_stamp")) == job.source_stamp
                and entry.get("recipe") == recipe and as_stamp(entry.get("pdf")) == files.stamp(job.output)
                and entry.get("images", {}) == image_digests(job.source.parent, entry.get("images", {})))

    def record(self, job: Job, recipe: str, facts: Facts, images: tuple[Path, ...] = ()) -> None:
        """Remember a PDF just built, and the digest of each image file it shows."""
        folder = job.source.parent
        self.entries[job.output.name] = {"source": job.source.name, "digest": job.digest,
                                         "source_stamp": job.source_stamp, "recipe": recipe,
                                         "pdf": files.stamp(job.output), "facts": facts.as_json(),
                                         "images": image_digests(folder, [image.relative_to(folder).as_posix()
                                                                          for image in images])}
        self.changed = True

    def forget(self, name: str) -> None:
        """Drop a PDF's entry, so its issue is built again next time."""
        if self.entries.pop(name, None) is not None:
            self.changed = True

    def orphans(self, sources: list[Path], out: Path) -> list[Path]:
        """PDFs built here whose source is gone; entries whose PDF is gone too are dropped."""
        names = {source.name for source in sources}
        found = []
        for name, entry in list(self.entries.items()):
            if entry.get("source") in names:
                continue
            if (out / name).exists():
                found.append(out / name)
            else:
                self.forget(name)
        return sorted(found)

    def facts(self, sources: list[Path]) -> list[tuple[Path, Facts]]:
        """The recorded facts of every source that is built."""
        entries = ((source, self.entries.get(f"{source.stem}.pdf")) for source in sources)
        return [(source, Facts.from_json(entry["facts"])) for source, entry in entries if entry]

    def save_now_and_then(self) -> None:
        """Save if the last save is more than SAVE_EVERY seconds old."""
        if time.monotonic() - self.saved_at >= SAVE_EVERY:
            self.save()

    def save(self) -> None:
        """Write the manifest atomically, if anything changed."""
        if not self.changed:
            return
        data = json.dumps({"version": MANIFEST_VERSION, "issues": self.entries},
                          ensure_ascii=False, separators=(",", ":"))
        files.write_atomically(data.encode("utf-8"), self.path)
        self.changed = False
        self.saved_at = time.monotonic()


def image_digests(folder: Path, names) -> dict[str, str | None]:
    """The digest of each image file, by its path relative to the archive folder (None when it is gone)."""
    return {name: files.digest(folder / name) for name in names}


ENTRY_FIELDS = {"source": str, "digest": str, "recipe": str, "source_stamp": list, "pdf": list, "facts": dict}


def well_formed(entry) -> bool:
    """True when a manifest entry has every field with the type save() writes, facts that read back included."""
    if not isinstance(entry, dict) or not all(isinstance(entry.get(key), kind) for key, kind in ENTRY_FIELDS.items()):
        return False
    stamps = entry["source_stamp"] + entry["pdf"]
    if len(stamps) != 4 or not all(type(number) is int for number in stamps):
        return False
    try:
        facts = Facts.from_json(entry["facts"])
    except (AttributeError, KeyError, TypeError, ValueError):
        return False
    return (type(facts.number) is int and type(facts.total) is int
            and all(len(place) == 2 and all(type(n) is int for n in place) for place in facts.at.values()))


def as_stamp(recorded) -> files.Stamp | None:
    """A stamp as the manifest's JSON holds it ([size, mtime]), back as a stamp."""
    return tuple(recorded) if isinstance(recorded, list) else recorded


@contextmanager
def locked(out: Path):
    """Hold the output folder's lock for the block; CannotRun if another rebuild holds it."""
    path = out / LOCK
    try:
        with files.locked(path):
            yield
    except files.Busy:
        raise CannotRun(_("error: {message}").format(message=_(
            "{out} is busy: another paiban rebuild is writing to it (it holds {lock}); "
            "try again when it has finished").format(out=display_path(out), lock=display_path(path)))) from None


# ---------------------------------------------------------------- running the workers

class Recorder:
    """Takes each finished issue: records it, counts it and shows it."""

    def __init__(self, manifest: Manifest, recipe: str, summary: Summary, progress: Progress):
        self.manifest, self.recipe, self.summary, self.progress = manifest, recipe, summary, progress

    def __call__(self, job: Job, outcome: Outcome) -> None:
        if outcome.failed:
            self.summary.failed.append(outcome)
            self.manifest.forget(job.output.name)
            label = _("failed {source}").format(source=display_path(job.source))
        else:
            self.summary.built.append(outcome)
            self.manifest.record(job, self.recipe, outcome.facts, outcome.images)
            label = _("built {output} ({pages})").format(output=display_path(job.output),
                                                          pages=count_pages(outcome.pages))
        self.progress.advance(label, [placed(outcome, d) for d in outcome.diagnostics])
        self.manifest.save_now_and_then()


def build_all(jobs: list[Job], archive: Path, workers: int, finished, task=build_one) -> None:
    """Build the jobs in worker processes with task(source, output), calling finished(job, outcome) as each ends."""
    waiting = jobs
    while waiting:
        suspects, waiting = build_in_pool(waiting, archive, workers, workers * IN_FLIGHT_PER_WORKER, finished, task)
        while suspects:  # one at a time, so that a worker that dies again names its issue
            lost, suspects = build_in_pool(suspects, archive, 1, 1, finished, task)
            for job in lost:
                finished(job, died(job.source, job.output))


def build_in_pool(jobs: list[Job], archive: Path, workers: int, in_flight: int, finished,
                  task) -> tuple[list[Job], list[Job]]:
    """Build jobs in one pool; if a worker dies, return the jobs in flight and those never sent."""
    waiting = deque(jobs)
    running = {}
    spawn = multiprocessing.get_context("spawn")  # fresh workers: no inherited lock or parent state
    with ProcessPoolExecutor(workers, mp_context=spawn, initializer=start_worker,
                             initargs=(str(archive), os.getpid())) as pool:
        while waiting or running:
            while waiting and len(running) < in_flight:
                job = waiting.popleft()
                running[pool.submit(task, job.source, job.output)] = job
            done, _ = wait(running, timeout=STOP_POLL_SECONDS, return_when=FIRST_COMPLETED)
            broken = [running[future] for future in done if isinstance(future.exception(), BrokenProcessPool)]
            for future in done:
                job = running.pop(future)
                if job not in broken:
                    finished(job, result(future, job))
            if broken:
                return broken + list(running.values()), list(waiting)
            if STOP_REQUESTS:
                pool.shutdown(wait=True, cancel_futures=True)
                raise Interrupted(STOP_REQUESTS[0])
    return [], []


def result(future, job: Job) -> Outcome:
    """A finished future's outcome, or an error outcome if it raised."""
    error = future.exception()
    return Outcome(job.source, job.output, diagnostics=[unexpected(error)]) if error else future.result()


STOP_REQUESTS: list[int] = []  # signals received during a rebuild, oldest first
STOP_POLL_SECONDS = 0.1  # how often the pool's loop looks for them


@contextmanager
def signals_interrupt():
    """Turn SIGTERM, SIGHUP and SIGINT into Interrupted, so the run records what finished before it leaves.

    The handler only notes the signal: raising inside it could leave the worker pool's lock held
    and its shutdown waiting for ever; the pool's loop raises Interrupted between waits instead.
    """
    def stop(signum, _frame):
        STOP_REQUESTS.append(signum)

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    STOP_REQUESTS.clear()
    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    try:
        yield
    finally:
        STOP_REQUESTS.clear()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def placed(outcome: Outcome, diagnostic: Diagnostic) -> str:
    """A diagnostic as printed, naming the issue's source when it is not placed in that source."""
    text = str(diagnostic)
    in_source = diagnostic.position and diagnostic.position.file == display_path(outcome.source)
    return text if in_source else f"{display_path(outcome.source)}: {text}"


def first_error(outcome: Outcome) -> str:
    """The first line of an outcome's first error, with its place."""
    error = next(d for d in outcome.diagnostics if d.severity == "error")
    return placed(outcome, error).splitlines()[0]
