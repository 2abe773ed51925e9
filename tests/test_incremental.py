"""A long-running rebuild: composed paragraphs reused, only changed pages rasterised, the same output as a cold build."""

from __future__ import annotations

import shutil

import pytest

from conftest import MINIMAL, REFERENCE
from typeset.build import build
from typeset.diagnostics import SourceError
from typeset.incremental import Session
from typeset.layout import Typesetter
from typeset.preview import preview

EDITED = "一是深化学习精心谋"  # a paragraph of the reference issue's second article


@pytest.fixture
def reference_copy(archive):
    """The reference issue in a scratch archive."""
    target = archive / REFERENCE.name
    shutil.copy(REFERENCE, target)
    return target


@pytest.fixture
def composed(monkeypatch):
    """Counts the paragraphs composed (not taken from a cache)."""
    calls = []
    original = Typesetter.made_paragraph

    def counting(self, between, looseness):
        calls.append("".join(piece.char for piece in between[0]))
        return original(self, between, looseness)

    monkeypatch.setattr(Typesetter, "made_paragraph", counting)
    return calls


def edit(source, old: str, new: str) -> None:
    """Replace the first `old` of the source file by `new`."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def all_pages(count: int) -> list[int]:
    return list(range(1, count + 1))


def test_a_one_character_edit_recomposes_only_its_paragraph_and_gives_a_cold_build_s_pdf(
        reference_copy, tmp_path, composed):
    session = Session(reference_copy, tmp_path / "warm.pdf")
    first = session.rebuild(all_pages, 36)
    paragraphs = len(composed)
    assert paragraphs > 20
    edit(reference_copy, EDITED, "壹" + EDITED[1:])
    composed.clear()
    again = session.rebuild(all_pages, 36)
    assert len(composed) == 1 and composed[0].startswith("壹是深化学习精心谋")
    cold = build(reference_copy, tmp_path / "cold.pdf")
    assert again.built.pdf == cold.pdf == (tmp_path / "warm.pdf").read_bytes() != first.built.pdf


def test_the_reference_pdf_is_the_same_with_and_without_the_paragraph_cache(reference_copy, tmp_path, composed):
    session = Session(reference_copy, tmp_path / "warm.pdf")
    session.rebuild(lambda count: [], 36)
    composed.clear()
    warm = session.rebuild(lambda count: [], 36)  # every paragraph from the cache
    assert composed == []
    assert warm.built.pdf == build(reference_copy, tmp_path / "cold.pdf").pdf == \
        build(REFERENCE, tmp_path / "reference.pdf").pdf


def test_only_the_changed_pages_are_rasterised_again_as_preview_draws_them(reference_copy, tmp_path):
    session = Session(reference_copy, tmp_path / "issue.pdf")
    first = session.rebuild(lambda count: [2, 3, count], 36)
    assert sorted(first.pngs) == [2, 3, first.built.pages]
    edited_page = next(number for number in (2, 3) if any(
        EDITED in text.text for text in first.built.laid.pages[number - 1].texts()))
    edit(reference_copy, EDITED, "壹" + EDITED[1:])
    again = session.rebuild(lambda count: [2, 3, count], 36)
    assert list(again.pngs) == [edited_page]
    shown = preview(reference_copy, [edited_page], str(tmp_path / "preview.png"), 36)
    assert shown.files[edited_page].read_bytes() == again.pngs[edited_page]
    assert session.rebuild(lambda count: [2, 3, count], 36).pngs == {}
    session.forget([2])
    assert list(session.rebuild(lambda count: [2, 3, count], 36).pngs) == [2]


def test_a_paragraph_with_a_missing_character_is_an_error_at_every_rebuild(write_issue, tmp_path):
    source = write_issue(MINIMAL.replace("推动工作落实", "推动工作落实\U000E0100"))
    session = Session(source, tmp_path / "issue.pdf")
    for _ in range(2):
        with pytest.raises(SourceError) as raised:
            session.rebuild(all_pages, 36)
        assert any("no body text font can draw" in d.message and "U+E0100" in d.message
                   for d in raised.value.diagnostics)
    edit(source, "\U000E0100", "")
    assert session.rebuild(all_pages, 36).built.pages == 2
