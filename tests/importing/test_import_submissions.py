"""`paiban import` of submissions written by LibreOffice, pandoc and by hand: the YAML each gives, and the report."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from typeset.cli import main

FIXTURES = ROOT / "tests" / "fixtures" / "import"

XIHU = """\
- title: 西湖区：“三张清单”推动代表建议落地见效
  byline: 西湖区人大常委会办公室 张三
  body: |
    今年以来，西湖区人大常委会聚焦代表建议办理，建立“问题清单”“责任清单”“销号清单”三张清单，推动建议办理从“答复满意”向“落实满意”转变。

    一、**摸清底数建清单。**对今年收到的126件代表建议逐件分析，梳理出群众关心的问题……

    （一）分类交办。按照问题性质分为民生类、发展类、治理类（共三类）。

    （二）限时办理。承办单位须在3个月内答复——超期的由常委会督办！

    二、**跟踪督办销清单。**对已答复的建议开展“回头看”；代表满意的方可销号……

    下一步，西湖区人大常委会将持续完善“三张清单”机制，让代表建议“件件有着落”。
"""

BINJIANG = """\
- title: 滨江区：“四位一体”议事机制让民意“直通车”跑起来
  byline: 滨江区人大常委会西兴街道工委 于江悦
  body: |
    滨江区人大常委会西兴街道工委探索构建“居民议、社区提、街道办、人大督”的议事机制，形成民意表达、建议形成、办理执行、跟踪监督的“全链条”闭环流程。

    1．**居民议。**每月召开居民议事会，收集意见建议20余条。

    2．**社区提。**社区对收集的意见进行梳理，提交街道工委（共12件）。

    3．**街道办。**街道各科室按“谁主管、谁负责”原则办理……
"""

TWO_ARTICLES = """\
- title: 萧山区：“三个全”助力答好中央环保督察考卷
  byline: 萧山区人大常委会办公室 邵羽晨 郭彧杰
  body: |
    萧山区人大常委会深入贯彻落实习近平生态文明思想，以人大法定职责助力答好环保“大考”。

    一是全方位发动，凝聚工作合力。区人大常委会主任会议成员第一时间分赴联系镇街。
- title: 富阳区：“同源共富”代表联络站“跨”出新成果
  byline: 富阳区人大常委会办公室 李扬鸣
  body: |
    富阳区“同源共富”人大代表联络站于2023年建立……
"""

BRIEFS = """\
- text: 西湖区人大常委会紧紧围绕“崇军西湖”建设目标，积极推进退役军人工作高质量发展。
  byline: 西湖区人大常委会办公室 方敏杰
  lead: 西湖区
- text: 临平区人大常委会聚焦低效工业用地有机更新，助推老旧工业园区改造提升。
  byline: 临平区人大常委会办公室 吴子逸
- text: 淳安县人大常委会聚焦土地要素保障，夯实高质量发展基础。
  byline: 淳安县人大常委会预算工委 何智燕
"""


def run(*args: str, env: dict | None = None):
    """Invoke the CLI (its result keeps stdout and stderr apart)."""
    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize("name, expected", [
    ("xihu.docx", XIHU), ("xihu-via-doc.docx", XIHU), ("binjiang.docx", BINJIANG), ("binjiang.md", BINJIANG),
    ("two-articles.txt", TWO_ARTICLES),
])
def test_each_submission_gives_its_article(name, expected):
    result = run("import", str(FIXTURES / name))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_briefs_take_their_bylines_and_a_bold_opening_as_lead():
    result = run("import", str(FIXTURES / "briefs.docx"), "--briefs")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == BRIEFS
    assert "paragraph 1: a title was left out: 信息摘登" in result.stderr


def report_of(name: str, *options: str) -> list[str]:
    """The report lines of an import, the file's name taken off."""
    result = run("import", str(FIXTURES / name), *options)
    assert result.exit_code == 0, result.stderr
    prefix = f"{FIXTURES / name}: "
    return [line[len(prefix):] for line in result.stderr.splitlines() if line.startswith(prefix)]


