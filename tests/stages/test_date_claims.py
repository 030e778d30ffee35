"""A large query's dates chosen from stored claims: the claims are what the events state, the
scores are the timeline's own, with every date a candidate the timeline is the exact one (its
bounded dates too), the spare candidates fill every place, a read article's conflicts are kept,
and events chosen for some options refuse to build others' timelines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsline.export.json import timeline_to_dict
from newsline.jobs import ingest, query_events, timeline
from newsline.jobs_events import article_claims, article_events
from newsline.settings import Settings
from newsline.stages.date_claims import candidate_dates, claim_weights, readers
from newsline.stages.date_features import Unread, evidence_scores
from newsline.stages.events import events_key
from newsline.stages.query import parse_query
from newsline.stages.timeline import TimelineOptions, candidate_groups
from newsline.store import Store
from newsline.store.events import load_events

SETTINGS = Settings().with_(embeddings="off")
FORCED = SETTINGS.with_(large_query_articles=0)
EVERY = FORCED.with_(large_query_dates=1000.0)  # every claimed date a candidate
EXACTLY = FORCED.with_(large_query_dates=1.0, large_query_spare=0)  # a candidate a place
DEMO = "Brenn Strait Link"


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[Store]:
    with Store(demo_db) as store:
        timeline(TimelineOptions(query=DEMO), store, SETTINGS)  # every match's events stored
        yield store


def _matches(store: Store, text: str = DEMO) -> list:
    return list(store.iter_matching(parse_query(text), raw=False, body=False))


@pytest.mark.parametrize("sentences", ["all", "naming", "keyword"])
def test_claims_are_the_dated_events_dates(demo: Store, sentences: str) -> None:
    articles = _matches(demo)
    query = parse_query(DEMO)
    names = {"naming": query.names_any, "keyword": query.holds_any}.get(sentences)
    claims, failures = article_claims(demo, articles, SETTINGS, names)
    assert not failures and set(claims) == {a.id for a in articles}
    events = load_events(demo, claims, events_key(SETTINGS), undated=False)
    for article_id, pairs in claims.items():
        stated = [e for e in events[article_id] if names is None or names(e.text)]
        assert pairs == list(dict.fromkeys((e.interval, e.dated_by) for e in stated))
    assert sum(map(len, claims.values())) > (50 if names is None else 20)


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
    assert every.dates is None  # none cut: every date
    few = candidate_dates(claims, articles, options, per_place=0.2)
    assert few.dates is not None and 0 < len(few.dates) < len(set(weights) & set(groups))
    assert few.dates < set(groups)
    spared = candidate_dates(claims, articles, options, per_place=0.2, spare=3)
    assert spared.dates is not None and few.dates < spared.dates
    stating = {e.article_id for e in events if e.interval is not None}
    assert few.articles < every.articles <= stating


@pytest.mark.parametrize(
    "options",
    [
        TimelineOptions(query=DEMO),
        TimelineOptions(query="Brenn ferry", any_term=True, sentences="naming", days_only=True),
        TimelineOptions(query="Brenn ferry", any_term=True, sentences="keyword"),
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
    """Forced with the default candidates (1.25 a place and 8 more), its dates are those of the
    exact timeline but a few."""
    options = TimelineOptions(query=DEMO, max_dates=8)
    exact = timeline(options, demo, SETTINGS)
    large = timeline(options, demo, SETTINGS.with_(large_query_articles=0))
    shown = {e.interval for e in large.entries}
    assert len(shown & {e.interval for e in exact.entries}) >= len(exact.entries) - 2
    assert large.articles == exact.articles and large.coverage == exact.coverage


@pytest.mark.parametrize("max_dates", [40, 20, 8])
def test_the_spare_candidates_fill_every_place(demo: Store, max_dates: int) -> None:
    """Folding and the dates naming the query first drop some candidates: with exactly
    ``max_dates`` the demo showed 36 of 40 and 19 of 20 dates (review of h-q8)."""
    options = TimelineOptions(query=DEMO, max_dates=max_dates)
    exact = timeline(options, demo, SETTINGS)
    large = timeline(options, demo, FORCED)
    assert len(exact.entries) == max_dates
    assert len(large.entries) == len(exact.entries)


def _store(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "c.db"
    with Store(db) as store:
        ingest([str(folder)], store, SETTINGS)
    return db


FERRY = [
    {
        "id": f"r{n}",
        "title": f"Zorvan ferry report {n}",
        "published": f"2020-03-{10 + n:02d}",
        "text": "The Zorvan ferry sank on March 2, 2020, officials said. "
        f"Divers reached the Zorvan ferry on March 6, 2020.\n\nReport number {n}.",
    }
    for n in range(3)
]
CHRONOLOGY = {
    "id": "chrono",
    "title": "Zorvan ferry: a timeline",
    "published": "2020-03-20",
    "text": "The Zorvan ferry story so far. It began at sea. It moved to the courts. "
    "It is not over. Here is how it went.\n\n"
    "March 2, 2018 - The Zorvan ferry sinks in the strait.\n\n"
    "Rescue boats search the water for survivors of the Zorvan ferry.\n\n"
    "Families gather at the harbour to wait for news of the Zorvan ferry.\n\n"
    "March 6, 2022 - Divers reach the Zorvan ferry wreck.\n\n"
    "March 9, 2022 - The Zorvan ferry inquiry opens.",
}


def test_every_date_a_candidate_keeps_the_bounded_entries(tmp_path: Path) -> None:
    """The ranges alignment bounds a chronology's undated lines by are never claims: with no
    candidate cut, no date is withheld, and they are shown as the exact path shows them."""
    db = _store(tmp_path, [*FERRY, CHRONOLOGY])
    options = TimelineOptions(query="Zorvan ferry", since=date(2019, 1, 1))
    with Store(db) as store:
        exact = timeline(options, store, SETTINGS)
        large = timeline(options, store, EVERY)
    assert any(e.dated_by == "bounded" for e in exact.entries)
    assert timeline_to_dict(large) == timeline_to_dict(exact)


LEAD = "Officials spoke. Crews worked. Boats waited. Ports closed. Talks went on.\n\n"
SANK = "The Zorvan ferry sank in the Brenn strait with forty passengers on board on {}."
REPORTS = [
    {
        "id": f"r{n}",
        "title": f"Zorvan ferry report {n}",
        "published": f"2020-03-{10 + n:02d}",
        "text": LEAD + SANK.format("March 2, 2020"),
    }
    for n in range(4)
]


@pytest.mark.parametrize(
    ("settings", "stating"),
    [
        (FORCED, False),  # the spare candidates hold the dissent's date: its article is read
        (FORCED, True),
        (EXACTLY, True),  # not a candidate, but its article states one: read whole
    ],
)
def test_a_shown_entrys_conflict_with_a_date_not_shown_is_kept(
    tmp_path: Path, settings: Settings, stating: bool
) -> None:
    """Another source dates the shown sentence otherwise: the exact path flags the conflict,
    and so does the large path once that source is read, its date a candidate or not."""
    dissent = LEAD + SANK.format("March 4, 2020")
    dissent += " Its owner was named on March 2, 2020." if stating else ""
    other = {"id": "other", "title": "Zorvan ferry dissent", "published": "2020-03-15"}
    db = _store(tmp_path, [*REPORTS, {**other, "text": dissent}])
    options = TimelineOptions(query="Zorvan ferry", max_dates=1)
    with Store(db) as store:
        exact = timeline(options, store, SETTINGS)
        large = timeline(options, store, settings)
    assert exact.entries[0].conflict
    assert [e.interval for e in large.entries] == [e.interval for e in exact.entries]
    assert large.entries[0].conflict == exact.entries[0].conflict


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        ({"max_dates": 5}, "max_dates"),
        ({"since": date(2020, 1, 1), "pub_window": 2}, "since, pub_window"),
        ({"per_date": 1}, None),  # chooses no date: the same candidates serve
        ({}, None),
    ],
)
def test_events_chosen_for_some_options_refuse_others(
    demo: Store, change: dict[str, object], refused: str | None
) -> None:
    options = TimelineOptions(query=DEMO, max_dates=8)
    found = query_events(options, demo, FORCED)
    other = replace(options, **change)
    if refused is None:
        assert found.build(other) == timeline(other, demo, FORCED)
        return
    with pytest.raises(ValueError, match=refused):
        found.build(other)
    # the exact path's events serve any options
    assert query_events(options, demo, SETTINGS).build(other).entries


def test_the_threshold_itself_takes_the_large_path(demo: Store) -> None:
    """``large_query_articles`` matches or more choose their dates first (0 forces it)."""
    matches = len(_matches(demo))
    options = TimelineOptions(query=DEMO)
    for threshold, large in [(matches, True), (matches + 1, False), (0, True)]:
        found = query_events(options, demo, SETTINGS.with_(large_query_articles=threshold))
        assert (found.chosen_for is not None) == large


A, B = (date(2020, 3, 2), date(2020, 3, 2), "day"), (date(2020, 3, 6), date(2020, 3, 6), "day")


@pytest.mark.parametrize(
    ("stating", "per_date", "headlined", "read", "unread"),
    [
        ({A: {"a": 1.0, "b": 1.0, "c": 1.0}}, 0, "", "abc", {}),  # 0: every stating article
        ({A: {"a": 1.0, "b": 1.0, "c": 1.0}}, 3, "", "abc", {}),
        ({A: {"c": 1.0, "b": 1.0, "a": 1.0}}, 2, "", "ab", {A: Unread(("c",), 1.0)}),  # id on a tie
        (
            {A: {"a": 1.0, "b": 1.5, "c": 0.5}},
            1,
            "",
            "b",
            {A: Unread(("a", "c"), 1.5)},
        ),  # weightiest
        # headlined with the query first, then by weight
        ({A: {"a": 1.0, "b": 1.5, "c": 0.5}}, 1, "c", "c", {A: Unread(("a", "b"), 2.5)}),
        ({A: {"a": 1.0, "b": 1.5, "c": 0.5}}, 2, "ac", "ac", {A: Unread(("b",), 1.5)}),
        # c is read for B: what A does not read is b alone
        (
            {A: {"a": 1.0, "b": 1.0, "c": 1.0}, B: {"d": 0.5, "c": 0.5}},
            1,
            "",
            "ac",
            {A: Unread(("b",), 1.0), B: Unread(("d",), 0.5)},
        ),
    ],
)
def test_readers_take_a_dates_headlined_then_weightiest_claims_then_ids(
    stating: dict, per_date: int, headlined: str, read: str, unread: dict
) -> None:
    assert readers(stating, per_date, lambda i: i in headlined) == (frozenset(read), unread)


SANK_ON = "The Zorvan ferry sank in the Brenn strait on {}, {} said."
WHO = ["officials", "divers", "the owner", "a survivor", "the mayor", "police", "a pilot"]
WHO += ["the coastguard", "an insurer"]
STATED = [  # distinct texts: no two are near duplicates
    {
        "id": f"s{n}",
        "title": f"Zorvan ferry report {n}",
        "published": "2020-04-01",
        "text": SANK_ON.format("March 2, 2020" if n < 6 else "March 6, 2020", who)
        + f" {who.capitalize()} had more to say." * (n + 1)
        + (f" The Zorvan ferry inquiry met on March {n + 4}, 2020." if n >= 6 else ""),
    }
    for n, who in enumerate(WHO)
]


@pytest.mark.parametrize(("per_date", "max_dates"), [(1, 1), (1, 2), (2, 1), (4, 2), (6, 1)])
def test_a_date_stated_by_more_than_the_cap_reads_only_the_cap(
    tmp_path: Path, per_date: int, max_dates: int
) -> None:
    """Six articles state 2 March, three 6 March (and each of those a day of its own, for
    which it is read: read, 6 March would outweigh 2 March), all nine their day (1 April):
    ``per_date`` of each date's are read, and no more than those (a date's own, or another's
    that state it too); its rank and score still count every one, so the dates are those of
    every article read; the same timeline every time, the very one when the cap does not bite."""
    db = _store(tmp_path, STATED)
    options = TimelineOptions(query="Zorvan ferry", max_dates=max_dates)
    with Store(db) as store:
        every = timeline(options, store, FORCED.with_(large_query_per_date=0))
        found = query_events(options, store, FORCED.with_(large_query_per_date=per_date))
        capped = found.build(options)
        again = timeline(options, store, FORCED.with_(large_query_per_date=per_date))
    titles = {a.id: a.title for a in found.articles}
    read = {int(titles[e.article_id].split()[-1]) for e in found.events if e.interval}
    stating = set(range(6)), set(range(6, 9))
    assert all(len(read & s) >= min(per_date, len(s)) for s in stating)
    assert len(read) <= min(6 * per_date, 9)
    assert [(e.interval, e.score) for e in capped.entries] == [
        (e.interval, e.score) for e in every.entries
    ]
    # the unread articles are counted in the evidence, and said to be
    counted = [(e.evidence.articles, "not read" in e.evidence.why) for e in capped.entries]
    assert [n for n, _ in counted] == [e.evidence.articles for e in every.entries]
    assert any(said for _, said in counted) == (per_date < 6)
    assert len(every.entries) == max_dates and timeline_to_dict(again) == timeline_to_dict(capped)
    if per_date >= 6:
        assert timeline_to_dict(capped) == timeline_to_dict(every)


CRANE = "The harbour crane collapsed on March 2, 2020, {} said."
NAMING = (
    [  # the three weightiest claims of 2 March do not name Zorvan: its naming one is read last
        {
            "id": f"a{n}",
            "title": f"Harbour news {n}",
            "published": "2020-04-01",
            "text": CRANE.format(who)
            + f" The Zorvan ferry was moored nearby. {who.capitalize()} spoke.",
        }
        for n, who in enumerate(["officials", "divers", "the owner"])
    ]
    + [
        {
            "id": "z0",
            "title": "Harbour news z",
            "published": "2020-03-02",
            "text": "The Zorvan crane collapsed on March 2, 2020, police said. Police had more to say.",
        }
    ]
    + [
        {
            "id": f"b{n}",
            "title": f"Other news {n}",
            "published": "2020-04-01",
            "text": f"The Zorvan ferry sank on March 6, 2020, {who} said. {who.capitalize()} left.",
        }
        for n, who in enumerate(["the mayor", "police"])
    ]
)


@pytest.mark.parametrize("per_date", [1, 2, 3])
@pytest.mark.parametrize(
    ("settings", "cut"),
    [(FORCED, False), (FORCED.with_(large_query_dates=2.0, large_query_spare=0), True)],
)
def test_a_capped_dates_unread_naming_sentence_keeps_it_about_the_query(
    tmp_path: Path, per_date: int, settings: Settings, cut: bool
) -> None:
    """2 March is stated by three later articles that do not name Zorvan in its sentence and
    one of the day that does (read last), 6 March by two naming it: with every article read
    2 March is about the query and outweighs 6 March; capped, its naming sentence is unread
    but it still ranks among the dates about the query (the review of h-lq9 found 6 March
    chosen). Every date a candidate, or 1 April cut."""
    db = _store(tmp_path, NAMING)
    options = TimelineOptions(query="Zorvan", max_dates=1)
    with Store(db) as store:
        every = query_events(options, store, settings.with_(large_query_per_date=0))
        capped = query_events(options, store, settings.with_(large_query_per_date=per_date))
        shown = [(e.interval.start, e.score) for e in every.build(options).entries]
        built = [(e.interval.start, e.score) for e in capped.build(options).entries]
        kept = capped.kept()  # decided before the store closes
    assert (capped.dates is not None) == cut and capped.unread
    assert shown == [(date(2020, 3, 2), 7.0)]
    assert built == shown
    assert [(e.interval.start, e.score) for e in kept.build(options).entries] == shown


@pytest.mark.parametrize("per_date", [1, 2])
def test_a_capped_dates_unread_sentences_not_naming_the_query_do_not_lift_it(
    tmp_path: Path, per_date: int
) -> None:
    """The same store but for 2 March's article of the day, which no longer names Zorvan (nor
    matches): no sentence of 2 March is about the query, read or not, so 6 March is chosen with
    every article read, and capped (the unread articles are asked, and none names it)."""
    unnamed = [
        {**a, "text": a["text"].replace("The Zorvan crane", "The harbour crane")}
        if a["id"] == "z0"
        else a
        for a in NAMING
    ]
    db = _store(tmp_path, unnamed)
    options = TimelineOptions(query="Zorvan", max_dates=1)
    with Store(db) as store:
        every = query_events(options, store, FORCED.with_(large_query_per_date=0))
        capped = query_events(options, store, FORCED.with_(large_query_per_date=per_date))
        shown = [e.interval.start for e in every.build(options).entries]
        built = [e.interval.start for e in capped.build(options).entries]
    assert capped.unread and shown == built == [date(2020, 3, 6)]
