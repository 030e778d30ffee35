"""Near-duplicate linking for the Dask engine: signatures on the workers, band keys shuffled.

The single process (``newsline.jobs_dedup``) signs each new article in the parent and looks its
LSH band keys up in the store's index, batch by batch. At cluster scale both halves move out:

1. Workers sign the articles they cleaned (``Signer``, the same code) and write, next to each
   article shard, a ``minhash-*.parquet`` shard: article id, file, shingle count, signature and
   band keys.
2. The band keys of this run's articles, and those of the articles signed in earlier runs
   (exported from the store once per run into ``stored-bands.parquet``), form one Dask
   DataFrame of (band key, article, new?) rows. A shuffle on the band key brings every key's
   rows into one partition; each partition emits, for every key shared by two or more articles
   of which at least one is new, those candidate pairs. Pairs are deduplicated on the cluster
   and only they come back to the parent: no index of the whole corpus is held in one memory.
3. The parent writes the signatures and band keys into the store and verifies the pairs
   (exact containment of shingle sets made from the stored bodies, ``jobs_dedup``'s code; a
   chunk of pairs at a time, so memory does not grow with the run), in one transaction:
   links, stories and signatures land together or not at all, so a run killed before it
   leaves unsigned articles that the next run (or ``finish_ingest``) links.

The candidate pairs are exactly those the single process checks (every pair sharing a band
key with a new member), so both engines store the same signatures, links and stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsline.jobs_dedup import LinkSummary, record_links
from newsline.records import Article
from newsline.settings import Settings
from newsline.stages.dedup import DedupParams, Signature, Signer, many_index_keys
from newsline.store import Store
from newsline.store import stories as queries

#: Candidate pairs verified at once: their articles' shingle sets are held together.
_VERIFY_PAIRS = 5000


# -- the workers ----------------------------------------------------------------------------------
def signature_table(articles: Iterable[tuple[str, Article]], signer: Signer) -> Any:
    """A pyarrow table of (file path, article) pairs' signatures and band keys."""
    import pyarrow as pa

    params = signer.params
    pairs = list(articles)
    # signed together, as the single process signs a batch: numpy works on many at once
    signed = signer.sign_many([(a.id, signer.shingles(a.text)) for _, a in pairs])
    rows: dict[str, list[Any]] = {
        "file_path": [path for path, _ in pairs],
        "id": [sig.article_id for sig in signed],
        "shingles": [sig.shingles for sig in signed],
        "minhash": [sig.values for sig in signed],
        "keys": many_index_keys(signed, params),
    }
    schema = pa.schema(
        [
            ("file_path", pa.string()),
            ("id", pa.string()),
            ("shingles", pa.int64()),
            ("minhash", pa.binary()),
            ("keys", pa.list_(pa.int64())),
        ]
    )
    return pa.Table.from_pydict(rows, schema=schema)


# -- the parent -----------------------------------------------------------------------------------
def link_shards(
    client: Any, store: Store, settings: Settings, folder: Path, skipped: set[str]
) -> LinkSummary:
    """Link this run's articles (the minhash shards under ``folder``) against the whole store.

    ``skipped`` names files whose articles the store refused: their rows are left out.
    """
    shards = sorted(folder.glob("minhash-*.parquet"))
    if not shards:
        return LinkSummary()
    params = DedupParams.from_settings(settings)
    stored = _export_stored_bands(store, params, folder / "stored-bands.parquet")
    pairs = _candidate_pairs(client, shards, stored, skipped)
    signer = Signer(params)
    with queries.transaction(store):
        queries.drop_stale_bands(store, params.key)
        signed = 0
        for chunk in _signatures(shards, skipped):
            queries.write_signatures(store, chunk, params.key)
            signed += len(chunk)
        added = changed = 0
        for start in range(0, len(pairs), _VERIFY_PAIRS):  # shingle sets of a chunk at once
            done = record_links(store, signer, pairs[start : start + _VERIFY_PAIRS], {})
            added, changed = added + done[0], changed + done[1]
    return LinkSummary(signed, len(pairs), added, changed)


