"""Queries: which articles and sentences a timeline is about.

A query is keywords and names. Matching is case-insensitive and tolerant of inflection: a
term matches a word that starts with the term's stem ("Korea" matches "Korean", "quake"
matches "quakes"). An article matches when it names every term (or any, when asked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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

    def term_hits(self, text: str) -> list[bool]:
        """For each term, whether a word of ``text`` starts with its stem (any case)."""
        return [pattern.search(text) is not None for pattern in _patterns(self.stems)]

    def matches(self, text: str) -> bool:
        """True when ``text`` names every term (any term with ``any_term``); stops searching
        as soon as the answer is known."""
        found = (pattern.search(text) is not None for pattern in _patterns(self.stems))
        return any(found) if self.any_term else all(found)

    def hits(self, text: str) -> int:
        """How many of the terms ``text`` names."""
        return sum(self.term_hits(text))

    def matches_article(self, article: Article) -> bool:
        """True when the article's headline, captions or body name the terms."""
        return self.matches(" ".join((article.title, *article.captions, article.text)))


@lru_cache(maxsize=64)
def _patterns(stems: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One search pattern a term: its stem opening a word (words as :data:`_WORD` reads them),
    an apostrophe either way; searching the text is much faster than splitting it into words."""
    return tuple(
        re.compile(r"(?<![\w'’-])" + re.escape(stem).replace("'", "['’]"), re.IGNORECASE)
        for stem in stems
    )


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
