"""Damaged metrics caches and rebuild manifests are treated as absent: the build is as if they were not there."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
from array import array
from pathlib import Path

import pytest

from typeset.files import read_cache

from .harness import built, ink_on_paper, paiban, refused, scratch, sound


def sealed(path: Path, data: bytes) -> bytes:
    """Cache contents behind the digest of the entry's name and contents, as the cache writes them."""
    return hashlib.sha256(path.name.encode() + b"\0" + data).digest() + data


def another_entry(path: Path, data: bytes) -> bytes:
    """The sound contents of another entry of the same kind (a face's metrics under another face's name)."""
    others = sorted(other for other in path.parent.glob(path.name.split("-")[0] + "-*.bin") if other != path)
    assert others
    return others[0].read_bytes()


CACHE_DAMAGE = {
    "truncated-to-half": lambda path, data: data[: len(data) // 2],
    "empty": lambda path, data: b"",
    "bytes-appended": lambda path, data: data + b"\x00" * 100,
    "random-bytes-same-size": lambda path, data: os.urandom(len(data)),
    "one-bit-flipped": lambda path, data: data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
    "sealed-wrong-shape": lambda path, data: sealed(path, marshal.dumps((b"x", {}, {}))),
    "sealed-glyph-ids-past-the-widths": lambda path, data: sealed(path, marshal.dumps(
        (bytes(2 * 1024), bytes(512) + b"\xff" * 512, bytes(2 * 10), 1000, {}))),
    "unsealed-old-format": lambda path, data: data[32:],
    "another-entry": another_entry,
    "sealed-tables-of-unequal-lengths": lambda path, data: sealed(path, marshal.dumps(
        (array("L", [32, 33]).tobytes(), array("L", [3]).tobytes(), b"", "l", b"", 1000, b"", b"", b""))),
}


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, bytes]:
    """A metrics cache filled by one build, and the PDF that build wrote."""
    base = tmp_path_factory.mktemp("warm")
    archive = scratch(base)
    cache = base / "cache"
    run = archive.build(env={"TYPESET_CACHE": str(cache)})
    sound(run, 0)
    return cache, archive.output.read_bytes()


DAMAGED = [("metrics", damage) for damage in CACHE_DAMAGE]  # reportlab's tables are read from the font, uncached


@pytest.mark.parametrize("kind,damage", DAMAGED, ids=[f"{kind}-{damage}" for kind, damage in DAMAGED])
def test_damaged_cache_is_absent(tmp_path, warm, kind, damage):
    """Every cache file of a kind damaged alike: the same PDF, byte for byte, and the cache mended."""
    cache, expected = warm
    mine = tmp_path / "cache"
    shutil.copytree(cache, mine)
    files = sorted(mine.glob(f"{kind}-*.bin"))[:1]
    assert files
    for path in files:
        path.write_bytes(CACHE_DAMAGE[damage](path, path.read_bytes()))
    archive = scratch(tmp_path / "work")
    run = archive.build(env={"TYPESET_CACHE": str(mine)})
    built(run, archive)
    assert archive.output.read_bytes() == expected
    assert all(read_cache(path) is not None for path in files)


@pytest.mark.parametrize("thing", ["directory", "fifo", "dangling-symlink"])
def test_cache_entry_that_is_no_file(tmp_path, warm, thing):
    """A cache entry that is a folder, a FIFO or a dangling link is passed by, not read or waited on."""
    cache, expected = warm
    mine = tmp_path / "cache"
    shutil.copytree(cache, mine)
    for path in sorted(mine.glob("*.bin")):
        path.unlink()
        {"directory": path.mkdir, "fifo": lambda: os.mkfifo(path),
         "dangling-symlink": lambda: path.symlink_to(tmp_path / "nowhere")}[thing]()
    archive = scratch(tmp_path / "work")
    built(archive.build(env={"TYPESET_CACHE": str(mine)}), archive)
    assert archive.output.read_bytes() == expected


def test_cache_folder_is_a_file(tmp_path, warm):
    """TYPESET_CACHE naming a file: the build runs without a cache."""
    _cache, expected = warm
    blocker = tmp_path / "cache"
    blocker.write_bytes(b"not a folder")
    archive = scratch(tmp_path / "work")
    built(archive.build(env={"TYPESET_CACHE": str(blocker)}), archive)
    assert archive.output.read_bytes() == expected
    assert blocker.read_bytes() == b"not a folder"


