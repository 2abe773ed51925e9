"""Rewrite what is generated from the declarations: `python docs/generate.py` (`--check` only lists what is stale).

The JSON Schemas in schema/ (as `paiban schema` prints them) and the key tables of
docs/source-format.md come from the source contract (typeset/source/contract.py); the settings
tables of docs/source-format.md and of the README from the style's stages (typeset/style.py).
tests/test_docs.py fails while any is stale.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.schema import dumps, schema  # noqa: E402
from typeset.source.contract import (BODY, COUNT, DATE, DOCUMENTS, IMAGE, LENGTH, LIST, MAP, PRESS, SHAPES,  # noqa: E402
                                     STYLE, TEXT, TEXTS, TITLE, Key)
from typeset.style import PRESS_SETTINGS, SETTINGS, STAGES, PressOutput, Setting, number  # noqa: E402

SOURCE_FORMAT = ROOT / "docs" / "source-format.md"
README = ROOT / "README.md"


def region(text: str, name: str, content: str) -> str:
    """The text with the generated region `name` holding `content`."""
    pattern = re.compile(rf"(<!-- generated: {re.escape(name)} -->\n).*?(<!-- end: {re.escape(name)} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"no region '{name}': add <!-- generated: {name} --> and <!-- end: {name} -->")
    return pattern.sub(lambda match: match.group(1) + content + match.group(2), text)


def produced() -> dict[Path, str]:
    """Every generated file as it should read."""
    files = {ROOT / "schema" / f"{kind}.schema.json": dumps(schema(kind)) for kind in DOCUMENTS}
    docs = SOURCE_FORMAT.read_text(encoding="utf-8")
    for name in SHAPES:
        docs = region(docs, f"keys of {name}", fields_table(name))
    docs = region(docs, "press settings", settings_table(PRESS_SETTINGS))
    files[SOURCE_FORMAT] = region(docs, "settings", settings_table())
    files[README] = region(README.read_text(encoding="utf-8"), "settings by stage", readme_table())
    return files


def stale() -> list[Path]:
    """The generated files that differ from what the declarations produce."""
    return [path for path, text in produced().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


# ---------------------------------------------------------------- the tables

def fields_table(name: str) -> str:
    """One shape's keys as the Markdown table of docs/source-format.md."""
    rows = ["| key | value | required | meaning |", "|---|---|---|---|"]
    for key in SHAPES[name].keys:
        needed = "yes" if key.required else f"no, default `{key.default}`" if key.default else "no"
        meaning = key.help.replace("|", "\\|").replace("<", "&lt;").replace("*", "\\*")
        rows.append(f"| `{key.name}` | {kind_words(key)} | {needed} | {meaning} |")
    return "\n".join(rows) + "\n"


def kind_words(key: Key) -> str:
    """A key's kind of value in words, for the docs."""
    if key.kind in (LIST, MAP):
        return f"{'list of ' if key.kind == LIST else ''}[{key.shape}](#{key.shape})"
    if key.kind == COUNT:
        return f"whole number, 1 to {key.most}"
    return {TEXT: "text", TITLE: "text", COUNT: "positive whole number", DATE: "date YYYY-MM-DD",
            TEXTS: "list of texts", STYLE: "[settings](#the-style)", PRESS: "[press settings](#the-press-settings)", BODY: "text, or list of text and blocks",
            IMAGE: "file path", LENGTH: "number, mm"}[key.kind]


def settings_table(settings: tuple[Setting, ...] = SETTINGS) -> str:
    """Settings as a Markdown table of docs/source-format.md: type, default, range and help."""
    kinds = {float: "number", int: "whole number", bool: "true/false", str: "text", list: "list"}
    rows = ["| setting | type | default | range | meaning |", "|---|---|---|---|---|"]
    for setting in settings:
        default = setting.default
        if isinstance(default, list):
            default = ", ".join(default)
        elif isinstance(default, bool):
            default = str(default).lower()
        elif setting.numeric:
            default = number(default)
        span = f"{number(setting.low)} to {number(setting.high)} {setting.unit.name}" if setting.numeric else ""
        span = "one of " + ", ".join(f"`{choice}`" for choice in setting.choices) if setting.choices else span
        help_text = setting.help.replace("|", "\\|")
        rows.append(f"| `{setting.name}` | {kinds[setting.type]} | `{default}` | {span} | {help_text} |")
    return "\n".join(rows) + "\n"


def readme_table() -> str:
    """The settings by stage as the Markdown table of the README: what each stage is, who reads it, defaults."""
    rows = ["| stage | read by | settings and defaults |", "|---|---|---|"]
    for stage in STAGES + (PressOutput,):
        about = stage.__doc__.strip().splitlines()[0].rstrip(".")
        shown = ", ".join(f"`{setting.name}` {default_words(setting)}" for setting in stage.declared())
        rows.append(f"| {about} | {stage.reader} | {shown} |")
    return "\n".join(rows) + "\n"


def default_words(setting: Setting) -> str:
    """A setting's default as the README shows it, with its unit."""
    if isinstance(setting.default, list):
        return " → ".join(setting.default)
    if isinstance(setting.default, bool):
        return str(setting.default).lower()
    if setting.numeric:
        unit = setting.unit.name[:-1] if setting.default == 1 and setting.unit.name.endswith("s") else setting.unit.name
        return f"{number(setting.default)} {unit}"
    return f"`{setting.default}`"


def main(arguments: list[str]) -> int:
    """Rewrite the stale files, or with --check list them and fail."""
    found = stale()
    if "--check" in arguments:
        for path in found:
            print(f"stale: {os.path.relpath(path, ROOT)}")
        return 1 if found else 0
    for path, text in produced().items():
        if path in found:
            path.write_text(text, encoding="utf-8")
            print(f"rewrote {os.path.relpath(path, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
