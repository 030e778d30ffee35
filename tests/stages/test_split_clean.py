"""Splitting dumps and cleaning articles, on small dumps written for these tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsline.jobs import articles_from_text
from newsline.records import RawDocument
from newsline.settings import Settings
from newsline.stages.clean import clean, content_id

TWO_PARAGRAPH_CAPTION = """Storm Closes Mountain Pass

FILE - Snowploughs clear the road near the summit, Feb. 2, 2021.
The pass closes every winter for several weeks. (AP Photo/Lena Ortiz, File)
FILE - Snowploughs clear the road near the summit, Feb. 2, 2021.
The pass closes every winter for several weeks. (AP Photo/Lena Ortiz, File)
TT

Storm Closes Mountain Pass

FILE - Snowploughs clear the road near the summit, Feb. 2, 2021.
The pass closes every winter for several weeks. (AP Photo/Lena Ortiz, File)

Road officials closed the mountain pass on Friday as heavy snow fell for a second day.

- What drivers should do -

Drivers were told to use the valley road, which adds about an hour to the trip.


Orchard Harvest Starts Early

Pickers fill crates in an orchard outside the town on Aug. 12, 2024. (Reuters)
TT

Orchard Harvest Starts Early

Pickers fill crates in an orchard outside the town on Aug. 12, 2024. (Reuters)

Apple growers began picking two weeks earlier than usual after a warm spring, their association said on Monday.
"""

NO_MARKER = """Council Approves Budget

The city council approved next year's budget late on Wednesday after a six-hour debate.

Opposition members said the plan cut too deeply into library funding.


Bridge Repairs Finish

Repairs to the old stone bridge finished ahead of schedule, the engineers said.

Bridge Repairs Finish

The bridge reopens to cars next week.
"""


@pytest.mark.parametrize(
    ("dump", "titles"),
    [
        (TWO_PARAGRAPH_CAPTION, ["Storm Closes Mountain Pass", "Orchard Harvest Starts Early"]),
        (NO_MARKER, ["Council Approves Budget", "Bridge Repairs Finish"]),
        (
            "Just One Story\n\nA single paragraph of news about one thing that happened.",
            ["Just One Story"],
        ),
    ],
)
def test_split_into_articles(dump: str, titles: list[str]) -> None:
    articles, failures, _ = articles_from_text("dump.txt", dump, Settings())
    assert not failures
    assert [a.title for a in articles] == titles


def test_two_line_caption_kept_once_as_one_caption() -> None:
    storm, orchard = articles_from_text("dump.txt", TWO_PARAGRAPH_CAPTION, Settings())[0]
    assert storm.captions == (
        "FILE - Snowploughs clear the road near the summit, Feb. 2, 2021. The pass closes every"
        " winter for several weeks. (AP Photo/Lena Ortiz, File)",
    )
    assert [(b.kind, b.text[:20]) for b in storm.blocks] == [
        ("paragraph", "Road officials close"),
        ("heading", "What drivers should "),
        ("paragraph", "Drivers were told to"),
    ]
    assert storm.agency == "AP" and orchard.agency == "Reuters"
    assert orchard.published.value == "2024-08-12" and storm.published.origin == "none"


def test_headline_filler_removed_without_marker() -> None:
    _, bridge = articles_from_text("dump.txt", NO_MARKER, Settings())[0]
    assert "Bridge Repairs Finish" not in bridge.text
    assert len(bridge.paragraphs) == 2


def test_spans_cover_each_article() -> None:
    articles, _, _ = articles_from_text("dump.txt", NO_MARKER, Settings())
    for article in articles:
        start, end = article.source.span
        assert NO_MARKER[start:end] == article.source.raw
        assert article.source.raw.startswith(article.title)


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One  line.\nTwo\tlines.", ["One line.", "Two lines."]),
        ("First.\n \n\n  Second  \r\nThird.\n", ["First.", "Second", "Third."]),
        ("Caf\u00e9 \u00a0open.\n\u2028\nNext.", ["Caf\u00e9 open.", "Next."]),
        ("Tidy Line.\n\nAnother ONE.", ["Tidy Line.", "Another ONE."]),
        (" Opening space.\nClosing space. ", ["Opening space.", "Closing space."]),
        (
            "Sep\x1carated\x1fwords.\nCAF\u00c9 \u2019s.",
            ["Sep arated words.", "CAF\u00c9 \u2019s."],
        ),
        (
            "\u0130stanbul Talks.\nThe \ufb01rst day.",
            ["\u0130stanbul Talks.", "The \ufb01rst day."],
        ),
        # a line is joined only after the furniture went, and "iPhone" opens its own
        (
            "The cap held .\nThe slick reached Velmar on May 30 .\nreport abuse\nMore .",
            ["The cap held .", "The slick reached Velmar on May 30 .", "More ."],
        ),
        ("Sales fell .\niPhone sales rose .", ["Sales fell .", "iPhone sales rose ."]),
        # a wire's ticker broken at its dot, and its line with it, is whole again
        (
            "Velmar Docks -LRB- VDK . \n\nL -RRB- fell 3 percent .\nNext .",
            ["Velmar Docks -LRB- VDK.L -RRB- fell 3 percent .", "Next ."],
        ),
        # a line opening in lowercase goes on from the one before (a page broke it at a link)
        (
            "In my report Quays of Velmar ?\nof 2006 , I said so.\nNext.\n  it said .\n, left .",
            ["In my report Quays of Velmar ? of 2006 , I said so.", "Next. it said . , left ."],
        ),
        # ... and furniture's words met across the join are none ("report" / "abuse")
        (
            "Anyone may report\nabuse of power to the inspector.\nNext.",
            ["Anyone may report abuse of power to the inspector.", "Next."],
        ),
    ],
)
def test_jsonl_text_paragraphs_are_its_non_blank_lines(text: str, paragraphs: list[str]) -> None:
    span = (0, len(text))
    record = RawDocument("a.jsonl", 0, text, "jsonl", "utf-8", span, title="Title", structured=True)
    (article,) = clean(record, Settings().with_(min_body_chars=1))
    assert [b.text for b in article.blocks] == paragraphs
    assert article.id == content_id(article.blocks, article.title)  # each block folded right


def test_a_saved_page_mends_its_broken_lines_as_a_jsonl_text_does() -> None:
    """A saved text page (a dump) joins a line that goes on from the one before and mends a
    wire ticker broken at its dot, as a JSONL record's text does."""
    from newsline.jobs import articles_from_text

    page = (
        "Velmar dockers strike\n\n"
        "In my report Quays of Velmar ?\nof 2006 , I said the cranes would stop .\n\n"
        "Velmar Docks -LRB- VDK .\n\nL -RRB- fell 3 percent on Monday .\n"
    )
    (article,), _, _ = articles_from_text("saved/2024-03-04/page.txt", page, Settings())
    assert list(article.paragraphs) == [
        "In my report Quays of Velmar ? of 2006 , I said the cranes would stop .",
        "Velmar Docks -LRB- VDK.L -RRB- fell 3 percent on Monday .",
    ]


