"""The Chinese catalog: every message translated, fields kept, the shipped .mo current; help in both languages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from typeset import catalog
from typeset.cli import main

COMMANDS = sorted(main.commands)


@pytest.fixture(scope="module")
def stored():
    """The .po as stored."""
    return catalog.read()


def test_every_message_of_paiban_has_a_chinese_translation(stored):
    ours = [m.id for m in catalog.extract(catalog.PACKAGE, skip=("catalog.py",)) if m.id]
    assert len(ours) > 100
    assert catalog.untranslated(stored, ours) == []


def test_a_translation_keeps_the_fields_of_its_message(stored):
    for message in stored:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            assert catalog.fields(message.string) <= catalog.fields(message.id), message.id
        else:
            assert catalog.fields(message.string) == catalog.fields(message.id), message.id


def test_the_shipped_mo_is_compiled_from_the_po(stored):
    assert catalog.MO.read_bytes() == catalog.compiled(stored)


def test_a_message_missing_from_the_catalog_is_found():
    from babel.messages.catalog import Catalog

    partial = Catalog(locale="zh_CN")
    partial.add("error: {message}", "错误：{message}")
    assert catalog.untranslated(partial, ["error: {message}", "a new message"]) == ["a new message"]


def help_of(args: list[str], lang: str) -> str:
    """The help text of a command in a language."""
    result = CliRunner().invoke(main, args, env={"PAIBAN_LANG": lang}, prog_name="paiban")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_helps_in_chinese_and_in_english(command):
    chinese = help_of([command, "--help"], "zh")
    english = help_of([command, "--help"], "en")
    assert chinese.startswith("用法: paiban") and "选项:" in chinese and "显示本帮助后退出" in chinese
    assert english.startswith("Usage: paiban") and "Options:" in english and "Show this message" in english
    described = main.commands[command].help
    assert described in " ".join(english.split()) and described not in chinese
    for option in main.commands[command].params:
        if getattr(option, "help", None):
            assert option.help not in chinese, option.help


def test_lang_stands_anywhere_on_the_line():
    assert help_of(["--lang", "en", "build", "--help"], "zh").startswith("Usage:")
    assert help_of(["build", "--help", "--lang", "en"], "zh").startswith("Usage:")
    assert help_of(["build", "--lang=zh", "--help"], "en").startswith("用法: ")


def test_click_errors_are_chinese_by_default():
    result = CliRunner().invoke(main, ["build"], env={"PAIBAN_LANG": "zh"})
    assert result.exit_code == 2
    assert "错误：缺少参数" in result.output and "Missing" not in result.output


def test_the_command_is_chinese_without_any_setting():
    env = {k: v for k, v in os.environ.items() if k not in ("PAIBAN_LANG", "LANGUAGE")}
    result = subprocess.run([sys.executable, "-m", "typeset", "--help"], capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert result.stdout.startswith("用法: paiban") and "build    把一期排成可付印的 PDF\n" in result.stdout
    english = subprocess.run([sys.executable, "-m", "typeset", "--help"], capture_output=True, text=True,
                             env={**env, "PAIBAN_LANG": "en"})
    assert english.stdout.startswith("Usage: paiban") and "build    Build one issue into a print-ready PDF\n" in english.stdout
