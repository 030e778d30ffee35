"""Queries: which articles and sentences a timeline is about.

A query is keywords and names. Matching is case-insensitive and tolerant of inflection: a
term matches a word that starts with the term's stem ("Korea" matches "Korean", "quake"
matches "quakes"). An article matches when it names every term (or any, when asked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsline.errors import ConfigError
from newsline.records import Article
from newsline.stages.clean_text import stem

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class Query:
    """Parsed query terms (stems) and whether all or any must match."""

    text: str
    stems: tuple[str, ...]
    any_term: bool = False

    def words_match(self, words: set[str]) -> list[bool]:
        """For each term, whether one of ``words`` (lowercase) carries it."""
        return [any(w.startswith(s) for w in words) for s in self.stems]

    def matches(self, text: str) -> bool:
        """True when ``text`` names every term (any term with ``any_term``)."""
        hits = self.words_match(word_set(text))
        return any(hits) if self.any_term else all(hits)

    def hits(self, text: str) -> int:
        """How many of the terms ``text`` names."""
        return sum(self.words_match(word_set(text)))

    def matches_article(self, article: Article) -> bool:
        """True when the article's headline, captions or body name the terms."""
        return self.matches(" ".join((article.title, *article.captions, article.text)))


def word_set(text: str) -> set[str]:
    """Lowercase words of a text."""
    return {w.lower().replace("’", "'") for w in _WORD.findall(text)}


def parse_query(text: str, any_term: bool = False) -> Query:
    """A Query from free text; an empty query is a usage error."""
    terms = [t for t in _WORD.findall(text) if t.strip("'’-")]
    if not terms:
        raise ConfigError('the query is empty: give keywords or names, e.g. "Russia North Korea"')
    stems = tuple(dict.fromkeys(stem(t) if len(t) > 4 else t.lower() for t in terms))
    return Query(text=text, stems=stems, any_term=any_term)
