"""Hostile sources: each is refused quickly, with a positioned error and no PDF."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ISSUES = Path(__file__).resolve().parents[2] / "issues"
NEST = "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))


def _build(tmp_path: Path, name: str, extra: str) -> subprocess.CompletedProcess:
    """Copy issues/, append text to one file and build the issue in a real process."""
    work = tmp_path / "issues"
    shutil.copytree(ISSUES, work)
    with open(work / name, "a", encoding="utf-8") as out:
        out.write(extra)
    return subprocess.run([sys.executable, "-m", "typeset", "build", str(work / "2024-07.yaml")],
                          capture_output=True, text=True, timeout=20, cwd=tmp_path)


def _refused(result: subprocess.CompletedProcess, tmp_path: Path, where: str) -> None:
    """Exit status 1, no traceback, the position shown, no PDF written."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert where in result.stderr + result.stdout
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize("name", ["2024-07.yaml", "publication.yaml"])
def test_recursive_alias_is_refused(tmp_path, name):
    """`&r [*r]` ends at once with the alias use's position."""
    lines = len((ISSUES / name).read_text(encoding="utf-8").splitlines())
    result = _build(tmp_path, name, "extra: &r [*r]\n")
    _refused(result, tmp_path, f"{name}:{lines + 1}:12")


@pytest.mark.parametrize("name", ["2024-07.yaml", "publication.yaml"])
def test_alias_nest_is_refused(tmp_path, name):
    """A nine-level alias nest ends at once with the first alias use's position."""
    lines = len((ISSUES / name).read_text(encoding="utf-8").splitlines())
    first = "a0: &a0 [x]\n"
    result = _build(tmp_path, name, first + NEST)
    _refused(result, tmp_path, f"{name}:{lines + 2}:")


def test_oversized_source_is_refused(tmp_path):
    """A source over 5 MB is refused at line 1 column 1."""
    result = _build(tmp_path, "2024-07.yaml", "#" + "x" * 5_000_001 + "\n")
    _refused(result, tmp_path, "2024-07.yaml:1:1")
