"""`paiban import --into`: appended in place, comments and layout kept, atomically, passing check."""

from __future__ import annotations

import difflib
import shutil

import pytest
from click.testing import CliRunner

from conftest import REFERENCE, ROOT
from typeset.cli import main

FIXTURES = ROOT / "tests" / "fixtures" / "import"


def run(*args: str):
    """Invoke the CLI."""
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def reference(archive):
    """A copy of the reference issue in a scratch archive."""
    target = archive / REFERENCE.name
    shutil.copy(REFERENCE, target)
    return target


@pytest.fixture
def next_issue(archive):
    """A new issue as `paiban new` writes it after the reference issue."""
    shutil.copy(REFERENCE, archive / REFERENCE.name)
    assert run("new", str(archive)).exit_code == 0
    return archive / "2024-08.yaml"


def only_insertions(before: str, after: str) -> list[str]:
    """The lines added, asserting that none of the old lines changed or went."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True), autojunk=False)
    added = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, before.splitlines(True)[i1:i2])
        added += after.splitlines(True)[j1:j2] if tag == "insert" else []
    return added


def test_an_article_is_appended_to_its_section_and_nothing_else_moves(reference):
    before = reference.read_text(encoding="utf-8")
    result = run("import", str(FIXTURES / "binjiang.docx"), "--into", str(reference), "--section", "代表工作")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{reference}: 1 article added to 代表工作"
    after = reference.read_text(encoding="utf-8")
    added = only_insertions(before, after)
    assert added[0] == "      - title: 滨江区：“四位一体”议事机制让民意“直通车”跑起来\n"
    assert added[1] == "        byline: 滨江区人大常委会西兴街道工委 于江悦\n"
    assert after.index(added[0]) < after.index("  - label: 情况交流") and after.index(added[0]) > after.index(
        "建德市：大洋镇")
    assert after.startswith("# 《杭州人大信息》2024年第7期")
    checked = run("check", str(reference))
    assert checked.exit_code == 0, checked.output


def test_the_issue_keeps_its_permissions_and_a_link_to_it_stays_a_link(reference, tmp_path):
    reference.chmod(0o640)
    link = tmp_path / "current.yaml"
    link.symlink_to(reference)
    result = run("import", str(FIXTURES / "binjiang.md"), "--into", str(link), "--section", "代表工作")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "滨江区" in reference.read_text(encoding="utf-8")
    assert reference.stat().st_mode & 0o777 == 0o640


def test_the_placeholders_of_paiban_new_are_replaced_and_the_comments_kept(next_issue):
    before = next_issue.read_text(encoding="utf-8")
    assert run("import", str(FIXTURES / "xihu.docx"), "--into", str(next_issue), "--section", "要闻速递").exit_code == 0
    result = run("import", str(FIXTURES / "briefs.docx"), "--briefs", "--into", str(next_issue), "--section", "信息摘登")
    assert result.exit_code == 0, result.output
    assert "3 briefs added to 信息摘登 (in place of the placeholder)" in result.stdout
    after = next_issue.read_text(encoding="utf-8")
    assert after.count("【待填") == before.count("【待填") - 5  # title, byline, body; text, byline
    for line in before.splitlines():
        if "【待填" not in line and "# lead:" not in line:
            assert line in after.splitlines()
    assert "    briefs:                       # 每条信息一项，可复制增加\n      - text: 西湖区人大常委会" in after
    assert after.endswith("# footer:                         # 本期版记与 publication.yaml 不同时才写，例如：\n"
                          "#   editor: 责任编辑姓名\n")


def test_comments_after_the_last_item_stay_at_the_end_when_more_is_appended(next_issue):
    for _time in range(2):
        result = run("import", str(FIXTURES / "briefs.docx"), "--briefs", "--into", str(next_issue), "--section",
                     "信息摘登")
        assert result.exit_code == 0, result.output
    after = next_issue.read_text(encoding="utf-8")
    assert after.count("  lead: 西湖区\n") == 2
    assert after.endswith("        byline: 淳安县人大常委会预算工委 何智燕\n"
                          "# footer:                         # 本期版记与 publication.yaml 不同时才写，例如：\n"
                          "#   editor: 责任编辑姓名\n")


def test_an_issue_saved_meanwhile_is_left_as_it_was_saved(reference, monkeypatch):
    from typeset.importing import into

    saved = reference.read_text(encoding="utf-8") + "# saved by the editor\n"
    checking = into.findings

    def findings_while_the_editor_saves(path):
        reference.write_text(saved, encoding="utf-8")
        return checking(path)

    monkeypatch.setattr(into, "findings", findings_while_the_editor_saves)
    result = run("import", str(FIXTURES / "binjiang.md"), "--into", str(reference), "--section", "代表工作")
    assert result.exit_code == 1
    assert "was saved by someone else during the import" in result.stderr
    assert reference.read_text(encoding="utf-8") == saved


def test_an_unknown_section_is_a_positioned_error_naming_the_sections(reference):
    before = reference.read_bytes()
    result = run("import", str(FIXTURES / "xihu.docx"), "--into", str(reference), "--section", "要闻")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].endswith("2024-07.yaml:9:1: error: the issue has no section labelled '要闻'")
    assert lines[1:4] == ["  |", "9 | sections:", "  | ^"]
    assert lines[4] == "  hint: use --section with one of: 要闻速递、助力攻坚、代表工作、情况交流、信息摘登"
    assert reference.read_bytes() == before


def test_articles_are_refused_by_a_briefs_section_and_briefs_by_an_articles_section(reference):
    before = reference.read_bytes()
    wrong = run("import", str(FIXTURES / "xihu.docx"), "--into", str(reference), "--section", "信息摘登")
    assert wrong.exit_code == 2
    assert "section '信息摘登' holds briefs, not articles; import with --briefs" in wrong.stderr
    other = run("import", str(FIXTURES / "briefs.docx"), "--briefs", "--into", str(reference), "--section", "要闻速递")
    assert other.exit_code == 2
    assert reference.read_bytes() == before


def test_a_result_that_would_not_pass_check_leaves_the_issue_as_it_was(reference, tmp_path):
    before = reference.read_bytes()
    source = tmp_path / "odd.txt"
    source.write_text("标题\n\n正文里有一个造字\ue000，没有字体能印。\n", encoding="utf-8")
    result = run("import", str(source), "--into", str(reference), "--section", "要闻速递")
    assert result.exit_code == 1
    assert "U+E000" in result.stderr
    assert f"{reference} was left unchanged: the imported text would not pass paiban check" in result.stderr
    assert reference.read_bytes() == before
    assert sorted(p.name for p in reference.parent.iterdir()) == ["2024-07.yaml", "publication.yaml"]


def test_a_layout_that_cannot_be_kept_is_refused_before_anything_is_read(archive):
    issue = archive / "flow.yaml"
    issue.write_text("number: 8\ntotal: 696\ndate: 2024-06-28\nsections:\n  - label: 要闻速递\n    articles:\n"
                     "    - title: 标题\n      body: 正文。\n  - label: 助力攻坚\n    articles:\n      - title: 又一题\n"
                     "        body: 正文。\n", encoding="utf-8")  # two indentations of lists in one file
    before = issue.read_bytes()
    result = run("import", str(FIXTURES / "xihu.docx"), "--into", str(issue), "--section", "要闻速递")
    assert result.exit_code == 1, result.output
    assert "could not be kept" in result.stderr
    assert issue.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["--into", "x.yaml"], "--into needs --section LABEL"),
    (["--section", "要闻速递"], "--section needs --into ISSUE.yaml"),
])
def test_into_and_section_go_together(args, message):
    result = run("import", str(FIXTURES / "xihu.docx"), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_editors_day_of_the_docs(next_issue):
    """new, three submissions in, the unused sections deleted, check, build: as docs/editing.md shows it."""
    import re

    for submission, label, extra in (("xihu.docx", "要闻速递", ()), ("two-articles.txt", "情况交流", ()),
                                     ("briefs.docx", "信息摘登", ("--briefs",))):
        result = run("import", str(FIXTURES / submission), "--into", str(next_issue), "--section", label, *extra)
        assert result.exit_code == 0, result.output
    text = next_issue.read_text(encoding="utf-8")
    for unused in ("助力攻坚", "代表工作"):
        text = re.sub(rf"  - label: {unused}\n(?:      .*\n|    .*\n)*", "", text)
    next_issue.write_text(text, encoding="utf-8")
    checked = run("check", str(next_issue))
    assert checked.exit_code == 0, checked.output
    built = run("build", str(next_issue), "-o", str(next_issue.with_suffix(".pdf")))
    assert built.exit_code == 0, built.output
    assert "3 pages" in built.stdout


def test_a_picture_becomes_a_figure_saved_beside_the_issue_never_over_another(reference):
    for _time in range(2):
        result = run("import", str(FIXTURES / "with-figure.docx"), "--into", str(reference), "--section", "代表工作")
        assert result.exit_code == 0, result.output
    images = reference.parent / "images"
    assert sorted(p.name for p in images.iterdir()) == ["2024-07-1.png", "2024-07-2.png"]
    assert (images / "2024-07-1.png").read_bytes() == (FIXTURES / "meeting.png").read_bytes()
    text = reference.read_text(encoding="utf-8")
    assert ("        body:\n          - |\n            拱墅区人大常委会在代表联络站召开民生议事会，听取居民意见。\n"
            "          - figure:\n              image: images/2024-07-1.png\n          - |\n"
            "            会后，承办部门逐条答复。\n") in text
    assert "image: images/2024-07-2.png" in text
    checked = run("check", str(reference))
    assert checked.exit_code == 0, checked.output


def test_a_failed_import_takes_its_pictures_back(reference, monkeypatch):
    from typeset.diagnostics import Diagnostic
    from typeset.importing import into

    refused = Diagnostic("error", None, "a finding made up for the test", "", "test")
    monkeypatch.setattr(into, "new_errors", lambda before, after: [refused])
    before = reference.read_bytes()
    result = run("import", str(FIXTURES / "with-figure.docx"), "--into", str(reference), "--section", "代表工作")
    assert result.exit_code == 1
    assert "error: a finding made up for the test" in result.stderr
    assert "was left unchanged" in result.stderr
    assert reference.read_bytes() == before
    assert list((reference.parent / "images").iterdir()) == []
