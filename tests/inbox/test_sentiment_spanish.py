"""Spanish sentiment, rule by rule: slang, missing accents, emoji, negation, boosters, contrast, phrases."""

import pytest

from heraldo.inbox.analysis.base import SENTIMENT_LABELS
from heraldo.inbox.analysis.english import english_lexicon
from heraldo.inbox.analysis.spanish import (
    PHRASES,
    SENTILEAK_STEMS,
    SPANISH_GLOSSES,
    UNMET_EXPECTATIONS,
    SpanishBackend,
    SpanishLexicon,
)


@pytest.fixture(scope="module")
def backend() -> SpanishBackend:
    return SpanishBackend()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Me encanta!!", "positive"),
        ("muy bueno", "positive"),
        ("buenísimo 😍", "positive"),
        ("lo recomiendo al 100%", "positive"),
        ("qué chido", "positive"),
        ("bacán el servicio", "positive"),
        ("jajaja genial", "positive"),
        ("gracias, todo perfecto", "positive"),
        ("es una mierda", "negative"),
        ("pésimo servicio", "negative"),
        ("pesimo servicio", "negative"),
        ("PESIMO", "negative"),
        ("malísimo", "negative"),
        ("q asco", "negative"),
        ("xq no contestan???", "negative"),
        ("estafadores, me robaron", "negative"),
        ("me llegó roto 😡", "negative"),
        ("me decepcionó mucho", "negative"),
        ("el pedido llegó ayer", "neutral"),
        ("¿Cuál es el precio?", "neutral"),
        ("Buenos días, ¿tienen envío a Madrid?", "neutral"),
        ("buenas tardes, una consulta", "neutral"),
        ("necesito ayuda con mi pedido", "neutral"),
    ],
)
def test_labels_of_everyday_comments(backend, text, label):
    assert backend.score(text).label == label


@pytest.mark.parametrize(
    ("negated", "plain"),
    [
        ("no me gusta", "me gusta"),
        ("no lo recomiendo", "lo recomiendo"),
        ("nunca es bueno", "es bueno"),
        ("no sirve para nada", "sirve"),
        ("no vale la pena", "vale la pena"),
    ],
)
def test_negation_flips_a_positive(backend, negated, plain):
    assert backend.score(negated).score < 0 < backend.score(plain).score


def test_negated_negatives_turn_positive(backend):
    assert backend.score("no está mal").label == "positive"
    assert backend.score("sin problemas").label == "positive"
    assert backend.score("nada mal").label == "positive"


def test_negative_concord_negates_once(backend):
    """Spanish doubles its negators ("no ... nada"): still one negation, unlike English double negatives."""
    assert backend.score("no es nada bueno").label == "negative"
    assert backend.score("no me gustó nada").label == "negative"


def test_negation_stops_at_a_clause_boundary(backend):
    assert backend.score("No. Me encanta").label == "positive"
    assert backend.score("sin duda lo mejor").label == "positive"


def test_boosters_dampeners_and_superlatives(backend):
    bueno, muy_bueno, buenisimo = (backend.score(t).score for t in ("bueno", "muy bueno", "buenísimo"))
    assert 0 < bueno < muy_bueno
    assert bueno < buenisimo
    assert backend.score("un poco lento").score > backend.score("lento").score
    assert backend.score("poco útil").label == "negative"


def test_but_makes_the_second_half_dominant(backend):
    assert backend.score("El producto es bueno pero el envío fue terrible").label == "negative"
    assert backend.score("Tardó un poco pero es excelente").label == "positive"


def test_caps_floods_and_exclamations_add_emphasis(backend):
    plain = backend.score("es bueno").score
    assert backend.score("es BUENO de verdad").score > plain
    assert backend.score("es bueno!!!").score > plain
    assert backend.score("buenooooo").label == "positive"


def test_feeling_ignored_and_unmet_expectations_are_negative(backend):
    for text in ("nadie me responde", "no contestan", "sin respuesta", "todavía no llega", "ya no funciona"):
        assert backend.score(text).label == "negative", text


def test_emoji_alone(backend):
    assert backend.score("😍😍").label == "positive"
    assert backend.score("😭").label == "negative"
    assert backend.score("👎").label == "negative"


def test_accents_are_optional(backend):
    for accented, plain in [("pésimo", "pesimo"), ("increíble", "increible"), ("decepción", "decepcion")]:
        assert backend.score(accented).score == backend.score(plain).score


def test_scores_and_confidence_are_bounded(backend):
    for text in ["", " ", "🔥" * 40, "MUY BUENO!!!!!! " * 30, "no " * 100, "https://t.co/x", "¿¡...!?"]:
        sentiment = backend.score(text)
        assert sentiment.label in SENTIMENT_LABELS
        assert -1 <= sentiment.score <= 1
        assert 0 <= sentiment.confidence <= 1


def test_every_gloss_is_a_word_vader_rated():
    english = english_lexicon()
    glosses = set(SPANISH_GLOSSES.values()) | {g for g in PHRASES.values() if g} | set(UNMET_EXPECTATIONS.values())
    assert not glosses - english.keys()


def test_the_sentileak_table_is_complete():
    """The embedded copy of SentiLeak 0.1.4's sentiment_words.csv: 2,853 stems, valences -4..4."""
    stems = [stem for group in SENTILEAK_STEMS.values() for stem in group.split()]
    assert len(stems) == len(set(stems)) == 2853
    assert set(SENTILEAK_STEMS) <= set(range(-4, 5))


def test_lexicon_lookups(backend):
    lexicon = SpanishLexicon()
    assert lexicon.valence("producto") == 0.0  # a shop word, not an opinion
    assert lexicon.valence("mesa") is None
    assert lexicon.valence("arrepiento") < 0  # stem-changing verb found through "arrepent"
    assert lexicon.valence("jajajaja") > 0
    assert lexicon.valence(":)") > 0
