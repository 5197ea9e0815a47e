"""Keywords of an inbox comment: the words and short phrases that say what it is about.

Stopword-split phrases (the RAKE idea): the comment is cut at stopwords, punctuation, emoji, links and
mentions; what is left are runs of content words ("late delivery", "oat milk latte", "precio", "color negro").
Runs of up to three words are kept whole, longer ones are cut into pairs. Hashtags are kept without '#'.
When there are more candidates than asked for, longer phrases, repeated ones, hashtags and words a business
acts on ("refund", "envío") win; the chosen ones come back in the order they appear.
"""

import re
import unicodedata

from heraldo.inbox.analysis.lexicons.stopwords import FILLER_EN, FILLER_ES, FUNCTION_WORDS_EN, FUNCTION_WORDS_ES

_MAX_PHRASE_WORDS = 3


def _unaccent(word: str) -> str:
    if word.isascii():
        return word
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _spellings(words: str) -> frozenset[str]:
    """Each word as listed, without accents and without apostrophes: comments spell them all three ways."""
    spellings = set()
    for word in words.split():
        spellings.update((word, _unaccent(word), word.replace("'", ""), _unaccent(word).replace("'", "")))
    return frozenset(spellings)


_FUNCTION_WORDS = _spellings(FUNCTION_WORDS_EN + FUNCTION_WORDS_ES)
_STOPWORDS = _FUNCTION_WORDS | _spellings(FILLER_EN + FILLER_ES)

# Words a business acts on: a phrase holding one is preferred when there are too many candidates.
_ACTIONABLE = _spellings(
    """
    refund refunds return returns exchange price prices pricing cost costs fee fees delivery deliveries shipping
    shipment order orders package parcel tracking size sizes stock discount coupon promo payment charge charged
    invoice receipt booking reservation appointment menu hours location address warranty subscription account
    password login app website checkout cart bug error crash delay delayed late broken damaged missing wrong
    cold rude quality service support staff manager wait
    reembolso devolución cambio precio precios costo costos envío envíos entrega pedido orden paquete talla tallas
    stock descuento cupón promoción pago cobro cobros factura reserva cita menú horario horarios ubicación dirección
    garantía suscripción cuenta contraseña aplicación app página error falla demora retraso tarde roto dañado
    equivocado frío calidad servicio atención
    """
)

_LINK_HINT = re.compile(
    r"https?://|www\.|\.(?:com|net|org|io|ly|me|co|xyz|info|biz|link|site|online|shop|store|app|gg|es|mx|ar|cl|pe"
    r"|us|uk|ee|ca|de|fr|it|br|tv|ai|to)\b"
)
_LINKS_AND_MENTIONS = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)+(?:com|net|org|io|ly|me|co|xyz|info|biz|link|site|online|shop|store"
    r"|app|gg|es|mx|ar|cl|pe|us|uk|ee|ca|de|fr|it|br|tv|ai|to)\b(?:/\S*)?|@[\w.]+"
)
# Runs of anything but letters, digits, spaces, '#' and apostrophes (punctuation, emoji) end a phrase.
_SEPARATORS = re.compile(r"[^\w\s#']+")


def extract_keywords(text: str, language: str, limit: int = 5) -> list[str]:
    """The salient words and short phrases of a comment, lowercased, deduplicated, in order of appearance.

    Stopwords of English and Spanish both apply whatever `language` says, because comments mix the two and
    short texts are often misdetected; links, mentions, emoji and numbers-only tokens never become keywords.
    At most `limit` keywords are returned.
    """
    if limit <= 0 or not text:
        return []
    lowered = text.lower()
    if "\u2019" in lowered:  # typographic apostrophe
        lowered = lowered.replace("\u2019", "'")
    if "@" in lowered or _LINK_HINT.search(lowered):
        lowered = _LINKS_AND_MENTIONS.sub(" . ", lowered)

    candidates: dict[str, list] = {}  # dedup key -> [phrase, salience, first position]
    inside: set[str] = set()  # words of multi-word phrases: "delivery" adds nothing next to "late delivery"
    for segment in _SEPARATORS.split(lowered):
        run: list[str] = []
        for word in segment.split():
            if word in _STOPWORDS:
                if run:
                    _add_run(candidates, inside, run)
                    run = []
                continue
            if word[0] == "#":
                tag = word.strip("#'")
                if len(tag) > 1 and not tag.isdigit() and tag not in _FUNCTION_WORDS:
                    if run:
                        _add_run(candidates, inside, run)
                        run = []
                    _add(candidates, inside, [tag], 0.5)
                    continue
                word = tag
            if "'" in word:
                word = word.strip("'")
                if word.endswith("'s"):
                    word = word[:-2]
            if len(word) > 2 and word[-1] == word[-2] == word[-3]:  # "sooo", "holaaa": squeeze, then the stoplist
                word = word.rstrip(word[-1]) + word[-1]
            if len(word) < 2 or word in _STOPWORDS or word.isdigit():
                if run:
                    _add_run(candidates, inside, run)
                    run = []
            elif not run or run[-1] != word:  # "refund refund refund" is one refund
                run.append(word)
        if run:
            _add_run(candidates, inside, run)

    entries = [entry for key, entry in candidates.items() if key not in inside or " " in key]
    if len(entries) > limit:
        entries = sorted(sorted(entries, key=lambda entry: -entry[1])[:limit], key=lambda entry: entry[2])
    return [entry[0] for entry in entries]


def _add_run(candidates: dict[str, list], inside: set[str], run: list[str]) -> None:
    """A run of content words as phrases: whole up to three words, else pairs (the last one may be a triple)."""
    if len(run) <= _MAX_PHRASE_WORDS:
        _add(candidates, inside, run, 0.0)
        return
    last = len(run) - 3 if len(run) % 2 else len(run) - 2
    for i in range(0, last, 2):
        _add(candidates, inside, run[i : i + 2], 0.0)
    _add(candidates, inside, run[last:], 0.0)


def _add(candidates: dict[str, list], inside: set[str], words: list[str], bonus: float) -> None:
    phrase = " ".join(words)
    key = phrase if phrase.isascii() else _unaccent(phrase)
    entry = candidates.get(key)
    if entry is not None:
        entry[1] += 0.5  # said twice
        return
    # Longer phrases, hashtags and words a business acts on are the salient ones.
    salience = len(words) + bonus + (0.0 if _ACTIONABLE.isdisjoint(words) else 1.0)
    candidates[key] = [phrase, salience, len(candidates)]
    if len(words) > 1:
        inside.update(key.split())
