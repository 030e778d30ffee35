"""Queries: which articles and sentences a timeline is about.

A query is keywords and names. Matching is case-insensitive and tolerant of inflection: a
term matches a word that starts with the term's stem ("Korea" matches "Korean", "quake"
matches "quakes"). An article matches when it names every term (or any, when asked).

The store's search index makes the first cut: it holds each article's :func:`index_words`
(its words as :data:`_WORD` reads them, folded so that every pair of letters the matching
takes for one letter becomes one letter), and a term's :attr:`Query.index_prefixes` open
one of them in every article the term matches, so the index names a superset of the matches;
:meth:`Query.matches_article` then decides on those only, unless the query is plain words
(:attr:`Query.index_exact`), for which the index names exactly the matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsline.errors import ConfigError
from newsline.records import Article
from newsline.stages.clean_text import stem
from newsline.stopwords import SMART_STOPWORDS

_WORD = re.compile(r"[\w'’-]+")
#: Index words and prefixes are cut to this many characters (PostgreSQL refuses lexemes over
#: 2 KB); a cut word still starts with every stem that opens it.
INDEX_WORD_CHARS = 60
#: "İ" lowers to two characters ("i" and a combining dot): it is folded to "i" first.
_BEFORE_LOWER = str.maketrans({"\u0130": "i"})
#: Letters that case-insensitive matching (Python's ``re``) takes for one although their
#: lowercase differs ("ı" and "i", "ſ" and "s", final and medial sigma ...): each group's
#: extra members -> its first; and the curly apostrophe -> the straight one (a term's
#: apostrophe matches either).
_FOLD_GROUPS = (
    "iı sſ μµ βϐ εϵ θϑ κϰ πϖ ρϱ σς φϕ вᲀ дᲁ оᲂ сᲃ тᲄᲅ ъᲆ ѣᲇ ᲈꙋ ṡẛ ﬅﬆ '’"
    " \u03b9\u1fbe\u0345 \u0390\u1fd3 \u03b0\u1fe3"  # escaped: an editor would normalize them
)
_AFTER_LOWER = str.maketrans(
    {extra: group[0] for group in _FOLD_GROUPS.split() for extra in group[1:]}
)


@dataclass(frozen=True, slots=True)
class Query:
    """Parsed query terms (stems) and whether all or any must match."""

    text: str
    stems: tuple[str, ...]
    any_term: bool = False

    def term_hits(self, text: str) -> list[bool]:
        """For each term, whether a word of ``text`` starts with its stem (any case)."""
        return list(_found(self.stems, text))

    def matches(self, text: str) -> bool:
        """True when ``text`` names every term (any term with ``any_term``); stops searching
        as soon as the answer is known."""
        found = _found(self.stems, text)
        return any(found) if self.any_term else all(found)

    def names_any(self, text: str) -> bool:
        """True when ``text`` names at least one term (what a timeline's sentences must do
        with ``sentences="naming"``), whatever ``any_term`` says."""
        return any(_found(self.stems, text))

    def holds_any(self, text: str) -> bool:
        """True when a term as written occurs anywhere in ``text``, inside a word too ("flu" in
        "influenza"), any case: the keyword filter of the timeline-summarization protocol,
        which ``sentences="keyword"`` applies. news-tls keeps a summary sentence whose
        lowercased text holds a keyword as written, not its stem ("swine" is not in "upswing",
        its stem "swin" is)."""
        folded = fold(text)
        return any(term in folded for term in _keywords(self.text))

    def names_own(self, text: str) -> bool:
        """Whether ``text`` names a term as the query means it: with two terms or more (a
        name, "Michael Jackson", "Russia North Korea"), a term right after a capitalized word
        that is neither a term, a title nor a common word names someone else ("Linda
        Jackson", "South Korea"). A single term, or keywords any of which will do
        (``any_term``), are what they are."""
        if len(self.stems) < 2 or self.any_term:
            return self.names_any(text)
        if not self.names_any(text):
            return False
        return any(
            not _other_name(text[max(found.start() - 40, 0) : found.start()], self.stems)
            for pattern in _patterns(self.stems)
            for found in pattern.finditer(text)
        )

    def hits(self, text: str) -> int:
        """How many of the terms ``text`` names."""
        return sum(self.term_hits(text))

    def matches_article(self, article: Article) -> bool:
        """True when the article's headline, captions or body name the terms."""
        return self.matches(search_text(article))

    @property
    def index_prefixes(self) -> tuple[str, ...]:
        """Per term, what opens an :func:`index_words` word of every article it matches: the
        folded stem, up to its first character that is not a word character (a combining dot
        left by lowering, which never matches inside a word) and to INDEX_WORD_CHARS."""
        prefixes = (_INDEX_PREFIX.match(fold(s)).group() for s in self.stems)  # type: ignore[union-attr]
        return tuple(dict.fromkeys(p[:INDEX_WORD_CHARS] for p in prefixes))

    @property
    def index_exact(self) -> bool:
        """True when the index finds exactly this query's matches, so they need no second look:
        every stem is ASCII letters, digits, ``_``, ``'`` or ``-`` (no character is then folded
        into it but those the matching takes for it) within INDEX_WORD_CHARS."""
        return all(_PLAIN_STEM.fullmatch(s) for s in self.stems)


def search_text(article: Article) -> str:
    """What a query searches in an article: headline, captions and body."""
    return " ".join((article.title, *article.captions, article.text))


def fold(text: str) -> str:
    """``text`` lowercased, with the letters case-insensitive matching takes for one made one
    (see :data:`_FOLD_GROUPS`), character for character."""
    return text.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


def index_words(text: str) -> set[str]:
    """The distinct folded words of ``text`` (each cut to INDEX_WORD_CHARS): what the store's
    search index holds for an article's :func:`search_text`."""
    folded = text.lower() if text.isascii() else fold(text)  # fold maps no ASCII character
    if not folded.isascii():
        return set(_INDEX_WORD.findall(folded))
    found = set(folded.translate(_ASCII_NON_WORD).split())  # 4x the regex's speed
    if max(map(len, found), default=0) <= INDEX_WORD_CHARS:
        return found
    return {word[:INDEX_WORD_CHARS] for word in found}


#: ASCII characters that :data:`_WORD` does not take into a word -> a space.
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c in "_'-")}
)
_INDEX_PREFIX = re.compile(r"[\w'-]*")
#: A word as :data:`_WORD` reads it, its first INDEX_WORD_CHARS characters captured.
_INDEX_WORD = re.compile(rf"([\w'’-]{{1,{INDEX_WORD_CHARS}}})[\w'’-]*")
_PLAIN_STEM = re.compile(rf"[a-z0-9_'-]{{1,{INDEX_WORD_CHARS}}}")


