"""The issue's YAML as the editor's fields, and their edits applied with comments and layout kept.

The file is read and written with ruamel.yaml's round-trip mode, which keeps comments, key
order, quoting and block styles; an edit replaces one value, or moves or adds one item, and
leaves every other line as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RoundTripError
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from ..i18n import _
from ..new import BODY, BYLINE, TITLE
from ..source import DATE_PATTERN, Loader

FACTS = ("edition", "number", "total", "date")
NUMBER = re.compile(r"^\d+(\.\d+)?$")
FOOTER_LISTS = ("report", "send", "issue_to")
FOOTER_TEXTS = ("editor", "phone")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
LISTS = {"sections", "articles", "briefs"}
BODY_TEXT = re.compile(r"\.body(\.\d+)?$")  # a body given as text, or a text item of a body list


class EditError(ValueError):
    """An edit that cannot be applied to this file: a path it lacks, or a value of the wrong kind."""


def engine() -> YAML:
    """A round-trip YAML reader and writer set up as the project's sources are written."""
    handler = YAML()
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096  # never fold a long Chinese line
    return handler


def load(text: str):
    """The round-trip data of a source text; EditError when it is not a mapping of YAML."""
    try:
        data = engine().load(text)
    except RoundTripError as error:
        raise EditError(_("the file is not valid YAML, so only the source tab can edit it: {problem}").format(
            problem=str(error).splitlines()[0])) from None
    if not isinstance(data, CommentedMap):
        raise EditError(_("the file is not a mapping of keys, so only the source tab can edit it"))
    return data


def dump(data) -> str:
    """The text of round-trip data."""
    out = io.StringIO()
    engine().dump(data, out)
    return out.getvalue()


# ---------------------------------------------------------------- the editor's fields

def fields(text: str) -> dict:
    """The editor's view of a source: facts, sections with their items, footer."""
    try:
        data = yaml.load(text, Loader=Loader)  # the fast reader: only the values are wanted here
    except yaml.YAMLError:
        data = load(text)  # raises EditError with ruamel's own words
    if not isinstance(data, dict):
        raise EditError(_("the file is not a mapping of keys, so only the source tab can edit it"))
    return {
        "facts": {key: shown(data.get(key)) for key in FACTS},
        "sections": [section_fields(section) for section in listed(data.get("sections"))],
        "footer": footer_fields(data.get("footer")),
    }


def listed(value) -> list:
    """A value that should be a list, as a list (the check reports one that is not)."""
    return value if isinstance(value, list) else []


def shown(value) -> str:
    """A value as the editor sees it in a text field."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def section_fields(section) -> dict:
    """A section's label and items."""
    if not isinstance(section, dict):
        return {"label": "", "kind": "articles", "items": []}
    kind = "briefs" if "briefs" in section and "articles" not in section else "articles"
    items = listed(section.get(kind))
    if kind == "articles":
        shaped = [{"title": shown(a.get("title")), "byline": shown(a.get("byline")),
                   "blocks": blocks(a.get("body"))} for a in map(mapping_or_empty, items)]
    else:
        shaped = [{"lead": shown(b.get("lead")), "text": shown(b.get("text")).strip(),
                   "byline": shown(b.get("byline"))} for b in map(mapping_or_empty, items)]
    return {"label": shown(section.get("label")), "kind": kind, "items": shaped}


def mapping_or_empty(item) -> dict:
    """An item as a mapping; one that is not shows as empty fields, keeping the others' places."""
    return item if isinstance(item, dict) else {}


def footer_fields(footer) -> dict:
    """The issue's own footer, each list one entry a line."""
    footer = footer if isinstance(footer, dict) else {}
    found = {key: [shown(item) for item in listed(footer.get(key))] for key in FOOTER_LISTS}
    found.update({key: shown(footer.get(key)) for key in FOOTER_TEXTS})
    return found


def blocks(body) -> list[dict]:
    """A body as the editor's blocks: runs of paragraphs and figures, each with its path under the article."""
    if not isinstance(body, list):
        return [{"kind": "text", "at": "body", "paragraphs": paragraphs(shown(body))}]
    found = []
    for index, item in enumerate(body):
        figure = item.get("figure") if isinstance(item, dict) else None
        if isinstance(figure, dict):
            found.append({"kind": "figure", "at": f"body.{index}.figure", "image": shown(figure.get("image")),
                          "caption": shown(figure.get("caption")), "width": shown(figure.get("width"))})
        else:
            found.append({"kind": "text", "at": f"body.{index}", "paragraphs": paragraphs(shown(item))})
    return found


