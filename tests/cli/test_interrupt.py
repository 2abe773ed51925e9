"""Signals and memory running out that Python or the system report as something else: a signal landing while
a class is being made (a RuntimeError in Python 3.11), the system out of memory for a write (an OSError)."""

from __future__ import annotations

import pytest

from typeset.cli import quiet_interrupt
from typeset.console import signal_behind


class Interrupting:
    """A class attribute whose naming raises what a signal handler would, as a dataclass field's can."""

    def __init__(self, raised: BaseException):
        self.raised = raised

    def __set_name__(self, owner, name):
        raise self.raised


def make_class(raised: BaseException) -> None:
    """Make a class while `raised` arrives."""
    type("Facts", (), {"at": Interrupting(raised)})


def test_python_reports_the_signal_as_a_runtime_error():
    """What the guard is for: the interruption comes wrapped, not as itself."""
    with pytest.raises(RuntimeError) as wrapped:
        make_class(KeyboardInterrupt())
    assert isinstance(signal_behind(wrapped.value), KeyboardInterrupt)


@pytest.mark.parametrize("raised, status", [(KeyboardInterrupt(), 130), (SystemExit(143), 143),
                                            (SystemExit(129), 129)])
def test_a_signal_while_a_class_is_made_ends_with_its_status(raised, status):
    with pytest.raises(SystemExit) as leaving:
        with quiet_interrupt():
            make_class(raised)
    assert leaving.value.code == status


def test_another_runtime_error_is_not_taken_for_a_signal():
    with pytest.raises(RuntimeError, match="not a signal"):
        with quiet_interrupt():
            raise RuntimeError("not a signal") from ValueError("cause")


def test_the_system_out_of_memory_for_a_write_is_the_memory_message(write_issue, tmp_path, monkeypatch):
    """A write refused for lack of memory (ENOMEM) says memory ran out, not that the folder cannot be written."""
    import errno

    from click.testing import CliRunner

    from typeset import build
    from typeset.cli import main

    def no_memory(data, target):
        raise OSError(errno.ENOMEM, "Cannot allocate memory", str(target))

    monkeypatch.setattr(build, "write_atomically", no_memory)
    target = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, ["build", str(write_issue()), "-o", str(target), "--lang", "en"])
    assert result.exit_code == 1
    assert "memory ran out while working on" in result.output and "folder" not in result.output
    assert not target.exists()
