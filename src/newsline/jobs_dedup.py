"""The near-duplicate job: sign new articles and link them against the whole store.

Incremental: only articles without a signature (or with one made under other parameters) are
signed; each is matched through the stored LSH band keys against every article signed before
it, in this run or an earlier one, so nothing is rebuilt and a re-run adds nothing. Articles
are handled in id order, one transaction per batch, so an interrupted run is completed by the
next and the links found do not depend on the order files were ingested in. Reading an
article's words (the part of signing that reads the text) runs guarded per article
(:func:`newsline.pipeline.guard`): an article whose words fail is reported and stays unsigned,
so the next run signs it; a batch's shingle sets are then made together
(:meth:`~newsline.stages.dedup.Signer.shingle_sets`) and signed together
(:meth:`~newsline.stages.dedup.Signer.sign_many`).

Cost: signatures and band rows are appended in bulk, the rows in key order, and
``link_batch_size`` articles at a time, into the recent band table (a batch rewrites most of
its pages: bigger batches rewrite it less often), merged into the main one when due (before
the first batch and after each: :func:`~newsline.store.stories.merge_recent_bands`); the band
rows of signatures made under other parameters are dropped once, before any is signed again,
not article by article. A batch's candidate pairs
come from one sort of its band keys. The shingle sets of this run's articles are kept (up to
``_KEEP_SETS``) to verify later batches' pairs, and a stored article's set is made with the
signer's word-hash cache.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from itertools import chain, islice

import numpy as np

from newsline.errors import StageError
from newsline.pipeline import collector_paused, failure_of, guard
from newsline.records import FileFailure
from newsline.settings import Settings
from newsline.stages.dedup import (
    DedupParams,
    Link,
    Signer,
    many_index_keys,
    story_ids,
    verify,
)
from newsline.store import Store
from newsline.store import stories as queries

#: Shingle sets of a run's articles kept to verify later pairs (~3 KB each: about 60 MB).
_KEEP_SETS = 20_000
#: Word hashes held before their shingle sets are made (:meth:`Signer.shingle_sets` groups them
#: again, smaller).
_HELD_WORDS = 100_000


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What a linking run did: articles signed, candidate pairs checked, links and stories,
    and the articles whose signing failed."""

    signed: int = 0
    candidates: int = 0
    links: int = 0
    stories_changed: int = 0
    failures: tuple[FileFailure, ...] = ()


def link_near_duplicates(store: Store, settings: Settings | None = None) -> LinkSummary:
    """Sign the store's unsigned articles and link their near duplicates into stories."""
    settings = settings or Settings()
    params = DedupParams.from_settings(settings)
    signer = Signer(params)
    with queries.transaction(store):
        queries.drop_stale_bands(store, params.key)
        tiers = queries.merge_recent_bands(store, queries.band_tiers(store, params.bands))
    totals = LinkSummary()
    kept: dict[str, np.ndarray] = {}
    last = ""
    while True:
        batch = queries.unsigned_articles(store, params.key, max(settings.link_batch_size, 1), last)
        if not batch:
            return totals
        last = batch[-1][0]
        # A batch's rows, keys and pairs are hundreds of thousands of objects in no cycle:
        # the collector would only walk them (about 1.5 % of linking).
        with collector_paused():
            sets, failures = _shingle_sets(signer, batch)
            del batch  # the bodies: a batch's sets hold less
            done = _link_batch(store, signer, sets, kept)
        if (tiers := tiers.grown(done.signed * params.bands)).merge_due:
            with queries.transaction(store):
                tiers = queries.merge_recent_bands(store, tiers)
        totals = LinkSummary(
            totals.signed + done.signed,
            totals.candidates + done.candidates,
            totals.links + done.links,
            totals.stories_changed + done.stories_changed,
            totals.failures + failures,
        )


def _shingle_sets(
    signer: Signer, batch: list[tuple[str, str]]
) -> tuple[dict[str, np.ndarray], tuple[FileFailure, ...]]:
    """The shingle sets of a batch's (id, body) pairs, by id in their order, and the failures
    of the articles whose words could not be read (:func:`_sets_by_group`)."""
    failures: list[FileFailure] = []

    def words() -> Iterator[tuple[str, np.ndarray]]:
        for article_id, body in batch:
            try:
                with guard("sign", f"article {article_id}"):
                    hashes = signer.words(body)
            except StageError as exc:
                failures.append(failure_of(article_id, exc))
                continue
            yield article_id, hashes

    return _sets_by_group(signer, words()), tuple(failures)


