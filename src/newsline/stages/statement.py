"""A dated sentence as a timeline line: without the time expression its entry's label carries.

Under "22 April 2010", "April 22 - The rig sinks" reads "The rig sinks", and "BP said on
Tuesday that the leak had slowed" reads "BP said that the leak had slowed". Only the mention
that dated the sentence goes, and only where it stands as an adverbial: opening the sentence
("On Tuesday, ...", "2014 — ..."), behind on/in/last/this/early/late, or a bare day name or
relative expression ("said Tuesday that", "filed last month"). Where it does other work ("the
April 20 explosion", "Tuesday's vote", "since 1987", "a day after Monday") the sentence stays
as written. The sentence as written stays with the timeline
(:attr:`newsline.records.EntrySentence.quote`).

What a saved page ran into the sentence leaves the line too, in this order: before the date
that dated it, a photo's caption printed ahead of a chronology's full date ("Footage of the raid
21 November 2009 Court documents reveal ...") and a caption or headline glued on without a stop
("... into the Atlantic It emerged on Wednesday ..."); then, whatever dated it, a page's time
stamp and what precedes it, photo credits and a wire's dateline heading it ("AP Photo/Name",
"NEW ORLEANS --"), an agency's tag closing it, a list's bullet and a chronology's mark.
:func:`heads_line` tells a chronology's line, headed by its date, for the sentence's ranking.
"""

from __future__ import annotations

import re
from itertools import islice

from newsline.records import Event
from newsline.stages.clean_text import SIDE_CLAUSE_WORDS, find_mention
from newsline.stages.sentences import open_quotation
from newsline.temporal.lexicon import MONTH_RE, WEEKDAY_RE

#: What follows a chronology line's date: "April 22 - ", "22 April: ", "June 15, 2010 — ". A
#: hyphen counts only with space around it ("May 5-7" is a range, "Tuesday-Wednesday" a span).
_MARK = r"(?:[:–—]|\s-\s|--)"
ENTRY_MARK = re.compile(rf"\s*(?:{_MARK}|,\s*\d{{4}}\s*{_MARK})")
_LEAD = r"(?:on|in|last|this|early|late)"
_ERA = re.compile(rf"(\d{{4}})\s*{_MARK}\s*")
_OPENING = re.compile(rf"^\s*(?:{_LEAD}\s+)?", re.IGNORECASE)
# Mentions that are adverbials by themselves: "said Tuesday", "filed last month".
_ADVERBIAL = re.compile(
    rf"(?:{WEEKDAY_RE}|yesterday|today|tonight|(?:last|this|next|later|earlier)\b.*)",
    re.IGNORECASE,
)
# A mention this word leans on is part of the sentence's meaning, not its date alone.
_BOUND = frozenset(
    "after before since until till by from of to between through for than and or the a an"
    " each every per next in on at".split()
)
# Words before the date that make it the point: "only in May", "not until June", "earlier on".
_FOCUS = frozenset("only just even not as back until since from early late earlier later".split())
# Left alone, these dangle: "was born on May 5" -> "was born", "is Tuesday" -> "is".
_DANGLING = frozenset(
    "is are was were be been being am held born sworn due set made built taken given known"
    " seen begun began came went scheduled expected slated planned".split()
)
# The date belongs to a side clause or a plan ("since construction began in 2014", "the target
# of opening in 2021"): it is what the clause says, not when the sentence's news happened.
_SIDE = re.compile(
    rf"\b(?:{SIDE_CLAUSE_WORDS}|target|deadline|plan|planned|due|expected)\b[^,;]*$",
    re.IGNORECASE,
)
# Words that join the date to what follows: "on Tuesday and Friday", "in 2010 and fell".
_JOINED = re.compile(r"\s*(?:and|or|but|to|through|until|till|[-–—])\b", re.IGNORECASE)
_MIN_WORDS = 4
# At least that many words from where it is tried (a count of every word cost a long line's
# length on each try).
_ENOUGH_WORDS = re.compile(rf"\s*(?:\S+\s+){{{_MIN_WORDS - 1}}}\S")
_WORD = re.compile(r"\S+")
# A chronology's date heading a line: "1998-2001 — ", "2002 — ", "14 October 2002: ",
# "March 11, 2024 — ", "Mid-2000s — ", "April 22 - ".
_YEARS = r"(?:(?:early|mid|late)[-\s]?)?\d{4}s?(?:\s*[-–/]\s*(?:\d{4}|\d{2})s?)?"
_DAY_MONTH = rf"(?:\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|{MONTH_RE})"
CHRONOLOGY_MARK = re.compile(
    rf"\s*(?:{WEEKDAY_RE},?\s+)?(?:{_DAY_MONTH}(?:,?\s+{_YEARS})?|{_YEARS})"
    r"(?:\s*[:–—]|\s+-|\s*--)\s+(?=\S)",
    re.IGNORECASE,
)