def paragraphs(body: str) -> list[str]:
    """A body's paragraphs, as split by blank lines."""
    return [part.strip() for part in PARAGRAPH_BREAK.split(body.strip()) if part.strip()]


# ---------------------------------------------------------------- where each field is in the file

def spans(text: str) -> dict[str, list[int]]:
    """Each field's first and last line in the file (from 1), by dotted path; paragraphs too.

    A body's paragraph k is `...body.k`; a path's lines contain those of its children.
    """
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return {}
    lines = text.split("\n")
    found: dict[str, list[int]] = {}
    walk(root, "", found, lines)
    return found


def walk(node, path: str, found: dict, lines: list[str]) -> None:
    """Record the span of a node and of everything inside it."""
    if node is None:
        return
    end_line = node.end_mark.line if node.end_mark.column == 0 and node.end_mark.line > node.start_mark.line \
        else node.end_mark.line + 1
    if path:
        found[path] = [node.start_mark.line + 1, max(end_line, node.start_mark.line + 1)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            walk(value, child, found, lines)
            if child in found:
                found[child][0] = min(found[child][0], key.start_mark.line + 1)
        return
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            walk(item, f"{path}.{index}", found, lines)
        return
    if BODY_TEXT.search(path):
        paragraph_spans(node, path, found, lines)


def paragraph_spans(node, path: str, found: dict, lines: list[str]) -> None:
    """The lines of each paragraph of a body: runs of lines that are not blank."""
    first, last = found[path]
    start = first + 1 if node.style in ("|", ">") else first
    index, current = 0, None
    for number in range(start, last + 1):
        blank = not lines[number - 1].strip() if number - 1 < len(lines) else True
        if blank and current:
            index, current = index + 1, None
        elif not blank:
            if current is None:
                current = found[f"{path}.{index}"] = [number, number]
            current[1] = number


def field_at(found: dict[str, list[int]], line: int) -> str | None:
    """The narrowest field whose lines hold `line`."""
    holding = [(span[1] - span[0], -path.count("."), path) for path, span in found.items()
               if span[0] <= line <= span[1] and path != "sections"]
    return min(holding)[2] if holding else None


# ---------------------------------------------------------------- edits

def apply(text: str, edit: dict) -> str:
    """The source text after one edit; EditError when the edit does not fit the file."""
    return edited(text, edit)[0]


def edited(text: str, edit: dict, data=None) -> tuple[str, object]:
    """The source text after one edit, and its round-trip data (None after a raw edit).

    `data`, when given, is the round-trip data of `text` (kept from the edit that wrote it,
    which saves reading the file again); it is changed in place, and is no longer to be used
    when EditError is raised.
    """
    if not isinstance(edit, dict):
        raise EditError(_("an edit must be a JSON object"))
    kind = edit.get("op")
    if kind == "raw":
        return checked_text(edit.get("text")), None
    operation = OPERATIONS.get(kind)
    if operation is None:
        raise EditError(_("unknown edit '{op}'").format(op=str(kind)[:40]))
    data = load(text) if data is None else data
    operation(data, edit)
    return dump(data), data


def checked_text(value) -> str:
    """A whole new source text from the source tab."""
    if not isinstance(value, str):
        raise EditError(_("the source must be text"))
    return value if value.endswith("\n") else value + "\n"


def target(data, path) -> tuple[object, object]:
    """The container and key a path ends at; EditError when the file has no such place."""
    if not isinstance(path, list) or not path:
        raise EditError(_("an edit needs a path"))
    holder = data
    for step in path[:-1]:
        holder = step_into(holder, step)
    last = path[-1]
    if isinstance(holder, CommentedSeq) and not (isinstance(last, int) and 0 <= last < len(holder)):
        raise EditError(_("the file has no item {path}").format(path=dotted(path)))
    if not isinstance(holder, (CommentedMap, CommentedSeq)):
        raise EditError(_("the file has no item {path}").format(path=dotted(path)))
    return holder, last


def step_into(holder, step):
    """One step down a path."""
    try:
        if isinstance(holder, CommentedSeq) and isinstance(step, int) and 0 <= step < len(holder):
            return holder[step]
        if isinstance(holder, CommentedMap) and isinstance(step, str) and step in holder:
            return holder[step]
    except (KeyError, IndexError, TypeError):
        pass
    raise EditError(_("the file has no item {path}").format(path=str(step)[:40]))


def dotted(path) -> str:
    """A path as the editor's dotted name."""
    return ".".join(map(str, path))[:80]


def set_value(data, edit: dict) -> None:
    """Replace one text or fact, keeping the way it was quoted; an empty optional text is removed."""
    holder, key = target(data, edit.get("path"))
    value = edit.get("value")
    if not isinstance(value, str):
        raise EditError(_("the value must be text"))
    if key in ("number", "total") and value.strip().isdigit():
        holder[key] = int(value.strip())
    elif key == "width" and NUMBER.match(value.strip()):
        holder[key] = float(value) if "." in value else int(value)
    elif key in ("width", "caption") and not value.strip() and isinstance(holder, CommentedMap):
        holder.pop(key, None)
    elif key == "date" and DATE_PATTERN.match(value.strip()):
        holder[key] = real_date(value.strip()) or value
    elif key in ("byline", "lead", "edition") and not value.strip() and isinstance(holder, CommentedMap):
        holder.pop(key, None)
    else:
        holder[key] = styled_like(holder.get(key) if isinstance(holder, CommentedMap) else holder[key], value)


def real_date(text: str) -> dt.date | None:
    """A date from YYYY-MM-DD, or None when it is not in the calendar (the check says so)."""
    try:
        return dt.date(*(int(part) for part in DATE_PATTERN.match(text).groups()))
    except ValueError:
        return None


def styled_like(old, value: str):
    """A new text in the old one's scalar style; a text with line breaks as a literal block."""
    if "\n" in value.strip():
        return LiteralScalarString(value.strip() + "\n")
    if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString):
        return type(old)(value)
    return value


