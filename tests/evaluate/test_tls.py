"""Timeline metrics on small cases worked out by hand, and the ROUGE pieces they rest on."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.evaluate.rouge import RougeTokenizer, approximate_rouge_1_f, ngrams, rouge_counts
from newsline.evaluate.rouge_porter import porter_stem
from newsline.evaluate.tls import (
    PRF,
    Scores,
    evaluate_timelines,
    score_timeline,
)

MAR = {day: date(2020, 3, day) for day in range(1, 32)}

# Worked example used below. After ROUGE preprocessing (stopwords, punctuation, stems):
#   predicted 03-01: river flood valley          reference 03-01: river flood valley town
#   predicted 03-04: engin repair dam            reference 03-03: engin repair broken dam
PREDICTED = {
    MAR[1]: ["Rivers flooded the valley ."],
    MAR[4]: ["Engineers repaired the dam ."],
}
TRUTH = {
    MAR[1]: ["Rivers flooded the valley towns ."],
    MAR[3]: ["Engineers repaired the broken dam ."],
}


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("ties", "tie"),  # NLTK: four-letter -ies
        ("cries", "cri"),
        ("tied", "tie"),
        ("happy", "happi"),
        ("enjoy", "enjoy"),  # NLTK: y stays after a vowel
        ("skies", "sky"),  # NLTK: irregular pool
        ("dying", "die"),
        ("news", "news"),
        ("radically", "radic"),  # NLTK: alli -> al, then step 2 again
        ("analogy", "analog"),  # NLTK: logi -> log
        ("hopping", "hop"),
        ("controlling", "control"),
        ("agreed", "agre"),
        ("feed", "feed"),
        ("generalization", "gener"),
        ("filing", "file"),
        ("conflated", "conflat"),
        ("caresses", "caress"),
        ("sensibiliti", "sensibl"),
        ("electrical", "electr"),
        ("adoption", "adopt"),
        ("probate", "probat"),
        ("cease", "ceas"),
        ("Flooded", "flood"),  # lowercased
        ("is", "is"),  # one or two letters left alone
        ("2010s", "2010"),
        ("yyyy", "yyyi"),
    ],
)
def test_porter_stem_matches_nltk(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


@pytest.mark.parametrize(
    ("sentences", "tokens"),
    [
        (["Rivers flooded the valley ."], ("river", "flood", "valley")),
        (["The dam , he said , held ."], ("dam", "held")),  # stopwords and commas go
        (["`` Water rose '' - fast !"], ("water", "rose", "fast", "!")),  # "!" is kept
        (["Two sentences .", "One stream ."], ("sentenc", "stream")),  # "two", "one" stopwords
        ([], ()),
    ],
)
def test_rouge_tokens(sentences: list[str], tokens: tuple[str, ...]) -> None:
    assert RougeTokenizer().tokens(sentences) == tokens


def test_rouge_counts_sum_over_references() -> None:
    pred = ngrams(("a", "b", "a"), 1)
    refs = [ngrams(("a", "c"), 1), ngrams(("a", "a", "b"), 1)]
    counts = rouge_counts(pred, refs)
    assert (counts.hits, counts.predicted, counts.reference) == (1 + 3, 2 * 3, 2 + 3)


@pytest.mark.parametrize(
    ("predicted", "references", "expected"),
    [
        (["Engineers repaired the dam ."], [["Engineers repaired the broken dam ."]], 8 / 9),
        (["A , b ."], [["a b"]], 0.5),  # case-sensitive: only "b" matches
        (["x ( ) y"], [["x y"]], 1.0),  # "(" and ")" are substrings of string.punctuation
        (["x -- y"], [["x y"]], 0.8),  # "--" is not, so it stays
        ([], [["x"]], 0.0),
    ],
)
def test_approximate_rouge_1_f(
    predicted: list[str], references: list[list[str]], expected: float
) -> None:
    assert approximate_rouge_1_f(predicted, references) == pytest.approx(expected)


# metric -> (R1 P, R1 R, R2 P, R2 R), worked out by hand for PREDICTED against TRUTH.
# align+ m:1: 03-04 is closest in cost to 03-03 (one day apart, weight 1/2) both ways.
WORKED = {
    "concat": (6 / 6, 6 / 8, 3 / 5, 3 / 7),
    "agreement": (3 / 6, 3 / 8, 2 / 4, 2 / 6),
    "align_m1": ((3 + 3 / 2) / 6, (3 + 3 / 2) / 8, (2 + 1 / 2) / 4, (2 + 1 / 2) / 6),
}


@pytest.mark.parametrize("metric", sorted(WORKED))
def test_worked_example(metric: str) -> None:
    scores = getattr(score_timeline(PREDICTED, [TRUTH]), metric)
    p1, r1, p2, r2 = WORKED[metric]
    assert scores.rouge_1 == pytest.approx(PRF.of(p1, r1))
    assert scores.rouge_2 == pytest.approx(PRF.of(p2, r2))


def test_worked_example_dates() -> None:
    assert score_timeline(PREDICTED, [TRUTH]).dates == PRF(0.5, 0.5, 0.5)


def test_identical_timelines_score_one() -> None:
    scores = score_timeline(TRUTH, [TRUTH]).to_dict()
    values = [prf[k] for m in ("concat", "agreement", "align_date_content_costs_many_to_one")
              for prf in scores[m].values() for k in prf]  # fmt: skip
    assert values == pytest.approx([1.0] * len(values))
    assert scores["dates"]["f_score"] == 1.0


def test_empty_prediction_scores_zero_where_tilse_would_divide_by_zero() -> None:
    scores = score_timeline({}, [TRUTH])
    for metric in (scores.concat, scores.agreement, scores.align_m1):
        assert metric.rouge_1 == PRF(0.0, 0.0, 0.0)
    assert scores.dates == PRF(0.0, 0.0, 0.0)


def test_averaging_takes_f_from_mean_precision_and_recall() -> None:
    """news-tls: P and R are averaged over timelines; F is not the mean of the Fs."""
    pairs = [
        ({MAR[1]: ["a"]}, {MAR[1]: ["a"], MAR[2]: ["b"]}),  # date P 1, R 1/2
        ({MAR[1]: ["a"], MAR[2]: ["b"]}, {MAR[1]: ["a"]}),  # date P 1/2, R 1
    ]
    scores = evaluate_timelines(pairs)
    assert scores.dates == PRF(0.75, 0.75, 0.75)
    assert scores.timelines == 2


def test_to_dict_names_metrics_as_tilse() -> None:
    data = evaluate_timelines([(PREDICTED, TRUTH)]).to_dict()
    assert set(data) == {
        "concat",
        "agreement",
        "align_date_content_costs_many_to_one",
        "dates",
        "timelines",
    }
    assert set(data["agreement"]) == {"rouge_1", "rouge_2"}
    assert set(data["dates"]) == {"precision", "recall", "f_score"}


def test_misuse_raises() -> None:
    with pytest.raises(ValueError, match="at least one"):
        evaluate_timelines([])
    with pytest.raises(ValueError, match="at least one reference"):
        score_timeline(PREDICTED, [])


@pytest.mark.parametrize(
    ("predicted", "message"),
    [
        ({MAR[1]: "Rivers flooded the valley ."}, "not one string"),
        ({"2020-03-01": ["Rivers flooded the valley ."]}, "must be datetime.date"),
        ([(MAR[1], ["Rivers flooded the valley ."])], "not list"),
    ],
)
def test_malformed_timelines_raise(predicted: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        score_timeline(predicted, [TRUTH])  # type: ignore[arg-type]


def test_scores_is_a_frozen_record() -> None:
    scores = evaluate_timelines([(PREDICTED, TRUTH)])
    assert isinstance(scores, Scores)
    with pytest.raises(AttributeError):
        scores.timelines = 3  # type: ignore[misc]