# ---------------------------------------------------------------- rebuild manifests

MANIFEST = ".typeset-manifest.json"


def good_manifest(entry: dict | None = None) -> dict:
    """A manifest of the shape rebuild writes, for one issue."""
    facts = {"number": 8, "total": 696, "date": "2024-06-28", "at": {"number": [1, 9]}}
    fields = {"source": "2024-08.yaml", "digest": "0" * 64, "source_stamp": [1, 2], "recipe": "0" * 64,
              "pdf": [3, 4], "facts": facts}
    return {"version": 2, "issues": {"2024-08.pdf": {**fields, **(entry or {})}}}


MANIFESTS = {
    "json-list": b"[]",
    "json-string": b'"issues"',
    "issues-list": json.dumps({"version": 2, "issues": []}).encode(),
    "digest-number": json.dumps(good_manifest({"digest": 5})).encode(),
    "facts-number-text": json.dumps(good_manifest({"facts": {"number": "8", "total": 696,
                                                             "date": "2024-06-28"}})).encode(),
    "facts-bad-date": json.dumps(good_manifest({"facts": {"number": 8, "total": 696, "date": "2024-13-45"}})).encode(),
    "truncated-half": json.dumps(good_manifest()).encode()[:80],
    "empty": b"",
    "not-utf8": b'{"version": 2, "issues": {"\xff\xfe": {}}}',
    "deep-nesting": b"[" * 100_000 + b"]" * 100_000,
}


def rebuild_with_manifest(tmp_path: Path, manifest: bytes | None):
    """Rebuild a one-issue archive after writing this manifest; the run and the scratch archive."""
    archive = scratch(tmp_path)
    out = tmp_path / "build"
    out.mkdir()
    if manifest is not None:
        (out / MANIFEST).write_bytes(manifest)
    archive.snapshot()
    return paiban("rebuild", archive.folder, "-o", out, "-j", "1", cwd=tmp_path), archive, out


@pytest.mark.parametrize("damage", list(MANIFESTS), ids=list(MANIFESTS))
def test_malformed_manifest_is_absent(tmp_path, damage):
    """A manifest of the wrong JSON type, with wrong field types or cut short: the issue is built again."""
    run, archive, out = rebuild_with_manifest(tmp_path, MANIFESTS[damage])
    sound(run, 0)
    assert "1 built, 0 up to date, 0 failed" in run.stdout
    assert archive.changed() == [out / MANIFEST]
    written = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert list(written["issues"]) == ["2024-08.pdf"]
    ink_on_paper(out / "2024-08.pdf")


def test_well_formed_manifest_still_counts(tmp_path):
    """The checks of the manifest's shape accept what rebuild writes: a second run builds nothing."""
    run, archive, out = rebuild_with_manifest(tmp_path, None)
    sound(run, 0)
    again = paiban("rebuild", archive.folder, "-o", out, "-j", "1", cwd=tmp_path)
    sound(again, 0)
    assert "0 built, 1 up to date" in again.stdout


@pytest.mark.parametrize("field,value", [("facts", {"number": "8", "total": 696, "date": "2024-06-28"}),
                                         ("facts", {"number": 8}), ("pdf", "now"), ("source_stamp", [None, None])],
                         ids=["facts-number-text", "facts-cut", "pdf-stamp-text", "source-stamp-nulls"])
def test_current_entry_with_a_bad_field(tmp_path, field, value):
    """An entry recorded for the very PDF in the folder, one field of it spoilt: the issue is built again."""
    run, archive, out = rebuild_with_manifest(tmp_path, None)
    sound(run, 0)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["issues"]["2024-08.pdf"][field] = value
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    again = paiban("rebuild", archive.folder, "-o", out, "-j", "1", cwd=tmp_path)
    sound(again, 0)
    assert "1 built, 0 up to date" in again.stdout


def test_manifest_that_is_a_folder(tmp_path):
    """A folder where the manifest goes: an error saying so, not a traceback, the sources unchanged."""
    archive = scratch(tmp_path)
    out = tmp_path / "build"
    (out / MANIFEST).mkdir(parents=True)
    run = paiban("rebuild", archive.folder, "-o", out, "-j", "1", cwd=tmp_path)
    refused(run, archive, where=MANIFEST)
