"""JSON Schemas (draft 2020-12) of the source files, generated from the contract and the style settings."""

from __future__ import annotations

import json

from .source.contract import (BODY, COUNT, DATE, IMAGE, LENGTH, LIST, LONGEST_FIGURE, MAP, PRESS, SHAPES, STYLE,
                              TEXT, TEXTS, TITLE, Key, Shape)
from .source.values import DATE_PATTERN
from .style import PRESS_SETTINGS, SETTINGS, SIZE_NAMES, Setting, takes_size_name

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TEXT_SCHEMA = {"type": "string", "pattern": r"\S"}
SETTING_TYPES = {
    float: {"type": "number"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    str: {"type": "string"},
    list: {"type": "array", "items": {"type": "string", "pattern": r"\S"}, "minItems": 1},
}
CMYK_PATTERN = r"^\s*\d+(\.\d+)?(\s+\d+(\.\d+)?){3}\s*$"


def schema(kind: str) -> dict:
    """The schema of an issue file or of publication.yaml: the shape and every shape it holds."""
    shape = SHAPES[kind]
    return {"$schema": DRAFT, "title": shape.help, **object_schema(shape),
            "$defs": {name: object_schema(SHAPES[name]) for name in held(kind) if name != kind}}


def dumps(document: dict) -> str:
    """A schema as the text of a .schema.json file."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def held(name: str) -> list[str]:
    """The shapes a shape holds, itself first, each once."""
    found = [name]
    for shape in found:
        for key in SHAPES[shape].keys:
            inner = ["block"] if key.kind == BODY else [key.shape] if key.shape else []
            found += [s for s in inner if s not in found]
    return found


def object_schema(shape: Shape) -> dict:
    """An object with exactly the shape's keys, each described."""
    properties = {key.name: {**value_schema(key), "description": key.help} for key in shape.keys}
    for key in shape.keys:
        if key.default is not None:
            properties[key.name]["default"] = key.default
    found = {"type": "object", "properties": properties, "additionalProperties": False}
    if shape.required:
        found["required"] = list(shape.required)
    if shape.either:
        found["oneOf"] = [{"required": [name]} for name in shape.either]
    return found


def value_schema(key: Key) -> dict:
    """The schema of one key's value, by its kind."""
    if key.kind == LIST:
        return array({"$ref": f"#/$defs/{key.shape}"}, key.least)
    if key.kind == MAP:
        return {"$ref": f"#/$defs/{key.shape}"}
    if key.kind in (TEXT, TITLE, IMAGE):
        return {"type": ["string", "integer"], "pattern": r"\S"} if key.digits else dict(TEXT_SCHEMA)
    return {
        COUNT: {"type": "integer", "minimum": 1, "maximum": key.most},
        DATE: {"type": "string", "pattern": DATE_PATTERN.pattern},
        TEXTS: array(TEXT_SCHEMA, 0),
        STYLE: style_schema(),
        PRESS: style_schema(PRESS_SETTINGS),
        BODY: {"anyOf": [TEXT_SCHEMA, array({"anyOf": [TEXT_SCHEMA, {"$ref": "#/$defs/block"}]})]},
        LENGTH: {"type": "number", "exclusiveMinimum": 0, "maximum": LONGEST_FIGURE},
    }[key.kind]


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
    if setting.choices:
        found = {**found, "enum": list(setting.choices)}
    return {**found, "pattern": CMYK_PATTERN} if setting.name == "red" else found
