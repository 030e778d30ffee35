"""Hypothesis strategies and property checks for hostile input, shared by the fuzz tests and
``benchmarks/bench_fuzz.py``.

Every check runs one entry point on one input, twice, and asserts the properties every input
must keep: nothing raises but a :class:`newsline.errors.NewslineError`, every span stays inside
its text, and the same input gives the same output. The seed texts below were written for
these tests.
"""

from __future__ import annotations

import json
import os
from datetime import date

from hypothesis import strategies as st

from newsline import jobs
from newsline.errors import NewslineError
from newsline.ingest.decode import decode
from newsline.ingest.readers import read_documents
from newsline.jobs import articles_from_text
from newsline.records import Article, Timeline, TimeMention
from newsline.settings import Settings
from newsline.stages.events import extract_events
from newsline.stages.timeline_options import TimelineOptions
from newsline.store import Store
from newsline.temporal import Tagger, tag

#: Examples per property in the suite; NEWSLINE_FUZZ_EXAMPLES=5000 for a long run.
EXAMPLES = int(os.environ.get("NEWSLINE_FUZZ_EXAMPLES", "200"))

# -- seeds -------------------------------------------------------------------------------------

WIRE_DUMP = """Harbour Cranes Idle as Dock Workers Strike

Containers sit stacked at the port of Lindqvist, Tuesday, May 14, 2024. (AP Photo/Tomas Berglund)
Containers sit stacked at the port of Lindqvist, Tuesday, May 14, 2024. (AP Photo/Tomas Berglund)
TT

Harbour Cranes Idle as Dock Workers Strike

Containers sit stacked at the port of Lindqvist, Tuesday, May 14, 2024. (AP Photo/Tomas Berglund)

LINDQVIST (AP) -- Dock workers walked out on Monday for the first time since 1998, leaving ships waiting offshore.
The union said the strike would last until Friday unless the port authority reopened talks on pay.
- What happens next -
Ministers met the union late on Tuesday. Two days later, talks resumed.


Flood Defences Finished Two Years Late

FILE - Engineers inspect the new barrier on the river Ossel, March 3, 2022. (AFP)
TT

Flood Defences Finished Two Years Late

FILE - Engineers inspect the new barrier on the river Ossel, March 3, 2022. (AFP)

The barrier, planned in the early 2010s, cost twice its budget, auditors said last week.
2016 — Work begins after a decade of delays.
March 2019 — A storm floods the building site.
Mid-2020s — The barrier is due to protect 40,000 homes.
"""

BLANK_LINE_DUMP = """Library Reopens after Fire

The central library reopened on Saturday, eleven months after a fire gutted its reading room.

Staff moved 30,000 books back onto the shelves in the first week of January.


Night Trains Return to the Coast Line

Night Trains Return to the Coast Line

The operator said on Wednesday that sleeper services would run again from next spring.
It stopped them in the winter of 2019-2020 and blamed falling demand.
"""

SENTENCES = (
    "The ceasefire took effect at midnight on Sunday, Oct. 8, and held until the next morning.",
    "Talks stalled in the mid-to-late 2000s and resumed two years later.",
    "In July of that year, the minister visited the plant for the first time since 1989.",
    "Exports rose 4% in the third quarter, the biggest gain since last March.",
    "The court will rule next Tuesday; a hearing is set for 10 p.m. Wednesday.",
    "Between 1950 and 1953, some 3 million people died, according to estimates.",
    "Prices fell every month of 2023 and again in early 2024, the agency said on Friday.",
    "He served from March to May 2012, then again from 2015-2017.",
    "Two days later, on the 15th, the rebels withdrew; a week earlier they had advanced.",
    "Yesterday's vote came 18 months after the 2022 election and decades after independence.",
    "The talks end tomorrow; the next day, a week later and next year the treaty takes effect.",
    "Last year, last month and last Friday the plant was shut; this week it reopened.",
)

