"""Where each character of a scalar stands: the reader's fast alignment against the plain one, on every scalar style."""

from __future__ import annotations

from array import array

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.diagnostics import Report
from typeset.source.reader import Reader

CHARS = st.sampled_from(list("杭州人大，。“”、 ab1\t\\\"'#:-") + ["\n"])


def plainly(raw: str, node: yaml.ScalarNode) -> list[tuple[int, int]]:
    """The alignment defined character by character: each value character matched to the next raw one like it."""
    cursor, end = node.start_mark.index, node.end_mark.index
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    found = []
    for char in node.value:
        scan = cursor
        while scan < end and not (raw[scan] == char or (char.isspace() and raw[scan].isspace())):
            scan += 1
        if scan == end:
            found.append((line, column))
            continue
        for passed in raw[cursor:scan]:
            line, column = (line + 1, 1) if passed == "\n" else (line, column + 1)
        found.append((line, column))
        line, column = (line + 1, 1) if raw[scan] == "\n" else (line, column + 1)
        cursor = scan + 1
    return found


def scalars(raw: str) -> list[yaml.ScalarNode]:
    """Every scalar node of a YAML text."""
    found, waiting = [], [yaml.compose(raw, Loader=yaml.SafeLoader)]
    while waiting:
        node = waiting.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        elif isinstance(node, yaml.MappingNode):
            waiting += [part for pair in node.value for part in pair]
        elif node is not None:
            waiting += node.value
    return found


def reader_of(raw: str, tmp_path) -> Reader:
    """A reader holding this raw text, as it holds a source it read."""
    reader = Reader(tmp_path / "a.yaml", Report())
    reader.text = raw
    return reader


@settings(max_examples=300, deadline=None)
@given(text=st.text(CHARS, max_size=60), style=st.sampled_from(['"', "'", "|", ">", None]), indent=st.integers(2, 6))
def test_every_style_of_scalar_is_aligned_as_character_by_character(tmp_path_factory, text, style, indent):
    raw = yaml.dump({"正文": text}, Dumper=yaml.SafeDumper, allow_unicode=True, default_style=style,
                    indent=indent, width=20)
    reader = reader_of(raw, tmp_path_factory.mktemp("marks"))
    for node in scalars(raw):
        assert list(reader._marks(node)) == plainly(raw, node), raw


def test_a_long_unbroken_value_takes_time_in_its_length(tmp_path):
    text = "杭州人大信息。" * 20_000  # 140,000 characters on one raw line, longer than one run
    raw = f"正文: {text}\n"
    node = scalars(raw)[0]
    marks = reader_of(raw, tmp_path)._marks(node)
    assert marks._lines == array("I", [1] * len(text))
    assert list(marks._columns) == list(range(5, 5 + len(text)))
