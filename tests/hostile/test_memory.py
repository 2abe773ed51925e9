"""Memory running out in a real build, under a limit on the address space: a message, not a traceback."""

from __future__ import annotations

import resource

import pytest

from .harness import MINIMAL, built, paiban, refused, scratch

PARAGRAPH = "市人大常委会召开第十九次会议，听取和审议有关报告。"
HUGE = MINIMAL.replace("会议指出，要坚持问题导向，推动工作落实。", PARAGRAPH * 60000)  # 4.5 MB, one paragraph
MB = 1 << 20
# Address space, MB: an ordinary issue builds in 175 (not in 150); since a long paragraph is set a window
# at a time with its glyphs packed, the whole huge paragraph (2,440 pages) builds in 300.
LIMITS = (175, 200)


def limited(megabytes: int):
    """A preexec_fn that caps the child's address space."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * MB, megabytes * MB))

    return cap


@pytest.mark.parametrize("megabytes", LIMITS)
def test_memory_runs_out_on_a_huge_paragraph(tmp_path, megabytes):
    """Exit 1 with the message at the paragraph's line and column, no traceback, the previous PDF as it was."""
    archive = scratch(tmp_path, issue=HUGE)
    run = paiban("build", archive.issue, "-o", archive.output, cwd=tmp_path, env={"TYPESET_CACHE": str(tmp_path)},
                 preexec_fn=limited(megabytes))
    refused(run, archive, where="2024-08.yaml:12:11: error: memory ran out while working on")
    assert "split the longest paragraph" in run.said, run.said
    assert "MemoryError" not in run.said


def test_the_message_is_chinese_by_default(tmp_path):
    """In Chinese, the language of the house."""
    archive = scratch(tmp_path, issue=HUGE)
    run = paiban("build", archive.issue, "-o", archive.output, cwd=tmp_path,
                 env={"PAIBAN_LANG": "zh_CN", "TYPESET_CACHE": str(tmp_path)}, preexec_fn=limited(LIMITS[0]))
    refused(run, archive, where="2024-08.yaml:12:11: 错误：处理")
    assert "内存不足" in run.said and "拆成几部分" in run.said, run.said


def test_the_same_limit_builds_an_ordinary_issue(tmp_path):
    """The limit leaves room for a real build: it is the huge paragraph that exhausts it."""
    archive = scratch(tmp_path)
    built(paiban("build", archive.issue, "-o", archive.output, cwd=tmp_path, env={"TYPESET_CACHE": str(tmp_path)},
                 preexec_fn=limited(LIMITS[0])), archive)
