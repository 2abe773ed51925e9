"""`paiban check` through click's CliRunner: positioned findings, hints, exit codes, JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import MINIMAL, REFERENCE
from typeset.check import check_pairs
from typeset.diagnostics import Report
from typeset.source import Located

# MINIMAL's first body line: line 10, text from column 11.
BODY_LINE = "市人大常委会召开第十九次会议，听取和审议有关报告。"


def run(*args: str):
    """Invoke the CLI and return the result."""
    from typeset.cli import main

    return CliRunner().invoke(main, list(args))


def findings(*args: str) -> tuple[int, list[dict]]:
    """Exit code and the JSON findings of a check."""
    result = run("check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def codes(found: list[dict]) -> list[str]:
    """The codes of the findings, in order."""
    return [f["code"] for f in found]


def test_the_reference_issue_passes_without_half_width_marks():
    result = run("check", str(REFERENCE))
    assert result.exit_code == 0, result.output
    assert "half-width" not in result.stdout and "error:" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 file checked: 0 errors")


def test_a_clean_issue_reports_nothing(write_issue):
    result = run("check", str(write_issue()))
    assert result.exit_code == 0
    assert result.stdout == "1 file checked: 0 errors, 0 warnings\n"


def test_half_width_marks_are_warnings_with_place_and_hint(write_issue):
    source = write_issue(MINIMAL.replace("会议，听取", "会议,听取"))
    result = run("check", str(source))
    assert result.exit_code == 0
    shown = ("2024-08.yaml:10:25: warning: half-width ',' in Chinese text\n"
             "   |\n"
             "10 |           市人大常委会召开第十九次会议,听取和审议有关报告。\n"
             "   |                                       ^\n"
             "  hint: use the full-width ，")
    assert shown in result.stdout
    assert run("check", "--strict", str(source)).exit_code == 1


def test_an_unpaired_quote_is_an_error_at_its_place(write_issue):
    source = write_issue(MINIMAL.replace("召开第十九次", "召开“第十九次"))
    result = run("check", str(source))
    assert result.exit_code == 1
    assert "2024-08.yaml:10:19: error: '“' is never closed" in result.stdout
    assert "hint: add the closing '”'" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"


def test_a_closing_mark_without_its_opening_one(write_issue):
    code, found = findings(str(write_issue(MINIMAL.replace("召开会议", "召开会议》"))))
    assert code == 1 and codes(found) == ["unpaired"]
    assert (found[0]["line"], found[0]["column"]) == (7, 26) and "closes nothing" in found[0]["message"]


@pytest.mark.parametrize("text, unpaired", [
    ("《方案》“市长·代表”（试行）【注】‘引’", []),
    ("“他说‘好’”", []),
    ("“《方案”》", ["《", "》"]),
    ("（一）二）", ["）"]),
    ("【注", ["【"]),
])
def test_pairs_within_one_text(text, unpaired):
    report = Report()
    check_pairs(Located(text, "x.yaml", tuple((1, i + 1) for i in range(len(text)))), report)
    assert [text[d.position.column - 1] for d in report.items] == unpaired


def test_a_title_of_60_characters_is_an_error(write_issue):
    source = write_issue(MINIMAL.replace("市人大常委会召开会议", "市人大常委会召开会议" * 6))
    code, found = findings(str(source))
    assert code == 1 and codes(found) == ["long-title"]
    assert (found[0]["line"], found[0]["column"]) == (7, 16)
    assert "is set in 4 lines" in found[0]["message"] and "shorten it to about 36" in found[0]["hint"]


def test_two_line_titles_pass(write_issue):
    assert findings(str(write_issue(MINIMAL.replace("市人大常委会召开会议", "市人大常委会召开会议" * 3))))[1] == []


def test_a_label_too_long_for_the_toc_column_is_a_warning(write_issue):
    code, found = findings(str(write_issue(MINIMAL.replace("label: 要闻速递", "label: 要闻速递动态"))))
    assert code == 0 and codes(found) == ["long-label"] and found[0]["line"] == 5


def test_a_footer_on_a_page_of_its_own_is_a_warning(write_issue):
    # Title, 18 body lines and the byline leave page 2 two lines: the four-line footer moves to page 3.
    source = write_issue(MINIMAL.split("          市人大常委会召开")[0] + "          " + "会" * 480 + "\n")
    code, found = findings(str(source))
    assert code == 0 and codes(found) == ["footer-page"]
    assert found[0]["line"] == 10
    assert "takes 4 lines but page 2 has 2 left" in found[0]["message"] and "(page 3)" in found[0]["message"]
    assert "cut about 2 lines" in found[0]["hint"]


def test_errors_the_build_refuses_are_reported_with_their_place(write_issue):
    result = run("check", str(write_issue(MINIMAL.replace("title: 市", "title: [市"))))
    assert result.exit_code == 1 and "2024-08.yaml:7:16:" in result.stdout and "cannot begin with" in result.stdout
    code, found = findings(str(write_issue(MINIMAL.replace("办公厅 张三", "办公厅 张\U00030000"))))
    assert code == 1 and codes(found) == ["missing-glyph"] and found[0]["line"] == 8


def issue(number: int, total: int, date: str) -> str:
    """MINIMAL with another number, total and date."""
    return MINIMAL.replace("number: 8", f"number: {number}").replace("total: 696", f"total: {total}") \
        .replace("date: 2024-06-28", f"date: {date}")


def test_a_total_that_repeats_the_previous_issue_is_an_error(write_issue):
    write_issue(issue(7, 695, "2024-05-31"), name="2024-07.yaml")
    source = write_issue(issue(8, 695, "2024-06-28"))
    code, found = findings(str(source))
    assert code == 1 and codes(found) == ["total-repeated"]
    assert (found[0]["file"].endswith("2024-08.yaml"), found[0]["line"], found[0]["column"]) == (True, 2, 8)
    assert "repeats that of 2024-07.yaml" in found[0]["message"]


@pytest.mark.parametrize("number, total, date, expected, line", [
    (8, 696, "2024-06-28", [], None),
    (8, 698, "2024-06-28", ["total-missing"], 2),
    (8, 696, "2024-05-01", ["date-order"], 3),
    (7, 696, "2024-06-28", ["number-repeated"], 1),
    (10, 696, "2024-06-28", ["number-missing"], 1),
    (6, 696, "2024-06-28", ["number-order"], 1),
    (1, 696, "2025-01-10", [], None),
    (3, 696, "2025-01-10", ["number-missing"], 1),
])
def test_number_total_and_date_follow_the_issue_before(write_issue, number, total, date, expected, line):
    write_issue(issue(7, 695, "2024-05-31"), name="2024-07.yaml")
    code, found = findings(str(write_issue(issue(number, total, date))))
    assert codes(found) == expected
    assert [f["line"] for f in found] == ([line] if line else [])
    assert code == (1 if any(f["severity"] == "error" for f in found) else 0)


def test_a_repeat_is_found_from_either_issue(write_issue):
    write_issue(issue(9, 697, "2024-07-30"), name="2024-09.yaml")
    code, found = findings(str(write_issue(issue(8, 697, "2024-06-28"))))
    assert code == 1 and codes(found) == ["total-repeated"] and "2024-09.yaml" in found[0]["message"]


def test_unreadable_neighbours_and_later_issues_are_left_alone(write_issue, archive):
    (archive / "broken.yaml").write_text("number: [", encoding="utf-8")
    write_issue(issue(9, 697, "2024-07-30"), name="2024-09.yaml")
    code, found = findings(str(write_issue()))
    assert (code, found) == (0, [])


def test_several_files_and_json(write_issue):
    first = write_issue(issue(7, 695, "2024-05-31").replace("召开会议", "召开会议（"), name="2024-07.yaml")
    second = write_issue(MINIMAL.replace("会议，听取", "会议,听取"))
    code, found = findings(str(first), str(second))
    assert code == 1
    assert [(f["file"].rsplit("/", 1)[-1], f["severity"], f["code"]) for f in found] == [
        ("2024-07.yaml", "error", "unpaired"), ("2024-08.yaml", "warning", "half-width")]
    assert set(found[0]) == {"severity", "code", "file", "line", "column", "message", "hint"}
    assert run("check", str(first), str(second)).stdout.splitlines()[-1] == "2 files checked: 1 error, 1 warning"


def test_check_needs_a_file():
    assert run("check").exit_code == 2


def test_explicit_breaks_count_as_title_lines(write_issue):
    source = write_issue(MINIMAL.replace("市人大常委会召开会议", "|\n          市人大\n          常委会\n          召开会议"))
    code, found = findings(str(source))
    assert code == 1 and codes(found) == ["long-title"]
    assert "is set in 3 lines" in found[0]["message"] and "line break" in found[0]["hint"]
    two = write_issue(MINIMAL.replace("市人大常委会召开会议", "|\n          市人大常委会\n          召开会议"))
    assert findings(str(two)) == (0, [])


def test_publication_yaml_among_the_files_is_checked_as_a_publication(write_issue, archive):
    source = write_issue()
    result = run("check", str(source), str(archive / "publication.yaml"))
    assert result.exit_code == 0, result.output
    assert "unknown key" not in result.stdout
    assert result.stdout.splitlines()[-1] == "2 files checked: 0 errors, 0 warnings"


def test_a_broken_publication_is_reported_once_however_many_issues_use_it(write_issue, archive):
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8") + "stlye: {}\n", encoding="utf-8")
    issues = [str(write_issue(name=name)) for name in ("2024-08.yaml", "2024-09.yaml")]
    code, found = findings(*issues, str(publication))
    assert code == 1
    assert [(f["file"], f["line"], f["message"]) for f in found] == [
        (str(publication), line_count(publication), "unknown key 'stlye' in the publication")]


def test_publication_yaml_alone_reports_its_own_findings(archive):
    publication = archive / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("masthead:", "mashead:"), encoding="utf-8")
    result = run("check", str(publication))
    assert result.exit_code == 1
    assert "unknown key 'mashead' in the publication" in result.stdout
    assert "in the issue" not in result.stdout


def test_the_reference_issue_has_one_single_dash_where_a_dash_belongs():
    code, found = findings(str(REFERENCE))
    assert code == 0 and [(f["code"], f["line"], f["column"]) for f in found] == [("dash", 86, 89)]


@pytest.mark.parametrize("text, expected", [
    ("推动院前急救零距离—山区乡村应急救援。", ["dash"]),
    ("推动院前急救零距离——山区乡村应急救援。", []),
    ("沈括（1031—1095）是北宋人。", []),
    ("他说：‘三个全’要落实。", ["quotes"]),
    ("他说：“要落实‘三个全’。”", []),
    ("“一”‘二’", ["quotes"]),
])
def test_check_warns_on_a_lone_dash_and_on_single_outer_quotes(write_issue, text, expected):
    code, found = findings(str(write_issue(MINIMAL.replace("会议指出，要坚持问题导向，推动工作落实。", text))))
    assert code == 0 and codes(found) == expected
    assert all(f["severity"] == "warning" for f in found)


def line_count(path) -> int:
    """How many lines a file has: an appended line's number."""
    return len(path.read_text(encoding="utf-8").splitlines())


def test_each_character_drawn_from_a_fallback_face_is_a_warning_at_its_place(write_issue):
    source = write_issue(MINIMAL.replace("听取和审议有关报告", "听取郭彧杰、王堃的报告"))
    code, found = findings(str(source))
    fallbacks = [f for f in found if f["code"] == "fallback-glyph"]
    assert code == 0 and [(f["line"], f["column"]) for f in fallbacks] == [(10, 29), (10, 33)]
    assert "'彧' (U+5F67) is drawn from LXGWWenKai-Regular, not the body text font FandolFang-Regular" \
        in fallbacks[0]["message"] and "'堃'" in fallbacks[1]["message"]
