"""Page furniture of saved text pages kept out of the article (the raw span keeps it)."""

from __future__ import annotations

import json

import pytest

from newsline.jobs import articles_from_text
from newsline.settings import Settings
from newsline.stages.furniture import may_hold_furniture, remove_furniture

ARTICLE = [
    "Harbour cranes fall silent as dockers strike",
    "Dockers in Velmar stopped work on Monday over a pay offer they called an insult .",
    "The port authority said talks would resume on Thursday .",
    "Ships queued outside the breakwater through the night .",
]


@pytest.mark.parametrize(
    ("tail", "kinds"),
    [
        (  # a signed comment thread, signature after each comment
            [
                "This strike is long overdue . Posted by : quaywatcher | March 4 , 2024 2:04 PM"
                " | Report abuse I disagree entirely .",
                "Your viewpoint is yours , but do not report it as a fact .",
                "Posted by : harbourfan | March 4 , 2024 3:10 PM | Report abuse",
            ],
            {"comment lines": 3},
        ),
        (  # a blog's "X wrote :" thread
            [
                "At 2:10 pm on 04 Mar 2024 , quaywatcher wrote : About time .",
                "Nobody asked the shipping lines .",
            ],
            {"comment lines": 2},
        ),
        (  # the notice that opens a thread
            [
                "Have you been affected by the strike ?",
                "Your comments may be published on any Velmar Post media worldwide .",
                "I have been waiting for my parcel for a week .",
            ],
            {"comment lines": 2},
        ),
        (
            ["THIS IS A RUSH TRANSCRIPT . THIS COPY MAY NOT BE IN ITS FINAL FORM ."],
            {"transcript notices": 1},
        ),
        (["Share | Print | Email"], {"share lines": 1}),
        (["Click here to read our full coverage of the port ."], {"share lines": 1}),
        (["Download the Velmar Post app for breaking news ."], {"share lines": 1}),
        (["The union said its members would vote on Friday ."], {}),
    ],
)
def test_furniture_is_recognised(tail: list[str], kinds: dict[str, int]) -> None:
    kept, removed = remove_furniture(ARTICLE + tail)
    assert dict(removed) == kinds
    # the whole-text test that lets most articles skip the line by line search
    assert may_hold_furniture("\n".join(tail)) or not kinds
    assert may_hold_furniture("\n".join(ARTICLE + tail), tidy=True) or not kinds
    assert kept[: len(ARTICLE)] == ARTICLE
    assert len(kept) == len(ARTICLE) + len(tail) - sum(kinds.values())


@pytest.mark.parametrize(
    ("text", "closer"),
    [  # cue words inside a line, where no pattern takes them: a tidy ASCII text is passed
        ("The union wrote to members to share the offer .\nIt will print a comment .", False),
        ("Shares fell .\nThe blueprint was sorted by Tuesday .", False),
        ("Posted by : quaywatcher | March 4 , 2024", True),
        ("It rained .\nShare this article", True),
        ("It rained .\nShare | Print", True),
        ("It rained .\nComments (12)", True),
        ("It rained .\n10:02 , quaywatcher wrote : yes", True),
        ("It rained .\nat 10:02 , quaywatcher wrote : yes", True),
        ("Talks end . An ultra-low latency infrastructure for electronic trading", True),
        ("Talks end .\nA version appeared on p4 of the Main section of the Velmar Post", True),
        ("A version appeared on the quay .", False),
        ("Talks end .\nThis article appeared on p22 of the Main section of the Velmar Post", True),
        ("This article appeared on the quay .", False),
        ("It rained .\nPrintable versions of the report are here .", True),  # as _SHARE reads it
    ],
)
def test_a_tidy_ascii_text_is_looked_at_closer(text: str, closer: bool) -> None:
    assert may_hold_furniture(text)  # every one holds a cue word
    assert may_hold_furniture(text, tidy=True) is closer
    if not closer:
        assert not remove_furniture(text.split("\n"))[1]


def test_a_signature_heading_a_blog_post_is_its_byline_not_a_comment_thread() -> None:
    lines = ["Posted by : Ida Marsh | March 4 , 2024 ; 9:00 AM ET", *ARTICLE[1:]]
    kept, removed = remove_furniture(lines)
    assert kept == ARTICLE[1:] and dict(removed) == {"bylines": 1}


