"""`paiban new`: the next issue's numbers, date and sections, placeholders that check reports, refusals."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from conftest import MINIMAL, REFERENCE, ROOT
from typeset.cli import main
from typeset.new import median_gap, month_after, next_issue


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def reference(archive):
    """The scratch archive holding a copy of the reference issue."""
    shutil.copy(REFERENCE, archive / REFERENCE.name)
    return archive


def test_new_writes_the_next_issue_after_the_reference(reference):
    result = run("new", str(reference))
    assert result.exit_code == 0, result.output
    written = reference / "2024-08.yaml"
    assert result.stdout.strip() == str(written)
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert (data["number"], data["total"], data["date"]) == (8, 696, dt.date(2024, 6, 30))
    labels = [section["label"] for section in yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["sections"]]
    assert [section["label"] for section in data["sections"]] == labels
    assert [sorted(section) for section in data["sections"]][-1] == ["briefs", "label"]
    assert data["sections"][0]["articles"] == [{"title": "【待填：标题】", "byline": "【待填：署名】", "body": "【待填：正文】\n"}]
    assert data["sections"][-1]["briefs"] == [{"text": "【待填：正文】", "byline": "【待填：署名】"}]
    assert "# 期号" in written.read_text(encoding="utf-8")


def test_check_lists_every_placeholder_at_its_line_and_column(reference):
    written = reference / "2024-08.yaml"
    assert run("new", str(reference)).exit_code == 0
    result = run("check", str(written))
    assert result.exit_code == 1
    lines = written.read_text(encoding="utf-8").splitlines()
    expected = [f"{written}:{row}:{line.index('【待填') + 1}: error: " for row, line in enumerate(lines, 1)
                if "【待填" in line.split("#")[0]]
    found = [line for line in result.stdout.splitlines() if "is still to be filled in" in line]
    assert len(found) == len(expected) == 14
    assert [line.split("error: ")[0] + "error: " for line in found] == expected
    assert "hint: replace it with the real text" in result.stdout
    assert run("check", str(written), "--format", "json").stdout.count('"code": "placeholder"') == 14


def test_build_refuses_the_placeholders_as_check_does(reference, tmp_path):
    assert run("new", str(reference)).exit_code == 0
    result = run("build", str(reference / "2024-08.yaml"), "-o", str(tmp_path / "out.pdf"))
    assert result.exit_code == 1 and "【待填：标题】 is still to be filled in" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_a_date_in_a_new_year_restarts_the_number(reference):
    result = run("new", str(reference), "--date", "2025-01-10")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((reference / "2025-01.yaml").read_text(encoding="utf-8"))
    assert (data["number"], data["total"], data["date"]) == (1, 696, dt.date(2025, 1, 10))


def test_an_existing_file_is_never_overwritten(reference):
    taken = reference / "2024-08.yaml"
    taken.write_text("draft: kept\n", encoding="utf-8")
    result = run("new", str(reference))
    assert result.exit_code == 2 and "2024-08.yaml exists already" in result.stderr
    assert taken.read_text(encoding="utf-8") == "draft: kept\n"


@pytest.mark.parametrize("date", ["2025-02-30", "2025-1", "tomorrow", "", "2024-05-30"])
def test_a_bad_date_is_bad_usage(reference, date):
    result = run("new", str(reference), "--date", date)
    assert result.exit_code == 2 and "--date" in result.stderr
    assert sorted(p.name for p in reference.iterdir()) == ["2024-07.yaml", "publication.yaml"]


def test_an_archive_without_a_readable_issue_is_an_error(archive):
    (archive / "draft.yaml").write_text("number: x\n", encoding="utf-8")
    result = run("new", str(archive))
    assert result.exit_code == 1 and "write the first issue by hand" in result.stderr


def test_the_highest_total_and_the_median_gap_decide(write_issue, archive):
    for number, total, date in [(3, 500, "2024-03-01"), (5, 502, "2024-03-29"), (4, 501, "2024-03-15")]:
        write_issue(MINIMAL.replace("number: 8", f"number: {number}").replace("total: 696", f"total: {total}")
                    .replace("2024-06-28", date), f"2024-{number:02d}.yaml")
    (archive / "broken.yaml").write_text("number: [\n", encoding="utf-8")
    issue = next_issue(archive)
    assert (issue.number, issue.total, issue.date, issue.after.name) == (6, 503, dt.date(2024, 4, 12), "2024-05.yaml")
    assert [section.label for section in issue.sections] == ["要闻速递"]


def test_unreadable_sections_give_one_news_section(write_issue, archive):
    write_issue("number: 2\ntotal: 9\ndate: 2024-02-01\nsections: none\n", "2024-02.yaml")
    issue = next_issue(archive)
    assert [(s.label, s.briefs) for s in issue.sections] == [("要闻速递", False)]
    assert issue.date == dt.date(2024, 3, 1)


def test_gaps_and_months():
    assert month_after(dt.date(2024, 5, 31)) == dt.date(2024, 6, 30)
    assert month_after(dt.date(2024, 12, 15)) == dt.date(2025, 1, 15)
    assert month_after(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
    assert median_gap([]) is None


def test_new_in_a_real_process(reference, tmp_path):
    folder = tmp_path / "project"
    shutil.copytree(reference, folder / "issues")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "typeset", "new"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == os.path.join("issues", "2024-08.yaml")
    assert re.search(r"^number: 8 ", (folder / "issues" / "2024-08.yaml").read_text(encoding="utf-8"), re.M)
    again = subprocess.run([sys.executable, "-m", "typeset", "new", "--date", "2024-06-30"], cwd=folder, env=env,
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and again.stdout.strip() == os.path.join("issues", "2024-09.yaml")
