"""The tense around a time expression: does its sentence speak of the past or of the future?

No parser: the words of the sentence are scanned outwards from the expression, first to the
left (nearest word first), then to the right, and the first tense cue decides; with none near,
a future phrase further left in the sentence ("is expected to ...") does. Future cues are
modals and plans ("will", "'ll", "going to", "plans to", "scheduled"); past cues are past-tense
verbs ("said", "was", regular "-ed" forms that are not passive participles). Present forms
("is", "are") mark the present. Without any cue the news default, the past, holds. Before
the scan, a word of habit just before the expression ("usually", "often") makes it generic
(what happens as a rule: its month or weekday is any year's), and a future phrase or a verb of
the day's programme ("resumes", "opens") right before it makes it future; for a weekday, its
own phrase is read first (:mod:`newsline.temporal.day_cues`: "ahead of Saturday 's concert",
"as soon as Wednesday", "as of Wednesday").
"""

from __future__ import annotations

import re

from newsline.temporal.day_cues import CLAUSE, day_cue, guarded_search, habit_day, may_hold
from newsline.temporal.lexicon import WEEKDAY_RE

_WEEKDAY = re.compile(WEEKDAY_RE, re.IGNORECASE)

# A sentence's end: a full stop (or ! ?) and space before a capital, or a blank line; one
# character class first, so that the regex engine skips to the next of them.
# An initialism's last stop ends no sentence ("U.S. Attorney General Eric Holder will meet",
# "about 10 p.m. CDT Tuesday night") unless a word that only opens one follows ("flew to the
# U.S. On Tuesday , he ...").
_OPENER = r"(?:On|In|At|By|The|A|An|It|He|She|They|We|I|But|And|This|There|His|Her|Their|Its)"
_SENTENCE_END = re.compile(
    rf"[.!?\n](?:(?<!\.[A-Za-z]\.)|(?=\s+{_OPENER}\s))"
    r"(?:(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"'“‘(])|(?<=\n)\s*\n)"
)
# A hyphenated compound is one word: "so-called" is no verb "called".
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:'[a-z]+)?|'[a-z]+")

