"""Hostile YAML in an issue source and in publication.yaml, each in a real build: refused at its place, or built."""

from __future__ import annotations

import pytest

from .harness import MINIMAL, PUBLICATION, built, refused, scratch

NEST = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
MINIMAL_LINES = len(MINIMAL.splitlines())
END = MINIMAL_LINES + 1  # the first line after the minimal issue


def swap(old: str, new: str, text: str = MINIMAL) -> str:
    """The text with one part replaced; the part must be there."""
    assert old in text, old
    return text.replace(old, new, 1)


ISSUE = [
    ("recursive-alias", MINIMAL + "extra: &r [*r]\n", f":{END}:12"),
    ("alias-nest-9-levels", MINIMAL + NEST, f":{END + 1}:"),
    ("plain-alias", MINIMAL + "x: &x 1\ny: *x\n", f":{END + 1}:4"),
    ("alias-as-number", swap("number: 8", "number: *n"), ":1:9"),
    ("alias-as-key", MINIMAL + "*k : 1\n", f":{END}:1"),
    ("merge-key", MINIMAL + "base: &b {a: 1}\nmore:\n  <<: *b\n", f":{END + 2}:"),
    ("anchor-without-alias", swap("number: 8", "number: &n 8"), None),
    ("python-object-tag", swap("number: 8", "number: !!python/object:os.system 8"), ":1:9"),
    ("binary-tag", swap("number: 8", "number: !!binary aGVsbG8="), ":1:9"),
    ("set-tag", MINIMAL + "extra: !!set {a, b}\n", f":{END}:8"),
    ("local-tag", swap("label: 要闻速递", "label: !mine 要闻速递"), ":5:12"),
    ("str-tag-on-number", swap("number: 8", "number: !!str 8"), ":1:9"),
    ("bad-indentation", swap("    articles:", "   articles:"), ":6:"),
    ("dedented-body", swap("          会议指出", "会议指出"), ":12:1"),
    ("dedented-body-partly", swap("          会议指出", "      会议指出"), ":12:7"),
    ("dedented-body-to-its-key", swap("          会议指出", "        会议指出") + "        byline: 李四\n", ":12:9"),
    ("tab-indentation", swap("    articles:", "\tarticles:"), ":6:1"),
    ("tab-after-colon", swap("number: 8", "number:\t8"), None),
    ("duplicate-top-key", MINIMAL + "number: 9\n", f":{END}:1"),
    ("duplicate-nested-key", swap("        byline: 办公厅 张三", "        byline: 办公厅 张三\n        byline: 李四"), ":9:9"),
    ("root-is-list", "- 1\n- 2\n", ":1:1"),
    ("root-is-text", "just words\n", ":1:1"),
    ("root-is-null", "~\n", ":1:1"),
    ("number-text", swap("number: 8", "number: eight"), ":1:9"),
    ("number-fraction", swap("number: 8", "number: 8.5"), ":1:9"),
    ("number-negative", swap("number: 8", "number: -8"), ":1:9"),
    ("number-bool", swap("number: 8", "number: true"), ":1:9"),
    ("number-huge", swap("number: 8", "number: 100000000000000000000000000000"), ":1:9"),
    ("number-300-digits", swap("number: 8", "number: 1" + "0" * 300), ":1:9"),
    ("number-5000-digits", swap("number: 8", "number: 1" + "0" * 5000), ":1:9"),
    ("number-nan", swap("number: 8", "number: .nan"), ":1:9"),
    ("number-hex", swap("number: 8", "number: 0x8"), ":1:9"),
    ("total-1e400", swap("total: 696", "total: 1e400"), ":2:8"),
    ("date-impossible", swap("date: 2024-06-28", "date: 2024-13-45"), ":3:7"),
    ("date-year-99999", swap("date: 2024-06-28", "date: 99999-01-01"), ":3:7"),
    ("date-number", swap("date: 2024-06-28", "date: 20240628"), ":3:7"),
    ("sections-mapping", MINIMAL.split("sections:")[0] + "sections: {a: 1}\n", ":4:11"),
    ("sections-text", MINIMAL.split("sections:")[0] + "sections: many\n", ":4:11"),
    ("sections-empty", MINIMAL.split("sections:")[0] + "sections: []\n", ":4:11"),
    ("sections-null", MINIMAL.split("sections:")[0] + "sections:\n", ":4:"),
    ("section-is-text", MINIMAL.split("sections:")[0] + "sections:\n  - just a label\n", ":5:5"),
    ("label-list", swap("label: 要闻速递", "label: [要闻]"), ":5:12"),
    ("label-empty", swap("label: 要闻速递", 'label: ""'), ":5:12"),
    ("articles-text", MINIMAL.split("    articles:")[0] + "    articles: none\n", ":6:15"),
    ("title-mapping", swap("title: 市人大常委会召开会议", "title: {a: 1}"), ":7:16"),
    ("body-number", MINIMAL.split("        body: |")[0] + "        body: 5\n", ":9:15"),
    ("byline-list", swap("byline: 办公厅 张三", "byline: [办公厅]"), ":8:17"),
    ("unknown-key", MINIMAL + "nubmer: 8\n", f":{END}:1"),
    ("footer-text", MINIMAL + "footer: none\n", f":{END}:9"),
    ("footer-send-text", MINIMAL + "footer:\n  send: all\n", f":{END + 1}:9"),
    ("edition-number", MINIMAL + "edition: 5\n", f":{END}:10"),
    ("unclosed-bracket", MINIMAL + "extra: [1, 2\n", ":"),
    ("unclosed-quote", swap("label: 要闻速递", 'label: "要闻速递'), ":5:"),
    ("stray-colon", swap("label: 要闻速递", "label: 要闻: 速递"), ":5:"),
    ("full-width-colon", swap("label: 要闻速递", "label：要闻速递"), ":5:"),
    ("deep-list-nesting", MINIMAL + "extra: " + "[" * 20000 + "]" * 20000 + "\n", f":{END}:"),
    ("deep-map-nesting", MINIMAL + "extra: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", f":{END}:"),
    ("deep-block-nesting", MINIMAL + "extra:\n" + "".join(" " * i + "- \n" for i in range(1, 400)), f":{END}:"),
    ("empty-file", "", ":1:1"),
    ("only-comments", "# nothing\n# at all\n", ":1:1"),
    ("document-marker-only", "---\n", ":2:1"),
    ("two-documents", MINIMAL + "---\n" + MINIMAL, f":{END}:1"),
    ("document-end-marker", MINIMAL + "...\n", None),
    ("directive", "%YAML 1.1\n---\n" + MINIMAL, None),
    ("bad-directive", "%YAML 9.9\n---\n" + MINIMAL, ":1:1"),
    ("long-key", MINIMAL + "k" * 2000 + ": 1\n", f":{END}:2001"),
    ("utf8-bom", "\ufeff" + MINIMAL, None),
    ("bom-in-the-middle", swap("label: 要闻速递", "label: 要闻\ufeff速递"), ":5:"),
]

