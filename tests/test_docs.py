"""The docs stay true: every style setting is listed, the README's first lines are the two commands,
and the source format's examples print what the text says they print."""

from __future__ import annotations

import importlib.util
import re

from conftest import MINIMAL, ROOT
from typeset.build import lay_out
from typeset.source.contract import SHAPES
from typeset.style import PRESS_SETTINGS, SETTINGS, STAGES

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
        for run in sorted(page.texts(), key=lambda r: (r.baseline, r.x + r.glyphs[0].x)):
            by_baseline[round(run.baseline, 2)] = by_baseline.get(round(run.baseline, 2), "") + run.text
        found += by_baseline.values()
    return found


def test_every_style_and_press_setting_is_in_the_readme():
    assert [s.name for s in SETTINGS + PRESS_SETTINGS if f"`{s.name}`" not in README] == []


def test_readme_opens_with_the_setup_and_test_commands():
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "bash .ci/setup && .venv/bin/paiban build issues/2024-07.yaml"
    assert "pip install --quiet -e '.[test]'" in (ROOT / ".ci" / "setup").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "bash .ci/setup" in ci and ci[-1] == block[1], "CI runs the README's test command after .ci/setup"


def test_the_documented_brief_prints_its_lead_once(write_issue):
    (example,) = [block for block in yaml_blocks(SOURCE_FORMAT) if "sections:" in block]
    laid = lay_out(write_issue(example))
    (brief,) = [line for line in printed_lines(laid) if "紧紧围绕" in line]
    assert brief.startswith("西湖区人大常委会紧紧围绕") and brief.count("西湖区") == 1
    lead = next(run for page in laid.pages for run in page.texts() if run.text == "西湖区")
    assert lead.face.name == "NotoSansCJKsc-Bold"


def test_the_documented_titles_print_as_the_text_says(write_issue):
    folded, broken = [block for block in yaml_blocks(SOURCE_FORMAT) if "title:" in block and "sections:" not in block]
    title = "市人大常委会召开会议"
    one = lay_out(write_issue(MINIMAL.replace(f"      - title: {title}\n", folded)))
    assert "关于进一步加强和改进新时代人大代表工作的调研报告" in "".join(printed_lines(one))
    two_articles = broken.replace("\n      - title:", "\n        body: 正文。\n      - title:")
    many = lay_out(write_issue(MINIMAL.replace(f"      - title: {title}\n", two_articles)))
    titles = [run.text for run in many.pages[1].texts() if run.size == many.style.title_size]
    assert titles == ["关于进一步加强和改进新时代", "人大代表工作的调研报告",
                      "市人大常委会召开会议", "审议有关报告"]


def generator():
    """docs/generate.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "docs" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def region(text: str, name: str) -> str:
    """What a generated region of a Markdown text holds."""
    return text.split(f"<!-- generated: {name} -->\n", 1)[1].split(f"<!-- end: {name} -->", 1)[0]


def test_every_generated_file_is_what_the_declarations_produce():
    assert generator().stale() == [], "run: python docs/generate.py"


def test_the_settings_tables_are_generated_from_the_settings():
    assert region(SOURCE_FORMAT, "settings") == generator().settings_table()
    assert region(SOURCE_FORMAT, "press settings") == generator().settings_table(PRESS_SETTINGS)
    assert region(README, "settings by stage") == generator().readme_table()


def test_every_shape_of_the_contract_has_its_key_table():
    for name, shape in SHAPES.items():
        table = region(SOURCE_FORMAT, f"keys of {name}")
        assert table == generator().fields_table(name)
        assert re.findall(r"^\| `(\w+)` \|", table, re.M) == list(shape.names)


def test_a_stale_region_is_found_and_rewritten(tmp_path, monkeypatch):
    module = generator()
    copy = tmp_path / "source-format.md"
    copy.write_text(SOURCE_FORMAT.replace("| `masthead` | text | yes |", "| `masthead` | text | no |"),
                    encoding="utf-8")
    monkeypatch.setattr(module, "SOURCE_FORMAT", copy)
    found = module.stale
    monkeypatch.setattr(module, "stale", lambda: [path for path in found() if path == copy])  # only the copy
    assert module.main(["--check"]) == 1
    module.main([])
    assert copy.read_text(encoding="utf-8") == SOURCE_FORMAT


def test_the_readme_names_each_stage_and_the_unit_of_each_number():
    table = region(README, "settings by stage")
    for stage in STAGES:
        row = next(line for line in table.splitlines() if line.startswith(f"| {stage.__doc__.strip()[:30]}"))
        for setting in stage.declared():
            assert f"`{setting.name}`" in row
            if setting.numeric:
                assert re.search(rf"`{setting.name}` [\d.]+ {setting.unit.name[:-1]}", row), setting.name
