"""Timelines: the seeds' Russia-North Korea timeline, and the builder on hand-made events."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import ConfigError
from newsline.jobs import articles_from_text, ingest, timeline
from newsline.models.tls_ranker import LinearRanker
from newsline.records import Article, Event, Interval
from newsline.settings import Settings
from newsline.stages.events import extract_events
from newsline.stages.query import parse_query
from newsline.stages.timeline import (
    FEATURES,
    TimelineOptions,
    build_timeline,
    candidate_features,
    candidate_groups,
)
from newsline.store import Store
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with Store(db) as store:
        ingest([str(shared_path("seeds"))], store)
    return db


@pytest.fixture(scope="module")
def seeds_json(seeds_db: str) -> dict:
    result = CliRunner().invoke(
        app, ["timeline", "Russia North Korea", "--db", seeds_db, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("start", "end", "label", "words"),
    [
        ("2000-07-01", "2000-07-31", "July 2000", "Putin visits Pyongyang"),
        ("2019-04-01", "2019-04-30", "April 2019", "Vladivostok"),
        ("2023-07-01", "2023-07-31", "July 2023", "Shoigu"),
        ("2023-09-12", "2023-09-12", "12 September 2023", "Kim Jong Un arrives in Russia"),
    ],
)
def test_seed_timeline_has_the_key_entries(
    seeds_json: dict, start: str, end: str, label: str, words: str
) -> None:
    entry = next(e for e in seeds_json["entries"] if (e["start"], e["end"]) == (start, end))
    assert entry["label"] == label
    assert any(words in s["text"] for s in entry["sentences"])
    for sentence in entry["sentences"]:
        assert sentence["article"] and sentence["path"].endswith(".txt")
        if sentence["dated_by"] == "aligned":  # the rewrite (seed 002) names no outlet
            assert sentence["matched"]["source"] == "AP"
        else:
            assert sentence["source"] == "AP"


def test_seed_timeline_is_sorted_and_never_repeats_a_sentence(seeds_json: dict) -> None:
    starts = [e["start"] for e in seeds_json["entries"]]
    assert starts == sorted(starts)
    texts = [s["text"] for e in seeds_json["entries"] for s in e["sentences"]]
    assert len(texts) == len(set(texts))
    for entry in seeds_json["entries"]:
        assert {"start", "end", "label", "granularity", "dated_by", "sentences"} <= set(entry)


def test_markdown_and_output_file(seeds_db: str, tmp_path: Path) -> None:
    target = tmp_path / "tl.md"
    result = CliRunner().invoke(
        app, ["timeline", "Russia North Korea", "--db", seeds_db, "-o", str(target)]
    )
    assert result.exit_code == 0
    text = target.read_text()
    assert text.startswith("# Timeline: Russia North Korea") and "## July 2000" in text


def test_since_until_and_max_dates(seeds_db: str) -> None:
    with Store(seeds_db) as store:
        narrow = timeline(
            TimelineOptions(
                query="Russia North Korea", since=date(2019, 1, 1), until=date(2022, 12, 31)
            ),
            store,
        )
        top = timeline(TimelineOptions(query="Russia North Korea", max_dates=3, per_date=1), store)
    assert narrow.entries and all(
        e.interval.end >= date(2019, 1, 1) and e.interval.start <= date(2022, 12, 31)
        for e in narrow.entries
    )
    assert len(top.entries) == 3 and all(len(e.sentences) == 1 for e in top.entries)


@pytest.mark.parametrize("args", [["--format", "xml"], ["--since", "March"], ["--max-dates", "0"]])
def test_bad_options_are_usage_errors(seeds_db: str, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["timeline", "Russia", "--db", seeds_db, *args])
    assert result.exit_code == 2 and "error" in result.stderr


DUMP = """Ferry Strike Ends After Nine Days

Ferry workers return to the harbour in Tarrow on Friday, May 10, 2024. (Reuters/Ida Holm)
TT

Ferry Strike Ends After Nine Days

Ferry workers return to the harbour in Tarrow on Friday, May 10, 2024. (Reuters/Ida Holm)

Ferry crews in Tarrow ended their strike on Friday after the union accepted a new pay offer.

The strike began on May 1, when crews walked out over pay and rosters.