@lru_cache(maxsize=64)
def _patterns(stems: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One search pattern a term: its stem opening a word (words as :data:`_WORD` reads them),
    an apostrophe either way; searching the text is much faster than splitting it into words."""
    return tuple(
        re.compile(r"(?<![\w'’-])" + re.escape(stem).replace("'", "['’]"), re.IGNORECASE)
        for stem in stems
    )


def _found(stems: tuple[str, ...], text: str) -> Iterator[bool]:
    """For each term in turn, whether ``text`` names it. An ASCII text lacking a stem even
    inside a word does not name it: one substring test, 10x cheaper than the pattern's search
    (which tries its look-behind at every character)."""
    lowered = text.lower() if text.isascii() and _ascii(stems) else None
    for term, pattern in zip(stems, _patterns(stems), strict=True):
        yield (lowered is None or term in lowered) and pattern.search(text) is not None


@lru_cache(maxsize=64)
def _keywords(text: str) -> tuple[str, ...]:
    """A query's terms as written, folded: the protocol's keywords."""
    return tuple(dict.fromkeys(fold(t) for t in _WORD.findall(text) if t.strip("'’-")))


@lru_cache(maxsize=64)
def _ascii(stems: tuple[str, ...]) -> bool:
    return all(stem.isascii() for stem in stems)


#: A capitalized word right before a term, nothing but spaces between them.
_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)[ \t]+$")
#: Titles a name follows: "Mr Jackson" is the query's Jackson as much as "Jackson" is.
_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady president king queen prince princess judge"
    " senator governor minister general gen col capt rev saint st".split()
)


#: Weekdays and months: "On Thursday Jackson ...", "In June Jackson ..." name no one.
_DAY_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april"
    " may june july august september october november december".split()
)


def _other_name(before: str, stems: tuple[str, ...]) -> bool:
    """Whether ``before`` (the text right before a term) ends in a first name or a name's
    first word that is not the query's ("Linda" before "Jackson", "South" before "Korea")."""
    found = _NAME_BEFORE.search(before)
    if found is None:
        return False
    word = found.group(1).lower()
    if word in _TITLES or word in SMART_STOPWORDS or word in _DAY_WORDS:
        return False  # "Mr Jackson", "The Jackson family", "On Thursday Jackson ..."
    if word.endswith(("'s", "’s", "s'")):
        return False  # "Egypt's Mubarak"
    return not any(word.startswith(stem) for stem in stems)


def check_query(text: str, max_terms: int, max_chars: int) -> str:
    """``text`` when it is within the query limits (``Settings.max_query_terms`` and
    ``max_query_chars``); a ConfigError saying the limit otherwise. Every term is searched in
    every article, so an unbounded query is an unbounded amount of work."""
    if len(text) > max_chars:
        raise ConfigError(f"the query is too long ({len(text)} characters; limit {max_chars})")
    terms = sum(1 for t in _WORD.finditer(text) if t.group().strip("'’-"))
    if terms > max_terms:
        raise ConfigError(f"the query has too many words ({terms}; limit {max_terms})")
    return text


def parse_query(text: str, any_term: bool = False) -> Query:
    """A Query from free text; an empty query is a usage error."""
    terms = [t for t in _WORD.findall(text) if t.strip("'’-")]
    if not terms:
        raise ConfigError('the query is empty: give keywords or names, e.g. "Russia North Korea"')
    stems = tuple(dict.fromkeys(stem(t) if len(t) > 4 else t.lower() for t in terms))
    return Query(text=text, stems=stems, any_term=any_term)
