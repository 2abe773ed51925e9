"""`paiban import ISSUE.pdf`: printed issues read back, ours byte for byte, Typst's within 0.995."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PUBLICATION, REFERENCE, ROOT
from typeset.cli import main
from typeset.source import load_issue

TYPST_PDF = ROOT / "tests" / "fixtures" / "import" / "issue695-typst.pdf"
LIBREOFFICE_PDF = ROOT / "tests" / "fixtures" / "import" / "issue695-libreoffice.pdf"


def run(*args: str):
    """Invoke the CLI."""
    return CliRunner().invoke(main, list(args))


def issue_text(path: Path) -> list[str]:
    """Everything an issue prints that its source says, one item a line, in order."""
    issue = load_issue(path)
    lines = [issue.edition.value, f"{issue.number}", f"{issue.total}", issue.date.isoformat()]
    for section in issue.sections:
        lines.append("label " + section.label.value)
        for article in section.articles:
            lines += ["title " + article.title.value, *("para " + p.text for p in article.paragraphs),
                      "byline " + (article.byline.value if article.byline else "")]
        for brief in section.briefs:
            lines += ["brief " + brief.paragraph.text, "byline " + (brief.byline.value if brief.byline else "")]
    return lines + ["footer " + text.value for text in issue.footer.texts()]


def fidelity(expected: list[str], found: list[str]) -> float:
    """difflib's ratio over the non-space characters of two texts."""
    def squeeze(lines):
        return "".join(char for char in "".join(lines) if not char.isspace())

    return difflib.SequenceMatcher(None, squeeze(expected), squeeze(found), autojunk=False).ratio()


