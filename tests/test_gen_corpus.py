"""The benchmark corpus generator: its articles all ingest, its reprints are found, its
originals are not near duplicates of their T17 sources, and the same seed gives the same bytes.

Reads ../shared/data/t17 at run time (skipped with the reason when absent): the generator
needs real articles of some length, which the committed TLS fixture does not have.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsline.jobs import ingest
from newsline.settings import Settings
from newsline.stages.dedup import DedupParams, shingles, verify
from newsline.store import Store
from tests.conftest import REPO, shared_path

sys.path.insert(0, str(REPO / "benchmarks"))
from bench_scale import score  # noqa: E402 - benchmarks/ is a folder of scripts
from gen_corpus import DATA, generate, load_sources, read_truth  # noqa: E402

N = 200


@pytest.fixture(scope="module")
def t17() -> tuple[Path, tuple[list, list]]:
    folder = shared_path("data", "t17")
    return folder, load_sources(folder)


@pytest.fixture(scope="module")
def ingested(
    t17: tuple[Path, tuple[list, list]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    folder, loaded = t17
    corpus = tmp_path_factory.mktemp("corpus") / "n200"
    generate(corpus, N, seed=5, t17=folder, loaded=loaded)
    db = corpus.parent / "store.db"
    with Store(db) as store:
        summary = ingest([str(corpus / DATA)], store, Settings(embeddings="off"))
    assert summary.ok, summary.failures[:3]
    return corpus, db


def test_every_generated_article_is_stored_and_reprints_are_linked(
    ingested: tuple[Path, Path],
) -> None:
    corpus, db = ingested
    truth = read_truth(corpus)
    assert len(truth) == N
    assert {item["format"] for item in truth} >= {"jsonl", "dump"}
    result = score(corpus, str(db))
    assert result["missing"] == 0, result["missing_examples"]
    assert result["reprint_recall"]["exact"] == 1.0
    assert result["reprint_recall"]["headline"] == 1.0
    assert result["recall"] >= 0.95
    assert result["precision"] >= 0.95


def test_originals_are_not_near_duplicates_of_their_sources(
    ingested: tuple[Path, Path], t17: tuple[Path, tuple[list, list]]
) -> None:
    corpus, db = ingested
    params = DedupParams()
    originals = [i for i in read_truth(corpus) if i["kind"] == "original"][:30]
    with Store(db) as store:
        where = {
            (row[0], row[1]): row[2]
            for row in store.conn.execute("SELECT path, position, article_id FROM sources")
        }
        for item in originals:
            article = where[(str((corpus / item["file"]).resolve()), item["position"])]
            body = store.conn.execute("SELECT body FROM articles WHERE id = ?", (article,))
            mine = shingles(body.fetchone()[0], params.shingle_words)
            source = shingles(_t17_text(t17[0], item["source"]), params.shingle_words)
            assert verify("a", mine, "b", source, params) is None, item


def _t17_text(folder: Path, key: str) -> str:
    topic, article_id = key.split("/", 1)
    for line in (folder / topic / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == article_id:
            return item["text"]
    raise AssertionError(key)


def test_the_same_seed_gives_the_same_corpus(
    t17: tuple[Path, tuple[list, list]], tmp_path: Path
) -> None:
    folder, loaded = t17
    for name in ("a", "b"):
        generate(tmp_path / name, 60, seed=9, t17=folder, loaded=loaded)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*"))
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
