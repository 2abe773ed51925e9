"""Fixtures of the press tests: the reference issue's press PDF, and the reference under other settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE = ROOT / "issues" / "2024-07.yaml"
PUBLICATION = ROOT / "issues" / "publication.yaml"


@pytest.fixture(scope="session")
def press_build(tmp_path_factory, _metrics_cache):
    """The reference issue built once with --press: (laid-out issue, ordinary PDF, press PDF, build result)."""
    from typeset.build import build, lay_out

    target = tmp_path_factory.mktemp("press") / "2024-07.pdf"
    built = build(REFERENCE, target, press=True)
    return lay_out(REFERENCE), target, target.with_name("2024-07-press.pdf"), built


@pytest.fixture
def reference_with(tmp_path: Path):
    """The reference issue in a scratch archive whose publication.yaml ends with these lines."""

    def make(extra: str = "", style: str = "") -> Path:
        folder = tmp_path / "issues"
        folder.mkdir(exist_ok=True)
        text = PUBLICATION.read_text(encoding="utf-8")
        if style:
            text = text.replace("style:\n", "style:\n" + style.rstrip("\n") + "\n")
        (folder / "publication.yaml").write_text(text + extra, encoding="utf-8")
        shutil.copy(REFERENCE, folder / REFERENCE.name)
        return folder / REFERENCE.name

    return make
