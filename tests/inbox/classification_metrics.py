"""Per-class precision / recall / F1, macro-F1, accuracy and a confusion matrix, plus a plain-text report.

Shared by the held-out accuracy tests of the inbox analyser (intent and Spanish sentiment). Conventions follow
the usual ones (scikit-learn's with zero_division=0): a class that is never predicted has precision 0, a class
with no gold rows has recall 0, F1 is 0 when precision + recall is 0, and macro-F1 is the unweighted mean of the
per-class F1 over the classes asked for. A prediction outside those classes counts as wrong for its gold row.
"""

import csv
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class ClassScore:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        """Gold rows of this class."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    labels: tuple[str, ...]
    confusion: Counter  # (gold, predicted) -> count
    total: int

    @property
    def per_class(self) -> dict[str, ClassScore]:
        scores = {}
        for label in self.labels:
            tp = self.confusion[(label, label)]
            fp = sum(n for (gold, pred), n in self.confusion.items() if pred == label and gold != label)
            fn = sum(n for (gold, pred), n in self.confusion.items() if gold == label and pred != label)
            scores[label] = ClassScore(label, tp, fp, fn)
        return scores

    @property
    def macro_f1(self) -> float:
        return sum(score.f1 for score in self.per_class.values()) / len(self.labels)

    @property
    def accuracy(self) -> float:
        correct = sum(n for (gold, pred), n in self.confusion.items() if gold == pred)
        return correct / self.total if self.total else 0.0


def evaluate(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> Evaluation:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    unknown = set(gold) - set(labels)
    if unknown:
        raise ValueError(f"gold labels outside {tuple(labels)}: {sorted(unknown)}")
    return Evaluation(tuple(labels), Counter(zip(gold, predicted, strict=True)), len(gold))


def format_report(title: str, evaluation: Evaluation) -> str:
    """A fixed-width per-class table followed by the confusion matrix (rows gold, columns predicted)."""
    width = max(len(label) for label in evaluation.labels) + 2
    lines = [
        f"{title}: {evaluation.total} rows, accuracy {evaluation.accuracy:.3f}, macro-F1 {evaluation.macro_f1:.3f}",
        f"{'class':<{width}}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'predicted':>11}",
    ]
    for score in evaluation.per_class.values():
        lines.append(
            f"{score.label:<{width}}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
            f"{score.support:>9}{score.predicted:>11}"
        )
    extra = sorted({pred for _, pred in evaluation.confusion} - set(evaluation.labels))
    columns = [*evaluation.labels, *extra]
    short = {label: label[:9] for label in columns}
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(f"{'':<{width}}" + "".join(f"{short[c]:>10}" for c in columns))
    for gold in evaluation.labels:
        lines.append(f"{gold:<{width}}" + "".join(f"{evaluation.confusion[(gold, c)]:>10}" for c in columns))
    return "\n".join(lines)


def read_csv(name: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file: a name in tests/data, or a path."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def normalised(text: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive form of a text, to catch duplicates (emoji are kept)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = (c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c if unicodedata.category(c)[0] in "LNS" else " " for c in letters)
    return " ".join(kept.split())


def near_duplicates(texts: Sequence[str], threshold: float = 0.6, min_words: int = 4) -> list[tuple[str, str]]:
    """Pairs of texts whose word sets overlap (Jaccard) at least `threshold`; short texts are skipped."""
    bags = [(text, set(normalised(text).split())) for text in texts]
    bags = [(text, bag) for text, bag in bags if len(bag) >= min_words]
    pairs = []
    for i, (first, a) in enumerate(bags):
        for second, b in bags[i + 1 :]:
            if len(a & b) / len(a | b) >= threshold:
                pairs.append((first, second))
    return pairs


def assert_distinct_short_texts(rows: Sequence[dict[str, str]]) -> None:
    """Unique ids; texts trimmed, 1 to 40 words, no duplicates even ignoring case, accents and punctuation, and
    no near-duplicates: a labelled set that repeats itself measures less than its size says."""
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    texts = [row["text"] for row in rows]
    assert all(text == text.strip() and 1 <= len(text.split()) <= 40 for text in texts)
    same = [text for text, n in Counter(normalised(text) for text in texts).items() if n > 1]
    assert not same, f"duplicate texts: {same}"
    assert not near_duplicates(texts)
