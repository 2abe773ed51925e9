"""The README stays true: every style setting is listed, and its first lines are the two commands."""

from __future__ import annotations

from conftest import ROOT
from typeset.style import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_style_setting_is_in_the_readme():
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in README] == []


def test_readme_opens_with_the_setup_and_test_commands():
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert "paiban build issues/2024-07.yaml" in block[0] and "pip install" in block[0]
    assert "pytest" in block[1]
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
