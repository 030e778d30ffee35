"""Near duplicates: shingles, signatures, band keys, verification and story groups.

The articles are written for this project (fictional towns and people). Each case pairs an
original with a variant; reprints must link, a different story on the same topic must not.
"""

from __future__ import annotations

import hashlib
import pickle

import numpy as np
import pytest
from datasketch import MinHash

from newsline.errors import ConfigError
from newsline.settings import Settings
from newsline.stages.dedup import (
    DedupParams,
    Signer,
    band_keys,
    estimated_jaccard,
    shingles,
    story_ids,
    verify,
    word_hashes,
    words,
)

ORIGINAL = [
    "Firefighters in Orlvik fought through the night to contain a blaze that tore through a"
    " timber warehouse on the town's eastern docks, forcing the evacuation of about 300 residents"
    " from nearby streets, the regional fire service said on Thursday.",
    "The fire broke out shortly before 11 p.m. on Wednesday in a building used to store roofing"
    " timber and paint, and spread to two neighboring sheds within an hour. Thick smoke drifted"
    " across the harbor and could be seen from the ferry terminal at Kessa, 12 kilometers away.",
    "Nobody was hurt, but one firefighter was treated for smoke inhalation at the scene, said"
    " Ilse Marnholt, a spokeswoman for the fire service. Crews from four neighboring towns were"
    " called in to help, and a fireboat pumped water from the harbor onto the burning roof.",
    "Residents of Quay Street and Lantern Row were told to leave their homes and spent the night"
    " in the sports hall of the Orlvik secondary school, where volunteers handed out blankets and"
    " hot soup. Most were allowed to return by mid-morning once the smoke had cleared.",
    "The warehouse belongs to Brennhall Timber, a family firm that has traded from the docks"
    " since 1962. Its owner, Teodor Brennhall, said the company had lost stock worth several"
    " million crowns and that about 40 employees would be kept on while the site was cleared.",
    "Police said it was too early to say what caused the fire. Investigators were expected to"
    " enter the building on Friday once engineers had checked that its walls were safe.",
    "It was the second large fire on the eastern docks in three years. In 2021 a blaze at a"
    " disused fish-processing plant took two days to put out and led to calls for the harbor"
    " authority to clear derelict buildings along the waterfront.",
    "The town council said it would hold an emergency meeting next week to discuss fire safety"
    " on the docks, where several old timber buildings stand close to homes.",
]

#: Another story about a fire on the same docks: many shared words, different text.
SAME_TOPIC = [
    "Firefighters in Orlvik were called to the town's eastern docks on Saturday after a fire"
    " broke out in a boat repair shed, the second blaze on the waterfront in a month, the"
    " regional fire service said.",
    "Crews from Orlvik and Kessa brought the fire under control within two hours, and nobody was"
    " hurt. A fireboat pumped water from the harbor while residents of Quay Street watched from"
    " behind a police cordon.",
    "Ilse Marnholt, a spokeswoman for the fire service, said the shed held fuel tanks and"
    " fiberglass hulls, which made the smoke unusually thick and toxic. People living nearby were"
    " told to keep their windows closed.",
    "The shed's owner, a boatbuilder named Piet Salvang, said he had lost three boats that were"
    " due to be handed to customers before the summer season.",
    "The fire comes weeks after a blaze destroyed a timber warehouse belonging to Brennhall"
    " Timber nearby. The town council has promised a review of fire safety on the docks, and"
    " some residents say old buildings along the waterfront should be torn down.",
    "Police said they were not treating the fire as suspicious. The harbor authority said the"
    " docks would reopen to traffic on Monday.",
]


