"""The docs stay true: every style setting is listed, the README's first lines are the two commands,
and the source format's examples print what the text says they print."""

from __future__ import annotations

import re

from conftest import MINIMAL, ROOT
from typeset.build import lay_out
from typeset.style import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCE_FORMAT = (ROOT / "docs" / "source-format.md").read_text(encoding="utf-8")


def yaml_blocks(markdown: str) -> list[str]:
    """The fenced yaml blocks of a Markdown text, in order."""
    return re.findall(r"^```yaml\n(.*?)^```", markdown, re.S | re.M)


def printed_lines(laid) -> list[str]:
    """Every printed line of a laid-out issue: the runs of one baseline joined, page by page."""
    found = []
    for page in laid.pages:
        by_baseline: dict[float, str] = {}
        for run in sorted(page.runs(), key=lambda r: (r.baseline, r.x + r.glyphs[0].x)):
            by_baseline[round(run.baseline, 2)] = by_baseline.get(round(run.baseline, 2), "") + run.text
        found += by_baseline.values()
    return found


def test_every_style_setting_is_in_the_readme():
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in README] == []


def test_readme_opens_with_the_setup_and_test_commands():
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert "paiban build issues/2024-07.yaml" in block[0] and "pip install" in block[0]
    assert "pytest" in block[1]
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_documented_brief_prints_its_lead_once(write_issue):
    (example,) = [block for block in yaml_blocks(SOURCE_FORMAT) if "sections:" in block]
    laid = lay_out(write_issue(example))
    (brief,) = [line for line in printed_lines(laid) if "紧紧围绕" in line]
    assert brief.startswith("西湖区人大常委会紧紧围绕") and brief.count("西湖区") == 1
    lead = next(run for page in laid.pages for run in page.runs() if run.text == "西湖区")
    assert lead.font == "NotoSansCJKsc-Bold"


def test_the_documented_titles_print_as_the_text_says(write_issue):
    folded, broken = [block for block in yaml_blocks(SOURCE_FORMAT) if "title:" in block and "sections:" not in block]
    title = "市人大常委会召开会议"
    one = lay_out(write_issue(MINIMAL.replace(f"      - title: {title}\n", folded)))
    assert "关于进一步加强和改进新时代人大代表工作的调研报告" in "".join(printed_lines(one))
    two_articles = broken.replace("\n      - title:", "\n        body: 正文。\n      - title:")
    many = lay_out(write_issue(MINIMAL.replace(f"      - title: {title}\n", two_articles)))
    titles = [run.text for run in many.pages[1].runs() if run.size == many.style.title_size]
    assert titles == ["关于进一步加强和改进新时代人大代表工作", "推动代表履职取得新成效的调研报告",
                      "市人大常委会召开会议", "审议有关报告"]
