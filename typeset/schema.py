"""JSON Schemas (draft 2020-12) of the source files, built from the contract in source.py and the style settings."""

from __future__ import annotations

import json

from .source import (ARTICLE_KEYS, BRIEF_KEYS, DATE_PATTERN, FOOTER_KEYS, ISSUE_KEYS, ISSUE_REQUIRED,
                     PUBLICATION_KEYS, PUBLICATION_REQUIRED, SECTION_KEYS)
from .style import PRESS_SETTINGS, SETTINGS, SIZE_NAMES, Setting, takes_size_name

DRAFT = "https://json-schema.org/draft/2020-12/schema"

DESCRIPTIONS = {
    "masthead": "the publication's name, printed large and red at the top of page 1, e.g. 杭州人大信息",
    "office": "the editing office, printed on page 1 as '<office>编', e.g. 杭州市人大常委会研究室",
    "footer": "the distribution footer (版记) at the foot of the last page",
    "style": "overrides of the house style; each setting has a default",
    "press": "settings of the press PDF (paiban build --press) for the print shop; each has a default",
    "report": "报：the groups reported to, each starting a new line",
    "send": "送：the groups sent to, each starting a new line",
    "issue_to": "发：the groups issued to, each starting a new line",
    "editor": "printed as 本期责任编辑：<editor>",
    "phone": "printed as 电话：<phone>, e.g. (0571)85250657",
    "edition": "the edition, printed as （普刊）: 普刊, 专刊, 增刊 ...",
    "number": "第N期: the issue's number within its year, counted from 1",
    "total": "总第N期: the issue's number over the whole run",
    "date": "the issue's date as YYYY-MM-DD, printed 2024年5月31日",
    "sections": "the sections (栏目), printed in this order; at least one",
    "label": "the section label (栏目), shown in the table of contents",
    "articles": "the section's articles; a section has either articles or briefs",
    "briefs": "the section's short items (信息摘登); a section has either articles or briefs",
    "title": "the article's title, centred in the title font; keep it to two lines (about 40 characters); "
             "write it as a | block, one printed line per line, to choose where it breaks",
    "byline": "printed as （<byline>） flush right in the byline font, e.g. 代表工委 李兴军",
    "body": "the article's paragraphs, separated by a blank line; **…** marks emphasis",
    "text": "the brief, one paragraph; **…** marks emphasis",
    "lead": "a run-in lead in the heading font, printed once: the text's own beginning if the text "
            "starts with it, else printed before the text, e.g. 西湖区",
}

TEXT = {"type": "string", "pattern": r"\S"}
SCALARS = {
    "str": TEXT,
    "int": {"type": "integer", "minimum": 1},
    "date": {"type": "string", "pattern": DATE_PATTERN.pattern},
}
SETTING_TYPES = {
    float: {"type": "number"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    str: {"type": "string"},
    list: {"type": "array", "items": {"type": "string", "pattern": r"\S"}, "minItems": 1},
}
CMYK_PATTERN = r"^\s*\d+(\.\d+)?(\s+\d+(\.\d+)?){3}\s*$"


def array(item: dict, least: int = 1) -> dict:
    """A list of items, at least `least` of them."""
    found = {"type": "array", "items": item}
    return {**found, "minItems": least} if least else found


def style_schema(settings: tuple[Setting, ...] = SETTINGS) -> dict:
    """The style overrides (or the press settings): every setting with its type, default and help."""
    return {"type": "object", "properties": {s.name: setting_schema(s) for s in settings},
            "additionalProperties": False}


def setting_schema(setting: Setting) -> dict:
    """One style setting."""
    kind = SETTING_TYPES[setting.type]
    if setting.numeric:
        kind = {**kind, "minimum": setting.low, "maximum": setting.high}
    found = {**kind, "default": setting.default, "description": setting.help}
    if takes_size_name(setting):
        return {"anyOf": [kind, {"enum": list(SIZE_NAMES)}],
                "default": setting.default, "description": setting.help}
    return {**found, "pattern": CMYK_PATTERN} if setting.name == "red" else found


STRUCTURES = {
    "footer": {"$ref": "#/$defs/footer"},
    "style": style_schema(),
    "press": style_schema(PRESS_SETTINGS),
    "sections": array({"$ref": "#/$defs/section"}),
    "articles": array({"$ref": "#/$defs/article"}),
    "briefs": array({"$ref": "#/$defs/brief"}),
    "report": array(TEXT, 0), "send": array(TEXT, 0), "issue_to": array(TEXT, 0),
    "phone": {"type": ["string", "integer"], "pattern": r"\S"},  # digits alone read as a number
}


def schema(kind: str) -> dict:
    """The schema of an issue file or of publication.yaml."""
    return {"issue": issue_schema, "publication": publication_schema}[kind]()


def dumps(document: dict) -> str:
    """A schema as the text of a .schema.json file."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def issue_schema() -> dict:
    """One issue file: number, total, date, sections and an optional footer."""
    body = mapping(ISSUE_KEYS, ISSUE_REQUIRED)
    body["properties"]["edition"]["default"] = "普刊"
    return document("An issue of the bulletin: one YAML file beside publication.yaml", body,
                    {"footer": footer_schema(), "section": section_schema(),
                     "article": mapping(ARTICLE_KEYS, ("title", "body")), "brief": mapping(BRIEF_KEYS, ("text",))})


def publication_schema() -> dict:
    """publication.yaml: masthead, office, the default footer and style overrides."""
    return document("The publication: facts shared by every issue in its folder (publication.yaml)",
                    mapping(PUBLICATION_KEYS, PUBLICATION_REQUIRED), {"footer": footer_schema()})


def document(title: str, body: dict, definitions: dict) -> dict:
    """A top-level schema with its shared definitions."""
    return {"$schema": DRAFT, "title": title, **body, "$defs": definitions}


def mapping(keys: dict[str, str], required: tuple[str, ...]) -> dict:
    """An object with exactly these keys, each described."""
    properties = {name: {**value_schema(name, kind), "description": DESCRIPTIONS[name]} for name, kind in keys.items()}
    found = {"type": "object", "properties": properties, "additionalProperties": False}
    return {**found, "required": list(required)} if required else found


def value_schema(name: str, kind: str) -> dict:
    """The schema of one key's value: a structure by its name, a scalar by its kind."""
    return STRUCTURES.get(name) or SCALARS[kind]


def footer_schema() -> dict:
    """The footer: 报/送/发 groups, editor and phone; an issue's footer replaces the parts it names."""
    return mapping(FOOTER_KEYS, ())


def section_schema() -> dict:
    """A section: a label and either articles or briefs."""
    found = mapping(SECTION_KEYS, ("label",))
    found["oneOf"] = [{"required": ["articles"]}, {"required": ["briefs"]}]
    return found
