"""Spanish sentiment on the development set: 300+ hand-written comments (reviews, complaints, questions, slang).

dev_data/sentiment_es_dev.csv (id,label,text) was written for tuning the analyser; the held-out evaluation set
lives elsewhere and is scored by its own test. Gates: macro-F1 over the three labels, and accuracy on the
positive and negative rows counting any non-matching label (neutral included) as wrong.
"""

from pathlib import Path

import pytest

from heraldo.inbox.analysis.base import SENTIMENT_LABELS
from heraldo.inbox.analysis.spanish import SpanishBackend
from tests.inbox.classification_metrics import evaluate, format_report, read_csv

DEV_SET = Path(__file__).resolve().parent / "dev_data" / "sentiment_es_dev.csv"
MIN_MACRO_F1 = 0.80
MIN_POLAR_ACCURACY = 0.88


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(DEV_SET)[1]


def test_the_dev_set_is_balanced_and_well_formed(rows):
    assert len(rows) >= 300
    assert {row["label"] for row in rows} == set(SENTIMENT_LABELS)
    for label in SENTIMENT_LABELS:
        assert sum(row["label"] == label for row in rows) >= len(rows) // 4
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"].casefold() for row in rows}) == len(rows)


def test_dev_set_metrics(rows):
    backend = SpanishBackend()
    gold = [row["label"] for row in rows]
    predicted = [backend.score(row["text"]).label for row in rows]
    evaluation = evaluate(gold, predicted, SENTIMENT_LABELS)
    polar = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != "neutral"]
    polar_accuracy = sum(g == p for g, p in polar) / len(polar)
    print()
    print(format_report("Spanish sentiment, dev set", evaluation))
    print(f"positive-vs-negative accuracy: {polar_accuracy:.3f} ({len(polar)} rows)")
    assert evaluation.macro_f1 >= MIN_MACRO_F1
    assert polar_accuracy >= MIN_POLAR_ACCURACY
