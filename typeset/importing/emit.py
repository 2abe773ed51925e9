"""Imported articles and briefs as source YAML (ruamel.yaml objects, so `into` can append the same ones)."""

from __future__ import annotations

import io

from .model import Article, Brief, Picture, Styled

WIDTH = 1_000_000  # never fold a line: a paragraph stays one line of YAML, as editors write them


def engine(mapping: int = 2, sequence: int = 4, offset: int = 2):
    """A round-trip ruamel.yaml reader and writer in the layout of the project's sources."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = WIDTH
    yaml.preserve_quotes = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def body_scalar(paragraphs: list[Styled]):
    """The body as a literal block, paragraphs parted by a blank line."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    return LiteralScalarString("\n\n".join(p.markup() for p in paragraphs) + "\n")


def article_map(article: Article):
    """One article as a mapping: title, byline, body (a list of texts and figures when it has figures)."""
    from ruamel.yaml.comments import CommentedMap

    from ruamel.yaml.scalarstring import LiteralScalarString

    entry = CommentedMap()
    title = article.title_text()  # a title in two lines as a | block, one printed line a line
    entry["title"] = LiteralScalarString(title + "\n") if "\n" in title else title
    if article.byline is not None and article.byline.text:
        entry["byline"] = article.byline.text
    if any(isinstance(item, Picture) for item in article.paragraphs):
        entry["body"] = body_list(article.paragraphs)
    else:
        entry["body"] = body_scalar(article.paragraphs)
    return entry


def body_list(body: list):
    """A body with figures: each run of paragraphs one literal text, each picture a figure: block."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    items, texts = CommentedSeq(), []
    for item in body + [None]:
        if isinstance(item, Styled):
            texts.append(item)
            continue
        if texts:
            items.append(body_scalar(texts))
            texts = []
        if isinstance(item, Picture):
            figure = CommentedMap()
            figure["image"] = item.path
            items.append(CommentedMap([("figure", figure)]))
    return items


def lead_of(text: Styled) -> str | None:
    """The bold opening of a brief, which becomes its run-in lead."""
    end = 0
    while end < len(text.text) and text.bold[end]:
        end += 1
    lead = text.text[:end].strip()
    return lead if lead and end < len(text.text) else None


def brief_map(brief: Brief):
    """One brief as a mapping: text, byline, lead."""
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    lead = lead_of(brief.text)
    entry["text"] = brief.text.text if lead else brief.text.markup()
    if brief.byline is not None and brief.byline.text:
        entry["byline"] = brief.byline.text
    if lead:
        entry["lead"] = lead
    return entry


def entries(articles: list[Article], briefs: list[Brief]) -> list:
    """The mappings to write: one per article or brief."""
    return [article_map(a) for a in articles] + [brief_map(b) for b in briefs]


def dumps(data, yaml=None) -> str:
    """YAML text of ruamel data."""
    out = io.StringIO()
    (yaml or engine()).dump(data, out)
    return out.getvalue()


def items_text(articles: list[Article], briefs: list[Brief]) -> str:
    """The articles or briefs as a YAML list, to paste under a section's articles: or briefs:."""
    from ruamel.yaml.comments import CommentedSeq

    return dumps(CommentedSeq(entries(articles, briefs)), engine(2, 2, 0))


def emit_issue(issue) -> str:
    """A printed issue read back, as a whole issue source with a comment naming where it came from."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data = CommentedMap()
    data["edition"] = issue.edition or "普刊"
    for key in ("number", "total", "date"):
        if getattr(issue, key) is not None:
            data[key] = getattr(issue, key)
    sections = CommentedSeq()
    for section in issue.sections:
        entry = CommentedMap()
        entry["label"] = section.label
        if section.briefs is not None:
            entry["briefs"] = CommentedSeq(brief_map(brief) for brief in section.briefs)
        else:
            entry["articles"] = CommentedSeq(article_map(article) for article in section.articles)
        sections.append(entry)
    data["sections"] = sections
    if issue.footer:
        data["footer"] = footer_map(issue.footer)
    data.yaml_set_start_comment(header_comment(issue))
    return dumps(data)


def footer_map(footer: dict):
    """The footer's groups, editor and phone, in the order the source format lists them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for key in ("report", "send", "issue_to", "editor", "phone"):
        if key in footer:
            out[key] = CommentedSeq(footer[key]) if isinstance(footer[key], list) else footer[key]
    return out


def header_comment(issue) -> str:
    """The first lines: the issue as its masthead names it, and the publication's facts it printed
    (they belong in publication.yaml, so they are comments here)."""
    date = issue.date
    when = f"{date.year}年{date.month}月{date.day}日" if date else ""
    lines = [f"《{issue.masthead}》{date.year if date else ''}年第{issue.number}期（总第{issue.total}期），{when}。",
             f"由 paiban import 从 {issue.source} 读回。",
             f"刊名 masthead: {issue.masthead}", f"编印 office: {issue.office}"]
    return "\n".join(lines)


def emit_publication(issue) -> str:
    """A publication.yaml from what a printed issue shows: masthead, office, footer."""
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    data["masthead"] = issue.masthead
    data["office"] = issue.office
    if issue.footer:
        data["footer"] = footer_map(issue.footer)
    data["style"] = CommentedMap()
    data.yaml_set_start_comment(f"《{issue.masthead}》：全刊共用的刊名、编印单位和版记，由 paiban import 从 {issue.source} 读出。")
    return dumps(data)
