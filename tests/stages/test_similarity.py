"""Shared sentence analysis: each list's TF-IDF vectors are exactly those a vectorizer fitted on
that list alone gives, whatever other lists the same query analyzed before."""

from __future__ import annotations

import importlib
from array import array

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from newsline.stages.clean_text import content_words
from newsline.stages.english_stopwords import ENGLISH_STOPWORDS
from newsline.stages.similarity import (
    SentenceTexts,
    SentenceVectors,
    analyze,
    sentence_analysis,
)

SENTENCES = [
    "The Velmora dam opened its floodgates on Tuesday.",
    "Engineers opened the Velmora floodgates on Monday, engineers said.",
    "The ferry strike in Kessa ended on Friday.",
    "Kessa dockers ended their strike on Friday after talks.",
    "It was the one and only time.",
    # a row of many words: its squares are summed in order (numpy's sums pair them up)
    "Velmora engineers, Kessa dockers, ferry crews, dam inspectors, harbour pilots, rail"
    " unions, port authorities and river wardens met in Kessa on Friday; engineers said the"
    " Velmora dam's floodgates, opened on Tuesday, would stay open until the river fell.",
]

LISTS = [
    SENTENCES,
    SENTENCES[2:] + SENTENCES[:2],  # another order: other column order of first sight
    [SENTENCES[0], SENTENCES[0], SENTENCES[3]],  # a sentence stating two dates is listed twice
    [SENTENCES[4], SENTENCES[1]],
    [SENTENCES[4]],  # stopwords only: nothing to weigh
    [SENTENCES[5], SENTENCES[4], SENTENCES[0]],
]

# Text the vectorizer's analyzer is particular about: case, accents, apostrophes, dashes,
# digits, one-letter words, other scripts.
ANALYZED = [
    "Café naïve ÉCOLE d'été",
    "The U.S. and the E.U. agreed on 2nd-round talks at 10:30 p.m.",
    "Kessa’s mayor — re-elected in 2019 — said “no”.",
    "İstanbul Straße ß ½ Ⅻ x y",
    "",
]


def _same(made: object, expected: object) -> bool:
    if made is None or expected is None:
        return made is expected
    return (
        type(made) is type(expected)
        and made.shape == expected.shape  # type: ignore[attr-defined]
        and (made.indptr == expected.indptr).all()  # type: ignore[attr-defined]
        and (made.indices == expected.indices).all()  # type: ignore[attr-defined]
        and made.data.tobytes() == expected.data.tobytes()  # type: ignore[attr-defined]
    )


def _fitted(sentences: list[str]) -> object:
    vectorizer = TfidfVectorizer(lowercase=True, stop_words="english", sublinear_tf=True)
    try:
        return vectorizer.fit_transform(sentences).tocsr()
    except ValueError:
        return None


@pytest.mark.parametrize("sentences", LISTS)
def test_shared_analysis_gives_the_vectorizers_floats(sentences: list[str]) -> None:
    shared = SentenceTexts()
    for other in LISTS:  # the same query vectorized its other lists first
        SentenceVectors(other, shared)
    assert _same(SentenceVectors(sentences, shared).matrix, _fitted(sentences))
    assert _same(SentenceVectors(sentences).matrix, _fitted(sentences))


def test_stopwords_are_the_vectorizers() -> None:
    assert ENGLISH_STOPWORDS == ENGLISH_STOP_WORDS


@pytest.mark.parametrize("text", SENTENCES + ANALYZED)
def test_analysis_is_the_vectorizers(text: str) -> None:
    vectorizer = TfidfVectorizer(lowercase=True, stop_words="english")
    assert analyze(text) == vectorizer.build_analyzer()(text)


@pytest.mark.parametrize("text", SENTENCES)
def test_shared_content_words(text: str) -> None:
    shared = SentenceTexts()
    numbers = shared.content_numbers(text)
    words = list(shared._content_numbers)  # noqa: SLF001 - the numbers in order of first sight
    assert {words[n] for n in numbers} == content_words(text)
    assert shared.content_numbers(text) is numbers  # derived once


@pytest.mark.parametrize("text", SENTENCES + ANALYZED)
def test_word_ids_are_the_analysis(text: str) -> None:
    shared = SentenceTexts()
    shared.counts(SENTENCES + ANALYZED)
    numbers = array("i")
    numbers.frombytes(shared.word_ids(text))
    words = list(shared._numbers)  # noqa: SLF001 - the numbers in order of first sight
    assert [words[n] for n in numbers] == analyze(text)