def _sets_by_group(
    signer: Signer, words: Iterable[tuple[str, np.ndarray]]
) -> dict[str, np.ndarray]:
    """Each article's shingle set from its word hashes, made a group of articles at a time
    (about ``_HELD_WORDS`` words), so that their word hashes (more than their sets) are never
    all held at once."""
    sets: dict[str, np.ndarray] = {}
    pending: dict[str, np.ndarray] = {}  # word hashes of articles without their set yet
    held = 0
    for article_id, hashes in words:
        pending[article_id] = hashes
        held += len(hashes)
        if held >= _HELD_WORDS:
            sets.update(zip(pending, signer.shingle_sets(list(pending.values())), strict=True))
            pending.clear()
            held = 0
    if pending:
        sets.update(zip(pending, signer.shingle_sets(list(pending.values())), strict=True))
    return sets


def _link_batch(
    store: Store,
    signer: Signer,
    sets: dict[str, np.ndarray],
    kept: dict[str, np.ndarray],
) -> LinkSummary:
    """Sign a batch (its shingle sets, in id order) and link each article against every one
    signed before it.

    One transaction. Candidates come from the stored band keys (in the band tables that hold
    rows), read for the whole batch at once, and from the batch's earlier members; the
    shingle sets of the batch and of earlier batches (``kept``, updated here: only writes to
    ``sets`` reach it) are reused to verify, the other ends' are made from their stored
    bodies.
    """
    params = signer.params
    signed = signer.sign_many(list(sets.items()))  # at once: numpy works on many together
    keyed = list(zip(signed, many_index_keys(signed, params), strict=True))
    with queries.transaction(store):
        stored = queries.band_members(store, chain.from_iterable(keys for _, keys in keyed))
        pairs = candidate_pairs([sig.article_id for sig, _ in keyed], [k for _, k in keyed], stored)
        queries.write_signatures(store, keyed, params.key)
        added, changed = record_links(store, signer, pairs, ChainMap(sets, kept))
    for article_id, hashes in sets.items():  # the oldest go first
        kept.pop(article_id, None)
        kept[article_id] = hashes
    for article_id in list(islice(kept, max(len(kept) - _KEEP_SETS, 0))):
        del kept[article_id]
    return LinkSummary(len(signed), len(pairs), added, changed)


def candidate_pairs(
    ids: list[str], keys: list[list[int]], stored: Mapping[int, list[str]]
) -> list[tuple[str, str]]:
    """(article, other) pairs that share a band key: each of ``ids`` (with its ``keys``) with
    the ``stored`` articles of that key and the earlier members of ``ids``; in ``ids`` order,
    each article's others sorted.

    The keys are sorted at once with numpy (stably, so a key's articles stay in ``ids``
    order): only the few keys that several articles share are looked at in Python.
    """
    flat = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=sum(map(len, keys)))
    if not flat.size:
        return []
    owner = np.repeat(np.arange(len(ids)), list(map(len, keys)))
    order = np.argsort(flat, kind="stable")
    flat, owner = flat[order], owner[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    ends = np.r_[starts[1:], len(flat)]
    in_store = np.isin(flat[starts], np.fromiter(stored, dtype=np.int64, count=len(stored)))
    shared = (ends - starts > 1) | in_store
    found: list[set[str]] = [set() for _ in ids]
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
        earlier = list(stored.get(int(flat[start]), ()))
        for position in owner[start:end].tolist():
            found[position].update(earlier)
            earlier.append(ids[position])
    pairs = []
    for article_id, others in zip(ids, found, strict=True):
        others.discard(article_id)
        pairs.extend((article_id, other) for other in sorted(others))
    return pairs


def record_links(
    store: Store,
    signer: Signer,
    pairs: list[tuple[str, str]],
    sets: MutableMapping[str, np.ndarray],
) -> tuple[int, int]:
    """Verify candidate pairs, store the links and merge stories (inside the caller's
    transaction); how many links were new and how many story rows changed. ``sets`` holds
    the shingle sets known already; the others are made (with ``signer``) and added."""
    links = _verify(store, pairs, sets, signer)
    added = queries.add_links(store, links)
    ends = [end for link in links for end in (link.first, link.second)]
    earlier = queries.stories_of(store, ends)
    members = story_ids(((link.first, link.second) for link in links), earlier)
    return added, queries.set_stories(store, members)


def _verify(
    store: Store,
    pairs: list[tuple[str, str]],
    sets: MutableMapping[str, np.ndarray],
    signer: Signer,
) -> list[Link]:
    """Exact containment for each candidate pair; stored articles' shingles are made once."""
    missing = {end for pair in pairs for end in pair if end not in sets}
    stored = queries.bodies(store, missing)
    sets.update(_sets_by_group(signer, ((i, signer.words(body)) for i, body in stored.items())))
    links = []
    for first, second in pairs:
        link = verify(first, sets[first], second, sets[second], signer.params)
        if link is not None:
            links.append(link)
    return links
