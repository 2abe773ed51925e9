"""The language of every message a user sees: Chinese by default, English on request.

Messages are written in English as gettext message ids, `_("the title wraps into {lines} lines")`,
formatted after translation with `.format(...)`. The Chinese catalog is
`typeset/locale/zh_CN/LC_MESSAGES/paiban.po`, shipped compiled beside it; `python -m
typeset.catalog` keeps it in step with the code. The same catalog translates click's own words
(Usage, Options, its error messages), which click looks up in the process's gettext domain.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "paiban"
LOCALES = Path(__file__).parent / "locale"
LANGUAGES = {"zh": "zh_CN", "en": "en"}
DEFAULT = "zh"

_current: gettext.NullTranslations | None = None


def chosen(flag: str | None = None) -> str:
    """The language asked for: `--lang`, else PAIBAN_LANG, else Chinese."""
    for asked in (flag, os.environ.get("PAIBAN_LANG")):
        if asked and asked.strip().lower()[:2] in LANGUAGES:
            return asked.strip().lower()[:2]
    return DEFAULT


def set_language(lang: str | None = None) -> str:
    """Use this language for every message from now on, here and in worker processes."""
    global _current
    short = chosen(lang)
    _current = gettext.translation(DOMAIN, LOCALES, languages=[LANGUAGES[short]], fallback=True)
    os.environ["PAIBAN_LANG"] = short
    os.environ["LANGUAGE"] = LANGUAGES[short]  # what click's gettext lookups follow
    gettext.bindtextdomain(DOMAIN, str(LOCALES))
    gettext.textdomain(DOMAIN)
    return short


def _(message: str) -> str:
    """The message in the current language."""
    if _current is None:
        set_language()
    return _current.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the current language."""
    if _current is None:
        set_language()
    return _current.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for the catalog where it is declared; it is translated where it is shown."""
    return message
