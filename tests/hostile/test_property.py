"""Mutated sources fed to the loader build and check use: it ends quickly with diagnostics, never an exception."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typeset.diagnostics import Report, SourceError
from typeset.source import load_issue, load_publication

from .harness import ISSUES, MINIMAL, PUBLICATION

REFERENCE = (ISSUES / "2024-07.yaml").read_bytes()
SEEDS = [MINIMAL.encode(), REFERENCE[:6000]]
TOKENS = [b"&a ", b"*a", b"&a [*a]", b"!!python/object:os.system ", b"!!binary ", b"!x ", b"[", b"]", b"{", b"}",
          b": ", b"\t", b"- ", b"? ", b"|", b">", b"'", b'"', b"#", b"%YAML 1.1\n", b"---\n", b"...\n", b"\n",
          b"\r", b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xed\xa0\x80", b"\xc2\x85", "\u2028".encode(),
          b"<<: *a\n", b"1e400", b".nan", b"9" * 40, b"  " * 30, "：".encode(), b"\\u0000"]
SECONDS = 2.0

edits = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(range(len(TOKENS)))),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 40)),
)


def mutated(seed: bytes, changes: list[tuple[str, int, int]]) -> bytes:
    """The seed with each change applied in turn, positions taken modulo its length."""
    data = bytearray(seed)
    for kind, where, value in changes:
        at = where % (len(data) + 1)
        if kind == "flip" and at < len(data):
            data[at] ^= value
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = TOKENS[value]
        elif kind == "delete":
            del data[at:at + value]
    return bytes(data)


FOLDER = Path(tempfile.mkdtemp(prefix="paiban-mutations-"))
(FOLDER / "publication.yaml").write_text(PUBLICATION, encoding="utf-8")


def assert_diagnosed(data: bytes, path: Path, load) -> None:
    """Load the bytes from path: an outcome within the time limit, each error placed inside the file."""
    path.write_bytes(data)
    report = Report()
    started = time.monotonic()
    try:
        load(path, report)
    except SourceError as error:
        assert error.diagnostics
    shown = [str(diagnostic) for diagnostic in report.items]  # the snippet under each message, as printed
    assert time.monotonic() - started < SECONDS
    assert all(shown)
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for diagnostic in report.errors:
        if diagnostic.position is not None:
            assert 1 <= diagnostic.position.line <= lines and diagnostic.position.column >= 1, diagnostic


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.lists(edits, min_size=1, max_size=6))
def test_mutated_issue(seed, changes):
    """An issue source with random flips, cuts, deletions and inserted YAML syntax."""
    assert_diagnosed(mutated(SEEDS[seed], changes), FOLDER / "2024-08.yaml", load_issue)


def load_publication_only(path: Path, report: Report) -> None:
    """load_publication as build calls it, raising as the build does when it reported errors."""
    publication = load_publication(path, report)
    assert (publication is None) == bool(report.errors)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=6))
def test_mutated_publication(changes):
    """publication.yaml with the same kinds of damage."""
    (FOLDER / "pub").mkdir(exist_ok=True)
    assert_diagnosed(mutated(PUBLICATION.encode(), changes), FOLDER / "pub" / "publication.yaml",
                     load_publication_only)
