"""Words for time: months, weekdays, seasons, number words, and their regex alternations."""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    ]
):
    for _name in _names:
        WEEKDAYS[_name] = _number

#: Short forms that end in a period of their own ("Dec.", "Tues."), not a sentence's.
ABBREVIATIONS = frozenset(
    name for name in [*MONTHS, *WEEKDAYS] if len(name) <= 4 and name not in ("may", "june", "july")
)

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

#: Cardinal words by place; a compound ("twenty-four") is read from its parts.
ONES = {w: n for n, w in enumerate("one two three four five six seven eight nine".split(), 1)}
TEENS = {
    w: n
    for n, w in enumerate(
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(),
        10,
    )
}
TENS = {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **ONES,
    **TEENS,
    **TENS,
    "hundred": 100,
    "several": 3,
    "few": 3,
    "couple": 2,
    "dozen": 12,
}

ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "thirtieth": 30,
}

#: Words for a quantity that is not stated: their TIMEX3 amount is X.
VAGUE_AMOUNTS = frozenset({"several", "few", "a few", "some", "many"})

#: Parts of the day as TIMEX3 writes them after a date: 1998-02-06TMO.
DAY_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
    "midday": "MI",
    "noon": "12:00",
    "midnight": "24:00",
}

#: Holidays on a fixed day of the year (month, day); movable feasts are left out.
HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "new year": (1, 1),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "the fourth of july": (7, 4),
    "fourth of july": (7, 4),
    "may day": (5, 1),
    "april fools' day": (4, 1),
    "april fool's day": (4, 1),
    "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17),
    "armistice day": (11, 11),
    "veterans day": (11, 11),
}
# ... and as tokenized text prints them ("New Year 's Eve")
HOLIDAYS.update({k.replace("'s ", " 's "): v for k, v in HOLIDAYS.items() if "'s " in k})

#: Adverbs and phrases of frequency to TIMEX3 SET values.
FREQUENCIES = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
}

#: Unit words to (TIMEX3 duration letter, granularity).
UNITS = {
    "day": ("D", "day"),
    "week": ("W", "week"),
    "weekend": ("WE", "week"),
    "fortnight": ("W", "week"),
    "month": ("M", "month"),
    "quarter": ("Q", "quarter"),
    "year": ("Y", "year"),
    "decade": ("DE", "decade"),
    "century": ("CE", "century"),
    "hour": ("H", "time"),
    "minute": ("MIN", "time"),
}


# Letters Python's case-insensitive matching takes for ASCII ones ("ſ" matches "s", the Kelvin
# sign "k", dotless and dotted "i" match "i"): a word a rule matched may hold them and must
# still find its entry in the tables above.
_FOLD = str.maketrans({"ſ": "s", "\u212a": "k", "ı": "i", "İ": "i"})


def fold(words: str) -> str:
    """Matched words as the tables key them: lowercase, one space between words.

    Rules match case-insensitively and across any run of whitespace ("This  past\nMarch"), so
    every table lookup of matched text goes through here.
    """
    if not words.isascii():
        words = words.translate(_FOLD)
    return " ".join(words.lower().split())


def alternation(words: object) -> str:
    """A regex alternation of words, longest first so 'september' wins over 'sep'."""
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


MONTH_RE = rf"(?:{alternation(MONTHS)})\.?"
WEEKDAY_RE = rf"(?:{alternation(WEEKDAYS)})\.?"
NUMBER_WORD_RE = alternation(NUMBER_WORDS)
ORDINAL_RE = rf"(?:{alternation(ORDINAL_WORDS)})"


def spelled_number(words: str) -> int | None:
    """The value of a spelled number below a hundred: 'twenty four', 'twenty-four', 'nine'."""
    parts = fold(words).replace("-", " ").split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES:
        return TENS[parts[0]] + ONES[parts[1]]
    if len(parts) == 1:
        word = parts[0]
        return NUMBER_WORDS.get(word)
    return None
