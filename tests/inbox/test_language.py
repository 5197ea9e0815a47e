"""Language detection of inbox texts: ISO 639-1 codes, "und" when nothing can be told."""

import pytest

from heraldo.inbox.analysis import language as language_module
from heraldo.inbox.analysis.language import LANGUAGES, UNDETERMINED, detect_language, detect_languages

CASES = {
    "en": [
        "Where is my order?",
        "My package never arrived and nobody answers",
        "Can I get a refund please",
        "How much does shipping cost to Texas?",
        "Best purchase ever!!!",
        "is this available in blue?",
        "not happy with the quality",
        "Thank you so much ❤️",
        "lol",
        "thanks",
        "Great product, fast shipping!",
        "omg this is lit 🔥🔥 https://t.co/abc",
        "@brand why is my account locked",
    ],
    "es": [
        "¿Dónde está mi pedido?",
        "Me encanta, muy bueno",
        "xq no llega mi pedido",
        "pesimo servicio, nunca mas",
        "Buenos días, ¿tienen envío a Madrid?",
        "cuanto cuesta?",
        "jajaja",
        "gracias!",
        "hola",
        "Necesito ayuda con mi cuenta",
        "El peor servicio del mundo",
        "Ya hice el pago, cuándo envían?",
        "@tienda no me contestan hace días #fail",
    ],
    "pt": ["Obrigado pela ajuda", "Não gostei do produto, muito ruim", "Vocês entregam em Lisboa?"],
    "fr": ["Merci beaucoup, c'est vraiment super", "Je n'ai pas reçu ma commande"],
    "de": ["Danke schön, das ist sehr gut", "Ich habe meine Bestellung nicht erhalten"],
    "it": ["Grazie mille, molto bello", "Non mi è arrivato il pacco"],
}
UNDETERMINED_TEXTS = [
    "",
    "   ",
    "😍😍😍",
    "👍",
    "https://t.co/abc",
    "@someone",
    "#tbt",
    "100%",
    "!!!",
    ":)",
    "ok",
    "42",
]


@pytest.mark.parametrize(("expected", "text"), [(code, text) for code, texts in CASES.items() for text in texts])
def test_detects_the_language(expected, text):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", UNDETERMINED_TEXTS)
def test_text_without_a_language_is_und(text):
    assert detect_language(text) == UNDETERMINED


def test_none_and_odd_characters_do_not_crash():
    assert detect_language(None) == UNDETERMINED  # type: ignore[arg-type]
    assert detect_language("\x00\ufffd\u200d") == UNDETERMINED
    assert detect_language("🏳️‍🌈" * 100) == UNDETERMINED
    assert detect_language("a" * 100_000) in {*LANGUAGES, UNDETERMINED}


def test_answers_are_iso_639_1_codes():
    texts = [text for texts in CASES.values() for text in texts] + UNDETERMINED_TEXTS
    for code in detect_languages(texts):
        assert code == UNDETERMINED or (len(code) == 2 and code.isalpha() and code.islower())


def test_evidence_words_decide_without_the_statistical_model(monkeypatch):
    def fail(text):
        raise AssertionError(f"py3langid consulted for {text!r}")

    monkeypatch.setattr(language_module, "_statistical", fail)
    assert detect_language("I want to know where my order is") == "en"
    assert detect_language("quiero saber dónde está mi pedido") == "es"
    assert detect_language("gracias") == "es"


def test_neighbour_languages_are_not_taken_for_spanish():
    # Portuguese shares "que", "para", "por" with Spanish; its own words send it to the statistical detector.
    assert detect_language("Eu acho que é muito bom para o preço") == "pt"
    assert detect_language("Questo è per te, grazie") == "it"
