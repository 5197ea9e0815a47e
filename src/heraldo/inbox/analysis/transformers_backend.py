"""Sentiment from a local transformers sequence-classification model (HERALDO_SENTIMENT_MODEL_DIR).

Nothing is downloaded: the directory must hold the tokenizer and the model (`save_pretrained` output), and
both are loaded with `local_files_only=True`. transformers and torch are imported only when a model is
configured, so Heraldo runs without them (`pip install 'heraldo[transformers]'` adds them).

The label of a text is the model's most probable class, its score p(positive) - p(negative), its confidence that
class's probability. Classes are read from `config.id2label`: a name containing "pos", "neg" or "neu" (any
case) says which it is; models that kept the generic LABEL_0.. names follow the usual conventions, three
classes negative / neutral / positive and two classes negative / positive.
"""

from collections.abc import Iterable, Mapping
from pathlib import Path

from heraldo.inbox.analysis.base import Sentiment

# Texts per forward pass: larger batches pad more, smaller ones pay more per-call overhead on a CPU.
DEFAULT_BATCH_SIZE = 32
# Longer inputs are truncated; comments are short, and attention cost grows with the square of the length.
MAX_TOKENS = 512
NAME_HINTS = (("neg", "negative"), ("neu", "neutral"), ("pos", "positive"))
CONVENTIONS = {2: ("negative", "positive"), 3: ("negative", "neutral", "positive")}


class SentimentModelError(RuntimeError):
    """The configured model cannot be used: missing directory, unreadable files or transformers not installed."""


def sentiment_labels(id2label: Mapping[int | str, str]) -> dict[int, str]:
    """Class index → "positive" / "neutral" / "negative", from a model config's id2label."""
    classes = {int(index): str(name) for index, name in id2label.items()}
    named: dict[int, str] = {}
    for index, name in classes.items():
        hits = {label for hint, label in NAME_HINTS if hint in name.lower()}
        if len(hits) == 1:
            named[index] = hits.pop()
    if len(named) == len(classes) and len(set(named.values())) == len(named) and "positive" in named.values():
        return named
    convention = CONVENTIONS.get(len(classes))
    generic = all(name.upper().startswith("LABEL_") for name in classes.values())
    if convention and generic and sorted(classes) == list(range(len(classes))):
        return dict(enumerate(convention))
    raise SentimentModelError(
        f"cannot tell sentiment classes from id2label {classes}: name them with pos/neg/neu, or keep the "
        "generic LABEL_0.. names of a 2-class (negative, positive) or 3-class (negative, neutral, positive) model"
    )


class TransformersBackend:
    """Scores the languages it is configured for with a local sequence-classification model on the CPU."""

    name = "transformers"

    def __init__(
        self, model_dir: Path | str, languages: Iterable[str], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> None:
        self.model_dir = Path(model_dir)
        self.languages = frozenset(languages)
        self.batch_size = batch_size
        if not self.model_dir.is_dir():
            raise SentimentModelError(f"sentiment model directory {self.model_dir} does not exist")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as error:
            raise SentimentModelError(
                f"HERALDO_SENTIMENT_MODEL_DIR is set but {error.name} is not installed: "
                "pip install 'heraldo[transformers]'"
            ) from error
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(self.model_dir, local_files_only=True)
        except (OSError, ValueError) as error:
            raise SentimentModelError(f"cannot load a sentiment model from {self.model_dir}: {error}") from error
        self.model.eval()
        self._torch = torch
        self.labels = sentiment_labels(self.model.config.id2label)
        self._index = {label: index for index, label in self.labels.items()}
        self.max_length = self._max_length()

    def _max_length(self) -> int:
        limit = getattr(self.tokenizer, "model_max_length", None)
        # Tokenizers saved without a limit report a huge sentinel; the model's position table is the real bound.
        if not limit or limit > 100_000:
            limit = getattr(self.model.config, "max_position_embeddings", None) or MAX_TOKENS
        return min(int(limit), MAX_TOKENS)

    def probabilities(self, texts: list[str]) -> list[list[float]]:
        """Class probabilities for each text, in order (softmax of the logits)."""
        torch = self._torch
        # Batching texts of similar length wastes less padding; the original order is restored at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        results: list[list[float]] = [[] for _ in texts]
        with torch.no_grad():
            for start in range(0, len(order), self.batch_size):
                chunk = order[start : start + self.batch_size]
                encoded = self.tokenizer(
                    [texts[i] or " " for i in chunk],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                logits = self.model(**encoded).logits.float()
                for i, row in zip(chunk, torch.softmax(logits, dim=-1).tolist(), strict=True):
                    results[i] = row
        return results

    def score_batch(self, texts: list[str], language: str = "") -> list[Sentiment]:
        """The sentiment of each text, in order."""
        positive, negative = self._index.get("positive"), self._index.get("negative")
        sentiments = []
        for row in self.probabilities(texts):
            best = max(range(len(row)), key=row.__getitem__)
            score = (row[positive] if positive is not None else 0.0) - (row[negative] if negative is not None else 0.0)
            sentiments.append(Sentiment(label=self.labels[best], score=score, confidence=row[best]))
        return sentiments

    def health(self) -> dict:
        """What the backend runs: directory, classes, languages and library versions."""
        import transformers

        return {
            "model_dir": str(self.model_dir),
            "languages": sorted(self.languages),
            "labels": [self.labels[i] for i in sorted(self.labels)],
            "model_type": getattr(self.model.config, "model_type", None),
            "max_length": self.max_length,
            "transformers": transformers.__version__,
            "torch": self._torch.__version__,
        }
