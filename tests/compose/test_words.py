"""Word boundaries for titles: jieba's segmentation, cached on disk so the next build does not load it."""

from __future__ import annotations

from typeset.compose import words


def test_word_ends_are_inside_the_title():
    """Boundaries fall between characters, never at 0 or at the end."""
    words.word_ends.cache_clear()
    ends = words.word_ends("杭州市人大常委会召开会议")
    assert ends and all(0 < end < len("杭州市人大常委会召开会议") for end in ends)


def test_a_cached_title_is_read_back_without_segmenting(tmp_path, monkeypatch):
    """The second lookup of a title comes from the cache file, not from jieba."""
    monkeypatch.setenv("TYPESET_CACHE", str(tmp_path))
    title = "关于进一步加强代表联络站建设的意见"
    words.word_ends.cache_clear()
    first = words.word_ends(title)
    assert list(tmp_path.glob("words-*.bin"))
    words.word_ends.cache_clear()

    def segmented(text):
        raise AssertionError("segmented again instead of reading the cache")

    monkeypatch.setattr(words, "_segment", segmented)
    assert words.word_ends(title) == first
