"""Held-out accuracy of the inbox analyser's intent guess on tests/data/intents_labelled.csv.

The rows and their labels were written to the guideline in tests/data/intents_labelled.md, without looking at
the analyser. Run with `-s` to see the per-class report. It is also attached to the test with `record_property`
and ends up in the JUnit XML. Misclassified rows are not listed on purpose: this set is for measuring, not for
tuning.
"""

from collections import Counter

import pytest

from heraldo.inbox.analysis.base import INTENTS
from tests.inbox.classification_metrics import (
    assert_distinct_short_texts,
    evaluate,
    format_report,
    read_csv,
)

CSV_NAME = "intents_labelled.csv"
LANGUAGES = ("en", "es")
MIN_MACRO_F1 = 0.80
MIN_MACRO_F1_PER_LANGUAGE = 0.75
MIN_ROWS = 360
MIN_PER_INTENT_AND_LANGUAGE = 25


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(CSV_NAME)[1]


@pytest.fixture(scope="module")
def predicted(rows, analyzer) -> list[str]:
    return [analyzer.analyze(row["text"], language=row["language"]).intent.intent for row in rows]


def report(rows, predicted, language: str | None = None):
    picked = [
        (row["intent"], guess)
        for row, guess in zip(rows, predicted, strict=True)
        if language in (None, row["language"])
    ]
    evaluation = evaluate([gold for gold, _ in picked], [guess for _, guess in picked], INTENTS)
    return evaluation, format_report(f"intent [{language or 'all'}]", evaluation)


def test_the_data_file_meets_its_spec(rows):
    header, _ = read_csv(CSV_NAME)
    assert header == ["id", "language", "intent", "text"]
    assert len(rows) >= MIN_ROWS
    assert all(row["language"] in LANGUAGES for row in rows)
    assert all(row["intent"] in INTENTS for row in rows)
    counts = Counter((row["language"], row["intent"]) for row in rows)
    thin = {
        key: counts[key]
        for key in [(lang, i) for lang in LANGUAGES for i in INTENTS]
        if counts[key] < MIN_PER_INTENT_AND_LANGUAGE
    }
    assert not thin, f"fewer than {MIN_PER_INTENT_AND_LANGUAGE} rows: {thin}"
    per_language = Counter(row["language"] for row in rows)
    assert all(0.4 <= per_language[lang] / len(rows) <= 0.6 for lang in LANGUAGES), per_language
    assert_distinct_short_texts(rows)


def test_the_metrics_on_a_hand_computed_example():
    # gold a a a b b c c, predicted a a b b c c zzz ("zzz" is outside the labels: simply wrong)
    # a: tp 2, fp 0, fn 1 -> P 1, R 2/3, F1 0.8
    # b: tp 1, fp 1 (a->b), fn 1 (b->c) -> P 0.5, R 0.5, F1 0.5
    # c: tp 1, fp 1 (b->c), fn 1 (c->zzz) -> P 0.5, R 0.5, F1 0.5
    # macro-F1 = (0.8 + 0.5 + 0.5) / 3 = 0.6; accuracy 4/7
    gold = ["a", "a", "a", "b", "b", "c", "c"]
    guess = ["a", "a", "b", "b", "c", "c", "zzz"]
    evaluation = evaluate(gold, guess, ("a", "b", "c"))
    scores = evaluation.per_class
    assert (scores["a"].tp, scores["a"].fp, scores["a"].fn) == (2, 0, 1)
    assert (scores["a"].precision, scores["a"].recall, scores["a"].f1) == pytest.approx((1.0, 2 / 3, 0.8))
    assert (scores["b"].precision, scores["b"].recall, scores["b"].f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (scores["c"].tp, scores["c"].fp, scores["c"].fn) == (1, 1, 1)
    assert evaluation.macro_f1 == pytest.approx(0.6)
    assert evaluation.accuracy == pytest.approx(4 / 7)
    assert evaluation.confusion[("c", "zzz")] == 1
    # A class nobody predicts and nobody has scores 0 and still counts in the macro average.
    with_d = evaluate(gold, guess, ("a", "b", "c", "d"))
    assert with_d.per_class["d"].f1 == 0.0
    assert with_d.macro_f1 == pytest.approx(1.8 / 4)
    # A class that is never predicted: precision 0 (not a division by zero), recall 0.
    never = evaluate(["a", "b"], ["a", "a"], ("a", "b")).per_class["b"]
    assert (never.precision, never.recall, never.f1) == (0.0, 0.0, 0.0)
    text = format_report("demo", evaluation)
    assert "macro-F1 0.600" in text and "zzz" in text
    with pytest.raises(ValueError):
        evaluate(["a"], ["a", "b"], ("a", "b"))
    with pytest.raises(ValueError):
        evaluate(["q"], ["a"], ("a", "b"))


def test_every_guess_is_a_known_intent(predicted):
    assert set(predicted) <= set(INTENTS), Counter(p for p in predicted if p not in INTENTS)


def test_intent_macro_f1_over_all_rows(rows, predicted, record_property):
    evaluation, text = report(rows, predicted)
    full = "\n\n".join([text, *(report(rows, predicted, lang)[1] for lang in LANGUAGES)])
    print(f"\n{full}")
    record_property("intent_report", full)
    record_property("intent_macro_f1", round(evaluation.macro_f1, 4))
    record_property("intent_accuracy", round(evaluation.accuracy, 4))
    assert evaluation.macro_f1 >= MIN_MACRO_F1, full


@pytest.mark.parametrize("language", LANGUAGES)
def test_intent_macro_f1_per_language(rows, predicted, language, record_property):
    evaluation, text = report(rows, predicted, language)
    print(f"\n{text}")
    record_property(f"intent_report_{language}", text)
    record_property(f"intent_macro_f1_{language}", round(evaluation.macro_f1, 4))
    assert evaluation.macro_f1 >= MIN_MACRO_F1_PER_LANGUAGE, text
