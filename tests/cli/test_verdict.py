"""One verdict: `build` reports exactly what `check` finds, with the same severity, for the same source."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import MINIMAL


def run(*args: str):
    """Invoke the CLI and return the result."""
    from typeset.cli import main

    return CliRunner().invoke(main, list(args))


def issue(number: int, total: int, date: str) -> str:
    """MINIMAL with another number, total and date."""
    return MINIMAL.replace("number: 8", f"number: {number}").replace("total: 696", f"total: {total}") \
        .replace("date: 2024-06-28", f"date: {date}")


CASES = {
    "three-line title": (MINIMAL.replace("市人大常委会召开会议", "市人大常委会召开会议" * 6), "long-title"),
    "unclosed quote": (MINIMAL.replace("召开第十九次", "召开“第十九次"), "unpaired"),
    "footer alone": (MINIMAL.split("          市人大常委会召开")[0] + "          " + "会" * 480 + "\n", "footer-page"),
    "repeated total": (issue(8, 695, "2024-06-28"), "total-repeated"),
}


@pytest.mark.parametrize("case", CASES)
def test_build_prints_the_findings_of_check(write_issue, tmp_path, case):
    write_issue(issue(7, 695, "2024-05-31"), name="2024-07.yaml")
    text, code = CASES[case]
    source = write_issue(text)
    checked = run("check", "--format", "json", str(source))
    found = json.loads(checked.stdout)
    assert [f["code"] for f in found] == [code]
    target = tmp_path / "out.pdf"
    built = run("build", str(source), "-o", str(target))
    for finding in found:
        assert f"{finding['line']}:{finding['column']}: {finding['severity']}: {finding['message']}" in built.stderr
    has_error = any(f["severity"] == "error" for f in found)
    assert built.exit_code == checked.exit_code == (1 if has_error else 0)
    assert target.exists() is not has_error


def test_strict_makes_a_warning_fatal_in_build_as_in_check(write_issue, tmp_path):
    source = write_issue(MINIMAL.replace("会议，听取", "会议,听取"))
    target = tmp_path / "out.pdf"
    assert run("build", str(source), "-o", str(target)).exit_code == 0 and target.exists()
    target.unlink()
    strict = run("build", "--strict", str(source), "-o", str(target))
    assert strict.exit_code == 1 == run("check", "--strict", str(source)).exit_code
    assert "2024-08.yaml:10:25: error: half-width ','" in strict.stderr and not target.exists()


def test_strict_makes_a_warning_fatal_in_watch_and_rebuild(write_issue, archive, tmp_path):
    from typeset.watch import Rebuild, preview_files

    source = write_issue(MINIMAL.replace("会议，听取", "会议,听取"))
    target = tmp_path / "watched.pdf"
    said = []
    echo = lambda text, err=False: said.append(text)  # noqa: E731
    assert Rebuild(source, target, preview_files(source, target, []), 50, echo)() and target.exists()
    target.unlink()
    assert not Rebuild(source, target, preview_files(source, target, []), 50, echo, strict=True)()
    assert any("2024-08.yaml:10:25: error: half-width ','" in text for text in said) and not target.exists()
    out = tmp_path / "pdfs"
    assert run("rebuild", str(archive), "-o", str(out), "-j", "1").exit_code == 0
    strict = run("rebuild", str(archive), "-o", str(out), "-j", "1", "--strict")
    assert strict.exit_code == 1 and "half-width ','" in strict.output
