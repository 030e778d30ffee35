"""Big files are streamed: the same documents as a whole-file read, oversized records skipped
and reported with their place, a file cut short by a crash completed by the next run."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsline.ingest.decode import normalize_text
from newsline.ingest.stream import read_lines, scan
from newsline.jobs import ingest, stream_documents, whole_documents
from newsline.records import RawDocument
from newsline.settings import Settings
from newsline.stages.split import split_lines
from newsline.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BLANK_LINE_DUMP = """Council Approves Budget

The city council approved next year's budget late on Wednesday after a six-hour debate.

Opposition members said the plan cut too deeply into library funding.


Bridge Repairs Finish

Repairs to the old stone bridge finished ahead of schedule, the engineers said.



Ferry Sailings Cut

The ferry company said on Monday it would cut winter sailings to two a day.
"""


def _documents(path: Path, settings: Settings) -> tuple[list[RawDocument], list[str]]:
    found = scan(path)
    stream = stream_documents(path, found, settings)
    assert stream is not None, "this file should be streamed"
    docs = list(stream)
    return [d for d in docs if isinstance(d, RawDocument)], [
        str(d) for d in docs if not isinstance(d, RawDocument)
    ]


def _whole(path: Path, settings: Settings) -> list[RawDocument]:
    return [d for d in whole_documents(path, scan(path), settings) if isinstance(d, RawDocument)]


def _variants(data: bytes) -> dict[str, bytes]:
    """The same text with other line ends, a BOM, no final line end, leading blank lines."""
    return {
        "as is": data,
        "crlf": data.replace(b"\n", b"\r\n"),
        "cr": data.replace(b"\n", b"\r"),
        "bom": b"\xef\xbb\xbf" + data,
        "no final line end": data.rstrip(b"\n"),
        "leading blank lines": b"\n\n  \n" + data,
    }


SOURCES = {
    "wire dump (TT markers)": (EXAMPLES / "dumps" / "wire_2024-03.txt").read_bytes(),
    "feed dump": (EXAMPLES / "dumps" / "feed_2024-03.txt").read_bytes(),
    "rewrite": (EXAMPLES / "dumps" / "rewrite.txt").read_bytes(),
    "blank-line dump": BLANK_LINE_DUMP.encode(),
    "decomposed accents": unicodedata.normalize(
        "NFD", BLANK_LINE_DUMP + "Caf\u00e9 re\u00e7u\n"
    ).encode(),
}


@pytest.mark.parametrize("variant", list(_variants(b"")))
@pytest.mark.parametrize("source", list(SOURCES))
def test_streamed_text_gives_the_documents_of_a_whole_read(
    source: str, variant: str, tmp_path: Path
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(_variants(SOURCES[source])[variant])
    streamed, _ = _documents(path, Settings())
    whole = _whole(path, Settings())
    assert streamed == whole
    assert len(whole) >= 1
    text = normalize_text(path.read_bytes().decode("utf-8-sig"))
    for doc in streamed:  # spans point at the article's raw text in the decoded file
        assert text[doc.span[0] : doc.span[1]] == doc.text


@pytest.mark.parametrize("variant", ["as is", "crlf", "bom", "no final line end"])
def test_streamed_json_lines_give_the_documents_of_a_whole_read(
    variant: str, tmp_path: Path
) -> None:
    path = tmp_path / "agency.jsonl"
    data = (EXAMPLES / "jsonl" / "agency.jsonl").read_bytes() + b"not json\n[1, 2]\n"
    path.write_bytes(_variants(data)[variant])
    found = scan(path)
    stream = stream_documents(path, found, Settings())
    assert stream is not None
    streamed = list(stream)
    whole = list(whole_documents(path, found, Settings()))
    assert [d for d in streamed if isinstance(d, RawDocument)] == [
        d for d in whole if isinstance(d, RawDocument)
    ]
    assert [str(e) for e in streamed if not isinstance(e, RawDocument)] == [
        str(e) for e in whole if not isinstance(e, RawDocument)
    ]


def test_a_legacy_encoded_file_over_the_whole_file_limit_is_streamed_with_a_guess(
    tmp_path: Path,
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((EXAMPLES / "dumps" / "legacy_cp1252.txt").read_bytes())
    small = Settings().with_(max_file_bytes=100)
    streamed, _ = _documents(path, small)
    assert streamed == _whole(path, Settings())
    assert {d.encoding for d in streamed} == {"cp1252"}


def test_html_feeds_and_json_arrays_are_read_whole(tmp_path: Path) -> None:
    array = tmp_path / "items.json"
    array.write_text(json.dumps([{"title": "A", "text": "Body."}]), encoding="utf-8")
    for path in [*EXAMPLES.glob("html/*.html"), *EXAMPLES.glob("feeds/*"), array]:
        assert stream_documents(path, scan(path), Settings()) is None, path


def test_a_json_line_over_the_cap_is_reported_with_its_place_and_skipped(tmp_path: Path) -> None:
    records = [
        {"id": "r1", "title": "Short one", "text": "The council met on Monday."},
        {"id": "r2", "title": "Huge one", "text": "word " * 5000},
        {"id": "r3", "title": "Short two", "text": "The bridge reopened on Friday."},
    ]
    lines = [json.dumps(r) for r in records]
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings().with_(max_record_chars=1000)
    with Store(tmp_path / "news.db") as store:
        summary = ingest([str(path)], store, settings)
        titles = {a["title"]: a for a in store.all_articles()}
    start = len(lines[0]) + 1
    assert [(f.path, f.reason) for f in summary.failures] == [
        (
            str(path),
            f"line 2 (characters {start}-{start + len(lines[1])}):"
            " record longer than 1000 characters, skipped",
        )
    ]
    assert set(titles) == {"Short one", "Short two"}
    last = start + len(lines[1]) + 1
    assert titles["Short two"]["sources"][0]["span"] == [last, last + len(lines[2])]


@pytest.mark.parametrize("layout", ["marker", "blank lines"])
def test_a_dump_article_over_the_cap_is_reported_and_the_others_kept(
    layout: str, tmp_path: Path
) -> None:
    source = SOURCES["wire dump (TT markers)" if layout == "marker" else "blank-line dump"]
    whole_path = tmp_path / "whole.txt"
    whole_path.write_bytes(source)
    articles = _whole(whole_path, Settings())
    assert len(articles) >= 3
    victim = articles[1]
    cap = max(len(a.text) for a in articles) + 100
    filler = "A long paragraph line of filler words, repeated for size."
    padding = "\n".join([filler] * (2 * cap // len(filler)))
    text = normalize_text(source.decode())
    cut = victim.span[1]
    big = text[:cut] + "\n" + padding + text[cut:]
    path = tmp_path / "big.txt"
    path.write_text(big, encoding="utf-8")
    settings = Settings().with_(max_article_chars=cap)
    streamed, errors = _documents(path, settings)
    end = cut + 1 + len(padding)
    assert errors == [
        f"{path}: article 1 (characters {victim.span[0]}-{end}):"
        f" longer than {cap} characters, skipped"
    ]
    shift = len(padding) + 1
    expected = [
        _moved(a, path, 0 if a.span[0] < victim.span[0] else shift) for a in articles if a != victim
    ]
    assert streamed == expected


def _moved(doc: RawDocument, path: Path, shift: int) -> RawDocument:
    return replace(doc, path=str(path), span=(doc.span[0] + shift, doc.span[1] + shift))


@pytest.mark.parametrize(
    "line",
    [
        "plain ascii words " * 100_000,
        unicodedata.normalize("NFD", "caf\u00e9 \u00e0 la cr\u00e8me ") * 150_000,
        "\u4e2d\u6587\u65b0\u95fb" * 400_000 + "   ",
        " \t " * 10,
    ],
    ids=["ascii", "decomposed", "no ascii", "blank"],
)
def test_a_line_over_the_limit_is_read_past_and_given_as_its_length(
    line: str, tmp_path: Path
) -> None:
    path = tmp_path / "long.txt"
    path.write_text("first\n" + line + "\nlast", encoding="utf-8")
    got = list(read_lines(path, "utf-8", 20))
    expected = len(normalize_text(line))
    assert got == ["first", expected or "", "last"]


_LINES = st.lists(
    st.sampled_from(
        ["", "", "", "TT", "Harbour Cranes Idle", "Ferry Sailings Cut", "A sentence ends here."]
    )
    | st.text(alphabet="ab .\n", max_size=40).map(lambda s: s.replace("\n", " ").rstrip())
    | st.integers(min_value=1, max_value=300),  # a line too long to hold, as its length
    max_size=80,
)


@given(lines=_LINES, cap=st.integers(min_value=5, max_value=400), by_marker=st.booleans())
@hypothesis_settings(max_examples=300, deadline=None)
def test_a_cap_refuses_exactly_the_articles_longer_than_it(
    lines: list[str | int], cap: int, by_marker: bool
) -> None:
    doc = RawDocument("dump.txt", 0, "", "text")
    # Uncapped, a line too long to hold is written out: as long, never blank nor a headline.
    whole = [line if isinstance(line, str) else "x" * (line - 1) + "." for line in lines]
    starts = [sum(len(line) + 1 for line in whole[:i]) for i in range(len(whole))]
    long_at = [starts[i] for i, line in enumerate(lines) if isinstance(line, int)]
    expected = [
        d
        if len(d.text) <= cap and not any(d.span[0] <= at < d.span[1] for at in long_at)
        else f"dump.txt: article {d.position} (characters {d.span[0]}-{d.span[1]}):"
        f" longer than {cap} characters, skipped"
        for d in split_lines(whole, doc, Settings(), by_marker)
        if isinstance(d, RawDocument)
    ]
    capped = split_lines(lines, doc, Settings(), by_marker, cap)
    assert [d if isinstance(d, RawDocument) else str(d) for d in capped] == expected
