"""Hostile characters and lengths in the printed text: a positioned warning or error, or a sound PDF."""

from __future__ import annotations

import pytest

from .harness import MINIMAL, built, refused, scratch

BODY = "会议指出，要坚持问题导向，推动工作落实。"
BODY_LINE = 12
BODY_COLUMN = 11  # where the paragraph's first character stands
LABEL = "要闻速递"


def in_body(insert: str, at: int = 4) -> str:
    """The minimal issue with text put into its last paragraph after `at` characters."""
    return MINIMAL.replace(BODY, BODY[:at] + insert + BODY[at:])


def as_body(text: str) -> str:
    """The minimal issue with its last paragraph replaced."""
    return MINIMAL.replace(BODY, text)


def as_label(text: str) -> str:
    """The minimal issue with its section label replaced."""
    return MINIMAL.replace(f"label: {LABEL}", f"label: {text}")


def as_title(text: str) -> str:
    """The minimal issue with its article title replaced."""
    return MINIMAL.replace("title: 市人大常委会召开会议", f"title: {text}")


AT = f"2024-08.yaml:{BODY_LINE}:{BODY_COLUMN + 4}"

TEXT = [
    ("bell", in_body("\a"), 1, f"{AT}: error"),
    ("escape-sequence", in_body("\x1b[31m"), 1, f"{AT}: error"),
    ("delete", in_body("\x7f"), 1, f"{AT}: error"),
    ("form-feed", in_body("\x0c"), 1, f"{AT}: error"),
    ("c1-control", in_body("\x9b"), 1, f"{AT}: error"),
    ("nel", in_body("\x85"), 1, f"{AT}: error"),
    ("line-separator", in_body("\u2028"), 1, f"{AT}: error"),
    ("paragraph-separator", in_body("\u2029"), 1, f"{AT}: error"),
    ("ogham-space", in_body("\u1680"), 0, f"{AT}: warning"),
    ("hair-space", in_body("\u200a"), 0, f"{AT}: warning"),
    ("em-space", in_body("\u2003"), 0, f"{AT}: warning"),
    ("no-break-space", in_body("\u00a0"), 0, f"{AT}: warning"),
    ("zero-width-space", in_body("\u200b"), 0, f"{AT}: warning: an unusual space"),
    ("word-joiner", in_body("\u2060"), 1, f"{AT}: error"),
    ("zero-width-no-break-space", in_body("\ufeff"), 1, f"{AT}: error"),
    ("right-to-left-override", in_body("\u202e"), 1, f"{AT}: error"),
    ("arabic", in_body("مرحبا"), 1, f"{AT}: error: no body text font can draw"),
    ("emoji", in_body("😀"), 1, f"{AT}: error: no body text font can draw '😀' (U+1F600)"),
    ("private-use", in_body("\ue000"), 1, f"{AT}: error"),
    ("noncharacter", in_body("\uffff"), 1, f"{AT}: error"),
    ("replacement-char", in_body("\ufffd"), 1, f"{AT}: error"),
    ("combining-acute", in_body("e\u0301"), 0, f"2024-08.yaml:{BODY_LINE}:{BODY_COLUMN + 5}: warning"),
    ("extension-b-ideograph", in_body("𠀀"), 1, f"{AT}: error: no body text font can draw '𠀀' (U+20000)"),
    ("ideographic-space", in_body("\u3000"), 0, ""),
    ("latin-word-longer-than-the-line", in_body("a" * 300), 0, ""),
    ("url-longer-than-the-line", in_body("https://example.com/" + "x" * 200), 0, ""),
    ("paragraph-of-10-mb", as_body("会" * 3_400_000), 1, "2024-08.yaml:1:1: error: the file is larger than the limit of 5 MB"),
    ("long-paragraph-100kb", as_body("市人大常委会召开第十九次会议，听取和审议有关报告。" * 1300), 0, ""),
    ("many-short-paragraphs", as_body("\n\n          ".join(["会议。"] * 400)), 0, ""),
    ("one-character-paragraph", as_body("会"), 0, ""),
    ("only-punctuation", as_body("，。、；：？！" * 10), 0, ""),
    ("empty-body", MINIMAL.split("        body: |")[0] + '        body: ""\n', 1, "2024-08.yaml:9:15: error"),
    ("body-of-spaces", MINIMAL.split("        body: |")[0] + '        body: "   "\n', 1, "2024-08.yaml:9:15: error"),
    ("long-title", as_title("市人大常委会召开会议" * 20), 1, "2024-08.yaml:7:16: error: the title is set in 12 lines"),
    ("title-of-spaces", as_title('"   "'), 1, "2024-08.yaml:7:16: error"),
    ("label-60-characters", as_label("要闻" * 30), 1, "2024-08.yaml:5:12: error: the label is 60 characters"),
    ("label-13-characters", as_label("要" * 13), 1, "2024-08.yaml:5:12: error: the label is 13 characters"),
    ("label-12-characters", as_label("要" * 12), 0, "2024-08.yaml:5:12: warning: the label is 12 characters"),
    ("byline-very-long", MINIMAL.replace("办公厅 张三", "办公厅 " + "张三" * 100), 0, ""),
    ("unbalanced-quotes", in_body("“会议"), 1, f"{AT}: error"),
    ("closing-bracket-alone", in_body("）"), 1, f"{AT}: error"),
    ("half-width-comma-between-han", in_body(","), 0, f"{AT}: warning"),
]


@pytest.mark.parametrize("text,status,said", [(text, status, said) for _, text, status, said in TEXT],
                         ids=[name for name, _, _, _ in TEXT])
def test_printed_text(tmp_path, text, status, said):
    """The message at its place; a build that succeeds draws all its ink on the paper."""
    archive = scratch(tmp_path, issue=text)
    run = archive.build()
    if status == 0:
        built(run, archive)
    else:
        refused(run, archive)
    assert said in run.stderr, run.stderr
