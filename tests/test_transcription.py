"""The reference issue's source holds every word of the printed issue (tests/fixtures: its extracted text).

The extracted text has artefacts (spaces between Chinese and digits, half-width , ( ) : where
the print has full-width marks, blank lines at page breaks); both sides are compared with
those undone, so the comparison is character for character.
"""

from __future__ import annotations

import re

from conftest import REFERENCE, ROOT
from typeset.diagnostics import Report
from typeset.layout import chinese_date
from typeset.source import load_issue

EXTRACTED = (ROOT / "tests" / "fixtures" / "issue-695-extracted.txt").read_text(encoding="utf-8")
FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "："})


def normal(text: str) -> str:
    """Text without whitespace and with the extraction's half-width marks made full-width."""
    return re.sub(r"\s", "", text.translate(FULL_WIDTH))


def source_text() -> str:
    """Everything the source says, in the order it is printed after page 1."""
    issue = load_issue(REFERENCE, Report())
    parts = []
    for section in issue.sections:
        for article in section.articles:
            parts += [article.title.value, *(p.text for p in article.paragraphs), f"（{article.byline.value}）"]
        for brief in section.briefs:
            parts += [brief.paragraph.text, f"（{brief.byline.value}）"]
    footer = issue.footer
    parts += ["送：", *(group.value for group in footer.send)]
    parts += [f"本期责任编辑：{footer.editor.value}", f"电话：{footer.phone.value}"]
    return normal("".join(parts))


def test_articles_briefs_and_footer_match_the_printed_issue_character_for_character():
    body = EXTRACTED[EXTRACTED.index("市人大常委会积极部署开展人大协商工作\n\n市人大常委会制定"):]
    assert source_text() == normal(body)


def test_masthead_facts_match_the_printed_issue():
    issue = load_issue(REFERENCE, Report())
    head = normal(EXTRACTED[:EXTRACTED.index("目")])
    printed = normal(f"{issue.publication.masthead.value}（{issue.edition.value}）第{issue.number}期"
                     f"（总第{issue.total}期）{issue.publication.office.value}编{chinese_date(issue.date)}")
    assert printed == head
