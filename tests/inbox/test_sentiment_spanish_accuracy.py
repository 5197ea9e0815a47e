"""Held-out accuracy of the inbox analyser's Spanish sentiment on tests/data/sentiment_es_labelled.csv.

The rows and their labels were written to the guideline in tests/data/sentiment_es_labelled.md, without looking
at the analyser. Run with `-s` to see the report. It is also attached with `record_property`. Misclassified rows
are not listed on purpose: this set is for measuring, not for tuning.
"""

from collections import Counter

import pytest

from heraldo.inbox.analysis.base import SENTIMENT_LABELS
from tests.inbox.classification_metrics import (
    assert_distinct_short_texts,
    evaluate,
    format_report,
    normalised,
    read_csv,
)

CSV_NAME = "sentiment_es_labelled.csv"
MIN_MACRO_F1 = 0.70
MIN_POLARITY_ACCURACY = 0.80
MIN_ROWS = 180
MIN_PER_LABEL = 50
POLAR = ("positive", "negative")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(CSV_NAME)[1]


@pytest.fixture(scope="module")
def predicted(rows, analyzer) -> list[str]:
    return [analyzer.analyze(row["text"], language="es").sentiment.label for row in rows]


def test_the_data_file_meets_its_spec(rows):
    header, _ = read_csv(CSV_NAME)
    assert header == ["id", "label", "text"]
    assert len(rows) >= MIN_ROWS
    counts = Counter(row["label"] for row in rows)
    assert set(counts) == set(SENTIMENT_LABELS), counts
    assert all(counts[label] >= MIN_PER_LABEL for label in SENTIMENT_LABELS), counts
    assert_distinct_short_texts(rows)
    # No comment is shared with the intent set: the two files measure different things on different texts.
    intent_texts = {normalised(row["text"]) for row in read_csv("intents_labelled.csv")[1]}
    assert not intent_texts & {normalised(row["text"]) for row in rows}


def test_every_guess_is_a_known_label(predicted):
    assert set(predicted) <= set(SENTIMENT_LABELS), Counter(p for p in predicted if p not in SENTIMENT_LABELS)


def test_spanish_sentiment_macro_f1(rows, predicted, record_property):
    evaluation = evaluate([row["label"] for row in rows], predicted, SENTIMENT_LABELS)
    text = format_report("sentiment [es]", evaluation)
    print(f"\n{text}")
    record_property("sentiment_es_report", text)
    record_property("sentiment_es_macro_f1", round(evaluation.macro_f1, 4))
    record_property("sentiment_es_accuracy", round(evaluation.accuracy, 4))
    assert evaluation.macro_f1 >= MIN_MACRO_F1, text


def test_spanish_positive_and_negative_are_told_apart(rows, predicted, record_property):
    """On rows labelled positive or negative only: the predicted label must match; a neutral guess is an error."""
    polar = [(row["label"], guess) for row, guess in zip(rows, predicted, strict=True) if row["label"] in POLAR]
    evaluation = evaluate([gold for gold, _ in polar], [guess for _, guess in polar], POLAR)
    text = format_report("sentiment [es, positive+negative rows]", evaluation)
    print(f"\n{text}")
    record_property("sentiment_es_polarity_accuracy", round(evaluation.accuracy, 4))
    assert evaluation.accuracy >= MIN_POLARITY_ACCURACY, text
