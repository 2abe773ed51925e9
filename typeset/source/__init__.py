"""The source: YAML files read by one contract into a model of blocks and inlines, each with its source span.

`model` holds the document, `contract` the keys of every mapping, `reader` turns a file into
nodes, `values` checks them by the contract, `markup` applies the text rules, `lint` warns
about text as written, and `load` puts it together.
"""

from .load import load_issue, load_publication
from .model import (Article, Block, Break, Brief, Figure, Footer, Inline, Issue, Lead, Located, Paragraph,
                    Publication, Section, Span, Strong, Text, all_bylines, all_figures,
                    all_paragraphs, all_texts)
from .lint import is_han
from .reader import Loader
from .values import DATE_PATTERN

__all__ = ["Article", "Block", "Break", "Brief", "DATE_PATTERN", "Figure", "Footer", "Inline", "Issue", "Lead",
           "Loader", "Located", "Paragraph", "Publication", "Section", "Span", "Strong", "Text", "all_bylines",
           "all_figures", "all_paragraphs", "all_texts", "is_han", "load_issue", "load_publication"]