Talks broke down on May 6 and resumed two days later with a mediator.
"""


def test_builder_dates_each_sentence_and_cites_it() -> None:
    settings = Settings()
    (article,), _, _ = articles_from_text("strike.txt", DUMP, settings)
    events = list(extract_events(article, settings))
    result = build_timeline(
        parse_query("ferry strike"), [article], events, TimelineOptions(per_date=1)
    )
    days = {e.interval.start.isoformat(): e.sentences[0] for e in result.entries}
    # One date per sentence: the first of the finest mentions ("May 6", not "two days later").
    assert set(days) == {"2024-05-01", "2024-05-06", "2024-05-10"}
    assert days["2024-05-10"].text.startswith("Ferry crews in Tarrow ended")
    assert (
        days["2024-05-10"].citation.source == "Reuters"
        and days["2024-05-10"].citation.path == "strike.txt"
    )
    assert all(
        e.interval == Interval(e.interval.start, e.interval.start, "day") for e in result.entries
    )


def _strike() -> tuple:
    settings = Settings()
    (article,), _, _ = articles_from_text("strike.txt", DUMP, settings)
    return parse_query("ferry strike"), [article], list(extract_events(article, settings))


def test_candidate_features_one_row_per_candidate() -> None:
    query, articles, events = _strike()
    table = candidate_features(query, articles, events, TimelineOptions())
    assert [key[0].isoformat() for key, _, _ in table] == ["2024-05-01", "2024-05-06", "2024-05-10"]
    for _, candidates, matrix in table:
        assert matrix.shape == (len(candidates), len(FEATURES))
    _, candidates, matrix = table[-1]
    # "Ferry crews in Tarrow ended ..." states its day explicitly and names both query terms.
    row = matrix[0]
    assert candidates[0].text.startswith("Ferry crews in Tarrow ended")
    assert row[FEATURES.index("explicit")] == 1.0 and row[FEATURES.index("query")] == 1.0


@pytest.mark.parametrize(
    ("changes", "days"),
    [
        ({}, ["2024-05-01", "2024-05-06", "2024-05-10"]),
        # "Talks broke down on May 6 ..." names neither query term
        ({"sentences": "naming"}, ["2024-05-01", "2024-05-10"]),
        ({"since": date(2024, 5, 5)}, ["2024-05-06", "2024-05-10"]),
        ({"until": date(2024, 5, 6)}, ["2024-05-01", "2024-05-06"]),
    ],
)
def test_candidate_groups_are_the_dates_a_timeline_chooses_among(
    changes: dict, days: list[str]
) -> None:
    query, _, events = _strike()
    groups = candidate_groups(query, events, TimelineOptions(**changes))
    assert [key[0].isoformat() for key in sorted(groups)] == days
    assert all(e.interval is not None for support in groups.values() for e in support)


CLINICS = """Clinics Report Flu Cases

Health officials confirmed three flu cases in Tarrow on Monday, March 4, 2024.

The ministry issued an alert on March 2 after two deaths from a new form of influenza.

Schools in Tarrow stayed open on March 5 as planned.
"""


@pytest.mark.parametrize(
    ("sentences", "days"),
    [
        ("all", ["2024-03-02", "2024-03-04", "2024-03-05"]),
        ("naming", ["2024-03-04"]),  # no word of the alert's sentence starts with "flu"
        ("keyword", ["2024-03-02", "2024-03-04"]),  # as news-tls's filter: "flu" in "influenza"
    ],
)
def test_the_keyword_filter_finds_a_term_inside_a_word(sentences: str, days: list[str]) -> None:
    (article,), _, _ = articles_from_text("clinics.txt", CLINICS, Settings())
    events = list(extract_events(article, Settings()))
    options = TimelineOptions(sentences=sentences)
    groups = candidate_groups(parse_query("flu", any_term=True), events, options)
    assert [key[0].isoformat() for key in sorted(groups)] == days


def test_a_ranker_on_the_heuristic_alone_gives_the_centroid_timeline() -> None:
    query, articles, events = _flood()
    weights = tuple(1.0 if f == "heuristic" else 0.0 for f in FEATURES)
    ones = tuple(1.0 for _ in FEATURES)
    ranker = LinearRanker(FEATURES, tuple(0.0 for _ in FEATURES), ones, weights)
    centroid = TimelineOptions(per_date=2, summarizer="centroid")
    default = build_timeline(query, articles, events, centroid)
    learned = build_timeline(query, articles, events, replace(centroid, ranker=ranker))
    assert learned == default
    stale = LinearRanker(("centroid",), (0.0,), (1.0,), (1.0,), name="old")
    with pytest.raises(ValueError, match="retrain"):
        build_timeline(query, articles, events, TimelineOptions(ranker=stale))


def _flood() -> tuple:
    """Five outlets' reports of one day: the breach told five ways, the rescue three ways."""
    lines = [
        ("a1", "Floodwater breached the river dam at Velmora, forcing thousands from their homes."
               " Rescue boats carried elderly residents from the flooded villages."),
        ("a2", "The Velmora dam gave way under floodwater and thousands fled their homes."
               " Army rescue boats reached the flooded villages by nightfall."),
        ("a3", "Thousands left their homes after floodwater breached the Velmora dam."
               " Officials said rescue boats were still searching the flooded villages."),
        ("a4", "A dam at Velmora gave way. The regional governor praised the volunteers."),
        ("a5", "Thousands fled homes as the Velmora dam breached. Insurers expect large claims."),
    ]  # fmt: skip
    text = "\n".join(
        json.dumps({"id": i, "source": f"outlet-{i}", "published": "2024-03-04", "text": t})
        for i, t in lines
    )
    settings = Settings()
    articles, _, _ = articles_from_text("flood.jsonl", text, settings)
    events = [e for a in articles for e in extract_events(a, settings)]
    return parse_query("Velmora dam floodwater rescue", any_term=True), articles, events


