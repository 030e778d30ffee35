"""A large query's dates chosen from stored claims: the claims are what the events state, the
scores are the timeline's own, and with every date a candidate the timeline is the exact one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsline.export.json import timeline_to_dict
from newsline.jobs import timeline
from newsline.jobs_events import article_claims, article_events
from newsline.settings import Settings
from newsline.stages.date_claims import candidate_dates, claim_weights
from newsline.stages.date_features import evidence_scores
from newsline.stages.events import events_key
from newsline.stages.query import parse_query
from newsline.stages.timeline import TimelineOptions, candidate_groups
from newsline.store import Store
from newsline.store.events import load_events

SETTINGS = Settings().with_(embeddings="off")
DEMO = "Brenn Strait Link"


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[Store]:
    with Store(demo_db) as store:
        timeline(TimelineOptions(query=DEMO), store, SETTINGS)  # every match's events stored
        yield store


def _matches(store: Store, text: str = DEMO) -> list:
    return list(store.iter_matching(parse_query(text), raw=False, body=False))


@pytest.mark.parametrize("naming", [False, True])
def test_claims_are_the_dated_events_dates(demo: Store, naming: bool) -> None:
    articles = _matches(demo)
    query = parse_query(DEMO)
    names = query.names_any if naming else None
    claims, failures = article_claims(demo, articles, SETTINGS, names)
    assert not failures and set(claims) == {a.id for a in articles}
    events = load_events(demo, claims, events_key(SETTINGS), undated=False)
    for article_id, pairs in claims.items():
        stated = [e for e in events[article_id] if names is None or names(e.text)]
        assert pairs == list(dict.fromkeys((e.interval, e.dated_by) for e in stated))
    assert sum(map(len, claims.values())) > (20 if naming else 50)


@pytest.mark.parametrize(
    "options",
    [
        TimelineOptions(query=DEMO),
        TimelineOptions(query=DEMO, pub_window=2, later_weight=0.5),
        TimelineOptions(query=DEMO, days_only=True),
    ],
)
def test_claims_scores_are_the_timelines(demo: Store, options: TimelineOptions) -> None:
    """Every date the claims rank is one the timeline would group, with its evidence score;
    with room for all, every one is a candidate."""
    articles = _matches(demo)
    claims, _ = article_claims(demo, articles, SETTINGS)
    events, _ = article_events(demo, articles, SETTINGS)
    groups = candidate_groups(parse_query(DEMO), events, options)
    scores = evidence_scores(groups, {a.id: a for a in articles}, options)
    weights = claim_weights(claims, articles, options)
    assert {k: sum(w.values()) for k, w in weights.items()} == scores
    every = candidate_dates(claims, articles, options, per_place=1000.0)
    assert every.dates <= set(groups)
    few = candidate_dates(claims, articles, options, per_place=0.2)
    assert 0 < len(few.dates) < len(every.dates)
    stating = {e.article_id for e in events if e.interval is not None}
    assert few.articles < every.articles <= stating


@pytest.mark.parametrize(
    "options",
    [
        TimelineOptions(query=DEMO),
        TimelineOptions(query="Brenn ferry", any_term=True, sentences="naming", days_only=True),
    ],
)
def test_every_date_a_candidate_gives_the_exact_timeline(
    demo: Store, options: TimelineOptions
) -> None:
    exact = timeline_to_dict(timeline(options, demo, SETTINGS))
    large = SETTINGS.with_(large_query_articles=0, large_query_dates=1000.0)
    assert timeline_to_dict(timeline(options, demo, large)) == exact
    assert exact["entries"]


def test_the_large_path_shows_the_best_dates(demo: Store) -> None:
    """Forced with two candidates a place, its dates are those of the exact timeline but a few."""
    options = TimelineOptions(query=DEMO, max_dates=8)
    exact = timeline(options, demo, SETTINGS)
    large = timeline(options, demo, SETTINGS.with_(large_query_articles=0))
    shown = {e.interval for e in large.entries}
    assert len(shown & {e.interval for e in exact.entries}) >= len(exact.entries) - 2
    assert large.articles == exact.articles and large.coverage == exact.coverage