JSONL_SEED = "\n".join(
    json.dumps(item)
    for item in (
        {
            "id": "a1",
            "title": "Port Strike Ends",
            "published": "2024-05-20",
            "text": "The strike ended on Monday.\n\nShips began unloading on Tuesday.",
            "source": "Coast Wire",
        },
        {
            "id": 7,
            "headline": "Budget Passed",
            "date": "2023-11",
            "body": "Lawmakers passed the budget last week after a long debate.",
            "url": "https://example.org/budget",
            "tags": ["politics"],
        },
        {"title": "Undated", "content": "Officials said the bridge would open next year."},
    )
)

HTML_SEED = """<!DOCTYPE html><html><head><title>Rail Talks Collapse</title>
<meta property="og:site_name" content="Coast Herald">
<meta name="date" content="2022-09-07"></head>
<body><nav>Home | World</nav><article><h1>Rail Talks Collapse</h1>
<p>Negotiators walked away from the rail talks on Wednesday after nine hours.</p>
<h2>What went wrong</h2><p>The two sides could not agree who pays for new trains, officials said.</p>
</article><footer>(c) 2022</footer></body></html>"""

RSS_SEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Coast Wire</title>
<item><title>Ferry Service Resumes</title><link>https://example.org/ferry</link>
<guid>ferry-1</guid><pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The ferry ran again on Monday.&lt;/p&gt;&lt;p&gt;It had stopped in May.&lt;/p&gt;</description></item>
<item><title>Empty</title><description></description></item>
</channel></rss>"""

ATOM_SEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Herald</title>
<entry><title>Bridge Opens</title><id>urn:bridge</id><updated>2023-06-17T09:00:00Z</updated>
<content type="html">&lt;p&gt;The bridge opened to cars on Saturday, June 17.&lt;/p&gt;</content></entry>
</feed>"""

DUMPS = (WIRE_DUMP, BLANK_LINE_DUMP)
MARKUP = (JSONL_SEED, HTML_SEED, RSS_SEED, ATOM_SEED)

# -- strategies --------------------------------------------------------------------------------

#: Characters that break parsers: controls, bidi marks, zero-width, combining, surrogates' kin.
NASTY = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u00ad\u200b\u200d\u2028\u2029\u202e\ufeff\ufffd"
ODD = "éŉǅ́̈ﬁ№Ⅻ١٢٣𝟘𝟗—–“”’…\u3000東京日本語한국어Ωß"
_nasty = st.text(alphabet=NASTY, min_size=1, max_size=4)
_odd = st.text(alphabet=ODD, min_size=1, max_size=6)
_ascii_line = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
_any_line = st.text(max_size=60)


def _mutate_lines(draw: st.DrawFn, lines: list[str], steps: int) -> list[str]:
    """Delete, duplicate, swap, shuffle, splice lines; insert junk inside lines."""
    lines = list(lines)
    for _ in range(steps):
        if not lines:
            lines.append(draw(_any_line))
            continue
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "shuffle",
                    "nasty",
                    "odd",
                    "insert",
                    "cut",
                    "blank",
                    "marker",
                    "credit",
                ]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "shuffle":
            lines = draw(st.permutations(lines))
        elif op in ("nasty", "odd"):
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(_nasty if op == "nasty" else _odd)
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        elif op == "insert":
            lines.insert(i, draw(st.one_of(_any_line, _ascii_line)))
        elif op == "cut":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at]
        elif op == "blank":
            lines.insert(i, draw(st.sampled_from(["", " ", "\t", "   \t "])))
        elif op == "marker":
            lines.insert(i, draw(st.sampled_from(["TT", " TT ", "TTT", "tt"])))
        else:
            lines.insert(
                i,
                lines[i]
                + draw(
                    st.sampled_from(
                        [" (AP Photo/Ana Li)", " (Reuters)", " (AP Photo/, File)", " (", " ()"]
                    )
                ),
            )
    return lines