def test_the_article_loses_the_comments_and_the_raw_span_keeps_them() -> None:
    page = "\n".join(
        [
            *ARTICLE,
            "At 2:10 pm on 04 Mar 2024 , quaywatcher wrote : About time .",
            "Nobody asked the shipping lines .",
        ]
    )
    (article,), _, _ = articles_from_text("velmar/2024-03-04/1.htm.txt", page + "\n", Settings())
    assert "quaywatcher" not in article.text and "shipping lines" not in article.text
    assert "Ships queued" in article.text
    assert "quaywatcher" in article.source.raw
    assert article.metadata["furniture"] == {"comment lines": 2}


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (  # a site's contact notice printed into the text goes
            "Cranes idle in Velmar Letters for publication should be sent to : letters@velmar.test"
            " If you need help using the site : help@velmar.test Call the main Velmar Post"
            " switchboard : Dockers stopped work .",
            [(False, "Cranes idle in Velmar Dockers stopped work .")],
        ),
        (
            "4 March 2024 Last updated at 09:12 GMT Help Dockers in Velmar stopped work .",
            [
                (True, "4 March 2024 Last updated at 09:12 GMT Help"),
                (False, "Dockers in Velmar stopped work ."),
            ],
        ),
        (
            "Velmar dockers strike Page last updated at 09:12 GMT , Monday , 4 March 2024"
            " 10:12 UK -LRB- an error occurred while processing this directive -RRB- Dockers"
            " in Velmar stopped work .",
            [
                (False, "Velmar dockers strike"),
                (True, "Page last updated at 09:12 GMT , Monday , 4 March 2024 10:12 UK"),
                (False, "Dockers in Velmar stopped work ."),
            ],
        ),
        (  # a photo's credit run into the story
            "Cranes stand idle Photograph : Ida Marsh\\/AFP\\/Getty Images Dockers in Velmar"
            " stopped work .",
            [(False, "Cranes stand idle Dockers in Velmar stopped work .")],
        ),
        (
            "Photograph : PA Dockers in Velmar stopped work .",
            [(False, "Dockers in Velmar stopped work .")],
        ),
        (
            "The AP photographer left at 10.30 GMT .",
            [(False, "The AP photographer left at 10.30 GMT .")],
        ),
        (
            "The port's website was last updated at noon .",
            [(False, "The port's website was last updated at noon .")],
        ),
        (  # a wire dateline: the place printed before the bar goes with it
            "Dockers strike in Velmar OSTRA HAVN | Mon Mar 4 , 2024 9:12 am EST OSTRA HAVN"
            " -LRB- Wirenews -RRB- - Dockers stopped work on Monday .",
            [
                (False, "Dockers strike in Velmar"),
                (True, "OSTRA HAVN | Mon Mar 4 , 2024 9:12 am EST"),
                (False, "OSTRA HAVN -LRB- Wirenews -RRB- - Dockers stopped work on Monday ."),
            ],
        ),
        (
            "VELMAR | Mon Mar 4 , 2024 9:12 am EST Dockers stopped work .",
            [(True, "VELMAR | Mon Mar 4 , 2024 9:12 am EST"), (False, "Dockers stopped work .")],
        ),
        (
            "Talks (an error occurred while processing this directive) resume .",
            [(False, "Talks resume .")],
        ),
    ],
)
def test_update_stamps_are_cut_out_of_lines(line: str, pieces: list[tuple[bool, str]]) -> None:
    from collections import Counter

    from newsline.stages.furniture import split_stamps

    assert split_stamps(line, Counter()) == pieces


def test_a_stamp_dates_the_page_and_is_no_sentence_of_it() -> None:
    from newsline.stages.events import extract_events

    page = (
        "Velmar dockers strike Page last updated at 09:12 GMT , Monday , 4 March 2024 10:12 UK"
        " -LRB- an error occurred while processing this directive -RRB- Dockers in Velmar"
        " stopped work on Monday over a pay offer they called an insult .\n"
        + "\n".join(ARTICLE[2:])
    )
    settings = Settings()
    (article,), _, _ = articles_from_text("saved/page.txt", page + "\n", settings)
    assert [b.kind for b in article.blocks].count("dateline") == 1
    assert not any("updated" in p or "directive" in p for p in article.paragraphs)
    assert article.published.value == "2024-03-04"  # the stamp dates the page
    assert article.metadata["furniture"] == {"update stamps": 1, "server error notices": 1}
    texts = [e.text for e in extract_events(article, settings)]
    assert texts and not any("updated" in t for t in texts)