def _edited(paragraphs: list[str]) -> list[str]:
    """A sub-editor's light touch: some words changed, one sentence reworded, numbers spelled."""
    swaps = [
        ("fought through the night", "battled overnight"),
        ("about 300", "around 300"),
        ("said on Thursday", "said Thursday"),
        ("Thick smoke", "Dense smoke"),
        ("Nobody was hurt", "No one was injured"),
        ("a spokeswoman", "spokeswoman"),
        ("spent the night", "stayed overnight"),
        ("several million crowns", "millions of crowns"),
        ("three years", "3 years"),
        ("next week", "in the coming days"),
    ]
    text = "\n\n".join(paragraphs)
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    return text.split("\n\n")


def _body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


PARAMS = DedupParams()

CASES = [
    # (name, variant body, linked?)
    (
        "new headline and a credit line added",
        _body([*ORIGINAL, "Reporting by the Kessa Post."]),
        True,
    ),
    ("light edits throughout", _body(_edited(ORIGINAL)), True),
    ("last two paragraphs trimmed", _body(ORIGINAL[:-2]), True),
    ("trimmed to half and edited", _body(_edited(ORIGINAL)[:4]), True),
    (
        "quote marks and spacing changed",
        _body(ORIGINAL).replace("'", "\u2019").replace(". ", ".  "),
        True,
    ),
    ("another fire on the same docks", _body(SAME_TOPIC), False),
    ("only the lead paragraph, too short to prove anything", ORIGINAL[0][:60], False),
    # contained in full, but a fifth of the original: a sidebar or brief, not a reprint
    ("two paragraphs quoted in full", _body(ORIGINAL[5:7]), False),
]


@pytest.mark.parametrize(("name", "variant", "linked"), CASES, ids=[c[0] for c in CASES])
def test_verify_links_reprints_only(name: str, variant: str, linked: bool) -> None:
    a = shingles(_body(ORIGINAL), PARAMS.shingle_words)
    b = shingles(variant, PARAMS.shingle_words)
    link = verify("b-variant", b, "a-original", a, PARAMS)
    assert (link is not None) is linked
    if link is not None:
        assert (link.first, link.second) == ("a-original", "b-variant")
        assert PARAMS.threshold <= link.containment <= 1.0 and 0.0 < link.jaccard <= 1.0


@pytest.mark.parametrize(("name", "variant", "linked"), CASES, ids=[c[0] for c in CASES])
def test_reprints_share_a_band_key(name: str, variant: str, linked: bool) -> None:
    """LSH finds every reprint of the table as a candidate (fixed seed: deterministic)."""
    signer = Signer(PARAMS)
    a = band_keys(signer.sign("a", _body(ORIGINAL)), PARAMS)
    b = band_keys(signer.sign("b", variant), PARAMS)
    if linked:
        assert set(a) & set(b)


