"""The language of one comment or message: an ISO 639-1 code, or "und" when it cannot be told.

Two stages, because a statistical detector is both the slow part and the unreliable part on three-word texts:

1. Evidence words. Social-media text in the languages the analysers are built for (English, Spanish) is full
   of short function words and fixtures ("the", "you", "thanks", "lol"; "el", "muy", "gracias", "xq", "jaja")
   that a character-n-gram model sees too little of to weigh. A text whose words point to one of them, with no
   word of the other nor of a close neighbour (Portuguese, Italian, French, German, whose markers are listed
   too), is decided at once: most inbox texts stop here, in a few microseconds.
2. Otherwise py3langid (a maintained fork of langid.py, Lui & Baldwin 2012) ranks the languages of
   LANGUAGES, the ones with a large social-media audience; the regional languages closest to Spanish
   (Catalan, Galician, Asturian, Aragonese...) are left out, since on a short text they mostly steal Spanish.
   Its probabilities get a prior that favours English and Spanish (the audience this analyser serves) and the
   winner must reach MIN_PROBABILITY, else a text with evidence words goes to their language and one without
   is "und".

Text without letters (empty, emoji, links, mentions, numbers) is "und".
"""

import re
from functools import lru_cache

UNDETERMINED = "und"
# Languages py3langid may answer: wide social-media audiences; Catalan, Galician & co. out (they steal Spanish).
LANGUAGES = (
    "ar", "bg", "bn", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hr", "hu", "id", "it",
    "ja", "ko", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sr", "sv", "th", "tl", "tr", "uk", "ur", "vi",
    "zh",
)  # fmt: skip
# Prior odds for the languages the inbox is made for, applied to py3langid's probabilities.
PRIOR = {"en": 3.0, "es": 3.0}
MIN_PROBABILITY = 0.5


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH_WORDS = _words(
    """the and is are was were be been am i'm im you you're your yours it it's its this that these those with for
    of to my mine have has had not but what will would can can't cant don't dont didn't doesn't won't isn't just
    how why when where who they we our us he she his her them there their from at on in an or if get got do does
    did thanks thank thx ty please pls plz love like good great nice awesome amazing bad worst best really very
    all about out up yes yeah lol lmao omg wtf idk btw hello hi hey guys
    """
)
SPANISH_WORDS = _words(
    """el la los las de del en y es está están estoy estaba esto eso esta este ese esa estos esas muy pero por
    para que qué como cómo más con una unos unas lo le les se mi mis tu tus su sus yo te nos al ya hay tengo tiene
    tienen     hace son fue ser estar bien bueno buena buenos buenas gracias hola sí también tambien porque cuando donde
    dónde cuál cual quién quien nada todo todos nunca siempre ahora hoy mañana aquí aqui ni xq pq q k tb tmb
    vale pues oye usted ustedes vosotros mucho mucha muchas muchos poco otra otro puedo puede quiero necesito
    favor precio envío envio pedido compra comprar cuánto cuanto cuesta encanta gusta malo mala pésimo pesimo
    jaja jajaja jajajaja jeje jiji
    """
)
# Words of the nearest neighbours: any of them sends the text to the statistical detector.
NEIGHBOUR_WORDS = _words(
    """não nao você voce vocês vc vcs obrigado obrigada muito é são isso isto também uma ele ela eu meu minha pra
    pelo pela com já mais bem tá até nós só kkk kkkk kkkkk rs rsrs est et je vous nous pas c'est ça très merci avec pour
    une dans qui sur mais j'ai il di
    che non è sono molto grazie della questo questa anche tutto bene per ho ciao und der die das ist nicht ich
    sie mit danke sehr ein eine
    """
)
SPANISH_CHARACTERS = frozenset("ñ¿¡")
# Laughter ("jajaja", "jejeje") is Spanish; "hahaha" is everybody's.
SPANISH_LAUGH = re.compile(r"^(?:j+[aeiou]+){2,}j*$")
# The start of a long text tells its language as well as the whole does, at a bounded cost.
MAX_CHARS = 2000
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # An identifier of our own: restricting py3langid's module-level one would change it for everyone else.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def _statistical(text: str) -> tuple[str, float]:
    """py3langid's best language for the text and its probability under PRIOR."""
    ranking = _identifier().rank(text)
    weighted = [(language, probability * PRIOR.get(language, 1.0)) for language, probability in ranking]
    total = sum(weight for _, weight in weighted) or 1.0
    language, weight = max(weighted, key=lambda pair: pair[1])
    return language, weight / total


def _is_noise(token: str) -> bool:
    return token[0] in "@#" or "@" in token or "://" in token or token.lower().startswith("www.")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, "und" when it has no letters or no language stands out."""
    # Links, mentions, e-mail addresses and hashtags say nothing about the language of the sentence around them.
    cleaned = (text or "")[:MAX_CHARS]
    if "@" in cleaned or "#" in cleaned or "/" in cleaned or "www." in cleaned.lower():
        cleaned = " ".join(token for token in cleaned.split() if not _is_noise(token))
    words = WORD.findall(cleaned.lower())
    if not words:
        return UNDETERMINED
    english = spanish = neighbour = 0
    for word in words:
        if word in ENGLISH_WORDS:
            english += 1
        elif word in SPANISH_WORDS or SPANISH_LAUGH.match(word):
            spanish += 1
        elif word in NEIGHBOUR_WORDS:
            neighbour += 1
    if not SPANISH_CHARACTERS.isdisjoint(cleaned):
        spanish += 1
    # One evidence word decides a text of one or two words; longer texts need two.
    needed = 1 if len(words) <= 2 else 2
    if not neighbour:
        if spanish >= needed and not english:
            return "es"
        if english >= needed and not spanish:
            return "en"
    language, probability = _statistical(" ".join(words))
    if probability >= MIN_PROBABILITY:
        return language
    if english != spanish and not neighbour:
        return "en" if english > spanish else "es"
    return UNDETERMINED


def detect_languages(texts: list[str]) -> list[str]:
    """detect_language for each text, in order."""
    return [detect_language(text) for text in texts]
