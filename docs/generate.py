"""Rewrite what is generated from the declarations: `python docs/generate.py` (`--check` only lists what is stale).

The JSON Schemas in schema/ and the key tables of docs/source-format.md come from the source
contract (typeset/source/contract.py); the settings tables of docs/source-format.md and of the
README from the style's stages (typeset/style.py). tests/test_docs.py fails while any is stale.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.schema import dumps, schema  # noqa: E402
from typeset.source.contract import DOCUMENTS, SHAPES, fields_table  # noqa: E402
from typeset.style import readme_table, settings_table  # noqa: E402

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
    files[SOURCE_FORMAT] = region(docs, "settings", settings_table())
    files[README] = region(README.read_text(encoding="utf-8"), "settings by stage", readme_table())
    return files


def stale() -> list[Path]:
    """The generated files that differ from what the declarations produce."""
    return [path for path, text in produced().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


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