ISSUE_BYTES = [
    ("utf16-le-bom", b"\xff\xfe" + MINIMAL.encode("utf-16-le"), ":1:1"),
    ("utf16-be-bom", b"\xfe\xff" + MINIMAL.encode("utf-16-be"), ":1:1"),
    ("utf32-le-bom", b"\xff\xfe\x00\x00" + MINIMAL.encode("utf-32-le"), ":1:1"),
    ("gbk-encoded", MINIMAL.encode("gbk"), ":5:"),
    ("latin1-byte", MINIMAL.encode().replace("要闻速递".encode(), b"caf\xe9"), ":5:15"),
    ("lone-surrogate-bytes", MINIMAL.encode().replace("要闻速递".encode(), "要闻".encode() + b"\xed\xa0\x80"), ":5:"),
    ("overlong-slash", MINIMAL.encode().replace("要闻速递".encode(), b"\xc0\xaf"), ":5:"),
    ("truncated-multibyte-at-end", MINIMAL.encode()[:-1] + "会".encode()[:2], f":{MINIMAL_LINES}:"),
    ("nul-in-body", MINIMAL.encode().replace("问题导向".encode(), "问题\0导向".encode()), ":12:"),
    ("nul-at-start", b"\0" + MINIMAL.encode(), ":1:1"),
    ("crlf-line-ends", MINIMAL.replace("\n", "\r\n").encode(), None),
    ("cr-line-ends", MINIMAL.replace("\n", "\r").encode(), None),
    ("cut-in-half", MINIMAL.encode()[: len(MINIMAL.encode()) // 2], ":"),
]


@pytest.mark.parametrize("text,where", [(text, where) for _, text, where in ISSUE + ISSUE_BYTES],
                         ids=[name for name, _, _ in ISSUE + ISSUE_BYTES])
def test_issue_source(tmp_path, text, where):
    """Refused with an error at its place in the issue (or built, for what is fine), nothing else changed."""
    archive = scratch(tmp_path, issue=text)
    run = archive.build()
    if where is None:
        built(run, archive)
    else:
        refused(run, archive, where=f"2024-08.yaml{where}" if where.startswith(":") else where)


STYLE = PUBLICATION.splitlines().index("style: {}") + 1
PUB_END = len(PUBLICATION.splitlines()) + 1

PUBLICATIONS = [
    ("recursive-alias", PUBLICATION + "extra: &r [*r]\n", f":{PUB_END}:12"),
    ("alias-nest-9-levels", PUBLICATION + NEST, f":{PUB_END + 1}:"),
    ("python-object-tag", swap("style: {}", "style: !!python/object:os.system {}", PUBLICATION), f":{STYLE}:8"),
    ("style-list", swap("style: {}", "style: [1, 2]", PUBLICATION), f":{STYLE}:8"),
    ("style-text", swap("style: {}", "style: big", PUBLICATION), f":{STYLE}:8"),
    ("style-unknown-setting", swap("style: {}", "style: {body_sise: 16}", PUBLICATION), f":{STYLE}:9"),
    ("style-duplicate-setting", swap("style: {}", "style: {body_size: 16, body_size: 15}", PUBLICATION), f":{STYLE}:"),
    ("masthead-list", swap("masthead: 杭州人大信息", "masthead: [杭州]", PUBLICATION), ":2:11"),
    ("masthead-missing", swap("masthead: 杭州人大信息\n", "", PUBLICATION), ":"),
    ("office-mapping", swap("office: 杭州市人大常委会研究室", "office: {a: 1}", PUBLICATION), ":3:9"),
    ("footer-list", PUBLICATION.split("footer:")[0] + "footer: [1]\nstyle: {}\n", ":4:9"),
    ("root-is-list", "- 1\n", ":1:1"),
    ("empty", "", ":1:1"),
    ("tab-indentation", swap("  send:", "\tsend:", PUBLICATION), ":5:1"),
]

PUBLICATION_BYTES = [
    ("utf16-le-bom", b"\xff\xfe" + PUBLICATION.encode("utf-16-le"), ":1:1"),
    ("nul-byte", PUBLICATION.encode().replace("研究室".encode(), "研究\0室".encode(), 1), ":3:"),
    ("oversized", PUBLICATION.encode() + b"#" + b"x" * 5_000_001 + b"\n", ":1:1"),
]


@pytest.mark.parametrize("text,where", [(text, where) for _, text, where in PUBLICATIONS + PUBLICATION_BYTES],
                         ids=[name for name, _, _ in PUBLICATIONS + PUBLICATION_BYTES])
def test_publication(tmp_path, text, where):
    """A hostile publication.yaml: an error at its place there, in every build of the folder."""
    archive = scratch(tmp_path, publication=text)
    refused(archive.build(), archive, where=f"publication.yaml{where}")


@pytest.mark.parametrize("command", ["check", "build"])
def test_recursive_alias_in_check_and_build(tmp_path, command):
    """`&r [*r]` ends at once in check as in build."""
    archive = scratch(tmp_path, issue=MINIMAL + "extra: &r [*r]\n")
    run = archive.check() if command == "check" else archive.build()
    refused(run, archive, where=f"2024-08.yaml:{END}:12")
    assert run.seconds < 5


BODY = MINIMAL.split("        body: |")[0]  # the minimal issue up to its article's body
BRIEFS = MINIMAL.split("    articles:")[0] + "    briefs:\n"
FIGURE = BODY + "        body:\n          - 市人大常委会召开会议。\n          - figure:\n              image: a.png\n"
DIGITS = "plain decimal digits"
QUOTE = "put it in quotes"
TAG = "remove the tag"

# A value of another kind than its key holds, in the issue: (name, issue, where, words of the hint)
ISSUE_KINDS = [
    ("number-octal-0o7", swap("number: 8", "number: 0o7"), ":1:9", DIGITS),
    ("number-binary", swap("number: 8", "number: 0b1"), ":1:9", DIGITS),
    ("number-underscored", swap("number: 8", "number: 1_000"), ":1:9", DIGITS),
    ("number-sexagesimal", swap("number: 8", "number: 1:30"), ":1:9", DIGITS),
    ("number-signed", swap("number: 8", "number: +8"), ":1:9", DIGITS),
    ("number-full-width", swap("number: 8", "number: ８"), ":1:9", DIGITS),
    ("number-float-exponent", swap("number: 8", "number: 8.0e0"), ":1:9", DIGITS),
    ("number-quoted", swap("number: 8", 'number: "8"'), ":1:9", DIGITS),
    ("number-date", swap("number: 8", "number: 2024-06-28"), ":1:9", DIGITS),
    ("number-list", swap("number: 8", "number: [8]"), ":1:9", DIGITS),
    ("number-30-digits", swap("number: 8", "number: " + "9" * 30), ":1:9", "from 1 to 999"),
    ("number-1000", swap("number: 8", "number: 1000"), ":1:9", "from 1 to 999"),
    ("number-zero", swap("number: 8", "number: 000"), ":1:9", "from 1 to 999"),
    ("number-str-tag", swap("number: 8", "number: !!str 8"), ":1:9", TAG),
    ("number-int-tag-on-quoted", swap("number: 8", 'number: !!int "8"'), ":1:9", TAG),
    ("number-anchored-float-tag", swap("number: 8", "number: &n !!float 8"), ":1:9", TAG),
    ("total-100000", swap("total: 696", "total: 100000"), ":2:8", "from 1 to 99999"),
    ("total-hex", swap("total: 696", "total: 0x2B8"), ":2:8", DIGITS),
    ("total-str-tag", swap("total: 696", "total: !!str 696"), ":2:8", TAG),
    ("date-str-tag", swap("date: 2024-06-28", "date: !!str 2024-06-28"), ":3:7", TAG),
    ("date-bool", swap("date: 2024-06-28", "date: yes"), ":3:7", "2024-05-31"),
    ("date-list", swap("date: 2024-06-28", "date: [2024-06-28]"), ":3:7", "2024-05-31"),
    ("sections-number", MINIMAL.split("sections:")[0] + "sections: 5\n", ":4:11", "'- '"),
    ("label-bool", swap("label: 要闻速递", "label: yes"), ":5:12", QUOTE),
    ("label-number", swap("label: 要闻速递", "label: 2024"), ":5:12", QUOTE),
    ("label-null", swap("label: 要闻速递", "label: ~"), ":5:12", "after the colon"),
    ("articles-number", MINIMAL.split("    articles:")[0] + "    articles: 5\n", ":6:15", "'- '"),
    ("title-number", swap("title: 市人大常委会召开会议", "title: 2024"), ":7:16", QUOTE),
    ("title-float", swap("title: 市人大常委会召开会议", "title: 1.5"), ":7:16", QUOTE),
    ("byline-date", swap("byline: 办公厅 张三", "byline: 2024-01-01"), ":8:17", QUOTE),
    ("body-bool", BODY + "        body: true\n", ":9:15", QUOTE),
    ("body-date", BODY + "        body: 2024-06-28\n", ":9:15", QUOTE),
    ("body-null", BODY + "        body: null\n", ":9:15", "after the colon"),
    ("body-list-of-numbers", BODY + "        body: [5, 6]\n", ":9:16", QUOTE),
    ("body-str-tag", BODY + "        body: !!str 市人大常委会召开会议。\n", ":9:15", TAG),
    ("caption-number", FIGURE + "              caption: 5\n", ":13:24", QUOTE),
    ("width-underscored", FIGURE + "              width: 1_20\n", ":13:22", "e.g. 'width: 120'"),
    ("width-sexagesimal", FIGURE + "              width: 1:30\n", ":13:22", "e.g. 'width: 120'"),
    ("width-text", FIGURE + "              width: wide\n", ":13:22", "e.g. 'width: 120'"),
    ("width-quoted", FIGURE + '              width: "120"\n', ":13:22", "e.g. 'width: 120'"),
    ("body-mapping", BODY + "        body: {a: 1}\n", ":9:15", "after the colon"),
    ("image-number", BODY + "        body:\n          - figure:\n              image: 5\n", ":11:22", QUOTE),
    ("brief-text-number", BRIEFS + "      - text: 2024\n", ":7:15", QUOTE),
    ("brief-lead-bool", BRIEFS + "      - text: 西湖区人大常委会积极推进工作。\n        lead: no\n", ":8:15", QUOTE),
    ("edition-bool", MINIMAL + "edition: on\n", f":{END}:10", QUOTE),
    ("footer-number", MINIMAL + "footer: 5\n", f":{END}:9", "key: value"),
    ("footer-editor-number", MINIMAL + "footer:\n  editor: 5\n", f":{END + 1}:11", QUOTE),
    ("footer-send-numbers", MINIMAL + "footer:\n  send: [1, 2]\n", f":{END + 1}:10", QUOTE),
    ("footer-send-number", MINIMAL + "footer:\n  send: 1\n", f":{END + 1}:9", "'- '"),
    ("footer-phone-float", MINIMAL + "footer:\n  phone: 85.25\n", f":{END + 1}:10", QUOTE),
    ("footer-phone-hex", MINIMAL + "footer:\n  phone: 0x1F\n", f":{END + 1}:10", QUOTE),
]

PUB_FOOTER = PUBLICATION.index("footer:")  # where the publication's footer starts
PUBLICATION_KINDS = [
    ("masthead-number", swap("masthead: 杭州人大信息", "masthead: 2024", PUBLICATION), ":2:11", QUOTE),
    ("masthead-str-tag", swap("masthead: 杭州人大信息", "masthead: !!str 2024", PUBLICATION), ":2:11", TAG),
    ("office-bool", swap("office: 杭州市人大常委会研究室", "office: off", PUBLICATION), ":3:9", QUOTE),
    ("footer-number", PUBLICATION[:PUB_FOOTER] + "footer: 5\nstyle: {}\n", ":4:9", "key: value"),
    ("footer-send-entry-date", swap("    - 省人大常委会办公厅、研究室", "    - 2024-01-01", PUBLICATION), ":6:7", QUOTE),
    ("footer-editor-number", swap("editor: 杨青青", "editor: 7", PUBLICATION), ":8:11", QUOTE),
    ("footer-phone-bool", swap("phone: (0571)85250657", "phone: yes", PUBLICATION), ":9:10", QUOTE),
    ("style-number", swap("style: {}", "style: 5", PUBLICATION), f":{STYLE}:8", "key: value"),
    ("style-hex", swap("style: {}", "style: {body_size: 0x10}", PUBLICATION), f":{STYLE}:20", DIGITS),
    ("style-octal", swap("style: {}", "style: {lines_per_page: 030}", PUBLICATION), f":{STYLE}:25", DIGITS),
    ("style-underscored", swap("style: {}", "style: {body_size: 1_6}", PUBLICATION), f":{STYLE}:20", DIGITS),
    ("style-map-tag", swap("style: {}", "style: !!map {}", PUBLICATION), f":{STYLE}:8", TAG),
    ("press-sexagesimal", PUBLICATION + "press: {bleed: 1:30}\n", f":{PUB_END}:16", DIGITS),
    ("press-number", PUBLICATION + "press: 3\n", f":{PUB_END}:8", "key: value"),
]


@pytest.mark.parametrize("text,where,hint", [case[1:] for case in ISSUE_KINDS], ids=[case[0] for case in ISSUE_KINDS])
def test_issue_value_of_another_kind(tmp_path, text, where, hint):
    """A value its key does not hold, in the issue: exit 1 at its line and column, with a hint, no PDF written."""
    archive = scratch(tmp_path, issue=text)
    run = archive.build()
    refused(run, archive, where=f"2024-08.yaml{where}")
    assert hint in run.said, run.said


@pytest.mark.parametrize("text,where,hint", [case[1:] for case in PUBLICATION_KINDS],
                         ids=[case[0] for case in PUBLICATION_KINDS])
def test_publication_value_of_another_kind(tmp_path, text, where, hint):
    """A value its key does not hold, in publication.yaml: exit 1 at its line and column, with a hint."""
    archive = scratch(tmp_path, publication=text)
    run = archive.build()
    refused(run, archive, where=f"publication.yaml{where}")
    assert hint in run.said, run.said


@pytest.mark.parametrize("text", [MINIMAL + "footer:\n  phone: 85250657\n", swap("number: 8", "number: 010"),
                                  swap("total: 696", "total: 99999")],
                         ids=["phone-digits", "number-leading-zero", "total-at-its-most"])
def test_plain_values_that_are_fine(tmp_path, text):
    """Digits under phone are text, leading zeros count in tens, and the largest total builds."""
    archive = scratch(tmp_path, issue=text)
    built(archive.build(), archive)
