"""`paiban build` through click's CliRunner: summary line, exit codes, no output on bad input."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import MINIMAL, REFERENCE
from typeset.cli import main


def run(*args: str):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(main, list(args))


def test_build_writes_the_pdf_and_prints_one_summary_line(write_issue, tmp_path):
    source = write_issue()
    target = tmp_path / "out" / "issue.pdf"
    result = run("build", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "2 pages, 0 warnings" in lines[0]


def test_default_output_is_build_folder(write_issue, tmp_path, monkeypatch):
    source = write_issue()
    monkeypatch.chdir(tmp_path)
    assert run("build", str(source)).exit_code == 0
    assert (tmp_path / "build" / "2024-08.pdf").is_file()


@pytest.mark.parametrize("change, words", [
    (("title: 市", "title: [市"), "a value cannot begin with '['"),
    (("number: 8\n", ""), "lacks the required key 'number'"),
    (("total: 696\n", ""), "lacks the required key 'total'"),
    (("date: 2024-06-28\n", ""), "lacks the required key 'date'"),
    (("sections:", "sectoins:"), "did you mean 'sections'?"),
    (("- title:", "- tittle:"), "did you mean 'title'?"),
    (("total: 696", "total: 六九六"), "the total number (总期号) must be a positive whole number"),
    (("date: 2024-06-28", "date: 2024-02-30"), "2024-02-30 is not a real date"),
    (("number: 8", "number: !!python/object/apply:os.system [echo]"), "is not allowed"),
    (("办公厅 张三", "办公厅 张\U00030000"), "(U+30000)"),
])
def test_bad_input_exits_1_with_a_positioned_message_and_writes_nothing(write_issue, tmp_path, change, words):
    source = write_issue(MINIMAL.replace(*change))
    target = tmp_path / "issue.pdf"
    result = run("build", str(source), "-o", str(target))
    assert result.exit_code == 1
    assert words in result.stderr
    assert "2024-08.yaml:" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output
    assert not target.exists()


def test_section_without_articles_is_refused(write_issue, tmp_path):
    source = write_issue(MINIMAL.split("    articles:")[0] + "    articles:\n")
    result = run("build", str(source), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1 and "2024-08.yaml:6:" in result.stderr and "has no articles" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_section_with_articles_and_briefs_is_refused(write_issue, tmp_path):
    source = write_issue(MINIMAL + "    briefs:\n      - text: 某区人大常委会开展调研。\n")
    result = run("build", str(source), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1 and "either articles or briefs" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_failed_build_leaves_the_previous_pdf_untouched(write_issue, tmp_path):
    source = write_issue()
    target = tmp_path / "issue.pdf"
    assert run("build", str(source), "-o", str(target)).exit_code == 0
    before = target.read_bytes()
    write_issue(MINIMAL.replace("number: 8", "number: x"))
    assert run("build", str(source), "-o", str(target)).exit_code == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue.pdf", "issues"]


def test_a_misspelled_key_is_reported_once(write_issue, tmp_path):
    result = run("build", str(write_issue(MINIMAL.replace("- title:", "- tittle:"))), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "1 error;" in result.stderr and "did you mean 'title'?" in result.stderr


def test_an_unwritable_output_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", str(REFERENCE), "-o", str(blocker / "x.pdf"))
    assert result.exit_code == 1
    assert "error:" in result.stderr and "Traceback" not in result.output
    assert not isinstance(result.exception, OSError)


def test_bad_usage_exits_2(tmp_path):
    assert run("build").exit_code == 2
    assert run("build", "a.yaml", "--no-such-option").exit_code == 2


def test_missing_source_file_is_a_clear_error(tmp_path):
    result = run("build", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1 and "file not found" in result.stderr


def test_default_output_is_beside_the_archive_from_any_working_folder(write_issue, tmp_path, monkeypatch):
    source = write_issue()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("build", str(source))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "2024-08.pdf").is_file() and not (elsewhere / "build").exists()
    assert result.stdout.startswith(f"{tmp_path / 'build' / '2024-08.pdf'}: ")


def test_default_output_from_inside_the_archive_folder(write_issue, archive, tmp_path, monkeypatch):
    write_issue()
    monkeypatch.chdir(archive)
    assert run("build", "2024-08.yaml").exit_code == 0
    assert (tmp_path / "build" / "2024-08.pdf").is_file() and not (archive / "build").exists()
