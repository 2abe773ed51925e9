"""Keep the Chinese message catalog in step with the code: `python -m typeset.catalog`.

Extracts every `_()`, `ngettext()` and `N_()` message of the package, and click's own messages,
merges them into the .po file (new ones untranslated, gone ones dropped) and compiles the .mo
that ships with the package. Needs Babel, which the test extra installs.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from .i18n import DOMAIN, LOCALES

PACKAGE = Path(__file__).parent
PO = LOCALES / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIELD = re.compile(r"\{[^{}]*\}")


def extract(folder: Path, skip: tuple[str, ...] = ()):
    """A template catalog of the messages in a folder's Python files."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(domain=DOMAIN)
    for filename, _line, message, _comments, _context in extract_from_dir(
            str(folder), [("**.py", "python")], keywords=KEYWORDS, comment_tags=()):
        if not filename.startswith(skip):
            template.add(message)
    return template


def template():
    """Every message of paiban and of click."""
    import click

    ours = extract(PACKAGE, skip=("catalog.py",))
    for message in extract(Path(click.__file__).parent):
        if message.id:
            ours.add(message.id)
    return ours


def read(path: Path = PO):
    """The Chinese catalog as it is stored."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        return read_po(handle, locale="zh_CN", domain=DOMAIN)


def compiled(catalog) -> bytes:
    """The .mo bytes of a catalog."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def fields(text) -> set[str]:
    """The {name} fields of a message or of each form of a plural one."""
    texts = text if isinstance(text, (tuple, list)) else (text,)
    return {field for one in texts if one for field in FIELD.findall(one)}


def untranslated(catalog, ids) -> list:
    """The message ids that lack a translation in the catalog."""
    missing = []
    for message_id in ids:
        found = catalog.get(message_id)
        strings = found.string if found else None
        forms = strings if isinstance(strings, (tuple, list)) else (strings,)
        if found is None or found.fuzzy or not all(forms):
            missing.append(message_id)
    return missing


def update() -> list:
    """Merge the current messages into the .po and compile the .mo; return those untranslated."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = read() if PO.exists() else Catalog(locale="zh_CN", domain=DOMAIN)
    fresh = template()
    catalog.update(fresh, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with open(PO, "wb") as handle:
        write_po(handle, catalog, no_location=True, sort_output=True, width=0, omit_header=False)
    MO.write_bytes(compiled(read()))
    return untranslated(read(), [m.id for m in fresh if m.id])


def main() -> None:
    """Update the catalog and list what still needs a translation."""
    PO.parent.mkdir(parents=True, exist_ok=True)
    missing = update()
    for message_id in missing:
        print(f"untranslated: {message_id}")
    print(f"{PO.relative_to(PACKAGE.parent)}: {len(missing)} untranslated")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
