"""Where words end in Chinese text, so that a title breaks between words and not inside one.

The words come from jieba's dictionary (a well-kept segmenter, its 349,000-word dictionary
shipped with it). Loading that dictionary takes about a second, so jieba is imported only
when a title has to break, and each title's boundaries are cached on disk beside the font
metrics: the next build of the same issue does not load it at all.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

from ..files import cache_file, read_cache, store_cache

CACHE_VERSION = "1"


@lru_cache(maxsize=256)
def word_ends(text: str) -> frozenset[int]:
    """The offsets 1..len(text)-1 at which a word of `text` ends (a line may break there)."""
    cached = cache_file(_dictionary(), "words", f"{CACHE_VERSION}|{text}")
    data = read_cache(cached)
    if data is not None:
        try:
            return frozenset(json.loads(data))
        except ValueError:
            pass
    ends = _segment(text)
    store_cache(cached, json.dumps(sorted(ends)).encode("utf-8"))
    return ends


def _segment(text: str) -> frozenset[int]:
    """Word ends by jieba's dictionary (its exact mode, without guessing unknown words)."""
    tokenizer = _tokenizer()
    ends, offset = set(), 0
    for word in tokenizer.cut(text, HMM=False):
        offset += len(word)
        ends.add(offset)
    return frozenset(end for end in ends if 0 < end < len(text))


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba's tokenizer, quiet, keeping its own dictionary cache with the project's caches."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache = cache_file(_dictionary(), "jieba", CACHE_VERSION)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache.parent)
        except OSError:
            pass  # jieba keeps its dictionary cache in the temporary folder
    return jieba.dt


def _dictionary() -> Path:
    """jieba's dictionary file, found without importing jieba (whose import is cheap, its dictionary not)."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    return Path(spec.origin).parent / "dict.txt"