def test_same_topic_story_is_far_apart() -> None:
    signer = Signer(PARAMS)
    a, b = signer.sign("a", _body(ORIGINAL)), signer.sign("b", _body(SAME_TOPIC))
    assert estimated_jaccard(a, b) < 0.1
    assert not set(band_keys(a, PARAMS)) & set(band_keys(b, PARAMS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Crane's arm \u2014 it fell!", ["the", "crane", "s", "arm", "it", "fell"]),
        ("  \u201cQuoted\u201d   words ", ["quoted", "words"]),
        ("", []),
        # ASCII (split, no regex) and text folded to ASCII: the same words as \w+ finds
        (
            "Snake_case, x2-y3\ttab\x1cfs (it's) $5.00",
            ["snake_case", "x2", "y3", "tab", "fs", "it", "s", "5", "00"],
        ),
        ("\ufb01ne \u201cDONE\u201d", ["fine", "done"]),
        ("Caf\u00e9 na\u00efve \u0130stanbul", ["caf\u00e9", "na\u00efve", "i", "stanbul"]),
        ("---", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Snake_case, x2-y3\ttab\x1cfs (it's) $5.00 DEL\x7fhere",
        "The CRANE fell; the crane FELL.",
        "\x00nul\x1fUnit\x0bVT\x0cFF\rCR",
        "Caf\u00e9 CAF\u00c9 caf",
        "",
        "...",
    ],
)
def test_word_hashes_of_ascii_bytes_are_those_of_the_words(text: str) -> None:
    # An ASCII text's words are split and looked up as bytes; the same hashes, whichever
    # form (str or bytes) a shared cache met a word in first.
    blake = [hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest() for word in words(text)]
    assert word_hashes(text, {}).tolist() == [int.from_bytes(h, "little") for h in blake]
    cache: dict[bytes, int] = {}
    word_hashes(text.encode("ascii", "replace").decode() + " caf\u00e9", cache)
    assert word_hashes(text, cache).tolist() == word_hashes(text, {}).tolist()


@pytest.mark.parametrize(
    ("text", "size", "count"),
    [
        ("one two three four five six", 5, 2),
        ("one two three", 5, 1),  # shorter than a shingle: the whole text is one
        ("a b a b a b", 2, 2),  # a set: repeats count once
        ("", 5, 0),
    ],
)
def test_shingle_counts(text: str, size: int, count: int) -> None:
    assert len(shingles(text, size)) == count


def test_signature_is_deterministic_and_portable() -> None:
    first = Signer(PARAMS).sign("x", _body(ORIGINAL))
    again = pickle.loads(pickle.dumps(Signer(PARAMS))).sign("x", _body(ORIGINAL))
    assert first == again
    assert len(first.values) == 4 * PARAMS.num_perm
    assert first.shingles == len(shingles(_body(ORIGINAL), PARAMS.shingle_words))
    assert band_keys(first, PARAMS) == band_keys(again, PARAMS)
    assert len(band_keys(first, PARAMS)) == PARAMS.bands == 42


@pytest.mark.parametrize("count", [0, 1, 7, 5000])
def test_signature_equals_datasketch(count: int) -> None:
    """The numpy signing gives datasketch's own affine32 MinHash values, bit for bit."""
    rng = np.random.default_rng(count)
    hashes = np.unique(rng.integers(0, 2**32, count, dtype=np.uint64).astype(np.uint32))
    reference = MinHash(num_perm=PARAMS.num_perm, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(hashes.tolist())
    signature = Signer(PARAMS).sign_shingles("x", hashes)
    assert signature.array().tolist() == reference.hashvalues.tolist()


@pytest.mark.parametrize(
    "counts",
    [[3, 0, 5], [0, 0], [9000, 2, 0, 400], [20000], [1] * 50, [8192, 1, 8191, 8193]],
)
def test_many_signed_at_once_equal_datasketch(counts: list[int]) -> None:
    """Signing many sets together (empty and huge ones among them) gives each its own
    datasketch values, bit for bit."""
    rng = np.random.default_rng(len(counts))
    sets = [np.unique(rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)) for n in counts]
    signed = Signer(PARAMS).sign_many([(str(n), hashes) for n, hashes in enumerate(sets)])
    for signature, hashes in zip(signed, sets, strict=True):
        reference = MinHash(num_perm=PARAMS.num_perm, seed=1, scheme="affine32", hashfunc=int)
        reference.update_batch(hashes.tolist())
        assert signature.array().tolist() == reference.hashvalues.tolist()
        assert signature.shingles == len(hashes)


def test_band_keys_depend_on_params() -> None:
    other = DedupParams(band_rows=4)
    signature = Signer(PARAMS).sign("x", _body(ORIGINAL))
    assert not set(band_keys(signature, PARAMS)) & set(band_keys(signature, other))


def test_identical_texts_estimate_one() -> None:
    signer = Signer(PARAMS)
    assert (
        estimated_jaccard(
            signer.sign("a", "same words " * 20), signer.sign("b", "same words " * 20)
        )
        == 1.0
    )


@pytest.mark.parametrize(
    ("links", "earlier", "expected"),
    [
        ([("b", "c")], {}, {"b": "b", "c": "b"}),
        ([("b", "c"), ("a", "c")], {}, {"a": "a", "b": "a", "c": "a"}),
        ([("d", "e"), ("f", "g")], {}, {"d": "d", "e": "d", "f": "f", "g": "f"}),
        # a new link joins an earlier story: the merged story takes the smallest id
        ([("a", "x")], {"m": "m", "x": "m"}, {"a": "a", "m": "a", "x": "a"}),
        ([], {"m": "m", "x": "m"}, {"m": "m", "x": "m"}),
    ],
)
def test_story_ids(
    links: list[tuple[str, str]], earlier: dict[str, str], expected: dict[str, str]
) -> None:
    assert story_ids(links, earlier) == expected
    assert story_ids(list(reversed(links)), earlier) == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"shingle_words": 0},
        {"lsh_band_rows": 0},
        {"lsh_band_rows": 100},
        {"near_duplicate_threshold": 0},
        {"near_duplicate_min_ratio": 1.5},
    ],
)
def test_bad_settings_raise(changes: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        DedupParams.from_settings(Settings().with_(**changes))


def _reference_shingles(text: str, size: int) -> list[int]:
    """Every run of ``size`` words (or the whole of a shorter text) hashed one by one."""
    from newsline.stages.dedup import _hash64, words

    tokens = words(text)
    runs = [tokens[n : n + size] for n in range(max(len(tokens) - size + 1, 1))] if tokens else []
    found = set()
    for run in runs:
        value = 0
        for word in run:
            value = (value * 0x9E3779B97F4A7C15 + _hash64(word.encode("utf-8"))) % 2**64
        found.add((value >> 32) ^ (value & 0xFFFFFFFF))
    return sorted(found)


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["one two three four five six", "", "a b", "a b a b a b a b", "seven"],
        ["Ships queued outside the breakwater", "through the night", "x " * 40, "é ü, naïve café"],
    ],
)
@pytest.mark.parametrize("size", [1, 2, 5])
def test_shingle_sets_of_many_texts_are_each_texts_alone(texts: list[str], size: int) -> None:
    from newsline.stages.dedup import shingle_sets, word_hashes

    cache: dict[str, int] = {}
    made = shingle_sets([word_hashes(text, cache) for text in texts], size)
    assert [m.tolist() for m in made] == [_reference_shingles(t, size) for t in texts]
    assert all(m.dtype == np.uint32 for m in made)
    assert [m.tolist() for m in made] == [shingles(t, size).tolist() for t in texts]


