"""EDGE: articles' body texts, read from the store when first asked for.

A timeline query reads its matching articles without their bodies: tens of thousands of them
would hold hundreds of MB. Only the evidence of its few chosen entries reads bodies (to find a
time expression's offset in its article), through a :class:`StoredTexts` mapping the query
hands the timeline, valid while its store is open.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from newsline.store.db import Store


class StoredTexts(Mapping[str, str]):
    """Article id -> its body text, for the articles of ``ids``: each read from ``store`` the
    first time it is asked for, then kept."""

    def __init__(self, store: Store, ids: Iterable[str]) -> None:
        self._store = store
        self._ids = frozenset(ids)
        self._read: dict[str, str] = {}

    def __getitem__(self, article_id: str) -> str:
        found = self._read.get(article_id)
        if found is None:
            if article_id not in self._ids:
                raise KeyError(article_id)
            found = self._read[article_id] = self._store.article_texts([article_id])[article_id]
        return found

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read the bodies of ``ids`` not read yet in one go (a query per chunk of ids, not
        one per article), forgetting those read before that are not among them: a timeline
        asks for each entry's in turn, so memory holds one entry's bodies, not those of every
        article its entries cite (tens of thousands in a large query: 200 MB at 1M)."""
        wanted = {i for i in ids if i in self._ids}
        self._read = {i: text for i, text in self._read.items() if i in wanted}
        if missing := wanted - self._read.keys():
            self._read.update(self._store.article_texts(missing))

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)
