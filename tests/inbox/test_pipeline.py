"""The Analyzer: one call from a text to its language, sentiment, intent, keywords and priority."""

import pytest

from heraldo.core.settings import Settings
from heraldo.inbox.analysis import pipeline
from heraldo.inbox.analysis.base import INTENTS, PRIORITIES, SENTIMENT_LABELS, IntentGuess, Sentiment, TextAnalysis
from heraldo.inbox.analysis.pipeline import get_analyzer
from heraldo.inbox.analysis.priority import STRONGLY_NEGATIVE, priority_for
from heraldo.inbox.analysis.sentiment import FOREIGN_CONFIDENCE, normalise_language, parse_languages

TEXTS = [
    "I love this, best purchase ever!!",
    "Where is my order? It's been two weeks",
    "Me encanta, muy bueno 😍",
    "pésimo servicio, nunca más compro aquí",
    "😍😍😍",
    "https://t.co/abc",
    "",
    "Obrigado pela ajuda, muito bom",
    "FREE FOLLOWERS!!! click here www.spam.example",
]


def assert_well_formed(analysis: TextAnalysis) -> None:
    assert isinstance(analysis, TextAnalysis)
    assert analysis.language == "und" or (len(analysis.language) == 2 and analysis.language.islower())
    assert analysis.sentiment.label in SENTIMENT_LABELS
    assert -1 <= analysis.sentiment.score <= 1
    assert 0 <= analysis.sentiment.confidence <= 1
    assert analysis.intent.intent in INTENTS
    assert 0 <= analysis.intent.confidence <= 1
    assert isinstance(analysis.keywords, list) and all(isinstance(k, str) for k in analysis.keywords)
    assert len(analysis.keywords) <= pipeline.KEYWORD_LIMIT
    assert analysis.priority in PRIORITIES
    assert analysis.backend


@pytest.mark.parametrize("text", TEXTS)
def test_every_text_gets_a_full_analysis(analyzer, text):
    assert_well_formed(analyzer.analyze(text))


def test_language_sentiment_and_backend(analyzer):
    english, spanish = analyzer.analyze(TEXTS[0]), analyzer.analyze(TEXTS[2])
    assert (english.language, english.sentiment.label, english.backend) == ("en", "positive", "vader")
    assert (spanish.language, spanish.sentiment.label, spanish.backend) == ("es", "positive", "vader-es")
    negative = analyzer.analyze(TEXTS[3])
    assert (negative.language, negative.sentiment.label) == ("es", "negative")


def test_undetermined_text_is_scored_by_the_analyser_that_finds_sentiment(analyzer):
    emoji = analyzer.analyze("😍😍😍")
    assert emoji.language == "und" and emoji.sentiment.label == "positive"
    link = analyzer.analyze("https://t.co/abc")
    assert link.language == "und" and link.sentiment.label == "neutral"


def test_other_languages_get_a_best_effort_with_halved_confidence(analyzer):
    text = "Adorei 😍😍"
    english = analyzer.analyze(text, language="en")
    portuguese = analyzer.analyze(text, language="pt")
    assert portuguese.language == "pt" and portuguese.backend == "vader"
    assert portuguese.sentiment.label == english.sentiment.label == "positive"
    assert portuguese.sentiment.confidence == pytest.approx(english.sentiment.confidence * FOREIGN_CONFIDENCE)


def test_a_given_language_skips_detection(analyzer, monkeypatch):
    def fail(text):
        raise AssertionError("language detection ran although the language was given")

    monkeypatch.setattr(pipeline, "detect_language", fail)
    assert analyzer.analyze("lo quiero", language="es").language == "es"
    assert analyzer.analyze("lo quiero", language="ES-mx").language == "es"
    assert [a.language for a in analyzer.analyze_batch(["a", "b"], language="en")] == ["en", "en"]


def test_a_batch_equals_one_by_one_in_order(analyzer):
    assert analyzer.analyze_batch(TEXTS) == [analyzer.analyze(text) for text in TEXTS]
    assert analyzer.analyze_batch([]) == []


def test_a_batch_goes_to_each_backend_once_per_language(analyzer, monkeypatch):
    calls = []
    original = analyzer.router.score_batch

    def spy(texts, language):
        calls.append((language, len(texts)))
        return original(texts, language)

    monkeypatch.setattr(analyzer.router, "score_batch", spy)
    analyzer.analyze_batch(["I love it", "Me encanta", "Great stuff, thanks", "Muy bueno", "👍"])
    assert sorted(calls) == [("en", 2), ("es", 2), ("und", 1)]


def test_odd_input_does_not_crash(analyzer):
    for text in [None, "   ", "\x00", "🏳️‍🌈" * 500, "a" * 50_000, "good but bad " * 2000, "¿¡", "@a @b #c 123"]:
        assert_well_formed(analyzer.analyze(text))  # type: ignore[arg-type]


def test_health_names_backends_and_versions(analyzer):
    health = analyzer.health()
    assert health["sentiment"]["languages"] == {"en": "vader", "es": "vader-es"}
    assert health["model_dir"] is None and health["model_state"] == "not configured" and health["model"] is None
    assert health["versions"]["vaderSentiment"] == "3.3.2"
    assert "en" in health["language_detection"]["candidates"]


def test_get_analyzer_is_built_once_per_process():
    first, second = get_analyzer(Settings()), get_analyzer(Settings(sentiment_model_languages="es,en"))
    assert first is second
    assert get_analyzer(Settings(sentiment_model_languages="en")) is not first


def test_language_codes_are_normalised():
    assert normalise_language("EN") == "en"
    assert normalise_language("es-MX") == "es"
    assert normalise_language("pt_BR") == "pt"
    assert normalise_language("") == "und"
    assert parse_languages(" en, ES ,,pt-BR") == frozenset({"en", "es", "pt"})


def sentiment(label: str, score: float) -> Sentiment:
    return Sentiment(label=label, score=score, confidence=0.8)


@pytest.mark.parametrize(
    ("intent", "mood", "expected"),
    [
        ("complaint", sentiment("negative", -0.3), "high"),
        ("complaint", sentiment("negative", STRONGLY_NEGATIVE - 0.1), "urgent"),
        ("purchase_intent", sentiment("positive", 0.5), "high"),
        ("purchase_intent", sentiment("negative", -0.9), "urgent"),
        ("question", sentiment("neutral", 0.0), "normal"),
        ("question", sentiment("negative", -0.8), "high"),
        ("praise", sentiment("positive", 0.9), "normal"),
        ("other", sentiment("neutral", 0.0), "normal"),
        ("other", sentiment("negative", -0.7), "high"),
        ("spam", sentiment("negative", -0.95), "low"),
        ("spam", sentiment("positive", 0.9), "low"),
    ],
)
def test_priority(intent, mood, expected):
    assert priority_for(mood, IntentGuess(intent=intent, confidence=0.9)) == expected


def test_complaints_and_buyers_come_before_questions_and_spam_last():
    calm = sentiment("neutral", 0.0)
    rank = {intent: PRIORITIES.index(priority_for(calm, IntentGuess(intent, 0.9))) for intent in INTENTS}
    assert rank["complaint"] < rank["question"] and rank["purchase_intent"] < rank["question"]
    assert rank["spam"] == max(rank.values())