def test_shingle_sets_go_in_groups_with_the_same_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsline.stages import dedup

    texts = [" ".join(ORIGINAL[: n % len(ORIGINAL) + 1]) for n in range(40)]
    hashes = [dedup.word_hashes(text, {}) for text in texts]
    whole = dedup.shingle_sets(hashes, 5)
    monkeypatch.setattr(dedup, "_GROUP_WORDS", 30)
    assert [m.tolist() for m in dedup.shingle_sets(hashes, 5)] == [m.tolist() for m in whole]


def test_band_keys_depend_on_band_values_and_position() -> None:
    params = DedupParams()
    signer = Signer(params)
    signature = signer.sign("a", " ".join(ORIGINAL))
    keys = band_keys(signature, params)
    assert len(keys) == params.bands == len(set(keys))
    assert keys == band_keys(Signer(params).sign("a", " ".join(ORIGINAL)), params)
    other = DedupParams(band_rows=2)
    assert not set(band_keys(signature, other)) & set(keys)


def test_the_word_cache_holds_bytes_only() -> None:
    """A word of a non-ASCII text and its twin in an ASCII one are one key (a ``str`` key would
    compare with its bytes twin, whose hash is the same: a BytesWarning under ``python -b``)."""
    from newsline.stages.dedup import word_hashes

    cache: dict[bytes, int] = {}
    mixed, plain = word_hashes("Café quay", cache), word_hashes("quay", cache)
    assert mixed[1] == plain[0] and all(isinstance(key, bytes) for key in cache)