def test_coverage_picks_what_the_day_is_about_then_what_the_first_pick_left_out() -> None:
    query, articles, events = _flood()
    # The near-repeat filter off: coverage alone must keep the second pick from repeating.
    options = TimelineOptions(per_date=2, redundancy=1.0)
    (entry,) = build_timeline(query, articles, events, options).entries
    first, second = (s.text for s in entry.sentences)
    # The breach and the flight from homes are what most outlets share: one sentence says both.
    assert "dam" in first and "homes" in first
    # The second sentence adds the rescue (three outlets), not the breach again in other words,
    assert "rescue boats" in second and "dam" not in second
    # which the date vector alone would pick.
    centroid = build_timeline(query, articles, events, replace(options, summarizer="centroid"))
    assert all("dam" in s.text for s in centroid.entries[0].sentences)


def test_coverage_falls_back_to_the_date_vector_when_too_few_articles_agree() -> None:
    query, articles, events = _strike()  # one article: no word is shared by three articles
    coverage = build_timeline(query, articles, events, TimelineOptions(per_date=1))
    centroid = build_timeline(
        query, articles, events, TimelineOptions(per_date=1, summarizer="centroid")
    )
    assert coverage == centroid
    with pytest.raises(ConfigError, match="summarizer is one of"):
        TimelineOptions(summarizer="magic")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("What is the difference between the ferry and the tunnel during the winter?", True),
        ("'Who will pay for the dual-system trains?'", True),
        ("The ferry and the tunnel competed for freight during the winter.", False),
    ],
)
def test_a_question_never_outranks_a_statement_of_the_same_words(text: str, asks: bool) -> None:
    from newsline.records import Event
    from newsline.stages.sentence_scores import form

    options = TimelineOptions(query="ferry tunnel")
    query = parse_query("ferry tunnel")
    day = Interval(date(2009, 1, 5), date(2009, 1, 5), "day")
    told = "The ferry and the tunnel competed for freight during the winter."
    score = form(Event("a", 0, text, 0, len(text), day, "published"), query, options)
    plain = form(Event("a", 0, told, 0, len(told), day, "published"), query, options)
    assert (score < plain - 0.4) is asks


def _pages(lines: list[tuple[str, str, str, str]]) -> tuple[list[Article], list[Event]]:
    """Articles of (id, title, published, text) JSONL lines, and their events."""
    text = "\n".join(
        json.dumps({"id": i, "title": title, "published": day, "text": t})
        for i, title, day, t in lines
    )
    settings = Settings()
    articles, _, _ = articles_from_text("pages.jsonl", text, settings)
    return articles, [e for a in articles for e in extract_events(a, settings)]