def test_every_change_is_listed_at_its_paragraph_and_character():
    report = report_of("xihu.docx")
    for line in (
        "paragraph 1, character 4: ':' → '：' (half-width mark next to Chinese made full-width)",
        "paragraph 1, character 5: '\"' → '“' (straight quotes made “ ”)",
        "paragraph 2, character 1: '[ideographic space][ideographic space]' removed (indent removed)",
        "paragraph 2, character 25: '[line break]' removed (manual line break joined)",
        "paragraph 3, character 17: '１２６' → '126' (full-width digits and letters made half-width)",
        "paragraph 3, character 40: '...' → '……' (ellipsis written ……)",
        "paragraph 4, character 10: '[space]' removed (space between Chinese characters removed)",
        "paragraph 4, character 30: '(' → '（' (half-width mark next to Chinese made full-width)",
        "paragraph 5, character 21: '--' → '——' (dash written ——)",
        "paragraph 6, character 35: '。。。' → '……' (ellipsis written ……)",
        "paragraph 7, character 1: '[space][space][space][space]' removed (indent removed)",
        "paragraph 7, character 8: ',' → '，' (half-width mark next to Chinese made full-width)",
        "paragraph 8, character 13: '[ideographic space]' → '[space]' (spaces between office and names made one space)",
    ):
        assert line in report
    assert report[-1] == "40 changes"


def test_the_report_is_in_chinese_for_a_chinese_editor():
    result = run("import", str(FIXTURES / "xihu.docx"), env={"PAIBAN_LANG": "zh"})
    assert result.exit_code == 0
    assert f"{FIXTURES / 'xihu.docx'}：第2段第25字：删去 [换行]（合并手动换行）" in result.stderr.splitlines()


def test_no_normalise_keeps_the_text_and_still_rejoins_the_structure():
    result = run("import", str(FIXTURES / "xihu.docx"), "--no-normalise")
    assert result.exit_code == 0, result.stderr
    assert "- title: 西湖区:\"三张清单\"推动代表建议落地见效\n" in result.stdout \
        or "- title: '西湖区:\"三张清单\"推动代表建议落地见效'\n" in result.stdout
    assert "    今年以来,西湖区人大常委会聚焦代表建议办理,建立\"问题清单\"" in result.stdout
    assert "    （一）分类交办。按 照 问题性质分为民生类、发展类、治理类(共三类)。\n" in result.stdout
    lines = [line for line in result.stderr.splitlines() if "character" in line]
    assert lines and all("indent removed" in line or "line break joined" in line for line in lines)


