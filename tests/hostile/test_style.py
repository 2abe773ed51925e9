"""Every style setting at 0, negative, huge, infinite, nan, of the wrong type and at its bounds, from the
declarations, and each absurd value the issue names: refused at its line, or a build with all ink on the paper."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from typeset.style import SETTING_BY_NAME, SETTINGS, check_style, check_value, coerce

from .harness import PUBLICATION, Run, built, paiban, refused, scratch, sound, style_line, with_style

LINE = style_line(with_style("x: 1"))


def probes(setting) -> dict[str, str]:
    """The YAML values tried on a setting, by name."""
    common = {"null": "null", "empty-list": "[]", "mapping": "{a: 1}", "text": "abc", "true": "true"}
    if setting.numeric:
        whole = setting.type is int
        return {**common, "zero": "0", "negative": "-1", "huge": "1e308" if not whole else "100000000000000000000",
                "inf": ".inf", "minus-inf": "-.inf", "nan": ".nan",
                "low": format(setting.low, "g"), "high": format(setting.high, "g"),
                "below-low": format(setting.low - 1, "g"), "above-high": format(setting.high + 1, "g"),
                "quoted-number": f'"{format(setting.low, "g")}"', **({"fraction": "2.5"} if whole else {})}
    if setting.type is bool:
        return {**common, "zero": "0", "one": "1", "false": "false", "yes": "yes"}
    if setting.type is str:
        return {**common, "zero": "0", "three-parts": "0 100 100", "five-parts": "0 100 100 0 0",
                "nan-part": "nan 0 0 0", "inf-part": "inf 0 0 0", "negative-part": "-1 0 0 0",
                "over-100": "101 0 0 0", "all-zero": "0 0 0 0", "all-100": "100 100 100 100"}
    return {**{k: v for k, v in common.items() if k != "empty-list"}, "empty-list": "[]", "number-list": "[5]",
            "bare-name": "NotoSerifCJKsc-Regular.ttf", "empty-name": '[""]', "nested-list": "[[a]]"}


def parsed(setting, yaml_value: str):
    """The value as the loader reads it for the setting."""
    import yaml

    from typeset.source.load import _setting_value

    return coerce(setting, _setting_value(yaml.compose(yaml_value), setting.type))


def accepted(setting, yaml_value: str) -> bool:
    """True when the value suits the setting on its own and in the default style as a whole."""
    value = parsed(setting, yaml_value)
    if check_value(setting, value) is not None:
        return False
    merged = {s.name: s.default for s in SETTINGS} | {setting.name: value}
    return not check_style(merged, given=[setting.name])


CASES = [(setting.name, label, value) for setting in SETTINGS for label, value in probes(setting).items()]
REFUSED = [case for case in CASES if not accepted(SETTING_BY_NAME[case[0]], case[2])]
KEPT = list({(name, repr(parsed(SETTING_BY_NAME[name], value))): (name, label, value)
             for name, label, value in reversed(CASES) if (name, label, value) not in REFUSED}.values())[::-1]


@lru_cache(maxsize=None)
def checked(folder: Path, name: str) -> Run:
    """One `paiban check` over a publication.yaml per refused value of a setting (they share a process)."""
    paths = []
    for setting, label, value in REFUSED:
        if setting == name:
            (folder / name / label).mkdir(parents=True)
            (folder / name / label / "publication.yaml").write_text(with_style(f"{name}: {value}"), encoding="utf-8")
            paths.append(Path(label) / "publication.yaml")
    return paiban("check", *paths, cwd=folder / name)


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """Where the batched checks run, one folder per setting."""
    root = tmp_path_factory.mktemp("refused")
    return lambda name: checked(root, name)


@pytest.mark.parametrize("name,label,value", REFUSED, ids=[f"{n}={label}" for n, label, _ in REFUSED])
def test_refused_value(batches, name, label, value):
    """An error at the value's line and column in that publication.yaml, and no traceback."""
    run = batches(name)
    sound(run, 1)
    column = len(f"  {name}: ") + 1
    assert f"{label}/publication.yaml:{LINE}:{column}: error: " in run.stdout, run.stdout


@pytest.mark.parametrize("name,label,value", KEPT, ids=[f"{n}={label}" for n, label, _ in KEPT])
def test_accepted_value(tmp_path, name, label, value):
    """A value within range: the build's PDF has every glyph and rule on the paper, or it is a positioned error."""
    archive = scratch(tmp_path, publication=with_style(f"{name}: {value}"))
    run = archive.build()
    if run.status == 0:
        built(run, archive)
    else:
        refused(run, archive)
        assert ": error: " in run.stderr


ABSURD = [
    ("body_size: 0", "body_size"),
    ("title_size: 0", "title_size"),
    ("chars_per_line: 1", "chars_per_line"),
    ("chars_per_line: 1000", "chars_per_line"),
    ("block_width: 300", "block_width"),
    ("block_height: 400", "block_height"),
    ("block_left: 200", "block_left"),
    ("block_top: 290", "block_top"),
    ("block_height: 0", "block_height"),
    ("paper_width: 0", "paper_width"),
    ("lines_per_page: 100000", "lines_per_page"),
    ("lines_per_page: 1", "lines_per_page"),
    ("indent: 1000", "indent"),
    ("toc_title_column: 1000", "toc_title_column"),
    ("masthead_spacing: 1e308", "masthead_spacing"),
    ("header_rule_thick: 1e6", "header_rule_thick"),
    ("masthead_lines: 1000", "masthead_lines"),
    ("body_size: .inf", "body_size"),
    ("latin_gap: 100", "latin_gap"),
    ("indent: 28", "indent"),
    ("toc_title_column: 28", "toc_title_column"),
    ("masthead_lines: 22", "masthead_lines"),
    ("lines_per_page: 60", "lines_per_page"),
    ("chars_per_line: 60", "chars_per_line"),
]


@pytest.mark.parametrize("line,name", ABSURD, ids=[line for line, _ in ABSURD])
def test_absurd_value_the_issue_names(tmp_path, line, name):
    """Each absurd value of the issue, in a real build: exit 1 at the setting's line, the previous PDF kept."""
    archive = scratch(tmp_path, publication=with_style(line))
    refused(archive.build(), archive, where=f"publication.yaml:{LINE}:")


def test_every_setting_is_probed():
    """The tables cover every declared setting, each with values refused, each number at its bounds."""
    assert {name for name, _, _ in CASES} == {s.name for s in SETTINGS}
    assert {name for name, _, _ in REFUSED} == {s.name for s in SETTINGS}
    assert all({"low", "high"} <= set(probes(s)) for s in SETTINGS if s.numeric)
    assert PUBLICATION.count("style: {}") == 1