# A date naming its day, month and year ("21 November 2009", "November 21, 2009"), or its
# weekday, day and month ("Thursday 14 January", a live page's day): what heads a chronology.
_DAY_OF_MONTH = rf"(?:\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}})"
_FULL_DATE = re.compile(
    rf"(?:{WEEKDAY_RE},?\s+)?{_DAY_OF_MONTH}\s*,?\s+\d{{4}}|{WEEKDAY_RE},?\s+{_DAY_OF_MONTH}",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"{WEEKDAY_RE},?", re.IGNORECASE)
_LEADS = frozenset("on in last this early late".split())
_CLOSING_QUOTES = frozenset(["''", '"', "”", "’"])


# A sentence run into the one before it without a stop: a word's end, then a word that opens
# sentences and a lowercase word ("... into the Atlantic It emerged ..."). The word is taken
# whole from its start, and what follows the opener only looked at: a match tried inside a
# long word read it to its end once a character (quadratic).
_GLUED = re.compile(
    r"(?<![\w'’-])(?P<before>[\w'’-]*[a-z0-9])\s+(?P<opener>It|The|He|She|They|We|There|An"
    r"|Thousands|Hundreds|Dozens|Many|Some)(?=\s+(?P<next>[a-z]))"
)
_TITLE_WORDS = frozenset("Is Of And In On At To For A The".split())
# Words no sentence ends with ("in", "on" do: "... so the aid agencies can go in The nine ...").
_GOES_ON = frozenset("and or nor but the a an of than".split())