def _join(draw: st.DrawFn, lines: list[str]) -> str:
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ending != "mixed":
        return ending.join(lines)
    out = []
    for line in lines:
        out.append(line + draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"])))
    return "".join(out)


@st.composite
def mutated_dumps(draw: st.DrawFn) -> str:
    """A seed dump (or two glued together) after a few line mutations and a line-end style."""
    lines = draw(st.sampled_from(DUMPS)).split("\n")
    if draw(st.booleans()):
        lines += draw(st.sampled_from(DUMPS)).split("\n")
    lines = _mutate_lines(draw, lines, draw(st.integers(0, 8)))
    return _join(draw, lines)


def dump_texts() -> st.SearchStrategy[str]:
    """Random text, random line soup, and mutated real-looking dumps."""
    soup = st.lists(
        st.one_of(_any_line, _ascii_line, st.sampled_from(["", "TT", "TT"])), max_size=30
    ).map("\n".join)
    return st.one_of(st.text(max_size=400), soup, mutated_dumps(), mutated_dumps())


@st.composite
def mutated_markup(draw: st.DrawFn) -> bytes:
    """A JSONL, HTML, RSS or Atom seed with its lines or bytes mutated."""
    seed = draw(st.sampled_from(MARKUP))
    if draw(st.booleans()):
        seed = _join(draw, _mutate_lines(draw, seed.split("\n"), draw(st.integers(1, 6))))
    data = bytearray(seed.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "truncate"]))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "truncate":
            del data[at:]
    return bytes(data)


def file_bytes() -> st.SearchStrategy[bytes]:
    """What a file might hold: random bytes, random text in legacy encodings, mutated markup."""
    legacy = st.tuples(st.text(max_size=200), st.sampled_from(["cp1252", "latin-1", "utf-16-le"]))
    return st.one_of(
        st.binary(max_size=600),
        legacy.map(lambda t: t[0].encode(t[1], errors="replace")),
        mutated_markup(),
        mutated_markup(),
    )


SUFFIXES = st.sampled_from(["", ".txt", ".jsonl", ".json", ".html", ".xml", ".rss"])


@st.composite
def news_sentences(draw: st.DrawFn) -> str:
    """A few seed news sentences, with words cut, digits and junk inserted."""
    picked = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    text = " ".join(picked)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        junk = draw(
            st.one_of(
                _nasty,
                _odd,
                st.from_regex(r"\d{1,5}", fullmatch=True),
                st.sampled_from(
                    [
                        "-",
                        "—",
                        "/",
                        "'",
                        "s",
                        " to ",
                        " of that year",
                        " later",
                        "\n",
                        " 0",
                        "Feb. 30,",
                        "9999",
                        "0000",
                        " BC",
                        "th",
                        " ago",
                    ]
                ),
            )
        )
        text = text[:at] + junk + text[at:]
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] if draw(st.booleans()) else text[cut:]
    return text


def tagger_texts() -> st.SearchStrategy[str]:
    """Random text and mutated news sentences."""
    return st.one_of(st.text(max_size=300), news_sentences(), news_sentences())


