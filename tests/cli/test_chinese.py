"""What a Chinese editor reads: each YAML slip in Chinese, at its line and column, under its source line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import MINIMAL
from typeset.cli import main
from typeset.diagnostics import width

TITLE = "title: 市人大常委会召开会议"
SLIPS = [  # (what the editor typed instead, line, column, Chinese message)
    (("        byline:", "       \tbyline:"), 8, 8, "缩进里有制表符（Tab）"),
    (("title: 市", "title：市"), 7, 14, "键“title”后面用了全角冒号“：”"),
    (("total: 696", "total 696"), 2, 6, "键“total”后面缺少冒号"),
    ((TITLE, 'title: "市人大常委会召开会议'), 7, 16, "这里的引号 \" 没有配对的结束引号"),
    (("body: |", "body: **重点**开头"), 9, 15, "值不能以“*”开头"),
    ((TITLE, "title: 关于: 某某"), 7, 18, "值中含有“: ”（冒号加空格）"),
    (("        byline: 办公厅 张三", "        title: 又一个标题"), 8, 9, "键“title”在文章中出现了两次：第一次在第 7 行"),
    ((TITLE, "title: 市人大\x1b常委会召开会议"), 7, 19, "文件中不能有不可打印字符 U+001B"),
]


def checked(path) -> str:
    """What `paiban check` prints, in Chinese."""
    result = CliRunner().invoke(main, ["check", str(path)], env={"PAIBAN_LANG": "zh"})
    assert result.exit_code == 1
    return result.output


@pytest.mark.parametrize("change, line, column, message", SLIPS, ids=[s[3][:12] for s in SLIPS])
def test_each_slip_is_told_in_chinese_under_its_source_line(write_issue, change, line, column, message):
    source = write_issue(MINIMAL.replace(*change))
    printed = checked(source).splitlines()
    head = next(i for i, text in enumerate(printed) if text.endswith(f"2024-08.yaml:{line}:{column}: 错误：{message}")
                or f"2024-08.yaml:{line}:{column}: 错误：{message}" in text)
    gutter, shown, caret = printed[head + 1:head + 4]
    assert shown.startswith(f"{line} | ")
    raw = source.read_text(encoding="utf-8").split("\n")[line - 1]
    before = raw[:column - 1].replace("\t", " ").replace("\x1b", "<U+001B>")
    assert shown[len(f"{line} | "):].startswith(before)
    assert caret == " " * len(str(line)) + " | " + " " * width(before) + "^"
    assert printed[head + 4].startswith("  提示：")
    assert "\x1b" not in "\n".join(printed)


def test_the_summary_counts_in_chinese(write_issue):
    printed = checked(write_issue(MINIMAL.replace("召开第十九次", "召开“第十九次")))
    assert printed.splitlines()[-1] == "检查了 1 个文件：1 个错误，0 个警告"


def test_a_build_says_pages_and_warnings_in_chinese(write_issue, tmp_path):
    result = CliRunner().invoke(main, ["build", str(write_issue()), "-o", str(tmp_path / "out.pdf")],
                                env={"PAIBAN_LANG": "zh"})
    assert result.exit_code == 0, result.output
    assert "out.pdf：2 页，0 个警告，用时 " in result.output and result.output.rstrip().endswith("秒")


def test_english_has_plurals(write_issue, tmp_path):
    result = CliRunner().invoke(main, ["build", str(write_issue()), "-o", str(tmp_path / "out.pdf")],
                                env={"PAIBAN_LANG": "en"})
    assert "out.pdf: 2 pages, 0 warnings, " in result.output
    one = CliRunner().invoke(main, ["check", str(write_issue(MINIMAL.replace("会议，听取", "会议,听取")))],
                             env={"PAIBAN_LANG": "en"})
    assert one.output.splitlines()[-1] == "1 file checked: 0 errors, 1 warning"