# (an untitled text, its title, its paragraphs): a saved page prints its headline (and the
# caption below it) into the first sentence; the story opens with a word that opens sentences
RUN_IN = [
    (
        "Dockers block the quay in Velmar More than 200 dockers stood at the gate .\nTalks .",
        "Dockers block the quay in Velmar",
        ["More than 200 dockers stood at the gate .", "Talks ."],
    ),
    (
        "Cranes stand still at the harbour The strike closed the port on Monday .\nTalks .",
        "Cranes stand still at the harbour",
        ["The strike closed the port on Monday .", "Talks ."],
    ),
    (  # a quote in the headline
        "Tug ' Big Mo ' tried out at the quay The tug could pull two ships .\nTalks .",
        "Tug ' Big Mo ' tried out at the quay",
        ["The tug could pull two ships .", "Talks ."],
    ),
    # "The" before a name, a stop before the opener, four words only, "A" after a label, a
    # byline: one sentence
    ("Judges from the port met in The Hague on Monday .\nTalks .", None, None),
    ("Dockers said so in Velmar . A strike began .\nTalks .", None, None),
    ("Strike now in Velmar More dockers came .\nTalks .", None, None),
    ("Police at the quay seized Class A drugs worth $2m .\nTalks .", None, None),
    ("By Ann Smith BBC News , Velmar The strike goes on .\nTalks .", None, None),
    # a "headline" longer than a headline and its caption are is a sentence's start
    ("Dockers " + "and cranes " * 40 + "The strike goes on .\nTalks .", None, None),
]


@pytest.mark.parametrize(("text", "title", "paragraphs"), RUN_IN)
def test_a_headline_run_into_the_story_is_its_title(
    text: str, title: str | None, paragraphs: list[str] | None
) -> None:
    record = RawDocument("a.jsonl", 0, text, "jsonl", "utf-8", (0, len(text)), structured=True)
    (article,) = clean(record, Settings().with_(min_body_chars=1))
    assert list(article.paragraphs) == (paragraphs or text.split("\n"))
    if title is not None:
        assert article.title == title and article.blocks[0].kind == "heading"
    assert article.id == content_id(article.blocks, article.title)


def test_a_titled_text_keeps_its_first_sentence() -> None:
    text = "Dockers block the quay in Velmar More than 200 dockers stood at the gate ."
    record = RawDocument("a.jsonl", 0, text, "jsonl", "utf-8", (0, len(text)), title="Strike")
    (article,) = clean(replace(record, structured=True), Settings().with_(min_body_chars=1))
    assert list(article.paragraphs) == [text]


def test_a_dateline_below_a_run_in_headline_dates_the_page() -> None:
    """The headline cut from the first line is the title, not one of the opening lines a
    dateline is looked for in."""
    page = (
        "Dockers block the quay in Velmar More than 200 dockers stood at the gate .\n"
        "Page last updated at 05:32 GMT , Tuesday , 6 September 2011\n"
        "The union said talks would go on .\n"
    )
    (article,), _, _ = articles_from_text("saved/page.txt", page, Settings())
    assert article.title == "Dockers block the quay in Velmar"
    assert article.published.value == "2011-09-06"
