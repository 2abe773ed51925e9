"""The source files → the model: publication.yaml and an issue, read by the contract."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..diagnostics import Report
from ..i18n import _
from . import values
from .contract import SHAPES, Key
from .lint import text_warnings
from .markup import inlines, paragraphs, run_in, split_paragraphs
from .model import Article, Block, Brief, Figure, Footer, Issue, Located, Publication, Section, all_bylines, all_texts
from .reader import NULL, Loader, Reader

# A float as YAML 1.2 writes it: PyYAML (YAML 1.1) reads 1e308, without a dot, as text.
EXPONENT_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+$")
READ = {"text": values.text, "title": values.title, "count": values.count, "date": values.date,
        "texts": values.texts, "length": values.length, "image": values.image}


def read(reader: Reader, entries: dict[str, yaml.Node], shape: str, name: str):
    """The checked value of a scalar key of a shape, or None when it is absent or wrong."""
    key = SHAPES[shape].key(name)
    return READ[key.kind](reader, entries[name], key) if name in entries else None


def load_publication(path: Path, report: Report) -> Publication | None:
    """Read publication.yaml."""
    reader = Reader(path, report)
    root = reader.load()
    if root is None and not report.errors:
        report.error(reader.at_start(), _("the publication file is empty"),
                     _("write masthead:, office: and footer: keys"), "empty")
    if report.errors:
        return None
    entries = values.mapping(reader, root, SHAPES["publication"])
    masthead, office = (read(reader, entries, "publication", name) for name in ("masthead", "office"))
    footer = _footer(reader, entries.get("footer"), Footer())
    style = _style(reader, entries.get("style"), _key_node(root, "style"))
    press = _press(reader, entries.get("press"))
    if report.errors:
        return None
    return Publication(path, masthead, office, footer, style, press, _style_places(reader, entries.get("style")))


def _footer(reader: Reader, node: yaml.Node | None, base: Footer) -> Footer:
    """A footer, each key replacing that part of `base`."""
    if node is None:
        return base
    entries = values.mapping(reader, node, SHAPES["footer"])
    parts = {name: read(reader, entries, "footer", name) for name in SHAPES["footer"].names if name in entries}
    return Footer(**{**base.__dict__, **parts})


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The node of a key in a mapping node (its first occurrence), or None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node
    return None


def _style_places(reader: Reader, node: yaml.Node | None) -> dict:
    """Where each style setting's value stands, and each item of a list value as "name.index"."""
    places = {}
    for key, value in (node.value if isinstance(node, yaml.MappingNode) else ()):
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        places[name] = reader.at(value)
        for index, item in enumerate(value.value if isinstance(value, yaml.SequenceNode) else ()):
            places[f"{name}.{index}"] = reader.at(item)
    return places


def _setting_value(node: yaml.Node, kind: type):
    """A style value as YAML reads it, except that an unquoted 1e6 is a number where a float is wanted."""
    if kind is float and isinstance(node, yaml.ScalarNode) and not node.style and EXPONENT_FLOAT.match(node.value):
        return float(node.value)
    return yaml.load(yaml.serialize(node), Loader=Loader)


def _style(reader: Reader, node: yaml.Node | None, key: yaml.Node | None = None) -> dict:
    """Style overrides, each checked against its declared setting, then the style as a whole.

    A whole-style problem is reported at the setting it is charged to, or at the `style:` key
    when that setting keeps its default.
    """
    from ..style import SETTING_BY_NAME, check_style

    if node is None:
        return {}
    entries, found, rejected = _settings(reader, node, SETTING_BY_NAME, "style",
                                         _("style setting '{name}' {problem}"))
    merged = {**{s.name: s.default for s in SETTING_BY_NAME.values()}, **found}
    for name, message, hint in check_style(merged, given=entries, rejected=rejected):
        where = entries.get(name, key if key is not None else node)
        reader.report.error(reader.at(where), message, hint, "style")
    return found


def _press(reader: Reader, node: yaml.Node | None) -> dict:
    """The press PDF's settings, each checked against its declaration."""
    from ..style import PRESS_SETTING_BY_NAME

    if node is None:
        return {}
    return _settings(reader, node, PRESS_SETTING_BY_NAME, "press", _("press setting '{name}' {problem}"))[1]


def _settings(reader: Reader, node: yaml.Node, declared, key: str, wrong: str) -> tuple[dict, dict, set]:
    """A block of settings: its entries by name, the values that suit their setting, the names refused."""
    entries = values.entries(reader, node, tuple(declared), (), SHAPES["publication"].key(key).words)
    found, rejected = {}, set()
    for name, value_node in entries.items():
        value, problem = _checked(declared[name], value_node)
        if problem:
            rejected.add(name)
            reader.report.error(reader.at(value_node), wrong.format(name=name, problem=problem),
                                _(declared[name].help), "style")
        else:
            found[name] = value
    return entries, found, rejected


def _checked(setting, node: yaml.Node) -> tuple:
    """A setting's value as read, and why it does not suit the setting (or None)."""
    from ..style import check_value, coerce

    if values.odd_number(node):
        return None, _("must be written in plain decimal digits, not '{value}'").format(value=values.shown(node))
    value = coerce(setting, _setting_value(node, setting.type))
    return value, check_value(setting, value)


