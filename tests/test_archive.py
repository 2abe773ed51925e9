"""Rebuilding an archive: what is rebuilt when, the manifest, the lock, the workers, the checks."""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import os
from pathlib import Path

import pytest

from typeset import archive as rebuilding
from typeset.archive import LOCK, MANIFEST, CannotRun, Job, build_all, rebuild
from typeset.archive_checks import Facts, check_archive, severity
from typeset.progress import Progress
from typeset.source import load_issue
from bench.synthetic import make_archive
from typeset.workers import build_one, reused_fonts


def run(folder: Path, out: Path, force: bool = False, workers: int = 2):
    """Rebuild quietly and return the summary."""
    return rebuild(folder, out, workers, force, Progress(io.StringIO()))


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A synthetic archive of five issues."""
    make_archive(tmp_path / "issues", 5, seed=3)
    return tmp_path / "issues"


# ---------------------------------------------------------------- the synthetic archive

def test_synthetic_archive_is_deterministic_and_numbered_like_the_real_one(tmp_path):
    first = make_archive(tmp_path / "a", 30, seed=7)
    second = make_archive(tmp_path / "b", 30, seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    issues = [load_issue(path) for path in first]
    assert [issue.total for issue in issues] == list(range(1, 31))
    assert [issue.date for issue in issues] == sorted(issue.date for issue in issues)
    for before, after in zip(issues, issues[1:]):
        expected = 1 if after.date.year != before.date.year else before.number + 1
        assert after.number == expected
    assert len({len(path.read_bytes()) for path in first}) > 10  # lengths vary


# ---------------------------------------------------------------- incremental rebuilds

def test_second_run_builds_nothing_and_a_changed_source_only_itself(small, tmp_path):
    out = tmp_path / "build"
    assert len(run(small, out).built) == 5
    again = run(small, out)
    assert (len(again.built), again.up_to_date) == (0, 5)
    changed = sorted(small.glob("2*.yaml"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    once = run(small, out)
    assert [o.source.name for o in once.built] == [changed.name] and once.up_to_date == 4


def test_touching_a_source_rebuilds_exactly_that_one(small, tmp_path):
    out = tmp_path / "build"
    run(small, out)
    touched = sorted(small.glob("2*.yaml"))[1]
    later = touched.stat().st_mtime_ns + 1_000_000_000
    os.utime(touched, ns=(later, later))
    once = run(small, out)
    assert [o.source.name for o in once.built] == [touched.name] and once.up_to_date == 4


def test_a_missing_or_altered_pdf_is_built_again(small, tmp_path):
    out = tmp_path / "build"
    run(small, out)
    pdfs = sorted(out.glob("*.pdf"))
    pdfs[0].unlink()
    pdfs[1].write_bytes(pdfs[1].read_bytes() + b"\n")
    assert sorted(o.output.name for o in run(small, out).built) == [pdfs[0].name, pdfs[1].name]


def test_publication_change_rebuilds_all_and_force_rebuilds_all(small, tmp_path):
    out = tmp_path / "build"
    run(small, out)
    assert len(run(small, out, force=True).built) == 5
    publication = small / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("杨青青", "王小明"), encoding="utf-8")
    assert len(run(small, out).built) == 5


def test_a_deleted_source_leaves_a_reported_orphan(small, tmp_path):
    out = tmp_path / "build"
    run(small, out)
    gone = sorted(small.glob("2*.yaml"))[0]
    gone.unlink()
    summary = run(small, out)
    assert summary.orphans == [out / f"{gone.stem}.pdf"] and summary.orphans[0].exists()
    assert f"orphaned: {out / gone.stem}.pdf, its source is gone" in summary.notes()
    summary.orphans[0].unlink()
    assert run(small, out).orphans == []


def test_an_unreadable_manifest_means_a_full_rebuild(small, tmp_path):
    out = tmp_path / "build"
    run(small, out)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    assert len(run(small, out).built) == 5


def test_stale_temporaries_of_dead_writers_are_removed(small, tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    stale = [out / ".paiban-999999999-0.tmp", out / ".2000-01.pdf.999999999.tmp"]  # as now and formerly named
    live = [out / ".paiban-1-0.tmp", out / f".2000-01.pdf.{os.getpid()}.tmp"]
    for path in stale + live:
        path.write_bytes(b"%PDF-1.4 half")
    run(small, out)
    assert not any(path.exists() for path in stale) and all(path.exists() for path in live)


def test_a_held_lock_makes_the_run_refuse(small, tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    with open(out / LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(CannotRun, match="is busy"):
            run(small, out)
    assert not list(out.glob("*.pdf"))


def test_an_archive_without_issues_is_refused(archive, tmp_path):
    with pytest.raises(CannotRun, match="no issue sources"):
        run(archive, tmp_path / "build")


# ---------------------------------------------------------------- workers

def test_fonts_are_loaded_once_per_process(small):
    from typeset.diagnostics import Report
    from typeset.style import Style

    first = reused_fonts(Style(), small, Report())
    assert reused_fonts(Style(), small, Report()) is first
    assert reused_fonts(Style({"font_body": ["NotoSerifCJKsc-Regular.ttf"]}), small, Report()) is not first


def test_a_worker_builds_the_same_pdf_as_typeset_build(small, tmp_path):
    from typeset.build import build

    source = sorted(small.glob("2*.yaml"))[1]
    outcome = build_one(source, tmp_path / "worker.pdf")
    build(source, tmp_path / "build.pdf")
    assert not outcome.failed and outcome.facts.total == 2
    assert (tmp_path / "worker.pdf").read_bytes() == (tmp_path / "build.pdf").read_bytes()


def test_an_unexpected_exception_is_reported_for_its_file(small, tmp_path, monkeypatch):
    def broken(*_args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("typeset.build.build", broken)
    source = sorted(small.glob("2*.yaml"))[0]
    outcome = build_one(source, tmp_path / "x.pdf")
    assert outcome.failed
    assert "unexpected ZeroDivisionError: division by zero" in rebuilding.first_error(outcome)
    assert rebuilding.first_error(outcome).startswith(str(source))


def dies_on_the_third(source: Path, output: Path):
    """A worker task whose process dies on the third issue of the archive."""
    if source.stem == "2000-03":
        os._exit(3)
    return build_one(source, output)


def test_a_dying_worker_fails_only_its_own_issue(small, tmp_path):
    jobs = [Job(source, "", tmp_path / f"{source.stem}.pdf") for source in sorted(small.glob("2*.yaml"))]
    outcomes = {}
    build_all(jobs, small, 2, lambda job, outcome: outcomes.setdefault(job.source.stem, outcome),
              task=dies_on_the_third)
    assert sorted(outcomes) == sorted(job.source.stem for job in jobs)
    assert [stem for stem, outcome in outcomes.items() if outcome.failed] == ["2000-03"]
    assert "worker process died" in outcomes["2000-03"].diagnostics[0].message


# ---------------------------------------------------------------- archive-wide checks

def facts(name: str, number: int, total: int, date: str) -> tuple[Path, Facts]:
    """An issue's facts with its keys on lines 2 to 4."""
    return Path(name), Facts(number, total, dt.date.fromisoformat(date),
                             {"number": (2, 9), "total": (3, 8), "date": (4, 7)})