# A web page's time stamp inside a lead, with the headline and standfirst run in before it:
# "cents Mapping of genetic code ... Friday 8 May 2009 16.29 BST The World Health ...".
_STAMP = re.compile(
    rf"\b(?:{WEEKDAY_RE})\s+\d{{1,2}}\s+(?:{MONTH_RE})\s+\d{{4}}\s+\d{{1,2}}[.:]\d{{2}}"
    r"\s*(?:BST|GMT|UTC|CET|CEST|EDT|EST|CDT|CST|PDT|PST)\b\s*",
    re.IGNORECASE,
)
# A photo's credit or a wire's dateline heading a line, as saved pages run them into the
# story: "-LRB- AP Photo/Gerald Herbert -RRB- ", "(AP) ", "Getty ", "AP Photo/Dave Martin ",
# "Photograph : Associated Press ", "Coast Guard via AP ", "NEW ORLEANS -- ", "WASHINGTON
# (Reuters) - ". A credit's name runs to the word that opens the sentence (:func:`_named`).
_AGENCY = r"(?:AP|AFP|EPA|Reuters|Getty(?:\s+Images)?|Bloomberg|Xinhua|PA)"
_OPEN, _CLOSE = r"(?:-LRB-|\()", r"(?:-RRB-|\))"
# (inside its brackets: "-RRB-" has no parenthesis to stop at, and "-LRB- He -RRB- said the
# EPA ..." lost its subject to an agency named after them)
_INSIDE = rf"(?:(?!{_CLOSE})[^()])"
_BRACKETED_CREDIT = re.compile(
    rf"\s*{_OPEN}\s*(?={_INSIDE}*\b(?:{_AGENCY}|Photo)\b){_INSIDE}{{1,60}}?\s*{_CLOSE}\s+"
)
_NAMED_CREDIT = re.compile(rf"\s*(?:{_AGENCY}\s+Photos?\s*\\?/|Photo(?:graph)?s?\s*:)\s*")
_DATELINE = re.compile(
    # NEW ORLEANS: five capitals or two words ("BP --", "U.S. --" are no place)
    r"\s*(?=[A-Z.'-]{5}|[A-Z.'-]+\s+[A-Z][A-Z])[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}"
    r"(?:\s*,\s*[A-Z][a-zA-Z.]+(?:\s+[A-Z][a-zA-Z.]+)?)?"  # , La.
    rf"\s*(?:{_OPEN}\s*{_AGENCY}\s*{_CLOSE}\s*)?(?:--|[-–—])\s+(?=[A-Z`'\"“‘])"
)
# (each begins where its spaces begin: tried inside a run of them, it read the run again)
_TRAILING_CREDIT = re.compile(rf"(?<!\s)\s*{_OPEN}\s*{_AGENCY}\s*{_CLOSE}(?=\s*[.]?\s*$)")
# Words that open a sentence and never end a photographer's name.
_OPENERS = frozenset(
    "The A An As At In On It He She They We This That These Those More Some Many Up Since"
    " After Before When While Thousands Hundreds Dozens Officials".split()
)
# A bare "Getty" is a credit only before a sentence's opener or a dateline's capitals: before
# a name's word it is the company's or the museum's ("Getty Images Chief Executive ... said").
_BARE_CREDIT = re.compile(
    rf"\s*(?:Getty(?:\s+Images)?(?=\s+(?:[A-Z][A-Z.'-]+|{'|'.join(sorted(_OPENERS))})\s)"
    rf"|(?:[A-Z][\w.'-]*\s+){{1,4}}via\s+{_AGENCY})\s+(?=[A-Z])"
)
_NAME_WORDS = 4


# A list's bullet heading a line: "-- BP says ...", "• Oil reaches ...".
_BULLET = re.compile(r"\s*(?:--|[-–—•*·])\s+")


def statement(event: Event, keep_date: bool = False) -> str:
    """The sentence without the time expression that dated it (see the module); with
    ``keep_date`` (a plan's sentence, whose date is what is planned) only without a
    chronology's mark (:func:`without_mark`)."""
    text, mention = event.text, event.mention or ""
    if keep_date or event.dated_by != "explicit" or not mention:
        return without_mark(text)
    return without_mark(_dateless(text, mention, event))


def _dateless(text: str, mention: str, event: Event) -> str:
    text = _after_run_in(_from_heading(text, mention), mention)
    if text.startswith(mention):
        mark = ENTRY_MARK.match(text, len(mention))
        if mark:  # a line of someone's chronology: "April 22 - The rig sinks"
            rest = text[mark.end() :].lstrip()
            return rest if len(rest.split()) >= 3 else text
    shorter = _without(text, mention)
    if not shorter or len(shorter.split()) < _MIN_WORDS:
        return text
    return _without_era(shorter, event)


def heads_line(event: Event) -> bool:
    """Whether the sentence is a line of someone's chronology, headed by the date that dated
    it: with a mark ("April 22 - The rig sinks"), or a full date without one ("25 July 2011
    Rehearsal footage can not be used"), also after a photo's caption run in before it."""
    text, mention = event.text, event.mention or ""
    if event.dated_by != "explicit" or not mention:
        return False
    text = _from_heading(text, mention)
    if not text.startswith(mention):
        return False
    rest = text[len(mention) :]
    if ENTRY_MARK.match(rest):
        return True
    return _FULL_DATE.fullmatch(mention) is not None and re.match(r"\s+[A-Z]", rest) is not None


