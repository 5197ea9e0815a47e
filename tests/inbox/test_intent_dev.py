"""Intent classification on the development set: 1,300+ hand-written English and Spanish comments.

dev_data/intents_dev.csv (id,language,intent,text) was written for tuning the classifier: comments on a business's
posts across shops, restaurants, salons, gyms, hotels, apps and services, with slang, misspellings, missing accents,
emoji, sarcasm and code-switching, balanced over the six intents and the two languages. The held-out evaluation set
lives elsewhere and is scored by its own test. The whole analyser runs (sentiment included), as in the inbox.
Run with `-s` to see the per-class report for each language.
"""

from collections import Counter
from pathlib import Path

import pytest

from heraldo.inbox.analysis.base import INTENTS
from tests.inbox.classification_metrics import evaluate, format_report, read_csv

DEV_SET = Path(__file__).resolve().parent / "dev_data" / "intents_dev.csv"
LANGUAGES = ("en", "es")
MIN_MACRO_F1 = 0.85
MIN_ROWS_PER_INTENT_AND_LANGUAGE = 60


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(DEV_SET)[1]


@pytest.fixture(scope="module")
def predicted(rows) -> list[str]:
    from heraldo.inbox.analysis.pipeline import Analyzer

    analyzer = Analyzer()
    return [analyzer.analyze(row["text"], language=row["language"]).intent.intent for row in rows]


def test_the_dev_set_is_balanced_and_well_formed(rows):
    assert len(rows) >= 400
    counts = Counter((row["language"], row["intent"]) for row in rows)
    for language in LANGUAGES:
        for intent in INTENTS:
            assert counts[(language, intent)] >= MIN_ROWS_PER_INTENT_AND_LANGUAGE, (language, intent)
    assert set(counts) == {(language, intent) for language in LANGUAGES for intent in INTENTS}
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"].casefold() for row in rows}) == len(rows)


def test_dev_set_metrics(rows, predicted):
    gold = [row["intent"] for row in rows]
    overall = evaluate(gold, predicted, INTENTS)
    print()
    print(format_report("Intent, dev set", overall))
    for language in LANGUAGES:
        picked = [i for i, row in enumerate(rows) if row["language"] == language]
        evaluation = evaluate([gold[i] for i in picked], [predicted[i] for i in picked], INTENTS)
        print(format_report(f"Intent, dev set, {language}", evaluation))
        assert evaluation.macro_f1 >= MIN_MACRO_F1, language
    assert overall.macro_f1 >= MIN_MACRO_F1
