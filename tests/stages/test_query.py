"""Query terms, and the folding that lets the store's search index pre-select their matches."""

from __future__ import annotations

import re
import sys

import pytest

from newsline.stages.query import fold, index_words, parse_query


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Al-Qaeda’s fighters", ["al-qaeda's", "fighters"]),
        ("O'Connell, O’CONNELL", ["o'connell"]),
        ("İZMİR and ızmir", ["and", "izmir"]),
        ("ΟΔΟΣ οδοσ", ["οδοσ"]),
        ("ſave SAVE", ["save"]),
        ("snake_case 2024-05-03", ["2024-05-03", "snake_case"]),
        ("", []),
        ("a" * 70 + "-b c", ["a" * 60, "c"]),  # cut to 60 characters, the rest read past
        # ASCII (split, no regex): the same words as the pattern reads
        (
            "Rock'n'Roll -- x_y\tTAB;semi.dot 'q'",
            ["'q'", "--", "dot", "rock'n'roll", "semi", "tab", "x_y"],
        ),
        ("b" * 61 + " B" * 2, ["b", "b" * 60]),
    ],
)
def test_index_words_are_folded_whole_words(text: str, words: list[str]) -> None:
    assert sorted(index_words(text)) == words


@pytest.mark.parametrize(
    ("query", "prefixes"),
    [
        ("Korean earthquakes", ("korean", "earthquak")),
        ("al-Qaeda’s", ("al-qaeda",)),
        ("the THE", ("the",)),
        ("İstanbul", ("i",)),  # lowering leaves a combining dot: the prefix stops before it
    ],
)
def test_index_prefixes_are_folded_stems(query: str, prefixes: tuple[str, ...]) -> None:
    assert parse_query(query).index_prefixes == prefixes


def test_every_word_character_folds_to_one_it_matches() -> None:
    """The index is a superset only if case-insensitive matching never tells a character from
    its fold: checked for every word character Python knows."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if re.fullmatch(r"\w", char) is None:
            continue
        folded = fold(char)
        assert len(folded) == 1, hex(code)
        assert re.fullmatch(re.escape(char), folded, re.IGNORECASE), hex(code)
        assert re.fullmatch(re.escape(folded), char, re.IGNORECASE), hex(code)


def test_letters_matching_treats_as_one_fold_to_one() -> None:
    casefix = pytest.importorskip(
        "re._casefix", reason="this Python keeps its case table elsewhere"
    )
    for code, others in casefix._EXTRA_CASES.items():
        for other in others:
            assert fold(chr(code)) == fold(chr(other)), (hex(code), hex(other))


@pytest.mark.parametrize(
    ("query", "exact"),
    [
        ("Korean earthquakes", True),
        ("al-Qaeda's O'Connell 2024", True),
        ("O’Connell", True),  # a long term's stem turns the curly apostrophe straight
        ("it’s", False),  # a short term keeps it: the index finds "it's" too
        ("İzmir", False),
        ("Zürich", False),
        ("x" * 61, False),
    ],
)
def test_the_index_is_exact_for_plain_words_only(query: str, exact: bool) -> None:
    assert parse_query(query).index_exact is exact


@pytest.mark.parametrize(
    ("query", "text", "named"),
    [
        ("velmar docks", "Dockers at Velmar walked out.", True),
        ("velmar docks", "Unvelmared quays stay shut.", False),  # inside a word
        ("velmar docks", "The harbour is shut.", False),
        ("o'neil", "O’Neil said so.", True),  # not ASCII: the pattern decides
        ("o'neil", "O'Neil said so.", True),
        ("kessel", "\u212aessel Point", True),  # the Kelvin sign folds to k
    ],
)
def test_the_quick_substring_test_never_changes_what_a_text_names(
    query: str, text: str, named: bool
) -> None:
    from newsline.stages.query import _patterns

    parsed = parse_query(query)
    assert parsed.names_any(text) is named
    assert named is any(p.search(text) for p in _patterns(parsed.stems))


@pytest.mark.parametrize(
    ("query", "text", "holds"),
    [
        ("flu", "A new form of influenza.", True),  # inside a word
        ("flu", "Flu clinics opened.", True),
        ("flu", "Clinics opened.", False),
        ("swine flu", "An upswing in cases.", False),  # the term as written, not its stem
        ("velmar docks", "UNVELMARED quays.", True),  # any case
        ("kessel", "\u212aessel Point", True),  # the Kelvin sign folds to k
        ("o'neil", "O\u2019Neil said so.", True),  # the curly apostrophe too
    ],
)
def test_the_keyword_filter_holds_a_term_anywhere(query: str, text: str, holds: bool) -> None:
    assert parse_query(query).holds_any(text) is holds


@pytest.mark.parametrize(
    ("query", "any_term", "text", "named"),
    [
        ("Oskar Brandt", False, "Oskar Brandt signed the deal.", True),
        (
            "Oskar Brandt",
            False,
            "Singer Oskar Brandt signed the deal.",
            True,
        ),  # "Brandt" after "Oskar"
        ("Oskar Brandt", False, "Mr Brandt signed the deal.", True),  # a title
        ("Oskar Brandt", False, "The Brandt family left.", True),  # a common word
        ("Oskar Brandt", False, "Brandt signed the deal.", True),
        ("Oskar Brandt", False, "Lena Brandt of Tarrow traces her relatives.", False),
        ("Oskar Brandt", False, "His sister Lena Brandt spoke.", False),
        ("Oskar Brandt", False, "Lena Brandt and Oskar Brandt spoke.", True),
        ("Oskar Brandt", False, "Brandt, Lena: a family tree.", True),  # a comma parts them
        ("Oskar Brandt", False, "On Thursday Brandt signed.", True),  # a day names no one
        ("Oskar Brandt", False, "Velmar's Brandt signed.", True),  # nor a possessive
        ("Oskar Brandt", True, "Lena Brandt of Tarrow traces her relatives.", True),  # keywords
        ("Velmar North Harbour", False, "South Harbour closed.", False),
        ("Velmar North Harbour", False, "North Harbour closed.", True),
        ("Brandt", False, "Lena Brandt spoke.", True),  # one term is what it is
    ],
)
def test_a_name_query_is_not_named_by_someone_else_of_the_same_surname(
    query: str, any_term: bool, text: str, named: bool
) -> None:
    assert parse_query(query, any_term=any_term).names_own(text) is named