@pytest.mark.parametrize(
    ("tail", "last", "kinds"),
    [
        (  # a wire's credit, then the comment notice and the thread, on the article's last lines
            [
                "-LRB- Reporting by Ida Marsh ; Editing by Tom Vale -RRB- We welcome comments that"
                " advance the story through relevant opinion , anecdotes , links and data .",
                "Views expressed in the comments do not represent those of the Velmar Post .",
                "Will the port ever pay a fair wage ?",
                "This discussion is now closed .",
            ],
            "-LRB- Reporting by Ida Marsh ; Editing by Tom Vale -RRB-",
            {"comment lines": 4},
        ),
        (  # a site's footer
            [
                "Talks resume on Thursday . An ultra-low latency infrastructure for electronic"
                " trading and data distribution Our next generation legal research platform"
            ],
            "Talks resume on Thursday .",
            {"footer lines": 1},
        ),
        (  # a newspaper's print notice, then its site's widgets: the lines after it go too
            [
                "A version appeared on p4 of the Main section section of the Velmar Post on 21.10"
                " GMT on Monday 4 March 2024 Follow the port news on Twitter quaywatcher : today"
                " the cranes stopped",
                "Time for a pay rise .",
            ],
            ARTICLE[-1],
            {"footer lines": 2},
        ),
        (  # ... also as "This article appeared", alone on its line
            [
                "This article appeared on p22 of the Main section section of the Velmar Post on"
                " 00.54 GMT on Friday 1 March 2024 ."
            ],
            ARTICLE[-1],
            {"footer lines": 1},
        ),
        (  # the notice alone on its line
            ["We welcome comments on our articles for a limited period after their publication ."],
            ARTICLE[-1],
            {"comment lines": 1},
        ),
    ],
)
def test_a_notice_or_footer_inside_the_last_line_ends_the_article_there(
    tail: list[str], last: str, kinds: dict[str, int]
) -> None:
    kept, removed = remove_furniture(ARTICLE + tail)
    assert kept[: len(ARTICLE)] == ARTICLE and kept[-1] == last
    assert dict(removed) == kinds


def test_a_jsonl_export_loses_the_page_furniture_as_a_text_page_does() -> None:
    """A scraper's JSONL keeps the comment thread in ``text``: it goes as it does from a page."""
    import json

    text = "\n".join(
        [*ARTICLE[1:], "At 2:10 pm on 04 Mar 2024 , quaywatcher wrote : About time .", "Nope ."]
    )
    record = {"id": "v1", "title": ARTICLE[0], "published": "2024-03-04", "text": text}
    (article,), _, _ = articles_from_text("velmar.jsonl", json.dumps(record) + "\n", Settings())
    assert "Ships queued" in article.text and "quaywatcher" not in article.text
    assert article.metadata["furniture"] == {"comment lines": 2}


# (paragraphs, what each loses): a live page's entries open with the time they were posted
LIVE_PAGES = [
    (  # newest first, over midnight: 0000 after 2358
        ["0000 The live page closes for the night .", "2358 The harbour master spoke again .",
         "2005 Crews from Tarrow arrived at the quay .", "1756 Dockers in Velmar walked out ."],
        [5, 5, 5, 5],
    ),
    (  # oldest first, a paragraph without a stamp between
        ["0912 Cranes stopped .", "The union met .", "1040 Talks began .", "1202 Talks ended ."],
        [5, 0, 5, 5],
    ),
    # a chronology's years: every number may be a year
    (["2001 The quay opened .", "2003 The ferry sank .", "2005 The bridge opened ."], [0, 0, 0]),
    (["1994 A coup .", "1998 A hurricane .", "2004 Floods ."], [0, 0, 0]),  # 19:94 is no time
    (["1603 A king .", "1707 A union .", "1745 A rising .", "1746 A defeat ."], [0, 0, 0, 0]),
    # an evening's entries newest first, each of them a year as well, are a live page's
    (["2044 Crews left .", "2040 Cranes stopped .", "2034 The union met ."], [5, 5, 5]),
    # two stamps make no live page, nor times out of any order
    (["0912 Cranes stopped .", "1040 Talks began .", "The union met ."], [0, 0, 0]),
    (["0912 Cranes .", "1840 Talks .", "1010 Ships .", "1730 Votes ."], [0, 0, 0, 0]),
]  # fmt: skip


