"""The one module for files: atomic writes, stamps, digests, locks and stale temporaries."""

from __future__ import annotations

import os

import pytest

from typeset import files

DEAD_PID = 999999999  # above any pid_max Linux allows


def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "deep" / "a.bin"
    files.write_atomically(b"one", target)
    files.write_atomically(b"two", target, durable=False)
    assert target.read_bytes() == b"two" and os.listdir(target.parent) == ["a.bin"]


def test_an_atomic_write_through_a_link_writes_its_target(tmp_path):
    real, link = tmp_path / "real.pdf", tmp_path / "link.pdf"
    real.write_bytes(b"old")
    link.symlink_to(real)
    files.write_atomically(b"new", link)
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_stamp_is_size_then_modification_time_and_none_for_a_missing_file(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"12345")
    os.utime(path, ns=(1_000_000_000, 2_000_000_000))
    assert files.stamp(path) == (5, 2_000_000_000)
    assert files.stamp(tmp_path / "none") is None and files.digest(tmp_path / "none") is None


def test_a_held_lock_makes_a_second_holder_busy(tmp_path):
    lock = tmp_path / "out" / ".lock"
    with files.locked(lock):
        with pytest.raises(files.Busy):  # flock locks each open of the file apart, as another process's
            with files.locked(lock):
                pass
    with files.locked(lock):
        pass  # released with the block


def test_stale_temporaries_of_dead_writers_are_swept_and_earlier_names_only_when_asked(tmp_path):
    mine = tmp_path / f".paiban-{os.getpid()}-7.tmp"
    dead = tmp_path / f".paiban-{DEAD_PID}-0.tmp"
    earlier = tmp_path / f".a.pdf.{DEAD_PID}.tmp"
    for path in (mine, dead, earlier):
        path.write_bytes(b"")
    files.remove_stale(tmp_path)
    assert mine.exists() and not dead.exists() and earlier.exists()
    files.remove_stale(tmp_path, earlier=True)
    assert mine.exists() and not earlier.exists()
