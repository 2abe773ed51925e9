"""Running paiban on hostile input as a real process, and what every such run must show."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from conftest import MINIMAL

ROOT = Path(__file__).resolve().parents[2]
ISSUES = ROOT / "issues"
FONTS = ROOT / "fonts"
TIME_LIMIT = 20.0  # seconds for any one run; a hang is a failure, not a wait
PREVIOUS = b"%PDF-1.4\n% the previous build, which a failed build must leave as it was\n"
NON_FINITE = re.compile(rb"(?<![A-Za-z/])(nan|inf|-inf|NaN|Infinity)(?![A-Za-z])")
STRINGS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>")  # text operands, whose bytes are glyph codes

STYLE_BLOCK = re.compile(r"^style:\n(?:[ #].*\n|\n)*", re.M)  # the style key and its indented lines
# The reference publication with no style overrides: each case writes the style it probes.
PUBLICATION = STYLE_BLOCK.sub("style: {}\n", (ISSUES / "publication.yaml").read_text(encoding="utf-8"), count=1)


@dataclass
class Run:
    """One finished process: its status, what it printed and how long it took."""

    status: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def said(self) -> str:
        """Everything it printed."""
        return self.stdout + self.stderr



def paiban(*args: str | Path, cwd: Path, env: dict | None = None, timeout: float = TIME_LIMIT,
           **popen) -> Run:
    """Run `python -m typeset ARGS` in `cwd`, in English, within the time limit."""
    environment = {**os.environ, "PAIBAN_LANG": "en", "PYTHONPATH": str(ROOT), **(env or {})}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "typeset", *map(str, args)], cwd=cwd, env=environment,
                          capture_output=popen.pop("capture_output", True), text=True, timeout=timeout, **popen)
    return Run(done.returncode, done.stdout or "", done.stderr or "", time.monotonic() - started)


@dataclass
class Archive:
    """A scratch archive: publication.yaml, one issue, and a previous PDF where the build writes."""

    folder: Path
    issue: Path
    output: Path
    before: dict[Path, bytes] = field(default_factory=dict)

    @property
    def publication(self) -> Path:
        return self.folder / "publication.yaml"

    def snapshot(self) -> None:
        """Remember the bytes of every file under the scratch folder, the previous PDF included."""
        self.before = files_under(self.folder.parent)

    def changed(self) -> list[Path]:
        """The remembered files whose bytes are now different or gone."""
        now = files_under(self.folder.parent)
        return [path for path, data in self.before.items() if now.get(path) != data]

    def build(self, *more: str, env: dict | None = None) -> Run:
        """`paiban build` of the issue into the output."""
        return paiban("build", self.issue, "-o", self.output, *more, cwd=self.folder.parent, env=env)

    def check(self, *paths: Path, env: dict | None = None) -> Run:
        """`paiban check` of the issue, or of the paths given."""
        return paiban("check", *(paths or (self.issue,)), cwd=self.folder.parent, env=env)


def files_under(folder: Path) -> dict[Path, bytes]:
    """Every regular file below a folder and its bytes (symlinks and special files left out)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 20_000_000:
            found[path] = path.read_bytes()
    return found


def scratch(tmp_path: Path, issue: str | bytes = MINIMAL, publication: str | bytes = PUBLICATION,
            name: str = "2024-08.yaml") -> Archive:
    """An archive folder in tmp_path with these sources and a previous PDF in out/."""
    folder = tmp_path / "issues"
    folder.mkdir(parents=True)
    write(folder / "publication.yaml", publication)
    write(folder / name, issue)
    out = tmp_path / "out"
    out.mkdir()
    (out / "issue.pdf").write_bytes(PREVIOUS)
    archive = Archive(folder, folder / name, out / "issue.pdf")
    archive.snapshot()
    return archive


def write(path: Path, text: str | bytes) -> None:
    """Write text as UTF-8, or bytes as they are."""
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def with_style(lines: str, publication: str = PUBLICATION) -> str:
    """publication.yaml with its `style: {}` replaced by these style lines."""
    assert "style: {}" in publication
    indented = "".join(f"  {line}\n" for line in lines.splitlines())
    return publication.replace("style: {}\n", f"style:\n{indented}")


def style_line(publication: str) -> int:
    """The line of publication.yaml where the first style setting stands."""
    return publication.splitlines().index("style:") + 2


# ---------------------------------------------------------------- what each run must show

def refused(run: Run, archive: Archive | None = None, status: int = 1, where: str | None = None) -> None:
    """Exit status 1 (or 2), no traceback, in time, the position shown, nothing changed."""
    sound(run, status)
    if where is not None:
        assert where in run.said, run.said
    if archive is not None:
        assert archive.changed() == [], f"changed: {archive.changed()}"
        no_temporaries(archive)


def built(run: Run, archive: Archive) -> None:
    """Exit status 0, no traceback, in time, inputs unchanged, and a PDF with all ink on the paper."""
    sound(run, 0)
    assert archive.changed() == [archive.output], f"changed: {archive.changed()}"
    no_temporaries(archive)
    ink_on_paper(archive.output)


def no_temporaries(archive: Archive) -> None:
    """No temporary file is left anywhere in the scratch folder."""
    assert not list(archive.folder.parent.rglob(".paiban-*")), list(archive.folder.parent.rglob(".paiban-*"))


def sound(run: Run, status: int) -> None:
    """The exit status wanted, within the time limit, and never a traceback."""
    assert "Traceback" not in run.said, run.said
    assert run.status == status, f"exit {run.status}, wanted {status}:\n{run.said}"
    assert run.seconds < TIME_LIMIT


def ink_on_paper(pdf: Path) -> None:
    """Every character and rule of the PDF lies inside its page, and no number in it is nan or inf."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        assert document.pages
        for page in document.pages:
            assert page.chars or page.rects or page.lines
            for char in page.chars:
                assert inside(char, page), f"page {page.page_number}: {char['text']!r} at {box(char)}"
            for shape in page.rects + page.lines:
                assert inside(shape, page), f"page {page.page_number}: a rule at {box(shape)}"
            for stream in contents(page):
                operators = STRINGS.sub(b"()", stream)
                assert not NON_FINITE.search(operators), f"page {page.page_number}: {NON_FINITE.search(operators)[0]}"


def inside(item: dict, page, slack: float = 0.01) -> bool:
    """True when an item's box is finite and within the page box."""
    x0, top, x1, bottom = box(item)
    return (all(map(math.isfinite, (x0, top, x1, bottom)))
            and -slack <= x0 <= x1 <= page.width + slack and -slack <= top <= bottom <= page.height + slack)


def box(item: dict) -> tuple[float, float, float, float]:
    """An item's left, top, right and bottom in pt."""
    return item["x0"], item["top"], item["x1"], item["bottom"]


def contents(page) -> list[bytes]:
    """The decoded content streams of a pdfplumber page."""
    from pdfminer.pdftypes import resolve1

    streams = resolve1(page.page_obj.attrs.get("Contents"))
    streams = streams if isinstance(streams, list) else [streams]
    return [resolve1(stream).get_data() for stream in streams]