def imported(pdf: Path, archive: Path, name: str = "2024-07.yaml") -> Path:
    """The source `paiban import` reads from a PDF, written into a scratch archive."""
    target = archive / name
    result = run("import", str(pdf), "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture
def folder(tmp_path):
    """An empty archive folder with the real publication.yaml."""
    archive = tmp_path / "issues"
    archive.mkdir()
    shutil.copy(PUBLICATION, archive / "publication.yaml")
    return archive


def test_our_pdf_imports_to_the_reference_text_and_builds_byte_identical(reference_build, folder):
    _laid, pdf = reference_build
    source = imported(pdf, folder)
    assert issue_text(source) == issue_text(REFERENCE)
    rebuilt = folder.parent / "rebuilt.pdf"
    result = run("build", str(source), "-o", str(rebuilt))
    assert result.exit_code == 0, result.output
    assert rebuilt.read_bytes() == pdf.read_bytes()


def test_the_imported_source_says_where_it_came_from_and_what_the_masthead_printed(reference_build, folder):
    _laid, pdf = reference_build
    text = imported(pdf, folder).read_text(encoding="utf-8")
    assert text.startswith("# 《杭州人大信息》2024年第7期（总第695期），2024年5月31日。\n"
                           "# 由 paiban import 从 2024-07.pdf 读回。\n")
    assert "# 刊名 masthead: 杭州人大信息\n# 编印 office: 杭州市人大常委会研究室\n" in text
    assert "footer:\n  send:\n    - 省人大常委会办公厅、研究室\n" in text
    assert "  editor: 杨青青\n  phone: (0571)85250657\n" in text


def test_the_typst_pdf_imports_with_its_sections_articles_and_text(folder):
    source = imported(TYPST_PDF, folder)
    issue = load_issue(source)
    assert (issue.number, issue.total, issue.date.isoformat(), issue.edition.value) == (7, 695, "2024-05-31", "普刊")
    assert [s.label.value for s in issue.sections] == ["要闻速递", "助力攻坚", "代表工作", "情况交流", "信息摘登"]
    assert [len(s.articles) for s in issue.sections] == [1, 2, 1, 2, 0]
    assert len(issue.sections[-1].briefs) == 5
    expected, found = issue_text(REFERENCE), issue_text(source)
    assert fidelity(expected, found) >= 0.995
    differences = [line for line in difflib.unified_diff(expected, found, lineterm="", n=0)
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert differences == ["-footer (0571)85250657", "+footer （0571）85250657"]  # Typst's source has full-width ones
    assert run("check", str(source)).exit_code == 0


def test_the_libreoffice_pdf_set_as_an_office_would_imports_to_the_reference_text(folder):
    source = imported(LIBREOFFICE_PDF, folder)
    assert issue_text(source) == issue_text(REFERENCE)
    assert run("check", str(source)).exit_code == 0


def test_a_folder_without_publication_yaml_gets_one_and_the_issue_builds(tmp_path):
    target = tmp_path / "archive" / "2024-07.yaml"
    target.parent.mkdir()
    result = run("import", str(TYPST_PDF), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(target), str(target.parent / "publication.yaml")]
    publication = (target.parent / "publication.yaml").read_text(encoding="utf-8")
    assert "masthead: 杭州人大信息\noffice: 杭州市人大常委会研究室\nfooter:\n  send:\n" in publication
    assert run("build", str(target), "-o", str(tmp_path / "out.pdf")).exit_code == 0


def test_a_publication_yaml_that_differs_from_the_print_is_said(tmp_path, folder):
    text = (folder / "publication.yaml").read_text(encoding="utf-8").replace("office: 杭州市", "office: 某市")
    (folder / "publication.yaml").write_text(text, encoding="utf-8")
    result = run("import", str(TYPST_PDF), "-o", str(folder / "2024-07.yaml"))
    assert result.exit_code == 0
    assert f"{folder / 'publication.yaml'}: office is '某市人大常委会研究室', the PDF printed '杭州市人大常委会研究室'" \
        in result.stderr


def test_a_file_that_is_not_a_pdf_is_one_error_line(tmp_path):
    fake = tmp_path / "old.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    result = run("import", str(fake))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "not a PDF that can be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pdf_cannot_be_appended_into_an_issue(tmp_path):
    result = run("import", str(TYPST_PDF), "--into", str(REFERENCE), "--section", "要闻速递")
    assert result.exit_code == 2
    assert "a printed issue (.pdf) becomes a whole issue" in result.stderr
    assert run("import", str(TYPST_PDF), "--briefs").exit_code == 2


PUBLICATION_WITH_ALL = """\
masthead: 杭州人大信息
office: 杭州市人大常委会研究室
footer:
  report:
    - 省人大常委会
  send:
    - 省人大常委会办公厅、研究室
    - 市人大常委会组成人员，市人大机关各部门，各区、县（市）人大常委会，市直各单位，各区、县（市）人大常委会办公室
  issue_to:
    - 本会各委员会
  editor: 杨青青
  phone: (0571)85250657
style:
  page_numbers: true
"""

ISSUE_WITH_ALL = """\
edition: 专刊
number: 9
total: 697
date: 2024-07-15
sections:
  - label: 要闻速递
    articles:
      - title: 关于进一步加强和改进新时代人大代表工作推动代表履职取得新成效的调研报告
        byline: 研究室 王五
        body: |
          **一是加强组织领导。**市人大常委会召开第十九次会议，听取和审议有关报告，强调要坚持问题导向。

          二是**明晰议事规则**，确保高质高效。会议使用了Word and Excel文档，数据为3.5%和1,000人。
      - title: 第二篇
        body: |
          没有署名的一篇文章，只有一段。
  - label: 信息摘登
    briefs:
      - text: 西湖区人大常委会紧紧围绕“崇军西湖”建设目标，积极推进退役军人工作高质量发展。
        byline: 西湖区人大常委会办公室 方敏杰
        lead: 西湖区
      - text: 滨江区人大常委会探索构建居民议事督办机制。
"""


def test_an_issue_with_every_kind_of_text_comes_back_and_builds_byte_identical(tmp_path):
    """Page numbers, 报/送/发, a two-line title, emphasis, a lead, a byline missing, Latin words, 专刊."""
    original, copy = tmp_path / "original", tmp_path / "copy"
    for folder in (original, copy):
        folder.mkdir()
        (folder / "publication.yaml").write_text(PUBLICATION_WITH_ALL, encoding="utf-8")
    (original / "2024-09.yaml").write_text(ISSUE_WITH_ALL, encoding="utf-8")
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert run("build", str(original / "2024-09.yaml"), "-o", str(first)).exit_code == 0
    source = imported(first, copy, "2024-09.yaml")
    assert issue_text(source) == issue_text(original / "2024-09.yaml")
    text = source.read_text(encoding="utf-8")
    assert "          **一是加强组织领导。**市人大常委会" in text and "二是**明晰议事规则**，" in text
    assert "        lead: 西湖区\n" in text
    assert run("build", str(source), "-o", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()


def test_paragraphs_set_without_a_first_line_indent_are_parted_where_their_last_line_stops_short(tmp_path):
    original, copy = tmp_path / "original", tmp_path / "copy"
    for folder in (original, copy):
        folder.mkdir()
        (folder / "publication.yaml").write_text(
            PUBLICATION.read_text(encoding="utf-8").replace("style:\n", "style:\n  indent: 0\n"), encoding="utf-8")
    shutil.copy(REFERENCE, original / REFERENCE.name)
    pdf = tmp_path / "flush.pdf"
    assert run("build", str(original / REFERENCE.name), "-o", str(pdf)).exit_code == 0
    assert issue_text(imported(pdf, copy)) == joined_after_full_lines(issue_text(REFERENCE), full_lines(pdf))


def full_lines(pdf: Path) -> list[str]:
    """The text of every body line of the PDF that ends within a body character (16 pt) of the text block's
    right edge, as a paragraph's running-on line does."""
    import pdfplumber

    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines = page.extract_text_lines(strip=True)
            right = max(line["x1"] for line in lines)
            found += [line["text"].replace(" ", "") for line in lines if line["x1"] >= right - 16.0]
    return found


def joined_after_full_lines(items: list[str], full: list[str]) -> list[str]:
    """The items with each paragraph joined to the next where its last line is full: set flush, nothing
    in the print tells the two apart."""
    joined: list[str] = []
    for item in items:
        previous = joined[-1] if joined else ""
        if (item.startswith("para ") and previous.startswith("para ")
                and any(len(line) > 10 and previous.endswith(line) for line in full)):
            joined[-1] = previous + item[len("para "):]
        else:
            joined.append(item)
    return joined
