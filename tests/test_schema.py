"""The JSON Schemas: the shipped files are what `paiban schema` prints, and they accept what the build accepts."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import MINIMAL, PUBLICATION, REFERENCE, ROOT
from typeset.cli import main
from typeset.diagnostics import Report, SourceError
from typeset.source import load_issue
from typeset.source.contract import SHAPES
from typeset.style import SETTINGS


def printed(kind: str) -> str:
    """What `paiban schema --kind KIND` prints."""
    result = CliRunner().invoke(main, ["schema", "--kind", kind])
    assert result.exit_code == 0, result.output
    return result.stdout


def validator(kind: str) -> jsonschema.Draft202012Validator:
    """A validator of the shipped schema."""
    return jsonschema.Draft202012Validator(json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8")))


def as_json(text: str):
    """YAML as the JSON data an editor's YAML 1.2 checker sees (dates stay text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


@pytest.mark.parametrize("kind", ["issue", "publication"])
def test_the_shipped_schema_is_what_the_command_prints(kind):
    shipped = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == printed(kind), f"regenerate: typeset schema --kind {kind} > schema/{kind}.schema.json"
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped))


def test_issue_is_the_default():
    assert CliRunner().invoke(main, ["schema"]).stdout == printed("issue")


def test_the_reference_files_validate():
    validator("issue").validate(as_json(REFERENCE.read_text(encoding="utf-8")))
    validator("publication").validate(as_json(PUBLICATION.read_text(encoding="utf-8")))
    validator("issue").validate(as_json(MINIMAL + "footer:\n  editor: 李四\n  phone: 85250657\n"))


@pytest.mark.parametrize("change", [
    ("sections:", "sectoins:"),
    ("- title:", "- tittle:"),
    ("total: 696\n", ""),
    ("total: 696", "total: 0"),
    ("date: 2024-06-28", "date: 2024年6月28日"),
    ("    articles:", "    briefs:\n      - text: 某区人大常委会开展调研。\n    articles:"),
    ("title: 市人大常委会召开会议", "title: ''"),
])
def test_what_the_build_refuses_does_not_validate(change):
    with pytest.raises(jsonschema.ValidationError):
        validator("issue").validate(as_json(MINIMAL.replace(*change)))


def test_style_settings_carry_type_default_and_help():
    style = json.loads(printed("publication"))["properties"]["style"]
    assert list(style["properties"]) == [s.name for s in SETTINGS]
    for setting in SETTINGS:
        described = style["properties"][setting.name]
        assert (described["default"], described["description"]) == (setting.default, setting.help)
    publication = yaml.safe_load(PUBLICATION.read_text(encoding="utf-8"))
    check = validator("publication")
    assert check.is_valid({**publication, "style": {"body_size": 15, "page_numbers": True, "red": "0 90 100 0"}})
    assert check.is_valid({**publication, "style": {"body_size": "三号", "title_size": "小二"}})
    for wrong in ({"body_size": "大号"}, {"body_size": 0}, {"latin_gap": 100}, {"lines_per_page": 100000}, {"indent": "三号"}, {"page_numbers": "yes"}, {"red": "red"}, {"font_body": []}, {"bodysize": 15}):
        assert not check.is_valid({**publication, "style": wrong}), wrong


def described(shape: str) -> dict:
    """A shape as the shipped schemas describe it."""
    for kind in ("issue", "publication"):
        document = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8"))
        if kind == shape:
            return document
        if shape in document["$defs"]:
            return document["$defs"][shape]
    raise AssertionError(shape)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_schema_has_the_keys_and_required_keys_of_the_contract(shape):
    found = described(shape)
    assert list(found["properties"]) == list(SHAPES[shape].names)
    assert found.get("required", []) == list(SHAPES[shape].required)
    assert [found["properties"][key.name]["description"] for key in SHAPES[shape].keys] == \
        [key.help for key in SHAPES[shape].keys]


@pytest.mark.parametrize("shape, change", [
    ("issue", ("sections:", "zzzzzz: 1\nsections:")),
    ("article", ("        byline:", "        qqqqqq: 1\n        byline:")),
])
def test_the_reader_names_the_keys_the_schema_allows(write_issue, shape, change):
    with pytest.raises(SourceError) as caught:
        load_issue(write_issue(MINIMAL.replace(*change)), Report())
    (finding,) = [d for d in caught.value.diagnostics if d.code == "unknown-key"]
    assert finding.hint == "valid keys here: " + ", ".join(described(shape)["properties"])
    assert not validator("issue").is_valid(as_json(MINIMAL.replace(*change)))


def test_a_body_with_a_figure_validates_and_a_figure_without_an_image_does_not():
    body = "        body:\n          - 正文。\n          - figure:\n              image: a.jpg\n              width: 120\n"
    written = MINIMAL.split("        body:")[0] + body
    assert validator("issue").is_valid(as_json(written))
    assert not validator("issue").is_valid(as_json(written.replace("image: a.jpg", "caption: 图")))
    assert not validator("issue").is_valid(as_json(written.replace("width: 120", "width: 0")))
