"""A dated sentence as a timeline line: its own date left to the entry's label, nothing else."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.records import Event, Interval
from newsline.stages.statement import heads_line, statement, without_mark

_DAY = Interval(date(2014, 3, 11), date(2014, 3, 11), "day")


@pytest.mark.parametrize(
    ("text", "mention", "shown"),
    [
        # chronology lines
        ("April 22 - The rig sinks in the gulf .", "April 22", "The rig sinks in the gulf ."),
        ("22 April: The oil rig sinks.", "22 April", "The oil rig sinks."),
        ("2022 — North Korea blames the United States.", "2022", "North Korea blames the United States."),
        ("June 15, 2010: Obama speaks from the Oval Office.", "June 15", "Obama speaks from the Oval Office."),
        # ... and without a dash, as some outlets print them
        ("3 March 2014 Dredgers reach the harbour mouth .", "3 March 2014", "Dredgers reach the harbour mouth ."),
        ("1996 Pier owners open a second quay.", "1996", "Pier owners open a second quay."),
        ("April 22 was the day the rig sank.", "April 22", "April 22 was the day the rig sank."),
        # an adverbial opening the sentence
        ("On Tuesday, BP said the leak had slowed.", "Tuesday", "BP said the leak had slowed."),
        ("In 1994 the old pier was rebuilt.", "1994", "The old pier was rebuilt."),
        # an adverbial inside it
        ("BP said on Tuesday that the leak had slowed.", "Tuesday", "BP said that the leak had slowed."),
        ("BP said , on Tuesday , that the leak had slowed .", "Tuesday", "BP said that the leak had slowed ."),
        ("The rig exploded off Louisiana on April 20 .", "April 20", "The rig exploded off Louisiana."),
        ("The company awards the contract in April.", "April", "The company awards the contract."),
        ("2010 — The company awards the contract in April.", "April", "The company awards the contract."),
        # a chronology's mark never heads a line, even one of another year
        ("2009 — The company awards the contract in April.", "April", "The company awards the contract."),
        ("The Coast Guard discovered Saturday that oil is leaking.", "Saturday", "The Coast Guard discovered that oil is leaking."),
        ("Documents lodged in the high court last month allege negligence.", "last month", "Documents lodged in the high court allege negligence."),
        # the date does other work: the sentence stays as written
        ("Kim arrived in Vladivostok on Tuesday, where he met Putin.", "Tuesday", "Kim arrived in Vladivostok on Tuesday, where he met Putin."),
        ("The breakthrough came on Dec. 21, when negotiators met.", "Dec. 21", "The breakthrough came on Dec. 21, when negotiators met."),
        ("Our deadline is Tuesday, the mayor said.", "Tuesday", "Our deadline is Tuesday, the mayor said."),
        ("He was born on May 5 in a small village.", "May 5", "He was born on May 5 in a small village."),
        ("He will be sworn in Tuesday by the chief justice.", "Tuesday", "He will be sworn in Tuesday by the chief justice."),
        ("The strike began on Tuesday and ended with a deal.", "Tuesday", "The strike began on Tuesday and ended with a deal."),
        ("Sales rose in 2010 and 2011 across the region.", "2010", "Sales rose in 2010 and 2011 across the region."),
        ("It rained yesterday and today in the capital.", "today", "It rained yesterday and today in the capital."),
        ("May 5-7: the festival ran for three days.", "May 5", "May 5-7: the festival ran for three days."),
        ("It is the first death since construction began in 2014.", "2014", "It is the first death since construction began in 2014."),
        ("The pilot is on trial following the ferry's sinking in June 2019.", "June 2019", "The pilot is on trial following the ferry's sinking in June 2019."),
        ("-- The ferry sank on Tuesday off Velmar.", "Tuesday", "The ferry sank off Velmar."),
        ("• Dockers walked out in 2019.", "2019", "Dockers walked out."),
        ("The target of opening the crossing in 2021 remained achievable.", "2021", "The target of opening the crossing in 2021 remained achievable."),
        ("Earlier on Tuesday, the president met his cabinet.", "Tuesday", "Earlier on Tuesday, the president met his cabinet."),
        ("“On Tuesday, we start,” the mayor said to reporters.", "Tuesday", "“On Tuesday, we start,” the mayor said to reporters."),
        ("“We start on Tuesday,” the mayor said to reporters.", "Tuesday", "“We start on Tuesday,” the mayor said to reporters."),
        ('"We were promised a plan when it was signed in 2002," he said.', "2002", '"We were promised a plan when it was signed in 2002," he said.'),
        ("April 22 was the day the rig sank.", "April 22", "April 22 was the day the rig sank."),
        ("The April 20 explosion killed 11 workers.", "April 20", "The April 20 explosion killed 11 workers."),
        ("Tuesday's vote split the council.", "Tuesday", "Tuesday's vote split the council."),
        ("On Tuesday 's opening day , the court heard him .", "Tuesday", "On Tuesday 's opening day , the court heard him ."),
        ("The talks resumed a day after Monday's breakdown.", "Monday", "The talks resumed a day after Monday's breakdown."),
        ("Ferries ran until Friday as usual.", "Friday", "Ferries ran until Friday as usual."),
        ("April 22 - Rig sinks.", "April 22", "Rig sinks."),  # short, but a mark never heads a line
        ("It sank on Tuesday.", "Tuesday", "It sank on Tuesday."),
        ("Drilling crews had returned only in May, after two years.", "May", "Drilling crews had returned only in May, after two years."),
        ("Its report, published in 2001, recommends a fixed link.", "2001", "Its report, published in 2001, recommends a fixed link."),
        ("From next Tuesday , all households get a leaflet .", "next Tuesday", "From next Tuesday , all households get a leaflet ."),
    ],
)  # fmt: skip
def test_an_entry_line_leaves_its_date_to_the_label(text: str, mention: str, shown: str) -> None:
    day = Interval(date(2010, 4, 22), date(2010, 4, 22), "day")
    event = Event("a", 0, text, 0, len(text), day, "explicit", mention)
    assert statement(event) == shown
    # dated by anything but its own mention (or a plan, which keeps its date), a sentence is
    # shown as written, only without a chronology's mark
    assert statement(replace(event, dated_by="published")) == without_mark(text)
    assert statement(event, keep_date=True) == without_mark(text)


_WORDS = (
    "On on in last this only until published said that the BP rig sank Tuesday Tuesday's 's"
    " April 22 2014 , . : — - `` '' “ ” \""
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.integers(0, 14), st.integers(1, 3))
def test_a_line_is_never_longer_than_its_sentence_and_never_empty(
    words: list[str], at: int, size: int
) -> None:
    text = " ".join(words)
    mention = " ".join(words[at : at + size]) or "Tuesday"
    day = Interval(date(2010, 4, 22), date(2010, 4, 22), "day")
    shown = statement(Event("a", 0, text, 0, len(text), day, "explicit", mention))
    assert len(shown) <= len(text)
    assert shown.strip() or not text.strip()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # what a page ran in before its time stamp is no statement
        (
            "Quay Crane Falls Divers search the harbour Friday 8 May 2009 16.29 BST"
            " The port authority closed the quay for a week.",
            "The port authority closed the quay for a week.",
        ),
        # kept when too little would be left
        (
            "Quay reopens Friday 8 May 2009 16.29 BST Good news.",
            "Quay reopens Friday 8 May 2009 16.29 BST Good news.",
        ),
    ],
)
def test_a_page_stamp_and_what_precedes_it_leave_the_line(text: str, line: str) -> None:
    assert without_mark(text) == line


@pytest.mark.parametrize(
    ("text", "mention", "shown"),
    [
        # a chronology's date run into its line after a photo's caption: the caption goes
        (
            "Pickets outside the depot 12 March 2014 Dockers vote to end the strike at Velmar .",
            "12 March 2014",
            "Dockers vote to end the strike at Velmar .",
        ),
        (
            "The mayor : `` We will rebuild '' 3 June 2015 The council approves the new quay .",
            "3 June 2015",
            "The council approves the new quay .",
        ),
        # a live page's day heading, with its weekday
        (
            "Velmar strike : Your stories Thursday 13 March Pickets block the gate at dawn .",
            "Thursday 13 March",
            "Pickets block the gate at dawn .",
        ),
        # a caption or headline glued to the sentence without a stop
        (
            "Pickets block the gate at Velmar It emerged on Tuesday that the port would close .",
            "Tuesday",
            "It emerged that the port would close .",
        ),
        (
            "Velmar strike : Talks in Norland An estimated 300 dockers walked out on Tuesday .",
            "Tuesday",
            "An estimated 300 dockers walked out.",
        ),
        # a name, a possessive's title or a joining word before the opener: no stop either
        (
            "Norland 's Vice Premier Liu He said on Tuesday that the strike talks had stalled .",
            "Tuesday",
            "Norland 's Vice Premier Liu He said that the strike talks had stalled .",
        ),
        (
            "Trade Minister Rosa Lind and He met for ten hours at Velmar on Saturday .",
            "Saturday",
            "Trade Minister Rosa Lind and He met for ten hours at Velmar.",
        ),
        (
            "Harbour Minister Tran Van An said on Monday that the quay would reopen .",
            "Monday",
            "Harbour Minister Tran Van An said that the quay would reopen .",
        ),
        (
            "The film of Rosa Lind 's It opened at the Velmar Odeon on Friday .",
            "Friday",
            "The film of Rosa Lind 's It opened at the Velmar Odeon.",
        ),
        # a title's words are no stop
        (
            "Footage of the This Is It tour was shown to the court on Tuesday .",
            "Tuesday",
            "Footage of the This Is It tour was shown to the court.",
        ),
        # the date leans on a word before it: a missing stop, not a heading
        (
            "Dockers struck on 12 March 2014 The port closed .",
            "12 March 2014",
            "Dockers struck The port closed .",
        ),
        (
            "The quay reopened 12 March 2014 and traffic resumed at once .",
            "12 March 2014",
            "The quay reopened 12 March 2014 and traffic resumed at once .",
        ),
        # what follows the date is no sentence (a place, its commas no words): no heading
        (
            "The register shows a christening of a Rosa Lind 12 March 1814 Velmar , Norland .",
            "12 March 1814",
            "The register shows a christening of a Rosa Lind 12 March 1814 Velmar , Norland .",
        ),
        # no year: no chronology's heading
        (
            "Pickets outside the depot 12 March Dockers vote to end the strike .",
            "12 March",
            "Pickets outside the depot 12 March Dockers vote to end the strike .",
        ),
    ],
)
def test_a_caption_run_into_a_chronology_line_leaves_it(
    text: str, mention: str, shown: str
) -> None:
    day = Interval(date(2014, 3, 12), date(2014, 3, 12), "day")
    assert statement(Event("a", 0, text, 0, len(text), day, "explicit", mention)) == shown


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # photo credits and a wire's dateline heading the line, an agency's tag closing it
        ("AP Photo\\/Rosa Lind Dockers walked out at Velmar on the quay .", "Dockers walked out at Velmar on the quay ."),
        ("AP Photo/Portwatch Harbour pilots joined the strike that day .", "Harbour pilots joined the strike that day ."),
        ("Photograph : Associated Press The strike spread to the ferries .", "The strike spread to the ferries ."),
        ("-LRB- AP -RRB- The port authority closed the quay .", "The port authority closed the quay ."),
        ("-LRB- AP Photo\\/Ann Berg -RRB- -LRB- Ann Berg - AP -RRB- Pickets block the gate .", "Pickets block the gate ."),
        ("Getty VELMAR -- The quay was closed for a week .", "The quay was closed for a week ."),
        ("Getty Images The quay was closed for a week .", "The quay was closed for a week ."),
        ("Port Police via AP The gate was locked at noon .", "The gate was locked at noon ."),
        ("AP Photo/Ann Berg Velmar 's dockers voted to strike .", "Velmar 's dockers voted to strike ."),
        # a name runs on to a comma, a quote or a number: where the credit ends is not known
        ("Photograph : Ann Berg\\/AP Rosa Lind , the dockers ' leader , voted to strike .", "Photograph : Ann Berg\\/AP Rosa Lind , the dockers ' leader , voted to strike ."),
        ("Photograph : Ann Berg\\/AP Rosa Lind `` will not give in '' , she said .", "Photograph : Ann Berg\\/AP Rosa Lind `` will not give in '' , she said ."),
        ("Photograph : Ann C. Berg\\/AP 1.53 pm : Dockers vote to strike .", "Photograph : Ann C. Berg\\/AP 1.53 pm : Dockers vote to strike ."),
        ("VELMAR , Norland (Reuters) - Dockers ended their strike .", "Dockers ended their strike ."),
        ("NEW VELMAR -- Dockers ended their strike .", "Dockers ended their strike ."),
        ("Dockers ended their strike at Velmar -LRB- Reuters -RRB- .", "Dockers ended their strike at Velmar ."),
        # no credit, no dateline: as written
        ("Getty said the photos were taken at the gate .", "Getty said the photos were taken at the gate ."),
        ("Getty Images Chief Executive Rosa Lind said the photos were licensed .", "Getty Images Chief Executive Rosa Lind said the photos were licensed ."),
        ("Getty Museum curators said the Velmar prints were damaged .", "Getty Museum curators said the Velmar prints were damaged ."),
        ("BP -- the company said -- would pay the claims .", "BP -- the company said -- would pay the claims ."),
        ("NASA -- The agency delayed the launch .", "NASA -- The agency delayed the launch ."),
        ("Photographs of the quay show the damage .", "Photographs of the quay show the damage ."),
        # an editor's word in brackets heads the line: an agency named after it is no credit
        ("-LRB- He -RRB- said the EPA would rule on the dredging permits .", "-LRB- He -RRB- said the EPA would rule on the dredging permits ."),
        ("-LRB- After -RRB- 2016 , the quay could not stay open , the PA said .", "-LRB- After -RRB- 2016 , the quay could not stay open , the PA said ."),
        # kept when too little would be left
        ("AP Photo\\/Rosa Lind Strike ends .", "AP Photo\\/Rosa Lind Strike ends ."),
    ],
)  # fmt: skip
def test_a_credit_or_dateline_never_heads_a_line(text: str, line: str) -> None:
    assert without_mark(text) == line


@pytest.mark.parametrize(
    ("text", "mention", "dated_by", "line"),
    [
        ("April 22 - The rig sinks in the gulf .", "April 22", "explicit", True),
        ("3 March 2014 Dredgers reach the harbour mouth .", "3 March 2014", "explicit", True),
        # a chronology's line after a photo's caption run in before its date
        ("Pickets at the gate 3 March 2014 Dredgers reach the harbour .", "3 March 2014", "explicit", True),
        ("Your stories Monday 3 March Dredgers reach the harbour .", "Monday 3 March", "explicit", True),
        ("A christening of Rosa Lind 3 March 1814 Velmar , Norland .", "3 March 1814", "explicit", False),
        # a date heads no line: a subject, an adverbial, a date without its year, another's date
        ("April 22 was the day the rig sank .", "April 22", "explicit", False),
        ("On 3 March 2014 dredgers reached the harbour .", "3 March 2014", "explicit", False),
        ("3 March Dredgers reach the harbour mouth .", "3 March", "explicit", False),
        ("Dredgers reached the harbour on 3 March 2014 .", "3 March 2014", "explicit", False),
        ("3 March 2014 Dredgers reach the harbour mouth .", "", "published", False),
    ],
)  # fmt: skip
def test_a_chronology_line_is_headed_by_its_date(
    text: str, mention: str, dated_by: str, line: bool
) -> None:
    day = Interval(date(2014, 3, 3), date(2014, 3, 3), "day")
    assert heads_line(Event("a", 0, text, 0, len(text), day, dated_by, mention or None)) is line


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a long word before the date (a glued sentence was tried inside it at every letter)
        ("Dockers struck at " + "x" * 100_000 + " on Tuesday , the port said .", "Tuesday"),
        ("VELMAR" + "-" * 100_000 + " Dockers struck on Tuesday .", "Tuesday"),
        ("Dockers struck at " + "Q" * 100_000 + " on Tuesday .", "Tuesday"),
        # a long run of spaces (a dateline's, an agency tag's spaces were read again at each)
        ("VELMAR" + " " * 100_000 + "NORLAND said on Tuesday the port was shut .", "Tuesday"),
        ("Dockers struck at Velmar on Tuesday" + " " * 100_000 + "x", "Tuesday"),
        # a long run of credits (each one cut copied and counted the whole rest)
        ("Getty " * 20_000 + "Dockers struck at Velmar on Tuesday .", "Tuesday"),
        ("VELMAR -- " * 10_000 + "Dockers struck at Velmar on Tuesday .", "Tuesday"),
        ("AP Photo/Rosa Lind " * 5_000 + "Dockers struck at Velmar on Tuesday .", "Tuesday"),
    ],
)
def test_a_long_line_is_cleaned_in_linear_time(text: str, mention: str) -> None:
    event = Event("a", 0, text, 0, len(text), _DAY, "explicit", mention)
    started = time.process_time()
    assert statement(event)
    assert time.process_time() - started < 1.0  # 30 s to minutes when it was quadratic
