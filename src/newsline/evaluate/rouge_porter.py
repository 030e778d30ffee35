"""The Porter stemmer as NLTK runs it by default (``PorterStemmer()``, mode ``NLTK_EXTENSIONS``).

tilse's reimplemented ROUGE stems every token with NLTK's stemmer, so our ROUGE only agrees with
it if this stemmer gives the same stem for every word. It follows Porter (1980) with NLTK's
departures, each marked ``NLTK:`` below: a pool of irregular forms, words of one or two letters
left alone, ``-ies``/``-ied`` on four-letter words, ``y -> i`` only after a consonant, and the
extra step-2 rules ``alli``, ``bli``, ``fulli`` and ``logi``. Only ``a e i o u`` are vowels, so
any other character (digits, accented letters) counts as a consonant, as in NLTK.
"""

from __future__ import annotations

from collections.abc import Callable

_VOWELS = frozenset("aeiou")

# NLTK: irregular forms that map straight to a stem.
_IRREGULAR = {
    "skies": "sky", "sky": "sky", "dying": "die", "lying": "lie", "tying": "tie",
    "news": "news", "innings": "inning", "inning": "inning", "outings": "outing",
    "outing": "outing", "cannings": "canning", "canning": "canning", "howe": "howe",
    "proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}  # fmt: skip

Condition = Callable[[str], bool] | None
Rule = tuple[str, str, Condition]


def porter_stem(word: str) -> str:
    """Stem one word exactly as ``nltk.stem.PorterStemmer().stem(word)`` does (lowercased)."""
    stem = word.lower()
    if stem in _IRREGULAR:
        return _IRREGULAR[stem]
    if len(word) <= 2:
        return stem
    for step in (_step1a, _step1b, _step1c, _step2, _step3, _step4, _step5a, _step5b):
        stem = step(stem)
    return stem


def _consonants(word: str) -> list[bool]:
    """True where the letter is a consonant; ``y`` is one unless it follows a consonant."""
    flags: list[bool] = []
    for i, ch in enumerate(word):
        if ch in _VOWELS:
            flags.append(False)
        elif ch == "y":
            flags.append(True if i == 0 else not flags[i - 1])
        else:
            flags.append(True)
    return flags


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``[C](VC){m}[V]``."""
    flags = _consonants(stem)
    return sum(1 for a, b in zip(flags, flags[1:], strict=False) if not a and b)


def _positive(stem: str) -> bool:
    return _measure(stem) > 0


def _above_one(stem: str) -> bool:
    return _measure(stem) > 1


def _has_vowel(stem: str) -> bool:
    return not all(_consonants(stem))


def _ends_double(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _consonants(word)[-1]


def _ends_cvc(word: str) -> bool:
    flags = _consonants(word)
    if len(word) >= 3 and flags[-3] and not flags[-2] and flags[-1]:
        return word[-1] not in "wxy"
    # NLTK: a two-letter vowel-consonant stem also counts (``at``, ``on``).
    return len(word) == 2 and not flags[0] and flags[1]


def _apply(word: str, rules: list[Rule]) -> str:
    """Apply the first rule whose suffix matches; if its condition fails, stop unchanged."""
    for suffix, replacement, condition in rules:
        if suffix == "*d":
            if not _ends_double(word):
                continue
            stem = word[:-2]
        elif word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
        else:
            continue
        return stem + replacement if condition is None or condition(stem) else word
    return word


def _step1a(word: str) -> str:
    if word.endswith("ies") and len(word) == 4:  # NLTK: ties -> tie
        return word[:-3] + "ie"
    return _apply(word, [("sses", "ss", None), ("ies", "i", None), ("ss", "ss", None),
                         ("s", "", None)])  # fmt: skip


def _step1b(word: str) -> str:
    if word.endswith("ied"):  # NLTK: tied -> tie, cried -> cri
        return word[:-3] + ("ie" if len(word) == 4 else "i")
    if word.endswith("eed"):
        stem = word[:-3]
        return stem + "ee" if _measure(stem) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            stem = word[: -len(suffix)]
            break
    else:
        return word
    last = stem[-1]
    return _apply(stem, [
        ("at", "ate", None), ("bl", "ble", None), ("iz", "ize", None),
        ("*d", last, lambda _: last not in "lsz"),
        ("", "e", lambda s: _measure(s) == 1 and _ends_cvc(s)),
    ])  # fmt: skip


def _step1c(word: str) -> str:
    # NLTK: y -> i only after a consonant that is not the whole stem (happy, not enjoy).
    return _apply(word, [("y", "i", lambda s: len(s) > 1 and _consonants(s)[-1])])


_STEP2 = [
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
    ("izer", "ize"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
    ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
    ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
    ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("fulli", "ful"),
]  # fmt: skip


def _step2(word: str) -> str:
    if word.endswith("alli") and _positive(word[:-4]):  # NLTK: radicalli -> radical, again
        return _step2(word[:-4] + "al")
    rules: list[Rule] = [(suffix, repl, _positive) for suffix, repl in _STEP2]
    rules.append(("logi", "log", lambda _: _positive(word[:-3])))  # NLTK: the l counts
    return _apply(word, rules)


def _step3(word: str) -> str:
    return _apply(word, [
        ("icate", "ic", _positive), ("ative", "", _positive), ("alize", "al", _positive),
        ("iciti", "ic", _positive), ("ical", "ic", _positive), ("ful", "", _positive),
        ("ness", "", _positive),
    ])  # fmt: skip


_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent")
_STEP4_TAIL = ("ou", "ism", "ate", "iti", "ous", "ive", "ize")


def _step4(word: str) -> str:
    rules: list[Rule] = [(suffix, "", _above_one) for suffix in _STEP4]
    rules.append(("ion", "", lambda s: _measure(s) > 1 and s[-1] in "st"))
    rules.extend((suffix, "", _above_one) for suffix in _STEP4_TAIL)
    return _apply(word, rules)


def _step5a(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _ends_cvc(stem)):
            return stem
    return word


def _step5b(word: str) -> str:
    return _apply(word, [("ll", "l", lambda _: _measure(word[:-1]) > 1)])
