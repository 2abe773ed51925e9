"""The reader reads every key the contract declares: a wrong value under any key is an error at its place."""

from __future__ import annotations

import copy

import pytest
import yaml
from PIL import Image

from conftest import PUBLICATION
from typeset.diagnostics import Report, SourceError
from typeset.source import load_issue
from typeset.source.contract import SHAPES

ISSUE = {
    "edition": "普刊", "number": 8, "total": 696, "date": "2024-06-28",
    "sections": [
        {"label": "要闻速递", "articles": [{"title": "市人大常委会召开会议", "byline": "办公厅 张三", "body": [
            "市人大常委会召开会议。", {"figure": {"image": "photo.jpg", "caption": "会议现场", "width": 120}}]}]},
        {"label": "信息摘登", "briefs": [{"text": "西湖区人大常委会积极推进工作。", "byline": "办公室 方敏杰",
                                       "lead": "西湖区"}]},
    ],
    "footer": {"report": ["省人大"], "send": ["市人大"], "issue_to": ["各区"], "editor": "杨青青", "phone": "85250657"},
}
WHERE = {  # shape -> the path to one mapping of that shape, in the issue or in publication.yaml
    "issue": ("issue", ()), "footer": ("issue", ("footer",)), "section": ("issue", ("sections", 0)),
    "article": ("issue", ("sections", 0, "articles", 0)), "brief": ("issue", ("sections", 1, "briefs", 0)),
    "block": ("issue", ("sections", 0, "articles", 0, "body", 1)),
    "figure": ("issue", ("sections", 0, "articles", 0, "body", 1, "figure")),
    "publication": ("publication", ()),
}
WRONG = {"zz": 1}  # a mapping, where no key holds one, with a key that no mapping has


def written(data) -> str:
    """Data as block-style YAML."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def test_every_shape_is_reached():
    assert set(WHERE) == set(SHAPES)


def test_the_complete_issue_loads_cleanly(archive):
    Image.new("RGB", (8, 8)).save(archive / "photo.jpg", "JPEG")
    (archive / "2024-08.yaml").write_text(written(ISSUE), encoding="utf-8")
    report = Report()
    load_issue(archive / "2024-08.yaml", report)
    assert report.items == []


@pytest.mark.parametrize("shape, key", [(s.name, k.name) for s in SHAPES.values() for k in s.keys])
def test_a_wrong_value_under_any_declared_key_is_an_error_at_its_place(archive, shape, key):
    Image.new("RGB", (8, 8)).save(archive / "photo.jpg", "JPEG")
    document, path = WHERE[shape]
    data = copy.deepcopy(ISSUE if document == "issue" else yaml.safe_load(PUBLICATION.read_text(encoding="utf-8")))
    mapping = data
    for step in path:
        mapping = mapping[step]
    mapping[key] = WRONG
    target = archive / ("2024-08.yaml" if document == "issue" else "publication.yaml")
    if document == "publication":
        (archive / "2024-08.yaml").write_text(written(ISSUE), encoding="utf-8")
    target.write_text(written(data), encoding="utf-8")
    line = written(data).splitlines().index(next(l for l in written(data).splitlines() if l.strip() == "zz: 1")) + 1
    with pytest.raises(SourceError) as caught:
        load_issue(archive / "2024-08.yaml", Report())
    assert line in [d.position.line for d in caught.value.diagnostics if d.position.file.endswith(target.name)], \
        caught.value.diagnostics
