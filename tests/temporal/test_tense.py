"""Tense cues around an expression: the nearest cue to the left, else to the right."""

from __future__ import annotations

import pytest

from newsline.temporal.tense import (
    _BARE_PAST,
    _WORD,
    PAST_WORDS,
    _first_words,
    _last_words,
    sentence_bounds,
    tense_at,
)

# (text, expression, tense)
CASES = [
    ("Officials said on Monday the bridge was closed.", "Monday", "past"),
    ("The ministers will meet Monday in Brussels.", "Monday", "future"),
    ("The dividend will be paid Nov. 16 to holders.", "Nov. 16", "future"),
    ("The shops will remain closed until Sunday.", "Sunday", "future"),
    ("The talks are scheduled for Friday.", "Friday", "future"),
    ("The scene Monday.", "Monday", "unknown"),
    ("Prices are high in July.", "July", "present"),
    ("It wo n't be done until August .", "August", "future"),
    ("The plan will cost more next year. Earlier Friday, the House approved it.", "Friday", "past"),
    # a tokenized possessive is no "is"; a tokenized "it 's" is
    ("Saturday 's harbour concert will raise money for the lifeboat crews .", "Saturday", "future"),
    ("Dockers will file a claim against the port 's owners on Monday .", "Monday", "future"),
    ("It 's due to close on Friday .", "Friday", "future"),
    ("It 's open late on Friday .", "Friday", "present"),
    # in the present tense, what a date leads up to is ahead
    ("Final preparations are under way for Saturday 's harbour concert .", "Saturday", "future"),
    ("Figures are out for July .", "July", "present"),
    ("Prices were high for July .", "July", "past"),
    # a modal reported in the past looks ahead from the statement
    ("The mayor said she would meet the dockers on Saturday .", "Saturday", "future"),
    ("The ferry should be in Velmar by Sunday .", "Sunday", "future"),
    ("The mayor said she would have met them on Saturday .", "Saturday", "past"),
    # what one hopes, aims or has to do lies ahead; what one wanted may not have happened
    ("The port said it hoped to have the cranes working by the autumn .", "the autumn", "future"),
    ("Details of Thursday 's talks have to be settled by the unions .", "Thursday", "future"),
    ("The dockers had to leave on Monday .", "Monday", "past"),
    ("The mayor said she wanted to go home on Monday , but stayed .", "Monday", "past"),
    ("The mayor spoke on Friday : `` I want to be clear .", "Friday", "past"),
    # "could not" is the past; "could" alone looks nowhere
    ("In the summer you could not find a berth in Velmar .", "the summer", "past"),
    ("The ferry could n't sail on Monday .", "Monday", "past"),
    ("Trains could run before the end of the year .", "the end of the year", "unknown"),
    # a present progressive before a weekday is an arrangement ahead
    ("We 're meeting the dockers on Saturday .", "Saturday", "future"),
    ("We're meeting on Saturday .", "Saturday", "future"),
    ("The mayor is flying to Velmar on Saturday .", "Saturday", "future"),
    ("The market is open on Saturday .", "Saturday", "present"),
    # an "-ed" word after a determiner is an adjective: a cue only when it looks ahead
    (
        "More tents were needed before the expected start of the rainy season in May .",
        "May",
        "future",
    ),
    ("The injured were flown to Velmar on Monday .", "Monday", "past"),
    # a prospective participle after a present auxiliary looks ahead; said of the past, what
    # was expected may not have come
    ("More supplies are expected in Velmar on Saturday .", "Saturday", "future"),
    ("Results were expected on Tuesday but were delayed .", "Tuesday", "past"),
    # what is supposed to have happened looks back; a wish to have done something looks ahead
    ("Hundreds are feared to have drowned in Tuesday 's floods in Velmar .", "Tuesday", "past"),
    ("The ferry is believed to have sailed on Monday .", "Monday", "past"),
    ("The dockers hope to have finished the quay by Friday .", "Friday", "future"),
    # "-eed" is no past ending, and a verb after a modal is bare: the modal speaks
    (
        "It was expected that the port would proceed on Sunday with the repairs .",
        "Sunday",
        "future",
    ),
    ("The crews hope to succeed on Monday .", "Monday", "future"),
    ("The port had a tug standing by to sail to Velmar on Saturday .", "Saturday", "future"),
    ("The crews were ready to sail on Monday .", "Monday", "future"),
    # after a report's "that" the date opens the reported clause, whose verb follows
    ("He said that on Saturday two tugs would be sent out .", "Saturday", "future"),
    ("He said that on Monday the crew had left .", "Monday", "past"),
    ("The port said on Monday it would reopen the quay .", "Monday", "past"),
    # review: words that are no noun before "to be", another clause, "since", a name "May"
    ("He was too ill to be moved on Tuesday .", "Tuesday", "past"),
    (
        "It expected the quay to be rebuilt by Sunday , but on Friday work stopped .",
        "Friday",
        "past",
    ),
    ("The port has been criticised since the 20 April collapse .", "20 April", "past"),
    ("Prime Minister Theresa May said on Tuesday that the port will close .", "Tuesday", "past"),
    # a verb after "to" is bare: what "due", "expected" or a noun's "to be" says decides
    ("The school is due to remain closed until Thursday .", "Thursday", "future"),
    ("The tugs are expected to hit the quay on Friday .", "Friday", "future"),
    (
        "The inquiry report , to be officially released on Tuesday , is damning .",
        "Tuesday",
        "future",
    ),
    ("A docker was found to be infected on Saturday .", "Saturday", "past"),
    ("The crane had to be put aside on Saturday .", "Saturday", "past"),
    # "to have" with no participle, a deadline or another clause is no look back
    ("The repairs are expected to have been finished by Friday .", "Friday", "future"),
    ("The mayor is expected to have harsh words for the port on Tuesday .", "Tuesday", "future"),
    ("He is thought to have left , but is due back on Monday .", "Monday", "future"),
    ("The ferry was repaired in Velmar on Saturday .", "Saturday", "past"),
    # what happens as a rule
    ("Ferries usually stop running in January .", "January", "generic"),
    ("Storms often close the quay over the winter .", "the winter", "generic"),
    ("Storms closed the quay over the winter .", "the winter", "past"),
    # "plan" after a determiner is a noun, no cue
    ("The port announced the plan Aug. 21 .", "Aug. 21", "past"),
    ("The port plans a strike on Aug. 21 .", "Aug. 21", "future"),
    # what was likely, set or due to happen lies ahead of the saying
    (
        "A study found the virus was likely to cause an epidemic in the autumn .",
        "the autumn",
        "future",
    ),
    ("Talks were set to resume Monday in Velmar .", "Monday", "future"),
    # a verb of the day's programme in the present, right before a weekday: a schedule ahead
    ("The hearing resumes on Monday .", "Monday", "future"),
    ("The mayor said the hearing resumes Monday .", "Monday", "future"),
    ("The hearing resumed on Monday .", "Monday", "past"),
    ("A renewed push is under way in July .", "July", "present"),
    # a future phrase further left, when no cue stands near
    (
        "The mayor is expected to tell councillors about further repairs to the old quay when"
        " she continues her report on Tuesday .",
        "Tuesday",
        "future",
    ),
    # no verb near a weekday: the sentence's further one, when it looks ahead
    (
        "The mayor will meet the harbour master and the chairman of the Velmar Dockers Union"
        " Tom Arne Berg at the town hall on Saturday .",
        "Saturday",
        "future",
    ),
    (
        "The mayor met the harbour master and the chairman of the Velmar Dockers Union"
        " Tom Arne Berg at the town hall on Saturday .",
        "Saturday",
        "unknown",
    ),
    # ... in its own clause, and "next to" / "due to" are no future
    (
        "Dockers camped in a square next to the old customs house and the harbour office in"
        " the centre of Velmar on Saturday .",
        "Saturday",
        "unknown",
    ),
    (
        "The mayor will visit the port next week , after a plea from the harbour master and the"
        " head of the dockers union in Velmar on Saturday .",
        "Saturday",
        "unknown",
    ),
    # ... not a month's day (next year's): "will return ... since the blast on April 20"
    (
        "The mayor will return to the quay , her third visit to the harbour of Velmar since the"
        " blast at its old fuel depot on April 20 .",
        "April 20",
        "unknown",
    ),
    # what a weekday is "as soon as" or "as early as", or what "Come" opens, lies ahead
    # whatever the clause's tense; what it is "ahead of" or "on the eve of" follows the
    # telling, told near the day it is published ("told")
    (
        "The brothers speak about the harbour ahead of Saturday night 's gala Organisers said"
        " the tickets were sold .",
        "Saturday night",
        "told",
    ),
    ("The mayor did not say much new ahead of Thursday 's hearing .", "Thursday", "told"),
    (
        "The speech comes on the eve of the mayor 's meeting with the dockers at the town hall"
        " on Wednesday .",
        "Wednesday",
        "eve",
    ),
    ("The crane was finished ahead of schedule on Monday .", "Monday", "past"),
    ("The wreck would be towed off and set adrift as soon as Wednesday .", "Wednesday", "future"),
    ("The council voted to meet as early as Thursday .", "Thursday", "future"),
    ("Come Saturday , we are going to clear the quay .", "Saturday", "future"),
    ("We did not come Saturday .", "Saturday", "past"),
    # a possibility reached "by" a weekday lies ahead, even when the saying is past
    (
        "`` The slick could reach the outer islands by late on Wednesday , '' the coastguard"
        " said .",
        "Wednesday",
        "future",
    ),
    ("By Friday the divers were waiting for the crane .", "Friday", "past"),
    ("The slick could not reach the islands by Wednesday .", "Wednesday", "past"),
    ("Forecasters say strong winds on Sunday could push the slick ashore .", "Sunday", "future"),
    ("On Thursday , I could smell the oil from the quay .", "Thursday", "unknown"),
    # a refusal "would not comment" was then; "would not attend" still lies ahead
    ("The harbour master would not comment Friday night on the cause .", "Friday night", "past"),
    ("The mayor said she would not attend on Friday .", "Friday", "future"),
    # a hyphenated "-ed" word is an adjective; a prefixed one is a verb
    (
        "Divers will try to seal the hull in a so-called `` cap '' job on Wednesday .",
        "Wednesday",
        "future",
    ),
    ("The divers will go back after the mayor re-opened the quay on Monday .", "Monday", "past"),
    # "plan" before a participle is a noun; "coming" after a preposition a gerund
    ("In a new plan announced Monday , the port said it would hire divers .", "Monday", "past"),
    (
        "Booms were laid to stop the oil from coming in , and crews Tuesday cleaned the quay .",
        "Tuesday",
        "past",
    ),
    ("The ferry is coming on Tuesday .", "Tuesday", "future"),
    ("Oil started coming from the wreck late Sunday .", "Sunday", "past"),
    ("Crews had planned to spend Wednesday dredging the channel .", "Wednesday", "past"),
    ("The port unveiled a new plan on Monday to dredge the channel .", "Monday", "past"),
    # a "could" in the weekday's clause looks ahead, unless the clause ends or a sentence runs in
    ("Winds could drive the slick into the harbour on Friday .", "Friday", "future"),
    (
        "The slick could reach the north quay Friday night , the old pier on Saturday and the"
        " islands on Sunday .",
        "Sunday",
        "future",
    ),
    (
        "The test was delayed , once because it could make the leak worse , and on Wednesday by"
        " a broken valve .",
        "Wednesday",
        "past",
    ),
    (
        "At least we could get help from the locals On Saturday morning , a tremor struck .",
        "Saturday morning",
        "past",
    ),
    # ... not a sense's "could" ("could see", "could be heard"): what one was able to sense then
    ("Divers could see the wreck from the quay on Tuesday .", "Tuesday", "unknown"),
    ("Shouts could be heard from the hold on Tuesday night .", "Tuesday night", "unknown"),
    ("Crowds on Sunday could smell the oil from the pier .", "Sunday", "unknown"),
    # ... nor a reporter's "could be reached for comment", nor a "could barely" or "hardly"
    ("Nobody at the port could be reached for comment on Tuesday .", "Tuesday", "unknown"),
    ("The harbour master could barely walk on Tuesday .", "Tuesday", "unknown"),
    # "is to", "is due to", "were set for", "likely on Monday to", "hopes partly to"
    ("The mayor is to tour the quay on Friday .", "Friday", "future"),
    ("On Wednesday , he is due to meet the dockers .", "Wednesday", "future"),
    ("Two hearings were set for Tuesday .", "Tuesday", "future"),
    ("The storm was likely on Monday to regain strength .", "Monday", "future"),
    ("The port hopes partly to reopen the quay on Tuesday .", "Tuesday", "future"),
    ("Oct. 4 - The port says it is to raise a loan .", "Oct. 4", "present"),
    # a future phrase further left counts only when no past verb stands between
    (
        "`` The port wants to find the cause ; we share that goal , '' said the harbour master"
        " in a statement on the port 's website on Tuesday .",
        "Tuesday",
        "unknown",
    ),
    # a day's programme in the present, in the weekday's clause, is a schedule
    ("The mayor returns to the quay on Monday .", "Monday", "future"),
    (
        "The harbour master , who himself faces a council hearing on Thursday , has received a"
        " letter .",
        "Thursday",
        "future",
    ),
    ("The meeting that matters takes place in the town hall on Wednesday .", "Wednesday", "future"),
    ("The visits by the mayor on Monday were short .", "Monday", "past"),
    ("Before the board holds its first meeting Monday , the mayor spoke .", "Monday", "future"),
    # ... not once its clause is closed and the weekday's own verb follows it
    (
        "The port , which holds a stake in the ferry , on Monday said it would not pay .",
        "Monday",
        "past",
    ),
    ("The mayor , who faces a council vote , Tuesday rejected the plan .", "Tuesday", "past"),
    ("The mayor , who faces a council vote , on Tuesday will name a deputy .", "Tuesday", "future"),
    # "died" is a past verb, though short; a weekday of a habit is any week's
    ("A principal died on Sunday , becoming the first death due to the flu .", "Sunday", "past"),
    ("The host takes his usual Thursday slot on the show .", "Thursday", "generic"),
    ("Traditional May Day rallies have been cancelled .", "May Day", "unknown"),
    # a weekday "as of" which a figure stands is gone by
    ("That would equal $ 3 million as of Wednesday .", "Wednesday", "past"),
    # ... not one from which a rule will hold
    ("As of Monday , the new quay fees will apply to every ship .", "Monday", "future"),
    ("The ferry will run to the islands as of Monday .", "Monday", "future"),
    # what is "until after" a weekday, or what one "set the stage for", follows the telling
    (
        "A decision may not come until after the chairman has met the mayor at the town hall on"
        " Wednesday .",
        "Wednesday",
        "told",
    ),
    ("The speech set the stage for his meeting Wednesday with the dockers .", "Wednesday", "told"),
    # what a noun is "to begin" on a weekday, what one hopes "that" of it, a forecast
    # "through" it: ahead
    ("The divers prepared a dive , an operation to begin late Tuesday .", "late Tuesday", "future"),
    ("The shares began to close on Friday at a low .", "Friday", "past"),
    ("The mayor voiced hope that Wednesday 's vote would pass .", "Wednesday", "future"),
    ("Forecasters predicted high seas through Sunday .", "Sunday", "future"),
    ("Talks continued through Sunday .", "Sunday", "past"),
    ("There are reports of deaths after Tuesday 's storm in Velmar .", "Tuesday", "present"),
    # a near future phrase counts only with no past verb between; its own verb is no cue
    ("`` One would have to ask the port , '' the mayor said Tuesday .", "Tuesday", "past"),
    ("The dockers hope to have finished the quay by Friday .", "Friday", "future"),
    ("The wreck was to be permanently raised by Sunday .", "Sunday", "future"),
    # what lasts "since" a weekday began then
    (
        "Hopes dimmed for the crew missing since the blast about 10 p.m. Tuesday night would be"
        " found .",
        "Tuesday night",
        "past",
    ),
    # an initialism's stop ends no sentence
    (
        "Also on Tuesday , U.S. Coast Guard chief Ann Berg will visit the quay .",
        "Tuesday",
        "future",
    ),
    # ... unless a word that only opens a sentence follows it
    ("The diver will fly to the U.S. On Tuesday , he was still in Velmar .", "Tuesday", "past"),
    ("The diver moved to the U.K. On Monday he will start work at the quay .", "Monday", "future"),
]


@pytest.mark.parametrize(("text", "expression", "tense"), CASES)
def test_tense(text: str, expression: str, tense: str) -> None:
    start = text.index(expression)
    assert tense_at(text, start, start + len(expression)) == tense


def test_sentence_bounds_stop_at_full_stops() -> None:
    text = "First one ended. Second one starts Monday. Third."
    start = text.index("Monday")
    left, right = sentence_bounds(text, start, start + 6)
    assert text[left:right] == "Second one starts Monday"


_LONG = "Officials said the plan, which they've weighed for months, won't be final " * 6


@pytest.mark.parametrize(
    "text",
    ["", "one", "  spaced  out  ", _LONG, _LONG.replace(" ", "\n"), "x" * 400 + " it's 'll"],
)
@pytest.mark.parametrize("count", [1, 8, 12])
def test_near_words_are_the_words_a_whole_read_gives(text: str, count: int) -> None:
    words = _WORD.findall(text)
    assert _last_words(text, count) == words[-count:]
    assert _first_words(text, count) == words[:count]


def test_bare_past_cues_are_past_words() -> None:
    # _cue skips a word that is no past, present or "-ed" form before reading the word before
    # it, which holds only while every bare past cue is a past word
    assert _BARE_PAST <= PAST_WORDS