def _from_heading(text: str, mention: str) -> str:
    """A chronology's full date run into its line after a photo's caption, as saved pages print
    them ("Footage of the raid on the clinic 21 November 2009 Court documents reveal ..."): the
    line from its date on, which then heads it; else ``text``. Not where a word the date leans
    on stands before it ("raided on 21 November 2009 The ...": a missing stop, not a heading)."""
    at = find_mention(text, mention)
    if at <= 0 or _FULL_DATE.fullmatch(mention) is None:
        return text
    before, after = text[:at].split(), text[at + len(mention) :]
    last = before[-1] if before else ""
    if not re.match(r"\s+[A-Z][a-z]*\b(?!\s*['’]s\b)", after) or _words(after) < _MIN_WORDS:
        return text  # what follows is no sentence ("... 12 March 1814 Velmar , Norland .")
    leans = last.lower() in _BOUND or last.lower() in _LEADS or _WEEKDAY.fullmatch(last)
    if leans or not (last[-1:].isalnum() or last in _CLOSING_QUOTES):
        return text
    return text[at:]


def _words(text: str) -> int:
    """How many words ``text`` holds, a comma or a stop no word."""
    return sum(any(c.isalpha() for c in token) for token in text.split())


def _after_run_in(text: str, mention: str) -> str:
    """The line from the last sentence run into it before its date, as saved pages glue a
    caption or a headline to the story ("An ocean current is threatening to carry the oil into
    the Atlantic It emerged on Wednesday a small portion ..." reads "It emerged ..."); else
    ``text``. A title's words ("This Is It tour") run nothing in, nor a name (:func:`_runs_in`)."""
    at = find_mention(text, mention)
    last = None
    for glued in _GLUED.finditer(text, 0, max(at, 0)):
        if _runs_in(glued):
            last = glued
    # the words before a later run-in are never fewer: only the last one needs counting
    cut = last.start("opener") if last is not None else 0
    if not cut or len(text[:cut].split()) < 3 or not _ENOUGH_WORDS.match(text, cut):
        return text
    return text[cut:]


def _runs_in(glued: re.Match[str]) -> bool:
    """Whether a sentence runs in at ``glued``'s opener, not a title or a name going on: a
    title's word or a possessive before it ("This Is It tour", "Rosa Lind 's It opened"), a
    word the sentence goes on after ("Lind and He met"), "An" not the article ("Tran Van An
    said"), "He" after a name's word ("Vice Premier Liu He said")."""
    before, opener = glued["before"], glued["opener"]
    if before in _TITLE_WORDS or before.lower() in _GOES_ON or before.endswith(("'s", "’s")):
        return False
    if opener == "An":
        return glued["next"] in "aeiou"
    return opener != "He" or not before[:1].isupper()


def without_mark(text: str) -> str:
    """``text`` without a chronology's date heading it ("1998-2001 — The ferry capsizes in
    January 1998" reads "The ferry capsizes in January 1998"), nor a list's bullet ("-- "), nor
    what a page ran in before its time stamp ("... Friday 8 May 2009 16.29 BST The WHO ..."
    reads "The WHO ..."): a line never opens with one, whatever its entry; kept only when
    nothing would be left."""
    stamp = _STAMP.search(text)
    if stamp and len(text[stamp.end() :].split()) >= _MIN_WORDS:
        text = text[stamp.end() :]  # what the page ran in before its stamp is no statement
    text = _uncredited(text)
    bullet = _BULLET.match(text)
    if bullet and any(c.isalpha() for c in text[bullet.end() :]):
        text = text[bullet.end() :]  # "-- BP says ...": a list's bullet
    mark = CHRONOLOGY_MARK.match(text)
    rest = text[mark.end() :] if mark else ""
    if not any(c.isalpha() for c in rest):
        return text
    return rest[:1].upper() + rest[1:]


def _uncredited(text: str) -> str:
    """``text`` without the photo credits and the wire's dateline heading it, nor an agency's
    tag closing it ("... in Florida -LRB- Reuters -RRB- ."); kept when too little would be left."""
    rest, at = _TRAILING_CREDIT.sub("", text), 0
    while True:  # from where the last credit ended: no copy, no count of all words, a credit
        found = (  # (a long run of credits cost its square)
            _BRACKETED_CREDIT.match(rest, at)
            or _BARE_CREDIT.match(rest, at)
            or _DATELINE.match(rest, at)
        )
        if found is not None:
            cut = found.end()
        elif (named := _NAMED_CREDIT.match(rest, at)) is not None:
            cut = _named(rest, named.end())
        else:
            break
        if cut <= at or not _ENOUGH_WORDS.match(rest, cut):
            break
        at = cut
    rest = rest[at:]
    return rest if len(rest.split()) >= _MIN_WORDS else text