# (query, pages, the year of another story, the query's year): the query's date comes first
NOT_ABOUT_THE_QUERY = [
    # A listings page names the query once; its other dates are other stories' (2008 has more
    # sentences, but none names Velmar nor comes from a page headlined so).
    ("velmar", [
        ("l1", "Radio listings", "2024-03-04",
         "Concerts all week. The Velmar harbour choir sings on Friday. The Orla river was named a national river in"
         " 2008. The Orla festival returned in 2008 after a decade."),
        ("d1", "Dockers strike in Velmar", "2024-03-04",
         "Dockers in Velmar walked out in 2019 over pay."),
    ], 2008, 2019),
    # A family history page names an Oskar somewhere and a Lena Brandt: it matches the query
    # "Oskar Brandt", but Lena's date is not his story's.
    ("oskar brandt", [
        ("g1", "Trace your family tree", "2024-03-04",
         "Oskar wrote from Tarrow about his grandfather. Lena Brandt from Hollin is trying to"
         " trace relatives who lived in the mill town in 1850. Her cousins wrote in 1850 too."),
        ("b1", "Oskar Brandt signs for Velmar", "2024-03-04",
         "Oskar Brandt signed for Velmar in 2019 after a long chase."),
    ], 1850, 2019),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lines", "other", "year"), NOT_ABOUT_THE_QUERY)
def test_a_date_that_never_speaks_of_the_query_comes_after_those_that_do(
    text: str, lines: list[tuple[str, str, str, str]], other: int, year: int
) -> None:
    articles, events = _pages(lines)
    query = parse_query(text)
    assert all(query.matches_article(a) for a in articles)
    options = TimelineOptions(max_dates=1, background="mixed")
    assert {k[0].year for k in candidate_groups(query, events, options)} >= {other, year}
    (entry,) = build_timeline(query, articles, events, options).entries
    assert entry.interval.start.year == year


def test_a_date_holding_the_whole_coverage_makes_no_entry() -> None:
    """ "This is the 21st century" says nothing of when; "the 20th century" does."""
    articles, events = _pages(
        [
            ("c1", "Velmar strike", "2024-03-04",
             "This is the 21st century, the Velmar mayor said. Velmar docks were built in the"
             " 20th century. Dockers in Velmar walked out in 2019."),
        ]
    )  # fmt: skip
    options = TimelineOptions(background="mixed")
    timeline = build_timeline(parse_query("velmar"), articles, events, options)
    labels = [e.interval.label() for e in timeline.entries]
    assert "1900/1999" in labels and "2019" in labels
    assert "2000/2099" not in labels


def test_when_no_date_speaks_of_the_query_the_best_of_the_others_fills_the_place() -> None:
    articles, events = _pages(NOT_ABOUT_THE_QUERY[0][1][:1])
    options = TimelineOptions(max_dates=1, background="mixed")
    timeline = build_timeline(parse_query("dockers"), articles, events, options)
    assert len(timeline.entries) == 1


def test_a_date_is_summarized_by_what_speaks_of_the_query() -> None:
    """Of a listings page's sentences under one date, only the one naming the query is told."""
    text = json.dumps(
        {
            "id": "l1",
            "title": "Radio listings",
            "published": "2024-03-04",
            "text": "The Velmar choir tour starts in 2025 with dates to follow. The Orla"
            " regatta returns in 2025 with a new course along the river.",
        }
    )
    settings = Settings()
    articles, _, _ = articles_from_text("pages.jsonl", text, settings)
    events = [e for a in articles for e in extract_events(a, settings)]
    options = TimelineOptions(per_date=2, background="mixed")
    (entry,) = build_timeline(parse_query("velmar"), articles, events, options).entries
    assert [s.text for s in entry.sentences] == [
        "The Velmar choir tour starts in 2025 with dates to follow."
    ]


def test_a_reprinted_chronology_lists_its_unplaced_lines_once() -> None:
    """Two outlets print the same chronology; a line no date was found for is listed once."""
    from newsline.stages.timeline import _unplaced

    day = Interval(date(2024, 3, 4), date(2024, 3, 4), "day")
    line = "Velmar dockers vote to strike."
    events = [
        Event("a", 0, "March 4 - Velmar cranes stop.", 0, 10, day, "aligned"),
        Event("a", 1, f"-- {line}", 11, 20, None, None),
        Event("b", 0, "March 4 - Velmar cranes stop.", 0, 10, day, "bounded"),
        Event("b", 1, line, 11, 20, None, None),
        Event("b", 2, "Velmar ships wait.", 21, 30, None, None),
    ]
    listed = _unplaced(events, {}, parse_query("velmar"))
    assert [(e.article_id, e.index) for e in listed] == [("a", 1), ("b", 2)]


def test_an_article_of_year_one_makes_no_background_cutoff() -> None:
    # found by tests/robustness: "published": "0001-01-01" overflowed the background cutoff
    from newsline.stages.timeline import background as _background

    groups = {(date(1, 1, 1), date(1, 1, 1), "day"): []}
    days = [date(1, 1, 1)] * 30
    assert _background(groups, days, TimelineOptions()) == set()
    later = [date(2024, 5, 14)] * 30
    old = (date(1998, 1, 1), date(1998, 12, 31), "year")
    assert _background({old: []}, later, TimelineOptions()) == {old}


def test_a_negative_background_span_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        TimelineOptions(background_days=-10)