def load_issue(path: Path, report: Report | None = None) -> Issue:
    """Read an issue and the publication.yaml beside it; raise SourceError on bad input."""
    report = report if report is not None else Report()
    publication = load_publication(path.parent / "publication.yaml", report)
    reader = Reader(path, report)
    root = reader.load()
    if root is None and not report.errors:
        report.error(reader.at_start(), _("the issue file is empty"),
                     _("write number:, total:, date: and sections:"), "empty")
    report.raise_errors()
    entries = values.mapping(reader, root, SHAPES["issue"])
    number, total, date = (read(reader, entries, "issue", name) for name in ("number", "total", "date"))
    edition = read(reader, entries, "issue", "edition") or \
        Located.plain(SHAPES["issue"].key("edition").default, reader.file)
    sections = _sections(reader, entries["sections"]) if "sections" in entries else ()
    footer = _footer(reader, entries.get("footer"), publication.footer if publication else Footer())
    report.raise_errors()
    positions = {key: reader.at(node) for key, node in entries.items()}
    issue = Issue(path, publication, edition, number, total, date, sections, footer, positions)
    bylines = {id(text) for text in all_bylines(issue)}
    for text in all_texts(issue):
        text_warnings(text, report, spaces=id(text) not in bylines)
    return issue


def _sections(reader: Reader, node: yaml.Node) -> tuple[Section, ...]:
    """The issue's sections, at least one."""
    items = values.sequence(reader, node, SHAPES["issue"].key("sections").words)
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report.error(reader.at(node), _("an issue needs at least one section (栏目)"),
                            _("add a section with a label: and articles: or briefs:"), "empty")
    return tuple(filter(None, (_section(reader, item) for item in items)))


def _section(reader: Reader, node: yaml.Node) -> Section | None:
    """One section: a label and either articles or briefs."""
    shape = SHAPES["section"]
    entries = values.mapping(reader, node, shape)
    if not entries:
        return None
    label = read(reader, entries, "section", "label")
    given = [name for name in shape.either if name in entries]
    if len(given) > 1:
        reader.report.error(reader.at(entries[given[1]]), _("a section has either articles or briefs, not both"),
                            _("move the briefs into a section of their own"), "section")
        return None
    if not given:
        reader.report.error(reader.at(node), _("section '{label}' has no articles or briefs").format(label=label),
                            _("add 'articles:' or 'briefs:' with at least one item, or remove the section"), "empty")
        return None
    key = shape.key(given[0])
    items = _items(reader, entries[key.name], key, label)
    if items is None:
        return None
    if key.name == "articles":
        return Section(label, articles=tuple(filter(None, (_article(reader, item) for item in items))))
    return Section(label, briefs=tuple(filter(None, (_brief(reader, item) for item in items))))


def _items(reader: Reader, node: yaml.Node, key: Key, label: Located | None) -> list[yaml.Node] | None:
    """The items of a section's list, or None (reported) when it has none."""
    if node.tag == NULL or (isinstance(node, yaml.SequenceNode) and len(node.value) < key.least):
        reader.report.error(reader.at(node), _("section '{label}' has no {key}").format(label=label, key=key.name),
                            _("add at least one item under '{key}:', or remove the section").format(key=key.name),
                            "empty")
        return None
    return values.sequence(reader, node, key.words)


def _article(reader: Reader, node: yaml.Node) -> Article | None:
    """One article."""
    entries = values.mapping(reader, node, SHAPES["article"])
    title, byline = (read(reader, entries, "article", name) for name in ("title", "byline"))
    body = _body(reader, entries["body"]) if "body" in entries else None
    if title is None or body is None:
        return None
    return Article(title, body, byline)


def _body(reader: Reader, node: yaml.Node) -> tuple[Block, ...] | None:
    """An article's body: a text of paragraphs, or a list of such texts and blocks."""
    key = SHAPES["article"].key("body")
    if not isinstance(node, yaml.SequenceNode):
        text = values.text(reader, node, key)
        return tuple(paragraphs(text, reader.report)) if text is not None else None
    if not node.value:
        reader.report.error(reader.at(node), _("{what} is empty").format(what=_(key.words)),
                            _("write the {what} or remove the key").format(what=_(key.words)), "empty")
        return None
    blocks: list[Block] = []
    for item in values.sequence(reader, node, key.words):
        if isinstance(item, yaml.MappingNode):
            blocks += filter(None, [_figure(reader, values.mapping(reader, item, SHAPES["block"]).get("figure"))])
        else:
            text = values.text(reader, item, key)
            blocks += paragraphs(text, reader.report) if text is not None else []
    return tuple(blocks)


def _figure(reader: Reader, node: yaml.Node | None) -> Figure | None:
    """A figure block: its image, caption and width."""
    if node is None:
        return None
    entries = values.mapping(reader, node, SHAPES["figure"])
    image, caption, width = (read(reader, entries, "figure", name) for name in ("image", "caption", "width"))
    if image is None:
        return None
    return Figure(image[0], image[1], inlines(caption, reader.report) if caption else None, width)


def _brief(reader: Reader, node: yaml.Node) -> Brief | None:
    """One brief, with its optional run-in lead."""
    entries = values.mapping(reader, node, SHAPES["brief"])
    text, byline, lead = (read(reader, entries, "brief", name) for name in ("text", "byline", "lead"))
    if text is None:
        return None
    parts = split_paragraphs(text)
    if len(parts) > 1:
        reader.report.error(parts[1].position(), _("a brief is one paragraph"),
                            _("remove the blank line, or make it an article"), "brief")
    paragraph = inlines(parts[0], reader.report)
    return Brief(run_in(lead, paragraph) if lead is not None else paragraph, byline)