def findings(*issues) -> list[str]:
    """The checks' findings as printed, first lines only."""
    return [str(d).splitlines()[0] for d in check_archive(list(issues))]


def test_a_clean_run_of_issues_has_no_findings():
    assert findings(facts("a.yaml", 11, 10, "2023-11-30"), facts("b.yaml", 12, 11, "2023-12-29"),
                    facts("c.yaml", 1, 12, "2024-01-31"), facts("d.yaml", 2, 13, "2024-02-29")) == []


def test_repeated_and_missing_totals_are_reported_at_the_total():
    found = findings(facts("a.yaml", 1, 10, "2024-01-05"), facts("b.yaml", 2, 10, "2024-01-12"),
                     facts("c.yaml", 3, 13, "2024-01-19"))
    assert "b.yaml:3:8: error: total number 10 repeats that of a.yaml" in found
    assert "a.yaml:3:8: error: total number 10 repeats that of b.yaml" in found
    assert "c.yaml:3:8: warning: total numbers 11–12 are missing between b.yaml and this issue" in found


@pytest.mark.parametrize("code, expected", [("total-repeated", "error"), ("number-repeated", "error"),
                                             ("number-order", "error"), ("date-order", "error"),
                                             ("total-missing", "warning"), ("number-missing", "warning")])
def test_repeats_and_disorder_are_errors_and_gaps_warnings(code, expected):
    assert severity(code) == expected


def test_dates_out_of_order_are_reported_at_the_date():
    found = findings(facts("a.yaml", 1, 1, "2024-02-01"), facts("b.yaml", 2, 2, "2024-01-20"))
    assert found == ["b.yaml:4:7: error: date 2024-01-20 is earlier than 2024-02-01 of a.yaml, "
                     "which has a lower total number (1)"]


def test_per_year_numbers_that_skip_repeat_or_do_not_restart_are_reported():
    found = findings(facts("a.yaml", 5, 1, "2023-12-01"), facts("b.yaml", 2, 2, "2024-01-05"),
                     facts("c.yaml", 2, 3, "2024-01-12"), facts("d.yaml", 5, 4, "2024-01-19"))
    assert found == [
        "b.yaml:2:9: warning: number 1 of 2024 is missing before this issue",
        "c.yaml:2:9: error: number 2 of 2024 repeats that of b.yaml",
        "b.yaml:2:9: error: number 2 of 2024 repeats that of c.yaml",
        "d.yaml:2:9: warning: numbers 3–4 of 2024 are missing between c.yaml and this issue",
    ]


def test_the_checks_run_on_every_issue_including_those_up_to_date(small, tmp_path):
    out = tmp_path / "build"
    run(small, out)
    last = sorted(small.glob("2*.yaml"))[-1]
    last.write_text(last.read_text(encoding="utf-8").replace("total: 5", "total: 4"), encoding="utf-8")
    found = [str(d) for d in run(small, out).findings]
    assert any(f"{last}:3:8: error: total number 4 repeats that of" in line for line in found)


# ---------------------------------------------------------------- progress

def test_progress_prints_plain_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream, live=False)
    progress.start(2)
    progress.advance("built a.pdf", [])
    progress.advance("failed b.yaml", ["b.yaml:1:1: error: bad"])
    assert stream.getvalue().splitlines() == ["[1/2] built a.pdf", "[2/2] failed b.yaml", "b.yaml:1:1: error: bad"]


def test_progress_redraws_a_bar_with_rate_and_time_left_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream, live=True)
    progress.start(2)
    progress.advance("built a.pdf", [])
    progress.advance("built b.pdf", ["a warning"])
    progress.finish()
    text = stream.getvalue()
    assert "\r1/2 [" in text and "\r2/2 [" + "#" * 30 + "]" in text and "/s, 0:00 left" in text
    assert "a warning\n" in text and "built a.pdf" not in text