def set_body(data, edit: dict) -> None:
    """An article's body from its paragraphs, as a literal block with a blank line between them."""
    holder, key = target(data, edit.get("path"))
    given = edit.get("paragraphs")
    if not isinstance(given, list) or not all(isinstance(p, str) for p in given):
        raise EditError(_("the paragraphs must be a list of texts"))
    kept = [p.strip() for p in given if p.strip()]
    holder[key] = LiteralScalarString("\n\n".join(kept) + "\n") if kept else ""


def set_list(data, edit: dict) -> None:
    """A footer list, one entry a line; the footer is added when the issue has none."""
    key = edit.get("key")
    values = edit.get("values")
    if key not in FOOTER_LISTS + FOOTER_TEXTS:
        raise EditError(_("the footer has no part '{key}'").format(key=str(key)[:40]))
    footer = data.setdefault("footer", CommentedMap())
    if not isinstance(footer, CommentedMap):
        raise EditError(_("the footer is not a mapping, so only the source tab can edit it"))
    if key in FOOTER_TEXTS:
        if not isinstance(values, str):
            raise EditError(_("the value must be text"))
        if values.strip():
            footer[key] = styled_like(footer.get(key), values.strip())
        else:
            footer.pop(key, None)
        return
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise EditError(_("the list must be a list of texts"))
    entries = [v.strip() for v in values if v.strip()]
    if entries:
        footer[key] = CommentedSeq(entries)
    else:
        footer.pop(key, None)


def move(data, edit: dict) -> None:
    """Move an item of a list (sections, articles, briefs) from one place to another."""
    holder = items_at(data, edit.get("path"))
    source, place = edit.get("from"), edit.get("to")
    if not all(isinstance(n, int) and 0 <= n < len(holder) for n in (source, place)):
        raise EditError(_("there is no item to move there"))
    holder.insert(place, holder.pop(source))


def remove(data, edit: dict) -> None:
    """Remove an item of a list, keeping at least one."""
    holder = items_at(data, edit.get("path"))
    index = edit.get("index")
    if not (isinstance(index, int) and 0 <= index < len(holder)):
        raise EditError(_("there is no item to remove there"))
    if len(holder) == 1:
        raise EditError(_("the last item cannot be removed; remove its section instead"))
    del holder[index]


