"""What every analyser returns, and the interface a sentiment backend implements."""

from dataclasses import dataclass, field
from typing import Protocol

SENTIMENT_LABELS = ("positive", "neutral", "negative")
INTENTS = ("question", "complaint", "praise", "purchase_intent", "spam", "other")
# Complaints and purchase intent first: an unhappy customer or a ready buyer waits for nobody.
PRIORITIES = ("urgent", "high", "normal", "low")


@dataclass(frozen=True)
class Sentiment:
    label: str  # one of SENTIMENT_LABELS
    score: float  # in [-1, 1]
    confidence: float  # in [0, 1]


@dataclass(frozen=True)
class IntentGuess:
    intent: str  # one of INTENTS
    confidence: float  # in [0, 1]


@dataclass(frozen=True)
class TextAnalysis:
    """Everything the inbox stores about one text."""

    language: str  # ISO 639-1 code ("en", "es", ...), "und" when undetermined
    sentiment: Sentiment
    intent: IntentGuess
    keywords: list[str] = field(default_factory=list)
    priority: str = "normal"  # one of PRIORITIES
    backend: str = ""  # which sentiment backend scored it


class SentimentBackend(Protocol):
    """Scores texts of one language; `languages` says which it can score."""

    name: str
    languages: frozenset[str]

    def score_batch(self, texts: list[str], language: str) -> list[Sentiment]: ...