def test_an_unpaired_straight_quote_is_reported_and_left(tmp_path):
    source = tmp_path / "quote.txt"
    source.write_text('标题\n\n他说"要抓落实"并"推动见效。\n', encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 0
    assert '他说“要抓落实”并"推动见效。' in result.stdout
    assert f'{source}: paragraph 2, character 10: an unpaired straight quote " left as it is: ' \
           f'add its partner or remove it' in result.stderr
    assert result.stderr.splitlines()[-1] == f"{source}: 2 changes; 1 place to look at"


def test_text_in_gb18030_is_read_and_said(tmp_path):
    source = tmp_path / "gbk.txt"
    source.write_bytes("桐庐县:钟山乡争做\n\n钟山乡人大依托平台。\n".encode("gb18030"))
    result = run("import", str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("- title: 桐庐县：钟山乡争做\n")
    assert f"{source}: the file was read as GB18030 (it is not UTF-8)" in result.stderr


def test_a_table_and_a_picture_are_reported_as_not_imported(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("拱墅区：数字赋能监督")
    document.add_paragraph("拱墅区人大常委会建设数字监督平台。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    document.add_paragraph("（拱墅区人大常委会办公室 王五）")
    document.save(tmp_path / "table.docx")
    result = run("import", str(tmp_path / "table.docx"))
    assert result.exit_code == 0, result.stderr
    assert f"{tmp_path / 'table.docx'}: paragraph 3: a table (2 rows) was not imported; set it in by hand" \
        in result.stderr
    assert result.stdout == ("- title: 拱墅区：数字赋能监督\n  byline: 拱墅区人大常委会办公室 王五\n  body: |\n"
                             "    拱墅区人大常委会建设数字监督平台。\n")


def stand_in_office(folder: Path, prepared: Path) -> None:
    """A `soffice` on PATH that 'converts' by copying a prepared .docx where LibreOffice would write it."""
    script = folder / "soffice"
    script.write_text(f"""#!/bin/sh
# -env:UserInstallation=URL --headless --convert-to docx --outdir DIR FILE
[ "$2 $3 $4 $5" = "--headless --convert-to docx --outdir" ] || exit 3
out="$6"; name=$(basename "$7"); stem="${{name%.*}}"
exec /bin/cp '{prepared}' "$out/$stem.docx"
""", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_a_doc_file_goes_through_libreoffice(tmp_path, monkeypatch):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    stand_in_office(bin_folder, FIXTURES / "xihu-via-doc.docx")
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    submission = tmp_path / "西湖区.doc"
    submission.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    result = run("import", str(submission))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == XIHU


def test_a_doc_file_without_libreoffice_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    submission = tmp_path / "old.wps"
    submission.write_bytes(b"WPS")
    result = run("import", str(submission))
    assert result.exit_code == 1
    assert "a .wps file needs LibreOffice to be read, and it is not installed" in result.stderr
    assert "save the file as .docx" in result.stderr
    chinese = run("import", str(submission), env={"PAIBAN_LANG": "zh"})
    assert chinese.exit_code == 1
    assert chinese.stderr.startswith(f"错误：{submission}：读取 .wps 文件需要 LibreOffice，但本机未安装；")


def test_a_failing_conversion_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\necho 'source file could not be loaded' >&2\nexit 1\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "broken.doc").write_bytes(b"x")
    result = run("import", str(tmp_path / "broken.doc"))
    assert result.exit_code == 1
    assert "LibreOffice could not convert the file: source file could not be loaded" in result.stderr


@pytest.mark.parametrize("name, content, message", [
    ("notes.rtf", b"{\\rtf1}", "cannot import a .rtf file"),
    ("fake.docx", b"not a zip", "not a Word .docx document"),
    ("missing.docx", None, "file not found"),
    ("empty.txt", b"\n\n", "no text found to import"),
])
def test_what_cannot_be_read_is_one_error_line(tmp_path, name, content, message):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = run("import", str(tmp_path / name))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_output_file_is_written_once_and_never_overwritten(tmp_path):
    target = tmp_path / "out.yaml"
    assert run("import", str(FIXTURES / "binjiang.md"), "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == BINJIANG
    again = run("import", str(FIXTURES / "binjiang.md"), "-o", str(target))
    assert again.exit_code == 2
    assert target.read_text(encoding="utf-8") == BINJIANG


def test_the_import_libraries_are_not_loaded_by_build():
    import subprocess
    import sys

    code = ("import sys; from typeset.cli import main; from typeset.build import build; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ruamel', 'docx', 'pdfplumber', 'pdfminer')"
            " or m.startswith('typeset.importing')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]", done.stderr


def test_a_title_in_two_paragraphs_is_one_title_in_two_lines_each_normalised_at_its_place(tmp_path):
    source = tmp_path / "two-lines.md"
    source.write_text("# 关于进一步加强人大代表工作\n\n# 推动代表履职取得\"新成效\"的调研报告\n\n正文一段。\n\n"
                      "（研究室 王五）\n", encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("- title: |\n    关于进一步加强人大代表工作\n    推动代表履职取得“新成效”的调研报告\n")
    assert f"{source}: paragraph 2: a second title line was joined to the title above it" in result.stderr
    assert f"{source}: paragraph 2, character 9: '\"' → '“' (straight quotes made “ ”)" in result.stderr


SUBHEADS = """\
- title: 关于加强人大代表工作的调研报告
  byline: 研究室 王五
  body: |
    导语一段。

    **一、基本情况**

    情况一段。

    **二、存在问题**

    问题一段。
"""


def test_lower_headings_are_bold_subheads_not_new_articles(tmp_path):
    import docx

    markdown = tmp_path / "report.md"
    markdown.write_text("# 关于加强人大代表工作的调研报告\n\n导语一段。\n\n## 一、基本情况\n\n情况一段。\n\n"
                        "## 二、存在问题\n\n问题一段。\n\n（研究室 王五）\n", encoding="utf-8")
    document = docx.Document()
    document.add_heading("关于加强人大代表工作的调研报告", level=0)  # Word's Title style
    document.add_paragraph("导语一段。")
    document.add_heading("一、基本情况", level=1)
    document.add_paragraph("情况一段。")
    document.add_heading("二、存在问题", level=1)
    document.add_paragraph("问题一段。")
    document.add_paragraph("（研究室 王五）")
    document.save(tmp_path / "report.docx")
    for source in (markdown, tmp_path / "report.docx"):
        result = run("import", str(source))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == SUBHEADS


def test_tracked_changes_read_as_accepted(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("上城区：修订稿")
    body = document.add_paragraph("今年以来，")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="编辑"><w:r><w:t>上城区人大常委会</w:t></w:r></w:ins>'))
    body._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="编辑"><w:r><w:delText>删去的话</w:delText></w:r></w:del>'))
    body.add_run("推动工作落实。")
    document.save(tmp_path / "tracked.docx")
    result = run("import", str(tmp_path / "tracked.docx"))
    assert result.exit_code == 0, result.stderr
    assert "    今年以来，上城区人大常委会推动工作落实。\n" in result.stdout
    assert "删去的话" not in result.stdout


def test_a_picture_without_into_is_said_to_need_into():
    result = run("import", str(FIXTURES / "with-figure.docx"))
    assert result.exit_code == 0, result.stderr
    note = "paragraph 3: a picture was not imported; with --into it becomes a figure"
    assert f"{FIXTURES / 'with-figure.docx'}: {note}" in result.stderr
    assert "figure" not in result.stdout