FUTURE_WORDS = frozenset(
    "will 'll shall wo won't upcoming scheduled tomorrow next coming starting "
    "beginning effective slated due planned plans plan intends intend".split()
)
# What someone hopes, aims, means or has to do lies ahead of the saying ("said it hoped to
# have a vaccine by the autumn"); what they planned or wanted to may not have happened.
_AHEAD_VERBS = (
    r"(?:hope|aim|plan|intend|expect|want|promise|vow|pledge|need)(?:s|ing)?"
    r"|hoped|aimed|vowed|pledged|promised|has|have"
)
# The same forms as a set, for the word by word scan of :func:`_cue`.
_AHEAD_WORDS = frozenset(
    f"{stem}{end}"
    for stem in "hope aim plan intend expect want promise vow pledge need".split()
    for end in ("", "s", "ing")
) | frozenset("hoped aimed vowed pledged promised has have".split())
# ... as does what is likely, set, due or bound to happen ("was likely to cause an epidemic in
# the autumn"), or what someone is ready or standing by to do ("a 747 standing by to fly to
# Haiti on Saturday").
_BOUND_TO = frozenset(
    "likely unlikely set due poised bound expected scheduled slated".split()
    + "ready prepared preparing".split()
)
FUTURE_PHRASES = re.compile(
    r"\b(?:going to|(?:is|are|was|were) (?:set |expected |due |scheduled |planned |likely |"
    r"unlikely |poised |about |bound )?to"
    rf"|(?:{_AHEAD_VERBS}) to)\b",
    re.IGNORECASE,
)
# Every phrase ends in a space and "to" (:func:`~newsline.temporal.day_cues.may_hold`).
_FUTURE_NEEDLES = (" to",)
PAST_WORDS = frozenset(
    "was were had did said told ago yesterday last earlier began came went took made gave saw "
    "left won lost fell rose sold bought met held found got kept led paid put ran sent set "
    "spent stood struck thought wrote became brought built caught chose drew drove fought "
    "flew forgot grew heard hit hung knew lay meant quit read rang sat shot shut slept spoke "
    "stole swore taught threw understood woke wore broke froze died".split()
)
PRESENT_WORDS = frozenset("is are am 's 're 'm remains remain".split())
# A present progressive just before a weekday: an arrangement ahead ("we 're meeting on").
_PROGRESSIVE = re.compile(r"(?:\b(?:is|are|am)|'s|'re|'m)\s+[a-z]+ing\s+(?:\w+\s+){0,3}$", re.I)
# In the present tense, a weekday these lead up to is ahead: "are under way for Saturday"
# (not a month: "figures are out for July").
_AWAITED = re.compile(r"\b(?:for|ahead of)\s*$", re.IGNORECASE)
# What is likely, set or due "on Monday to" happen lies ahead, as "likely to" does.
_BOUND_BEFORE = re.compile(
    r"\b(?:likely|set|due|expected|scheduled|slated|poised)\s+(?:on\s+)?$", re.IGNORECASE
)
_TO_AFTER = re.compile(r"\s*,?\s*to\s+[a-z]")
# A tokenized "'s" is "is" after these ("it 's"), a possessive after a noun ("Saturday 's").
_S_IS = frozenset("it he she that there what who here where this".split())
# Past cues that are never participles after an auxiliary.
_BARE_PAST = frozenset("was were did ago yesterday last earlier".split())
_PASSIVE = frozenset(
    "be been being is are was were get gets got remain remains stay stays become seem seems".split()
)
_NOT_VERBS = frozenset(
    "need indeed speed feed seed bed red shed hundred united limited based proposed related "
    "detailed advanced interested concerned proceed succeed exceed breed bleed heed weed greed "
    "embed shred sacred naked wicked hatred kindred".split()
)
# After these a verb is bare ("would proceed", "to succeed"), whatever its ending: the word
# before decides.
_BARE_AFTER = frozenset("would should will shall 'll can may might must to".split())


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence that holds ``text[start:end]``."""
    window = max(0, start - 600)
    left = window
    for match in _SENTENCE_END.finditer(text, window, start + 1):  # + 1: the lookahead's letter
        if match.end() <= start:
            left = match.end()
    right_match = _SENTENCE_END.search(text, end, end + 600)
    right = right_match.start() if right_match else min(len(text), end + 600)
    return left, right


# Modals that look ahead from the time of the statement they are reported in.
_MODALS = frozenset("would should".split())
# After these an "-ed" word is an adjective ("the expected start", "a renewed push")
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
# Auxiliaries of the present: what "is expected" lies ahead of the saying.
_NOW_PASSIVE = frozenset("is are be being".split())
# Future cues that are nouns after a determiner ("the plan", "its plans").
_NOUNS_TOO = frozenset("plan plans".split())
# After these "plan" is a noun: a determiner, a possessive or an adjective ("a new plan").
_PLAN_NOUN = _DETERMINERS | frozenset(
    "'s new latest revised alternative original initial first second third final".split()
)
# Future cues that are gerunds after a preposition ("from coming in", "after starting").
_GERUNDS_TOO = frozenset("coming starting beginning".split())
# ... or gerunds of a verb of beginning or going on in the past ("started coming").
_ASPECT_VERBS = frozenset("started began begun stopped kept continued resumed ceased".split())
_PREPOSITIONS = frozenset("from of in on by after before without since about for into".split())
# What someone "would not" do when asked was refused then ("would not comment Friday night").
_REFUSED = frozenset(
    "comment say discuss confirm elaborate disclose reveal specify speculate answer identify "
    "name give respond".split()
)
# A hyphenated "-ed" word is an adjective ("so-called", "oil-soaked", "BP-leased") unless its
# first part is a verb's prefix ("re-opened", "co-founded").
_VERB_PREFIXES = frozenset("re co pre un over under cross out mis de".split())


def _verb_ed(word: str) -> bool:
    """Whether an "-ed" word may be a verb: not a compound adjective."""
    head, dash, _ = word.partition("-")
    return not dash or head in _VERB_PREFIXES


# ... and these adjectives look ahead.
_PROSPECTIVE = frozenset("expected planned scheduled anticipated proposed promised".split())


def _cue(words: list[str], backwards: bool, day: bool = False) -> str | None:
    """The tense the first cue of ``words`` (nearest first) marks, if any.

    A verb form after an auxiliary is read with it: "will remain" is future, "be paid" and
    "remain closed" are no cue (the auxiliary before them decides). ``day``: the expression
    is a weekday, which "set for" looks ahead to, and "is to" after it too ("On Wednesday ,
    he is due to hold ..."; "Oct. 4 - BP says it is to raise ...", a chronology's line, is no
    October ahead).
    """
    for position, word in enumerate(words):
        lower = word.lower()
        if lower in FUTURE_WORDS:
            if lower in _NOUNS_TOO and _before(words, position, backwards) in _PLAN_NOUN:
                continue  # "announced the plan Aug. 21", "unveiled a new plan on Monday": a noun
            if lower in _GERUNDS_TOO and _before(words, position, backwards) in _PREPOSITIONS:
                continue  # "to stop the oil from coming in": a gerund, no cue
            if lower in _GERUNDS_TOO and _before(words, position, backwards) in _ASPECT_VERBS:
                return "past"  # "oil started coming from the cap late Sunday"
            if lower == "planned" and _before(words, position, backwards) == "had":
                return "past"  # "crews had planned to spend Wednesday ...": a plan of the past
            return "future"
        if (
            (
                lower in _AHEAD_WORDS
                or lower in _BOUND_TO
                or (lower == "by" and _before(words, position, backwards) == "standing")
            )
            and (backwards or lower in ("has", "have"))
            and _next(words, position, backwards) == "to"
        ):
            # "hoped to have it ready by the autumn", "Thursday 's talks have to be settled";
            # after the date, a wish is the speaker's own ("on Friday: ``I want to be clear")
            return "future"
        if lower in ("could", "couldn't"):  # "could not find a place to park": the past;
            if lower != "could" or _after(words, position, backwards) in ("not", "n't", "have"):
                return "past"
            continue  # "the first trains could run before the end of the year": no cue
        if (
            day
            and backwards
            and lower in _ON_THE_DAY
            and _before(words, position, backwards) not in _PLAN_NOUN
        ):
            return "future"  # "Hayward , who faces a House hearing on Thursday"
        if (
            lower in _NOW_AUX
            and (backwards or day)
            and _next(words, position, backwards) in ("to", "going")
        ):
            return "future"  # "Obama is to tour the state on Friday", "he is due to hold"
        if day and lower == "set" and _after(words, position, backwards) == "for":
            return "future"  # "two hearings were set for Tuesday"
        if lower in _MODALS:
            # "said he would meet on Saturday"; "would have met" and "would not comment Friday
            # night" (a refusal then) are the past
            then = _after(words, position, backwards)
            if then in ("have", "'ve") or (
                then in ("not", "n't")
                and _after(words, position - 1 if backwards else position + 1, backwards)
                in _REFUSED
            ):
                return "past"
            return "future"
        if (
            lower not in PAST_WORDS
            and lower not in PRESENT_WORDS
            and lower != "be"
            and not lower.endswith(("ed", "'re", "'m"))
        ):
            # no verb, whatever the word before it (most words): what follows finds none and
            # goes on to the next word (_BARE_PAST is within PAST_WORDS), so look no further
            continue
        before, at = _previous(words, position, backwards)
        if lower == "be" and position <= _BE_REACH and _to_be_done(words, position, backwards):
            return "future"  # "the report, to be released on Tuesday"
        if before == "may" and words[at] == "May":
            before = ""  # "Prime Minister Theresa May said on Tuesday": a name, no modal
        if before in _BARE_AFTER and (
            lower in PAST_WORDS or lower in PRESENT_WORDS or lower == "last" or lower.endswith("ed")
        ):
            continue  # "would proceed on Sunday", "due to remain closed until Thursday"
        if lower in _BARE_PAST:
            return "past"
        if lower.endswith(("'re", "'m")) and lower not in PRESENT_WORDS:
            lower = lower[lower.index("'") :]  # "we're": "'re"
        verb = (
            lower in PAST_WORDS
            or lower in PRESENT_WORDS
            or (
                lower.endswith("ed")
                and len(lower) > 4
                and lower not in _NOT_VERBS
                and _verb_ed(lower)
            )
        )
        if not verb:
            continue
        if before in _DETERMINERS and lower.endswith("ed"):
            if lower in _PROSPECTIVE:
                return "future"  # "before the expected start of the rainy season in May"
            continue  # "the injured", "a renewed push": an adjective, no verb
        if lower == "'s" and before not in _S_IS:
            continue  # "Saturday 's concert will ...": a possessive, no verb
        if before in _PASSIVE:
            if lower in _PROSPECTIVE and before in _NOW_PASSIVE:
                return "future"  # "supplies are expected in Haiti on Saturday"
            continue  # "results were expected on Tuesday but were delayed": no cue
        if before in FUTURE_WORDS and before not in _NOUNS_TOO:
            return "future"  # "will remain"; not "a new plan announced Monday"
        return "present" if lower in PRESENT_WORDS else "past"
    return None


# Adverbs between an auxiliary and its verb ("will be officially released").
_ADVERBS = frozenset(
    "also now officially completely already still just finally fully formally widely "
    "previously initially originally partly largely further then soon quickly successfully "
    "permanently temporarily eventually".split()
)


def _next(words: list[str], position: int, backwards: bool) -> str:
    """The word after ``words[position]`` in the text, past any adverb and any word of what is
    likely, set or due ("hopes partly to close", "is due to hold": "to")."""
    step = -1 if backwards else 1
    at = position + step
    while 0 <= at < len(words) and (
        words[at].lower() in _ADVERBS or words[at].lower() in _BOUND_TO
    ):
        at += step
    return words[at].lower() if 0 <= at < len(words) else ""


# A day's programme in the present, in the clause before a weekday: a schedule ahead ("He
# returns to the region on Monday", "the meeting that matters takes place in the White House
# on Wednesday"); the forms :mod:`newsline.temporal.day_cues` takes just before it.
_ON_THE_DAY = frozenset(
    "opens begins starts resumes ends closes meets arrives leaves returns departs launches "
    "visits travels heads faces hosts holds sails flies takes testifies".split()
)
# Auxiliaries before "to" ("is to tour") or "going": what lies ahead of them.
_NOW_AUX = frozenset("is are am 's 're 'm".split())


def _previous(words: list[str], position: int, backwards: bool) -> tuple[str, int]:
    """The word before ``words[position]`` in the text, past any adverb, and its position."""
    step = 1 if backwards else -1
    at = position + step
    while 0 <= at < len(words) and words[at].lower() in _ADVERBS:
        at += step
    return (words[at].lower(), at) if 0 <= at < len(words) else ("", at)


def _to_be_done(words: list[str], be: int, backwards: bool) -> bool:
    """Whether "be" at ``be`` follows "to" after a noun: a passive that lies ahead ("testimony
    to be given on Tuesday"), not one a verb reports ("was found to be infected on Saturday")."""
    to, at = _previous(words, be, backwards)
    if to != "to":
        return False
    head, _ = _previous(words, at, backwards)
    verb = head in PAST_WORDS or head in PRESENT_WORDS or head.endswith("ed")
    return bool(head) and not verb and head not in _AHEAD_WORDS and head not in _NOT_NOUNS


# Before "to be", words that are no noun ("the first to be published", "too ill to be moved").
_NOT_NOUNS = frozenset(
    "first last only next second third fourth fifth ill able unable enough too willing sure "
    "certain going about likely unlikely due set bound poised ready".split()
)
# A noun's "to be" looks ahead only this many words before the expression: further back, it
# is another clause's ("expected the well to be declared dead by Sunday, but on Friday ...").
_BE_REACH = 4


def _after(words: list[str], position: int, backwards: bool) -> str:
    """The word just after ``words[position]`` in the text."""
    neighbour = position - 1 if backwards else position + 1
    return words[neighbour].lower() if 0 <= neighbour < len(words) else ""


def _before(words: list[str], position: int, backwards: bool) -> str:
    """The word just before ``words[position]`` in the text."""
    neighbour = position + 1 if backwards else position - 1
    return words[neighbour].lower() if 0 <= neighbour < len(words) else ""


def tense_at(text: str, start: int, end: int) -> str:
    """ "past", "future", "present", "generic" (what usually happens: "flu strains often
    disappear over the summer"), "told" (a weekday that what is told leads up to, after the
    telling: :func:`newsline.temporal.day_cues.day_cue`; "eve": on the eve of it), "next
    week" (a weekday "next week") or "unknown" (no cue) for ``text[start:end]``."""
    left, right = sentence_bounds(text, start, end)
    before = text[left:start]
    after = text[end:right]
    day = _WEEKDAY.search(text, start, end) is not None  # "Friday", "late Friday"
    if _habitual(before[-_HABIT_REACH:]) or (day and habit_day(before)):
        return "generic"
    if guarded_search(_SUPPOSED_DONE, _SUPPOSED_NEEDLES, before[-60:]) or guarded_search(
        _SINCE, _SINCE_NEEDLES, before[-20:]
    ):
        return "past"  # "are expected to have died in Tuesday's earthquake", "since the 20 April"
    if _future_further_left(before[-40:]) or (
        _BOUND_BEFORE.search(before[-30:]) and _TO_AFTER.match(after)
    ):
        return "future"  # "is expected to ...", "was likely on Monday to regain strength"
    if day and _NEXT_WEEK.match(after):
        return "next week"  # "Hayward would testify on Wednesday next week"
    if day:
        own = day_cue(text[left:right], before)
        if own is not None:
            return own
    if day and _CLOSED.search(before[-8:]) and _cue(_first_words(after, 2), False) == "past":
        return "past"  # "BP , which faces mounting costs , on Tuesday announced": its own verb
    found = None
    if guarded_search(_REPORTED_THAT, _REPORTED_NEEDLES, before[-50:]):
        # "he said that on Saturday two teams would be sent": the date is the report's, whose
        # verb follows it; the saying's tense speaks only when the report has none
        found = _cue(_first_words(after, 8), backwards=False, day=day)
    if found is None and day and (_could_ahead(before) or _COULD_NEXT.match(after)):
        found = "future"  # "winds could drive the slick ashore on Friday", "winds on Sunday could"
    if found is None:
        found = _cue(_last_words(before, _NEAR_WORDS)[::-1], backwards=True, day=day)
    if found is None:
        found = _cue(_first_words(after, 8), backwards=False, day=day)
    if found is None and day and _far_future(before):
        # no verb near either side, and the sentence's further one looks ahead ("he will meet
        # former US presidents Bill Clinton and George W Bush at the White House on Saturday");
        # a weekday only: "will return ... since the explosion on April 20" is no next April
        found = "future"
    if found is None and _future_further_left(before):
        found = "future"  # "is expected to tell jurors ... when she continues on Tuesday"
    if found == "present" and (_AWAITED.search(before) or _PROGRESSIVE.search(before)) and day:
        # "preparations are under way for Saturday 's concert", "we 're meeting on Saturday"
        found = "future"
    return found or "unknown"


# Words before the expression whose verb gives its tense, and how far back one is looked for
# when neither these nor the words after hold one.
_NEAR_WORDS = 12
_FAR_WORDS = 30


def _far_future(before: str) -> bool:
    """Whether the first verb of the words before the near ones, in the same clause, looks
    ahead (a far past verb says less than the default does: "said strong winds ... could push
    the oil ... over the weekend"); "next" and "due" are no cue so far ("camped next to the
    palace", "due to the collapse")."""
    words = _last_words(before, _FAR_WORDS)
    cut = max((i for i, w in enumerate(words) if w.lower() in _FAR_STOPS), default=-1)
    far = [w for w in words[cut + 1 : -_NEAR_WORDS] if w.lower() not in ("next", "due")]
    return _cue(far[::-1], backwards=True, day=True) == "future"


# A "could" not negated nor of the past, in the clause of the expression: the possibility
# lies ahead ("crews could resume work Thursday morning"), unless a verb nearer says
# otherwise or a new sentence runs in unmarked ("we could get help On Saturday morning , ...").
# Not a sense's "could" ("could see", "could be heard"): what one was able to sense then; nor
# one barely able, nor a reporter's "could be reached for comment".
_NOT_AHEAD = (
    r"(?!not\b|n't\b|have\b|'ve\b|barely\b|hardly\b|scarcely\b|be\s+reached\s+for\b"
    r"|(?:only\s+|still\s+|be\s+)*"
    r"(?:see|seen|hear|heard|smell|smelled|smelt|feel|felt|taste|tasted|sense|sensed)\b)"
)
_COULD = re.compile(rf"\bcould\s+{_NOT_AHEAD}(?P<rest>{CLAUSE})$")
_RUN_IN = re.compile(r"\s(?:On|In|At|By|But|The|A|It)\s")
# ... or right after it, the weekday's noun its subject ("strong winds on Sunday could push
# more oil onto the shore"; not "On Thursday , I could smell the oil").
_COULD_NEXT = re.compile(rf"\s+could\s+{_NOT_AHEAD}")


def _could_ahead(before: str) -> bool:
    """Whether a "could" earlier in the expression's clause looks ahead to it (:data:`_COULD`)."""
    found = _COULD.search(before[-_COULD_REACH:])
    if found is None or _RUN_IN.search(found["rest"]):
        return False
    return _cue(_WORD.findall(found["rest"])[::-1], backwards=True) is None


_COULD_REACH = 160  # characters before the expression a "could" may stand


def _future_further_left(before: str) -> bool:
    """Whether a future phrase in ``before`` governs the expression: no past verb stands
    between them ("`` The coroner wants to clear up the cause ; we share that goal , '' said
    Mr Chernoff in a statement on his law firm 's website on Tuesday" is a Tuesday gone by, so
    is "`` ... one would have to do that , '' Gibbs said Tuesday")."""
    if not may_hold(before, _FUTURE_NEEDLES):
        return False
    found = list(FUTURE_PHRASES.finditer(before))
    if not found:
        return False
    words = _WORD.findall(before, found[-1].end())
    # the verb the phrase governs is its own ("hope to have finished the quay by Friday"); a
    # passive one is read with its "be" ("was to be permanently sealed by Sunday")
    first = words[0].lower() if words else ""
    if first != "be":
        words = words[2:] if first == "have" else words[1:]
    return _cue(words[::-1], backwards=True) != "past"


# Words that open another clause between a far verb and the expression ("will visit Haiti next
# week, after a plea ... on Saturday").
# ("when he meets ... on Wednesday" after "will" is the future's: no stop)
_FAR_STOPS = frozenset("after before who which whereas but because".split())


# A clause closed just before a weekday: the verb right after it is the weekday's own.
_CLOSED = re.compile(r",\s*(?:on\s+)?$", re.IGNORECASE)
# A weekday of the week after the anchor's: "on Wednesday next week" (not "began on Monday ,
# next week it will spread").
_NEXT_WEEK = re.compile(r"\s+(?:of\s+)?next\s+week\b", re.IGNORECASE)
# A report's "that" just before the expression: the date opens the reported clause.
_REPORTED_THAT = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|added|warned|confirmed|stated|hope|hopes|hoped|"
    r"expects|predicted|predicts)\s+that\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_REPORTED_NEEDLES = ("that",)  # :func:`~newsline.temporal.day_cues.may_hold`
# What a state lasts since began before: "criticised since the 20 April blowout".
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE_NEEDLES = ("nce",)  # :func:`~newsline.temporal.day_cues.may_hold`


# What is supposed to have happened already: "thousands are expected (feared, believed) to have
# died in Tuesday's earthquake" looks back, whatever "expected to" looks at alone.
_SUPPOSED_DONE = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?(?:expected|believed|thought|feared|said|"
    r"reported|estimated|known|likely|understood|presumed|alleged|claimed|suspected)\s+to\s+"
    r"(?:have|'ve)\s+(?:been\s+)?(?:[a-z]+(?:ed|en|wn|ne|ght|ung|ost)|left|lost|met|made|put|"
    r"set|hit|sent|spent|struck|sold|held|fled|led|paid)\b"
    # the same clause, up to the expression, and no deadline ("to have finished by Friday")
    r"(?:(?!,|;|\b(?:but|and|that|which|will|would|due|by)\b).)*$",
    re.IGNORECASE,
)
_SUPPOSED_NEEDLES = ("ve",)  # "have", "'ve" (:func:`~newsline.temporal.day_cues.may_hold`)


# What happens as a rule, not once: a month, season or weekday it names is any year's.
_HABITUAL = re.compile(
    r"\b(?:usually|typically|generally|traditionally|often|rarely|seldom|frequently|"
    r"tends? to|tended to)\b",
    re.IGNORECASE,
)
# "usually", "typically", "generally", "traditionally", "rarely", "frequently"; "often",
# "seldom", "tend(s|ed) to" (:func:`~newsline.temporal.day_cues.may_hold`).
_HABIT_NEEDLES = ("ly", "often", "eldom", "tend")
_HABIT_REACH = 80  # characters before the expression a habit's word may stand
# Between the habit's word and the expression, these end its clause ("Jackson, who often
# performed in London, died in June"; "In May it usually snows, but on 10th May ...").
_CLAUSE_END = re.compile(r"[,;:()]|\b(?:and|but|which|who|when|while|whereas)\b", re.IGNORECASE)


def _habitual(before: str) -> bool:
    """Whether a word of habit governs what follows it up to the expression: in the same
    clause, and no past or future cue nearer ("the usually quiet town was shaken ... on
    Tuesday" is a Tuesday)."""
    if not may_hold(before, _HABIT_NEEDLES):
        return False
    found = list(_HABITUAL.finditer(before))
    if not found:
        return False
    between = before[found[-1].end() :]
    if _CLAUSE_END.search(between):
        return False
    return _cue(_WORD.findall(between)[::-1], backwards=True) in (None, "present")


# Words hold no space, so the words of a text after (before) one of its spaces are its last
# (first) words: a sentence's far end need not be read when its near end has enough.
_REACH = 160


def _last_words(text: str, count: int) -> list[str]:
    """``_WORD.findall(text)[-count:]``."""
    cut = text.rfind(" ", 0, len(text) - _REACH)
    if cut >= 0:
        words = _WORD.findall(text, cut)
        if len(words) >= count:
            return words[-count:]
    return _WORD.findall(text)[-count:]


def _first_words(text: str, count: int) -> list[str]:
    """``_WORD.findall(text)[:count]``."""
    cut = text.find(" ", _REACH)
    if cut >= 0:
        words = _WORD.findall(text, 0, cut)
        if len(words) >= count:
            return words[:count]
    return _WORD.findall(text)[:count]
