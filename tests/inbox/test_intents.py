"""Intent classification of inbox comments: behaviour in English and Spanish, precedence, confidence."""

import pytest

from heraldo.inbox.analysis.base import INTENTS, IntentGuess, Sentiment
from heraldo.inbox.analysis.intents import classify_intent

AUTO_REPLY_THRESHOLD = 0.85  # the default confidence that lets a suggested reply go out unattended


def _math_bold(text: str) -> str:
    """The text in MATHEMATICAL BOLD letters, as spam accounts write to dodge filters."""
    return "".join(
        chr(0x1D400 + ord(c) - ord("A")) if c.isupper() else chr(0x1D41A + ord(c) - ord("a")) if c.islower() else c
        for c in text
    )


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        # the issue's own examples
        ("How much is the large one? I want two", "en", "purchase_intent"),
        ("Why hasn't my order arrived??", "en", "complaint"),
        ("Love it! where can I buy one?", "en", "purchase_intent"),
        ("Is it open on Sundays?", "en", "question"),
        ("Amazing service 😍", "en", "praise"),
        ("Follow me for free followers!! bit.ly/xyz", "en", "spam"),
        ("check my profile", "en", "spam"),
        ("DM me to earn $500 a day", "en", "spam"),
        ("ok", "en", "other"),
        ("@friend look", "en", "other"),
        ("first!", "en", "other"),
        # English
        ("What time do you close today?", "en", "question"),
        ("do u take walk ins", "en", "question"),
        ("Does it integrate with Shopify?", "en", "question"),
        ("Worst customer service ever. Nobody answers the phone", "en", "complaint"),
        ("I was charged twice for the same order, please fix this", "en", "complaint"),
        ("The app keeps crashing since the last update", "en", "complaint"),
        ("waited 45 minutes for a table even with a reservation", "en", "complaint"),
        ("WHERE IS MY PACKAGE", "en", "complaint"),
        ("Product looks nothing like the pictures", "en", "complaint"),
        ("Best coffee in town, hands down ☕️", "en", "praise"),
        ("Thank you so much for the quick delivery!", "en", "praise"),
        ("the croissants are to die for", "en", "praise"),
        ("10/10 would recommend", "en", "praise"),
        ("Do you ship to Canada?", "en", "purchase_intent"),
        ("price?", "en", "purchase_intent"),
        ("Is this still available in size M?", "en", "purchase_intent"),
        ("I'd like to book a table for 4 on Friday at 8", "en", "purchase_intent"),
        ("Any openings Saturday morning for a cut and color?", "en", "purchase_intent"),
        ("Congratulations! You've been selected for our giveaway. Claim your prize: prize-win.xyz", "en", "spam"),
        (
            "I made $8,000 last week trading bitcoin with Mrs Anna, contact her on WhatsApp +1 555 201 3344",
            "en",
            "spam",
        ),
        ("Nice page! We can help you grow your followers fast, DM us for promo", "en", "spam"),
        ("lol", "en", "other"),
        ("@mike_22 this is so you 😂", "en", "other"),
        ("Happy Monday everyone", "en", "other"),
        # Spanish, with and without accents
        ("¿A qué hora abren los domingos?", "es", "question"),
        ("a q hora abren el domingo", "es", "question"),
        ("donde estan ubicados?", "es", "question"),
        ("Se puede ir con mascotas?", "es", "question"),
        ("Pésimo servicio, nunca me respondieron", "es", "complaint"),
        ("Hice un pedido hace 3 semanas y todavia no llega", "es", "complaint"),
        ("xq no me contestan?? ya van 4 mensajes", "es", "complaint"),
        ("Me llegó roto el producto 😡", "es", "complaint"),
        ("Me encanta!!! 😍", "es", "praise"),
        ("Excelente servicio, muy recomendados", "es", "praise"),
        ("que rico todo, volveremos pronto", "es", "praise"),
        ("¿Cuánto cuesta?", "es", "purchase_intent"),
        ("cuanto cuesta el envio a cordoba", "es", "purchase_intent"),
        ("precio porfa", "es", "purchase_intent"),
        ("Info", "es", "purchase_intent"),
        ("hacen envios a Monterrey?", "es", "purchase_intent"),
        ("lo quiero!! en talla M", "es", "purchase_intent"),
        ("Gana dinero desde casa con criptomonedas, escríbeme", "es", "spam"),
        ("Sígueme y te sigo de vuelta 🔥", "es", "spam"),
        ("jajaja @maria mira esto", "es", "other"),
        ("primero!", "es", "other"),
    ],
)
def test_intent_of_typical_comments(text: str, language: str, intent: str) -> None:
    assert classify_intent(text, language).intent == intent


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        ("Why hasn't my order arrived?? It's been 2 weeks", "en", "complaint"),  # a question that complains
        ("¿Por qué nadie me responde? Llevo 3 días esperando", "es", "complaint"),
        ("Love it! where can I buy one?", "en", "purchase_intent"),  # praise that wants to buy
        ("Hermoso! ¿lo tienen en azul?", "es", "purchase_intent"),
        ("Great coffee! What beans do you use?", "en", "question"),  # praise that asks
        ("Love the coffee but the wifi never works", "en", "complaint"),  # mixed review: the problem wins
        ("Me encanta el café pero el servicio es lentísimo", "es", "complaint"),
        ("I love your page! Check out my new song on spotify", "en", "spam"),  # flattery that advertises
        ("Is this a scam?", "en", "complaint"),
        ("I want to buy one but your checkout page is broken", "en", "complaint"),  # a lost sale is a complaint
        ("Is the event sold out?", "en", "question"),  # a weak purchase cue yields to a plain question
        ("@tom remember this?", "en", "other"),  # a question to a tagged friend is chat
    ],
)
def test_precedence_follows_what_the_business_needs(text: str, language: str, intent: str) -> None:
    assert classify_intent(text, language).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("not great tbh", "complaint"),
        ("wasn't impressed at all", "complaint"),
        ("no me gustó nada", "complaint"),
        ("no es bueno", "complaint"),
        ("not bad at all!", "praise"),
        ("You guys never disappoint ❤️", "praise"),
        ("no thanks", "other"),
        ("no gracias", "other"),
        ("Not only delicious but cheap too", "praise"),  # the negator does not reach the praise
        ("no doubt the best in town", "praise"),
        ("no solo rico, también barato", "praise"),
        ("Great, another delay. Thanks a lot.", "complaint"),  # the common sarcastic thanks
    ],
)
def test_negation_turns_praise_around(text: str, intent: str) -> None:
    assert classify_intent(text, "und").intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Sooooo goooood", "praise"),
        ("amaaazing!!!", "praise"),
        ("graciasss", "praise"),
        ("THIS IS UNACCEPTABLE", "complaint"),
        (_math_bold("Follow me for free followers"), "spam"),  # a spammer's font
        ("pre-order?", "purchase_intent"),
        ("Where\u2019s my order??", "complaint"),  # typographic apostrophe
    ],
)
def test_social_media_spelling(text: str, intent: str) -> None:
    assert classify_intent(text, "en").intent == intent