#: The ends of the calendar, where date arithmetic overflows.
EDGE_DAYS = st.sampled_from(
    [date.min, date.max, date(1, 1, 31), date(1, 3, 1), date(9999, 12, 1), date(9999, 10, 1)]
)
#: Publication days an article may claim: ordinary ones and the ends of the calendar.
ANCHORS = st.one_of(
    st.none(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(),
    EDGE_DAYS,
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> str:
    """JSON lines whose text is news sentences and whose date is any day or any string."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        published = draw(
            st.one_of(
                ANCHORS.map(lambda d: d.isoformat() if d else None),
                st.text(max_size=25),
                st.sampled_from(["2024-02-30", "0000-01-01", "10000-01-01", "9999-12", "0001"]),
            )
        )
        item = {"title": draw(_ascii_line), "text": draw(news_sentences()), "published": published}
        lines.append(json.dumps(item, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines)


def timeline_files() -> st.SearchStrategy[str]:
    """What the timeline test ingests: dumps, random text and dated JSON lines."""
    return st.one_of(dump_texts(), jsonl_files())


# -- checks ------------------------------------------------------------------------------------


def check_articles(text: str, path: str = "dump.txt") -> list[Article]:
    """Split and clean one decoded file: spans inside the file, events inside the articles."""
    first = _articles(path, text)
    assert _articles(path, text) == first, "articles_from_text is not deterministic"
    for article in first:
        start, end = article.source.span
        assert 0 <= start <= end <= len(text), (article.source.span, len(text))
        if article.source.format in ("text", "dump"):
            # The raw copy is the span, NUL characters shown as U+FFFD (same length; PostgreSQL
            # text cannot hold NUL, and both stores keep the same copy).
            assert text[start:end].replace("\x00", "\ufffd") == article.source.raw
        assert len(article.id) == 16
        check_events(article)
    return first


def _articles(path: str, text: str) -> list[Article]:
    try:
        articles, failures, dropped = articles_from_text(path, text, Settings())
    except NewslineError:
        return []
    return articles


def check_events(article: Article) -> None:
    """Every event of an article lies inside the article's text and says what it covers."""
    body = article.text
    for event in extract_events(article, Settings()):
        assert 0 <= event.start <= event.end <= len(body), (event.start, event.end, len(body))
        assert event.text in body[event.start : event.end]


def check_readers(data: bytes, suffix: str) -> None:
    """Decode bytes and read documents: only InputErrors, spans inside the decoded file."""
    first = _read(data, suffix)
    assert _read(data, suffix) == first, "decode/read_documents is not deterministic"
    if first is None:
        return
    text, docs = first
    for doc in docs:
        if isinstance(doc, tuple):
            continue
        start, end = doc.span
        assert 0 <= start <= end <= len(text), (doc.span, len(text))
    check_articles(text, "file" + suffix)


def _read(data: bytes, suffix: str) -> tuple[str, list[object]] | None:
    try:
        text, encoding, note = decode(data)
    except NewslineError:
        return None
    docs: list[object] = []
    for doc in read_documents("file" + suffix, text, encoding, note, suffix):
        # InputErrors compare by identity: keep their kind and message instead.
        docs.append((type(doc).__name__, str(doc)) if isinstance(doc, NewslineError) else doc)
    return text, docs


def check_tag(text: str, anchor: date | None) -> list[TimeMention]:
    """Every mention (and each range part) sits at its offsets; the same text tags the same."""
    mentions = tag(text, anchor)
    assert tag(text, anchor) == mentions, "tag is not deterministic"
    for mention in mentions:
        for m in (mention, *mention.parts):
            assert 0 <= m.start < m.end <= len(text), (m.start, m.end, len(text))
            assert text[m.start : m.end] == m.text
    return mentions


def check_windowed(text: str, anchor: date | None) -> None:
    """The windowed tagger finds what the whole-text tagger finds (its documented promise)."""
    assert Tagger(windowed=True).tag(text, anchor) == Tagger(windowed=False).tag(text, anchor)


def check_timeline(texts: list[str], query: str, any_term: bool) -> None:
    """Articles of a few files in an in-memory store, then ``jobs.timeline`` over them: events
    inside their articles, every sentence cited from the store, the same timeline twice."""
    with Store(":memory:") as store:
        run = store.begin_run("fuzz")
        for number, text in enumerate(texts):
            name = f"dump{number}.txt"
            store.write_file(name, len(text), str(number), _articles(name, text), run)
        stored = {a.id: a for a in store.load_articles()}
        for article in stored.values():
            check_events(article)
        first = _timeline(query, store, any_term)
        assert _timeline(query, store, any_term) == first, "timeline is not deterministic"
    if first is None:
        return
    for entry in first.entries:
        for sentence in (*entry.sentences, *entry.conflicts):
            assert sentence.citation.article in stored
    for sentence in first.undated:
        assert sentence.citation.article in stored


#: The lexical path, with or without the embed extra: the embedding path loads its model for
#: each query (0.4 s; 2 queries x 200 examples took the test from 29 s to 157 s with .[all]),
#: and tests/stages/test_align.py checks it on the seeds.
FUZZ_SETTINGS = Settings(embeddings="off")


def _timeline(query: str, store: Store, any_term: bool) -> Timeline | None:
    try:
        return jobs.timeline(TimelineOptions(query=query, any_term=any_term), store, FUZZ_SETTINGS)
    except NewslineError:
        return None


QUERIES = st.one_of(
    st.sampled_from(["strike", "barrier library", "Night Trains", "2019", "the", "port union"]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), min_size=1, max_size=20),
)
