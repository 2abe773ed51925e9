"""Shared fixtures: the project's archive, a scratch archive, a hermetic font-metrics cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "issues" / "2024-07.yaml"
PUBLICATION = ROOT / "issues" / "publication.yaml"

MINIMAL = """\
number: 8
total: 696
date: 2024-06-28
sections:
  - label: 要闻速递
    articles:
      - title: 市人大常委会召开会议
        byline: 办公厅 张三
        body: |
          市人大常委会召开第十九次会议，听取和审议有关报告。

          会议指出，要坚持问题导向，推动工作落实。
"""


@pytest.fixture(autouse=True, scope="session")
def _metrics_cache(tmp_path_factory):
    """Keep the font-metrics cache inside the test run."""
    import os

    os.environ["TYPESET_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in English unless a test asks for Chinese (the default for users)."""
    from typeset.i18n import set_language

    monkeypatch.setenv("PAIBAN_LANG", "en")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A scratch archive folder with the real publication.yaml and no issues."""
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(PUBLICATION, folder / "publication.yaml")
    return folder


@pytest.fixture
def write_issue(archive: Path):
    """Write an issue source into the scratch archive and return its path."""

    def write(text: str = MINIMAL, name: str = "2024-08.yaml") -> Path:
        path = archive / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def reference_build(tmp_path_factory, _metrics_cache):
    """The reference issue built once per test run: (laid-out issue, PDF path)."""
    from typeset.build import build, lay_out

    target = tmp_path_factory.mktemp("reference") / "2024-07.pdf"
    build(REFERENCE, target)
    return lay_out(REFERENCE), target