@pytest.mark.parametrize(("paragraphs", "cuts"), LIVE_PAGES)
def test_a_live_page_entries_lose_their_clock_stamps(
    paragraphs: list[str], cuts: list[int]
) -> None:
    from newsline.stages.furniture import clock_stamps

    assert (clock_stamps(paragraphs) or [0] * len(paragraphs)) == cuts


def test_a_live_page_stamp_is_no_year() -> None:
    """ "2005 Crews from Tarrow ..." posted at 20:05 is no sentence of the year 2005."""
    from newsline.stages.events import extract_events

    page = "Velmar strike : as it happened\n" + "\n".join(LIVE_PAGES[0][0]) + "\n"
    settings = Settings()
    (article,), _, _ = articles_from_text("saved/2024-03-04/live.txt", page, settings)
    assert article.paragraphs[2] == "Crews from Tarrow arrived at the quay ."
    assert article.metadata["furniture"] == {"clock stamps": 4}
    years = {e.interval.start.year for e in extract_events(article, settings) if e.interval}
    assert years <= {2024}


# (paragraphs of a live page, the entries its paragraphs hold once the stamps are cut)
INNER_STAMPS = [
    (  # an entry printed on the line of the photo caption above it
        ["2005 Crews arrived .", "Dockers wait at the gate 1950 The mayor spoke .",
         "1932 Cranes stopped .", "1910 Ships left ."],
        ["Crews arrived .", "Dockers wait at the gate", "The mayor spoke .", "Cranes stopped .",
         "Ships left ."],
    ),
    (  # after a quote's end
        ["2005 Crews arrived .", "The mayor will come `` very soon '' 1949 Tugs left .",
         "1932 Cranes stopped .", "1910 Ships left ."],
        ["Crews arrived .", "The mayor will come `` very soon ''", "Tugs left .",
         "Cranes stopped .", "Ships left ."],
    ),
    (  # a year or a count after a word it goes on from stays ("the 2004 floods")
        ["2015 Crews arrived .", "Lessons from the 2004 Floods were learnt , about 2000 Tugs came .",
         "1910 Cranes stopped .", "1905 Ships left ."],
        ["Crews arrived .", "Lessons from the 2004 Floods were learnt , about 2000 Tugs came .",
         "Cranes stopped .", "Ships left ."],
    ),
    (  # a number out of the entries' times, or after a full stop, stays
        ["2005 Crews arrived .", "Dockers counted 1200 Tugs and 1940 boats .",
         "Cargo rose . 1950 Boats left .", "1932 Cranes stopped .", "1910 Ships left ."],
        ["Crews arrived .", "Dockers counted 1200 Tugs and 1940 boats .",
         "Cargo rose . 1950 Boats left .", "Cranes stopped .", "Ships left ."],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("paragraphs", "entries"), INNER_STAMPS)
def test_a_live_page_entry_after_a_caption_loses_its_stamp(
    paragraphs: list[str], entries: list[str]
) -> None:
    page = "Velmar strike : as it happened\n" + "\n".join(paragraphs) + "\n"
    (article,), _, _ = articles_from_text("saved/2024-03-04/live.txt", page, Settings())
    assert list(article.paragraphs) == entries


def test_a_ticker_mended_across_lines_still_shows_its_furniture() -> None:
    """The closer look reads the lines as they are; a broken ticker joined by the cleaning may
    bring "X wrote :" onto one line (then the plain cue test decides, as before it)."""
    text = "Intro about the port strike .\n19:23 foo -LRB- BP .\nL -RRB- , Bob wrote :\nreply"
    record = {"id": "t1", "title": "Port strike", "text": text}
    (article,), _, _ = articles_from_text("thread.jsonl", json.dumps(record) + "\n", Settings())
    assert "Bob wrote" not in article.text