@pytest.mark.parametrize("language", ["es", "und", "pt", "", "en"])
def test_any_declared_language_still_reads_both_languages(language: str) -> None:
    # Short comments are often misdetected; code-switching is common.
    assert classify_intent("precio porfa", language).intent == "purchase_intent"
    assert classify_intent("how much is shipping?", language).intent == "purchase_intent"


def test_own_language_cues_weigh_more_than_the_other_languages() -> None:
    assert classify_intent("precio porfa", "es").confidence > classify_intent("precio porfa", "en").confidence


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😂",
        "😍😍😍",
        "https://example.com/some/page",
        "@someone",
        "12345",
        "?!?!",
        "ок",  # Cyrillic
        "这个多少钱",
        "a" * 5000,
        "love " * 400 + "refund " * 400,
    ],
)
def test_odd_input_gives_a_valid_guess(text: str) -> None:
    guess = classify_intent(text, "en")
    assert isinstance(guess, IntentGuess)
    assert guess.intent in INTENTS
    assert 0.0 <= guess.confidence <= 1.0


def test_empty_and_emoji_only_input() -> None:
    assert classify_intent("", "en") == IntentGuess("other", 0.95)
    assert classify_intent("   \n", "es").intent == "other"
    assert classify_intent("😂😂", "en").intent == "other"
    assert classify_intent("😍", "en").intent == "praise"
    assert classify_intent("😍", "en").confidence < AUTO_REPLY_THRESHOLD


