"""Small text helpers shared by stages: sentences and content words."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
STOPWORDS = frozenset(
    (
        "a an and are as at be been but by for from had has have he her his in into is it its"
        " of on or that the their them they this to was were which who will with would not"
        " after before than then there these those said says also over under up down out"
        " about more most new one two it's our we you i"
    ).split()
)


#: Words opening a side clause ("... since it opened last June"): a date inside one is what
#: the clause says, not when the sentence's news happened.
SIDE_CLAUSE_WORDS = "since|after|before|until|when|while|as|following"


class sentence_spans:  # noqa: N801 - used like a function that returns a lookup
    """The sentences of a text, split once, then found by offset (binary search)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = [0], []
        for m in _SENTENCE.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def at(self, offset: int) -> str:
        """The sentence containing ``offset``."""
        i = max(bisect_right(self.starts, offset) - 1, 0)
        return self.text[self.starts[i] : self.ends[i]]


def find_mention(text: str, mention: str) -> int:
    """Where a time expression stands in its sentence as a whole expression ("2000" not inside
    "Early 2000s"), else where it first occurs, else -1."""
    if not mention:  # found between two characters that are no word's
        found = re.search(r"(?<!\w)(?!\w)", text)
        return found.start() if found else 0
    at = whole_word_at(text, mention)
    return at if at >= 0 else text.find(mention)


def whole_word_at(text: str, word: str) -> int:
    """Where ``word`` first stands in ``text`` with no word character (``\\w``) right before
    or after it, as the pattern ``(?<!\\w)WORD(?!\\w)`` would find it, else -1: each
    occurrence in turn, found by ``str.find`` (a regex made for each word cost more than the
    search: a query looks up thousands of mentions)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _word_character(text[at - 1])) and not (
            end < len(text) and _word_character(text[end])
        ):
            return at
        at = text.find(word, at + 1)
    return -1


def _word_character(char: str) -> bool:
    """What ``\\w`` matches in a str pattern: a Unicode alphanumeric or the underscore."""
    return char.isalnum() or char == "_"


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light stem good enough to match 'arrives' with 'arrived' (memoized: news reuses its
    words, and the query, the aligner and the folding stem the same ones again)."""
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 17)
def content_stem(word: str) -> str:
    """The word's stem, or "" for a stopword (memoized like :func:`stem`)."""
    return "" if word.lower() in STOPWORDS else stem(word)


def words_of(text: str) -> list[str]:
    """The words of ``text`` as :func:`content_words` reads them, as written, stopwords too."""
    return _WORD.findall(text)


class _Memo(dict[Any, str]):
    """Key -> ``make(key)``, filled as keys are asked for: a dict's own lookup (one C call a
    word) costs less than a memoized function's, and :func:`content_words` asks for every word
    of every sentence ingest stores a date of. Emptied at ``limit`` keys."""

    limit = 1 << 16  # ~5 MB of words and stems, beside content_stem's own cache

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        if len(self) >= self.limit:
            self.clear()
        found = self[key] = self.make(key)
        return found


_STEM_OF = _Memo(content_stem).__getitem__


def content_words(text: str) -> set[str]:
    """Stemmed words of ``text`` that are not stopwords."""
    found = set(map(_STEM_OF, _WORD.findall(text)))
    found.discard("")  # the stopwords'; a stem is never empty (words have two letters or more)
    return found


# An ASCII text's bytes with ``_WORD``'s letters lowercased and every character it leaves out
# (a digit, "_", a space, other punctuation) a space: its runs that ``bytes.split`` gives are
# where ``_WORD`` finds its words, one a run at most.
_RUNS = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c) in "abcdefghijklmnopqrstuvwxyz'-" else 32
    for c in range(256)
)


def _run_stem(run: bytes) -> str:
    """The :func:`content_stem` of the word ``_WORD`` finds in a run of :data:`_RUNS` (from
    its first letter on: what comes before is "'" and "-"), "" for none (a run with fewer than
    two characters from its first letter) as for a stopword."""
    word = run.decode("ascii").lstrip("'-")
    return content_stem(word) if len(word) >= 2 else ""


_STEM_OF_RUN = _Memo(_run_stem).__getitem__


def ascii_content_words(data: bytes) -> set[str]:
    """:func:`content_words` of an ASCII text given as its bytes, without a regex: a table
    lowercases it and blanks what no word holds, ``split`` cuts the runs, one C call each
    (the stems depend only on the lowercase word)."""
    found = set(map(_STEM_OF_RUN, data.translate(_RUNS).split()))
    found.discard("")
    return found