def items_at(data, path) -> CommentedSeq:
    """The list a path names: sections, or a section's articles or briefs."""
    if not isinstance(path, list) or not path or path[-1] not in LISTS:
        raise EditError(_("there is no list {path}").format(path=dotted(path or [])))
    holder, key = target(data, path)
    found = holder.get(key) if isinstance(holder, CommentedMap) else None
    if not isinstance(found, CommentedSeq):
        raise EditError(_("there is no list {path}").format(path=dotted(path)))
    return found


def add(data, edit: dict) -> None:
    """Add a section, article or brief with the placeholders of `paiban new`."""
    path = edit.get("path")
    holder = items_at(data, path)
    kind = path[-1]
    if kind == "sections":
        label = edit.get("label")
        if not isinstance(label, str) or not label.strip():
            raise EditError(_("a new section needs a label"))
        briefs = edit.get("kind") == "briefs"
        section = CommentedMap(label=label.strip())
        section["briefs" if briefs else "articles"] = CommentedSeq([new_item("briefs" if briefs else "articles")])
        holder.append(section)
    else:
        holder.append(new_item(kind))


def new_item(kind: str) -> CommentedMap:
    """An article or brief to fill in, as `paiban new` writes them."""
    if kind == "briefs":
        return CommentedMap(text=BODY, byline=BYLINE)
    return CommentedMap(title=TITLE, byline=BYLINE, body=LiteralScalarString(BODY + "\n"))


def section_kind(text: str, section: int) -> str:
    """Whether a section of the source holds articles or briefs."""
    found = fields(text)["sections"]
    if not 0 <= section < len(found):
        raise EditError(_("the file has no item {path}").format(path=f"sections.{section}"))
    return found[section]["kind"]


def append_items(text: str, section: int, kind: str, items: list, placeholder) -> str:
    """The source with items (round-trip maps) appended to a section's articles or briefs;
    items that are still `placeholder(item)` (as `paiban new` wrote them) give way to them."""
    data = load(text)
    holder = items_at(data, ["sections", section, kind])
    if holder and all(placeholder(item) for item in holder):
        del holder[:]
    holder.extend(items)
    return dump(data)


def article_at(data, path) -> CommentedMap:
    """The article a path names."""
    if not isinstance(path, list) or len(path) != 4 or path[2] != "articles":
        raise EditError(_("there is no article {path}").format(path=dotted(path or [])))
    holder, key = target(data, path)
    found = step_into(holder, key)
    if not isinstance(found, CommentedMap):
        raise EditError(_("there is no article {path}").format(path=dotted(path)))
    return found


def add_figure(data, edit: dict) -> None:
    """A figure at the end of an article's body; a body of text becomes a list of that text and the figure."""
    article = article_at(data, edit.get("path"))
    image, caption = edit.get("image"), edit.get("caption", "")
    if not isinstance(image, str) or not image.strip() or not isinstance(caption, str):
        raise EditError(_("a figure needs an image and a caption as text"))
    figure = CommentedMap(image=image.strip())
    if caption.strip():
        figure["caption"] = caption.strip()
    body = article.get("body")
    if isinstance(body, CommentedSeq):
        body.append(CommentedMap(figure=figure))
    elif isinstance(body, str) and body.strip():
        article["body"] = CommentedSeq([body, CommentedMap(figure=figure)])
    elif body is None or isinstance(body, str):
        article["body"] = CommentedSeq([CommentedMap(figure=figure)])
    else:
        raise EditError(_("the body is neither text nor a list, so only the source tab can edit it"))


def remove_figure(data, edit: dict) -> None:
    """Take a figure out of an article's body (its image file stays)."""
    path = edit.get("path")
    if not isinstance(path, list) or len(path) != 6 or path[4] != "body":
        raise EditError(_("there is no figure {path}").format(path=dotted(path or [])))
    holder, key = target(data, path)
    found = step_into(holder, key)
    if not isinstance(holder, CommentedSeq) or not (isinstance(found, CommentedMap) and "figure" in found):
        raise EditError(_("there is no figure {path}").format(path=dotted(path)))
    del holder[key]


OPERATIONS = {"set": set_value, "body": set_body, "footer": set_list, "move": move, "remove": remove, "add": add,
              "add_figure": add_figure, "remove_figure": remove_figure}
