"""Which sentiment backend scores which language.

- HERALDO_SENTIMENT_MODEL_DIR set: the local transformers model scores the languages of
  HERALDO_SENTIMENT_MODEL_LANGUAGES (default "en,es"); the lexicon analysers score the rest as below.
- English: VADER (english.py). Spanish: VADER's rules over a Spanish lexicon (spanish.py).
- "und" (emoji only, one word of no clear language...): both lexicon analysers read it and the one that
  finds more sentiment wins; emoji and emoticons weigh the same in both, so "😍😍" is positive either way and
  a lone "excelente" or "awesome" is found by the analyser of its language.
- Any other language: English VADER as a best effort. What it can see there is language-neutral (emoji,
  emoticons, English loanwords, "!!!"), so its guess is kept but its confidence halved (FOREIGN_CONFIDENCE):
  a missing lexicon is no evidence of neutrality.
"""

from collections.abc import Iterable
from pathlib import Path

from heraldo.inbox.analysis.base import Sentiment, SentimentBackend
from heraldo.inbox.analysis.english import VaderBackend
from heraldo.inbox.analysis.language import UNDETERMINED
from heraldo.inbox.analysis.spanish import SpanishBackend

# Confidence multiplier for a language no analyser was made for.
FOREIGN_CONFIDENCE = 0.5


def parse_languages(value: str | Iterable[str]) -> frozenset[str]:
    """ISO 639-1 codes from "en,es" (or an iterable), lower-cased; region suffixes dropped ("es-MX" → "es")."""
    parts = value.split(",") if isinstance(value, str) else value
    codes = {normalise_language(part) for part in parts if part and part.strip()}
    return frozenset(codes - {UNDETERMINED})


def normalise_language(code: str) -> str:
    """A language code made ISO 639-1: "EN", "es-MX", "pt_BR" → "en", "es", "pt"; empty → "und"."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return code or UNDETERMINED


class SentimentRouter:
    """Scores texts of any language with the backend meant for it; the model, when configured, goes first."""

    def __init__(self, model_dir: Path | None = None, model_languages: str | Iterable[str] = ("en", "es")) -> None:
        self.english = VaderBackend()
        self.spanish = SpanishBackend()
        self.lexicons: dict[str, SentimentBackend] = {"en": self.english, "es": self.spanish}
        self.model = None
        if model_dir is not None:
            from heraldo.inbox.analysis.transformers_backend import TransformersBackend

            self.model = TransformersBackend(model_dir, parse_languages(model_languages))

    def backend_for(self, language: str) -> SentimentBackend:
        """The backend that scores this language ("und" and unknown languages get English VADER here)."""
        if self.model is not None and language in self.model.languages:
            return self.model
        return self.lexicons.get(language, self.english)

    def score_batch(self, texts: list[str], language: str) -> list[tuple[Sentiment, str]]:
        """(sentiment, name of the backend that scored it) for each text of one language, in order."""
        if not texts:
            return []
        if language == UNDETERMINED:
            return [self._score_undetermined(text) for text in texts]
        backend = self.backend_for(language)
        sentiments = backend.score_batch(texts, language)
        if backend is self.english and language != "en":
            sentiments = [
                Sentiment(label=s.label, score=s.score, confidence=s.confidence * FOREIGN_CONFIDENCE)
                for s in sentiments
            ]
        return [(sentiment, backend.name) for sentiment in sentiments]

    def _score_undetermined(self, text: str) -> tuple[Sentiment, str]:
        english = self.english.score(text)
        spanish = self.spanish.score(text)
        if abs(spanish.score) > abs(english.score):
            return spanish, self.spanish.name
        return english, self.english.name

    def health(self) -> dict:
        """Backends per language and the model's state."""
        languages = {language: backend.name for language, backend in self.lexicons.items()}
        model = None
        if self.model is not None:
            languages.update(dict.fromkeys(sorted(self.model.languages), self.model.name))
            model = self.model.health()
        return {
            "languages": dict(sorted(languages.items())),
            "other_languages": f"{self.english.name} (confidence x{FOREIGN_CONFIDENCE})",
            "undetermined": f"{self.english.name} or {self.spanish.name}, whichever finds more sentiment",
            "model": model,
        }