@pytest.mark.parametrize("first", [[], SENTENCES[:2]])  # content words asked for before, or not
def test_incidence_rows_are_the_content_words(first: list[str]) -> None:
    shared = SentenceTexts()
    for text in first:
        shared.content_numbers(text)
    incidence = shared.content_incidence(SENTENCES + ANALYZED)
    words = list(shared._content_numbers)  # noqa: SLF001 - the numbers in order of first sight
    for row, text in enumerate(SENTENCES + ANALYZED):
        used = incidence.indices[incidence.indptr[row] : incidence.indptr[row + 1]]
        assert {words[n] for n in used} == content_words(text)


@pytest.mark.parametrize("sentences", LISTS)
def test_stored_analysis_gives_the_same_floats(sentences: list[str]) -> None:
    learned = SentenceTexts()
    for text in SENTENCES + ANALYZED:  # as a query reads them with their events
        learned.learn(text, *sentence_analysis(text))
    assert _same(SentenceVectors(sentences, learned).matrix, _fitted(sentences))


@pytest.mark.parametrize("learned", [SENTENCES[::2], SENTENCES + ANALYZED])  # some, or all
def test_stored_analysis_gives_the_same_incidence(learned: list[str]) -> None:
    shared = SentenceTexts()
    for text in learned:
        shared.learn(text, *sentence_analysis(text))
    incidence = shared.content_incidence(SENTENCES + ANALYZED)
    words = list(shared._content_numbers)  # noqa: SLF001 - the numbers in order of first sight
    for row, text in enumerate(SENTENCES + ANALYZED):
        used = incidence.indices[incidence.indptr[row] : incidence.indptr[row + 1]]
        assert {words[n] for n in used} == content_words(text)


@pytest.mark.parametrize(
    "ids",
    [[0], [3, 3, 3], [5, 0, 5, 2, 0, 9], [7, 1, 4, 1, 7, 0, 2, 2, 11, 4], list(range(6))[::-1]],
)
def test_unique_word_numbers_are_numpys(ids: list[int]) -> None:
    from newsline.stages.similarity import _unique

    numbers = np.array(ids, np.int32)
    expected = np.unique(numbers, return_index=True, return_inverse=True)
    for found, wanted in zip(_unique(numbers), expected, strict=True):
        assert found.dtype == wanted.dtype and found.tolist() == wanted.tolist()


def test_content_words_the_same_when_the_stem_table_empties(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clean_text = importlib.import_module("newsline.stages.clean_text")  # (not its function)

    text = "Rescuers arrived; the rescuers are arriving as others arrive."
    expected = {"rescuer", "arriv", "other"}
    assert content_words(text) == expected
    monkeypatch.setattr(clean_text._Memo, "limit", 2)  # emptied again and again mid-sentence
    assert content_words(text) == expected


# ASCII texts that sentence_analysis reads by byte tables: each character class the regexes
# treat apart (digits, "_", apostrophes and hyphens in and around words, one-letter words,
# control characters, DEL).
ASCII_TEXTS = [
    "The U.S. and the E.U. agreed on 2nd-round talks at 10:30 p.m.",
    "'tis rock-'n'-roll, -ing a- b' --x-- ''quoted'' x_y a1b2c3 3rd 1990s",
    "I a b c 1 2 _ __ a_ _a it's IT'S O'Neill's co-op's",
    "tab\tnew\nline\x0bvt\x0cff\x1cfs\x1f\x7fdel\x00nul end",
    "STOPWORDS ONLY: THE AND OF TO",
]


@pytest.mark.parametrize("text", [*ASCII_TEXTS, ""])
def test_ascii_analysis_is_the_regexes(text: str) -> None:
    assert sentence_analysis(text) == _regex_analysis(text)


def test_ascii_analysis_is_the_regexes_on_every_character() -> None:
    rng = np.random.default_rng(13)
    for _ in range(300):
        text = "".join(map(chr, rng.choice([*range(128), *b"aeiouAEIOU '-"], 60)))
        assert sentence_analysis(text) == _regex_analysis(text), repr(text)


def test_ascii_content_words_the_same_when_the_run_table_empties(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clean_text = importlib.import_module("newsline.stages.clean_text")
    text = ASCII_TEXTS[1]
    monkeypatch.setattr(clean_text._Memo, "limit", 2)
    assert sentence_analysis(text) == _regex_analysis(text)


def _regex_analysis(text: str) -> tuple[str, str]:
    """What sentence_analysis gives any text, by the regexes of analyze and content_words."""
    return " ".join(analyze(text)), " ".join(sorted(content_words(text)))