def _export_stored_bands(store: Store, params: DedupParams, path: Path) -> Path | None:
    """The band keys of articles signed in earlier runs as one Parquet file (None if none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("band_key", pa.int64()), ("id", pa.string())])
    writer = None
    try:
        for keys, ids in queries.stored_bands(store, params.key):
            if writer is None:
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(pa.table({"band_key": keys, "id": ids}, schema=schema))
    finally:
        if writer is not None:
            writer.close()
    return path if writer is not None else None


def _candidate_pairs(
    client: Any, shards: list[Path], stored: Path | None, skipped: set[str]
) -> list[tuple[str, str]]:
    """Every pair of articles sharing a band key, one of them new: a shuffle on the key."""
    import dask.dataframe as dd
    import pandas as pd

    new = dd.read_parquet([str(p) for p in shards], columns=["file_path", "id", "keys"])
    if skipped:
        new = new[~new["file_path"].isin(sorted(skipped))]
    new = new.explode("keys").dropna(subset=["keys"])
    new = new.rename(columns={"keys": "band_key"})[["band_key", "id"]]
    new = new.astype({"band_key": "int64"}).assign(new=True)
    frames = [new]
    if stored is not None:
        frames.append(dd.read_parquet(str(stored)).assign(new=False))
    bands = dd.concat(frames) if len(frames) > 1 else new
    meta = pd.DataFrame({"first": pd.Series(dtype=str), "second": pd.Series(dtype=str)})
    pairs = bands.shuffle("band_key").map_partitions(_pairs_of_partition, meta=meta)
    found = client.compute(pairs.drop_duplicates()).result()
    return sorted(zip(found["first"], found["second"], strict=True))


#: Joined rows (a new member of a band key with any member of it) made at once when pairing.
_JOINED_ROWS = 1_000_000


def _pairs_of_partition(frame: Any) -> Any:
    """Candidate pairs (first < second) among the rows of each band key in this partition, at
    least one of them new: each key's new members joined with all its members, keys with no new
    member skipped (a stored cluster costs nothing however large), about ``_JOINED_ROWS``
    joined rows at a time. The same pairs as a loop over each key's members,
    at a fortieth of its cost."""
    import pandas as pd

    # An article both stored and in this run (an exact copy) keeps its stored row (False sorts
    # first): its pairs with stored articles were checked when it was first signed.
    frame = frame.sort_values(["band_key", "id", "new"]).drop_duplicates(["band_key", "id"])
    frame = frame[frame.duplicated("band_key", keep=False)]
    fresh = frame.loc[frame["new"].astype(bool), ["band_key", "id"]]
    # each new member joins the members of its key: cut where the joined rows add up
    joins = fresh["band_key"].map(frame.groupby("band_key").size())
    rows = pd.DataFrame({"a": pd.Series(dtype=object), "b": pd.Series(dtype=object)})
    for _, part in fresh.groupby(joins.cumsum() // _JOINED_ROWS, sort=False):
        members = frame[frame["band_key"].isin(part["band_key"].unique())]
        found = _ordered_pairs(part.merge(members, on="band_key"))
        # a cluster's pairs repeat in each key it shares: kept once as they come
        rows = pd.concat([rows, found]).drop_duplicates() if len(rows) else found
    rows = rows.sort_values(["a", "b"])
    return pd.DataFrame(
        {"first": rows["a"].to_numpy(), "second": rows["b"].to_numpy()},
        columns=["first", "second"],
    )


def _ordered_pairs(joined: Any) -> Any:
    """A new member (``id_x``) with another member (``id_y``) of its key, as distinct (smaller,
    larger) pairs: two new members meet twice, once each way, and are kept once."""
    import pandas as pd

    ids, others = joined["id_x"], joined["id_y"]
    joined = joined[(ids < others) | ((ids > others) & ~joined["new"].astype(bool))]
    ids, others = joined["id_x"], joined["id_y"]
    swap = ids > others
    return pd.DataFrame(
        {"a": ids.where(~swap, others), "b": others.where(~swap, ids)}
    ).drop_duplicates()


def _signatures(
    shards: list[Path], skipped: set[str]
) -> Iterator[list[tuple[Signature, list[int]]]]:
    """The shards' signatures and band keys, a row group (at most ~1,000 articles) at a time."""
    import pyarrow.parquet as pq

    for path in shards:
        shard = pq.ParquetFile(path)
        for group in range(shard.num_row_groups):  # not iter_batches: it reads far ahead
            chunk, seen = [], set()
            for row in shard.read_row_group(group).to_pylist():
                if row["file_path"] in skipped or row["id"] in seen:
                    continue  # a copy's rows would be written twice (rewriting is harmless)
                seen.add(row["id"])
                signature = Signature(row["id"], row["minhash"], row["shingles"])
                chunk.append((signature, list(row["keys"])))
            if chunk:
                yield chunk