def test_a_bare_link_is_spam_but_not_confidently() -> None:
    bare = classify_intent("https://example.com/some/page", "en")
    assert bare.intent == "spam"
    assert bare.confidence < AUTO_REPLY_THRESHOLD
    # A shortener together with a come-on is clear-cut.
    assert classify_intent("free followers here bit.ly/abc", "en").confidence >= AUTO_REPLY_THRESHOLD


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Is it open on Sundays?", "en"),
        ("Amazing service 😍", "en"),
        ("How much is the large one? I want two", "en"),
        ("Why hasn't my order arrived??", "en"),
        ("Follow me for free followers!! bit.ly/xyz", "en"),
        ("¿A qué hora abren los domingos?", "es"),
        ("Me cobraron dos veces y nadie me da solución", "es"),
        ("Muchas gracias por la atención, son los mejores", "es"),
    ],
)
def test_clear_cut_comments_reach_the_auto_reply_threshold(text: str, language: str) -> None:
    assert classify_intent(text, language).confidence >= AUTO_REPLY_THRESHOLD


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("nice", "en"),  # one mild word
        ("The staff was nice but the food was mediocre", "en"),  # mixed review
        ("Is the event sold out?", "en"),  # a question with a faint purchase cue
        ("I want to buy one but your checkout page is broken", "en"),  # complaint and purchase at once
        ("Hi, quick question about my order", "en"),
        ("Bonito pero caro", "es"),
        ("We went there yesterday", "en"),  # no cue at all
    ],
)
def test_ambiguous_comments_stay_below_the_auto_reply_threshold(text: str, language: str) -> None:
    assert classify_intent(text, language).confidence < AUTO_REPLY_THRESHOLD


def test_more_evidence_means_more_confidence() -> None:
    one = classify_intent("refund", "en").confidence
    more = classify_intent("This is a scam, I want a refund, still waiting after 3 weeks", "en").confidence
    assert more > one


def test_sentiment_breaks_a_tie_only_where_cues_are_silent() -> None:
    plain = "We went there yesterday with the kids"
    assert classify_intent(plain, "en").intent == "other"
    negative = Sentiment("negative", -0.8, 0.9)
    positive = Sentiment("positive", 0.8, 0.9)
    assert classify_intent(plain, "en", negative).intent == "complaint"
    assert classify_intent(plain, "en", positive).intent == "praise"
    assert classify_intent(plain, "en", negative).confidence < AUTO_REPLY_THRESHOLD
    # An unsure sentiment is ignored, and a clear cue is not overruled by tone.
    assert classify_intent(plain, "en", Sentiment("negative", -0.8, 0.2)).intent == "other"
    assert classify_intent("How much is it?", "en", negative).intent == "purchase_intent"
    assert classify_intent("Amazing service 😍", "en", negative).intent == "praise"


def test_sentiment_sharpens_a_mixed_review() -> None:
    mixed = "Nice place, but the music was too loud"
    assert classify_intent(mixed, "en", Sentiment("negative", -0.7, 0.9)).intent == "complaint"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("5 stars!", "praise"),
        ("11/10", "praise"),
        ("1/10 never again", "complaint"),
        ("0 stars if I could", "complaint"),
        ("earn $300 per day from your phone", "spam"),
        ("I can get you 10k followers for $10", "spam"),
        ("So I paid for express shipping and it took 10 days?", "complaint"),
        ("How much is the 12 month membership?", "purchase_intent"),
    ],
)
def test_numbers_are_read_in_context(text: str, intent: str) -> None:
    assert classify_intent(text, "en").intent == intent


def test_same_input_same_guess() -> None:
    text = "Hola! Quisiera saber cuánto cuesta el envío a Monterrey 🙏"
    assert {classify_intent(text, "es") for _ in range(5)} == {classify_intent(text, "es")}
