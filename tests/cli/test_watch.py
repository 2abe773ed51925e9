"""The watch loop on real file saves, and `paiban watch` through click's CliRunner."""

from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner

from conftest import MINIMAL
from typeset import watch as watching
from typeset.cli import main
from typeset.preview import parse_pages


class Lines:
    """What the loop echoes, collected across threads."""

    def __init__(self):
        self.items: list[str] = []
        self.changed = threading.Condition()

    def echo(self, text: str, err: bool = False) -> None:
        with self.changed:
            self.items.append(text)
            self.changed.notify_all()

    def wait_for(self, words: str, count: int = 1, seconds: float = 10) -> None:
        """Block until `count` lines hold `words`."""
        with self.changed:
            met = self.changed.wait_for(lambda: sum(words in line for line in self.items) >= count, seconds)
        assert met, f"no {count}× '{words}' in {self.items}"


def save(path, text: str) -> None:
    """Write a file as an editor would, with a new modification time."""
    path.write_text(text, encoding="utf-8")


def test_the_loop_survives_a_bad_save_and_builds_the_next_good_one(write_issue, tmp_path):
    source = write_issue()
    output = tmp_path / "out" / "issue.pdf"
    previews = watching.preview_files(source, output, [2])
    lines, stop = Lines(), threading.Event()
    rebuild = watching.Rebuild(source, output, previews, 36, lines.echo)
    loop = threading.Thread(target=watching.watch, args=(watching.watched_files(source), rebuild, stop, 0.05))
    loop.start()
    try:
        lines.wait_for("page 2 of 2")
        first = output.read_bytes()
        assert previews[2].read_bytes().startswith(b"\x89PNG")

        save(source, MINIMAL.replace("total: 696", "total: x"))
        lines.wait_for("was left as it was")
        assert any("2024-08.yaml:2:8: error: the total number (总期号) must be a positive whole number" in line for line in lines.items)
        assert output.read_bytes() == first

        save(source, MINIMAL.replace("召开会议", "召开常委会会议"))
        lines.wait_for("page 2 of 2", count=2)
        assert output.read_bytes() != first
    finally:
        stop.set()
        loop.join(5)
    assert not loop.is_alive()
    assert sum("2 pages, 0 warnings" in line for line in lines.items) == 2


def test_a_save_of_the_publication_rebuilds(write_issue, archive):
    source = write_issue()
    calls, stop = [], threading.Event()
    loop = threading.Thread(target=watching.watch,
                            args=(watching.watched_files(source), lambda: calls.append(1), stop, 0.02))
    loop.start()
    try:
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.01)
        publication = archive / "publication.yaml"
        save(publication, publication.read_text(encoding="utf-8") + "# edited\n")
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        loop.join(5)
    assert len(calls) == 2


def test_the_command_builds_and_ends_cleanly_on_ctrl_c(write_issue, tmp_path, monkeypatch):
    monkeypatch.setattr(watching, "saves", interrupt_after_the_first_build)
    source = write_issue()
    output = tmp_path / "issue.pdf"
    result = CliRunner().invoke(main, ["watch", str(source), "-o", str(output), "--pages", "1-3", "--dpi", "36"])
    assert result.exit_code == 0, result.output
    assert "watching" in result.stderr and "Ctrl-C stops" in result.stderr
    assert f"{output}: 2 pages, 0 warnings" in result.stdout
    assert "page 3 is out of range: the issue has 2 pages" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".png") == ["2024-08-p1.png", "2024-08-p2.png"]


@pytest.mark.parametrize("pages", ["2-", "x"])
def test_a_malformed_page_list_is_bad_usage(write_issue, pages):
    result = CliRunner().invoke(main, ["watch", str(write_issue()), "--pages", pages])
    assert result.exit_code == 2 and "Error:" in result.stderr


def test_the_command_previews_the_last_page_beside_the_archive_from_any_folder(write_issue, tmp_path, monkeypatch):
    monkeypatch.setattr(watching, "saves", interrupt_after_the_first_build)
    source = write_issue()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = CliRunner().invoke(main, ["watch", str(source), "--page", "last", "--dpi", "36"])
    assert result.exit_code == 0, result.output
    build = tmp_path / "build"
    assert f"{build / '2024-08.pdf'}: 2 pages, 0 warnings" in result.stdout
    assert f"{build / '2024-08-p2.png'}: page 2 of 2" in result.stdout
    assert sorted(p.name for p in build.iterdir()) == ["2024-08-p2.png", "2024-08.pdf"]


def test_the_last_page_follows_the_issue_as_it_grows(write_issue, tmp_path):
    source = write_issue()
    output = tmp_path / "issue.pdf"
    previews = watching.preview_files(source, output, parse_pages("last"))
    lines = Lines()
    rebuild = watching.Rebuild(source, output, previews, 36, lines.echo)
    assert rebuild()
    assert any(line.endswith("page 2 of 2") for line in lines.items)
    longer = MINIMAL + "".join(f"\n          第{n}段，会议要求进一步推动工作落实。\n" for n in range(60))
    save(source, longer)
    assert rebuild()
    pages = int(lines.items[-1].rsplit(" ", 1)[1])
    assert pages > 2 and lines.items[-1] == f"{previews[pages]}: page {pages} of {pages}"


def interrupt_after_the_first_build(paths, stop, step=None):
    """A stand-in for watch.saves that ends the loop as Ctrl-C would, after the first build."""
    yield
    raise KeyboardInterrupt