def _named(text: str, start: int) -> int:
    """Where the sentence begins after a photographer's name that starts at ``start``
    ("Dave Martin As much as ...", "Transocean BP has begun ...", "Associated Press The Gulf
    ..."): at the first word that opens sentences, else at the last capitalized word before a
    lowercase one ("BP 's" too); 0 when no end is found within a name's length, or the names run
    on to a comma, a quote or a number ("Ann Berg/AP Rosa Lind , the ..." would read "Lind ,")."""
    words = list(islice(_WORD.finditer(text, start), _NAME_WORDS + 2))
    for i, word in enumerate(words):
        token = word.group()
        if i and token in _OPENERS:
            return word.start()
        if not token[:1].isupper():
            lowercase = token[:1].islower() or token in ("'s", "’s")
            return words[i - 1].start() if i >= 2 and lowercase else 0
    return 0


def _without_era(text: str, event: Event) -> str:
    """A chronology line's year dropped too when the entry lies in it: "2014 — ... in April"
    under April 2014 reads without "2014 — "."""
    era = _ERA.match(text)
    interval = event.interval
    if era is None or interval is None:
        return text
    year = int(era.group(1))
    if not (interval.start.year == interval.end.year == year):
        return text
    rest = text[era.end() :]
    return rest if len(rest.split()) >= _MIN_WORDS else text


def _without(text: str, mention: str) -> str | None:
    at = text.find(mention)
    if at < 0 or open_quotation(text[:at]) is not None:
        return None  # never inside a quotation: a quote stays as said
    before, after = text[:at], text[at + len(mention) :]
    if re.match(r"\s?['’]s\b|\w", after) or _JOINED.match(after):
        return None  # "Tuesday's vote" ("Tuesday 's" tokenized), a longer word, "... and Friday"
    if _OPENING.fullmatch(before) is not None:
        return _opening(before, after, mention)
    if _SIDE.search(before):
        return None
    return _inside(before, after, mention)


def _opening(before: str, after: str, mention: str) -> str | None:
    """ "On Tuesday, BP said ...", "In 1994 the pier ...": the rest, capitalized."""
    separator = re.match(r"\s*[,:;–—-]\s*", after)
    if not before.strip() and separator is None:
        heading = re.match(r"\s+(?=[A-Z])", after) and any(c.isdigit() for c in mention)
        if not heading:
            return None  # "April 22 was the day ...": the date is the subject
        # a chronology's line without a dash: "25 July 2011 Rehearsal footage can not be used"
    rest = after[separator.end() :] if separator else after.lstrip()
    return rest[:1].upper() + rest[1:] if rest else None


def _inside(before: str, after: str, mention: str) -> str | None:
    """ "BP said on Tuesday that ...", "the companies said Sunday ."."""
    lead = re.search(rf"(,\s*)?\s{_LEAD}\s+$", before, re.IGNORECASE)
    if lead is not None:
        cut, comma_before = lead.start(), lead.group(1) is not None
    else:
        word = re.search(r"(\S+)\s+$", before)
        if _ADVERBIAL.fullmatch(mention) is None or word is None:
            return None
        if word.group(1).lower() in _BOUND or not word.group(1)[:1].isalnum():
            return None
        cut, comma_before = word.end(1), False  # "said Tuesday that": the word before stays
    trailing = re.match(r"\s*,", after)
    if trailing and not comma_before:
        return None  # "came on Dec. 21, when", "is Tuesday, the mayor said": it would dangle
    left, right = before[:cut].rstrip(), after[trailing.end() if trailing else 0 :].lstrip()
    last = left.rsplit(None, 1)[-1].lower() if left else ""
    if last in _FOCUS or last in _DANGLING:
        return None
    joint = "" if not right or right[0] in ".,;:!?)" else " "
    return f"{left}{joint}{right}".strip()
