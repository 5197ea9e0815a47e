"""Intent of an inbox comment (question, complaint, praise, purchase intent, spam, other), English and Spanish.

A transparent weighted-cue classifier. Every cue in ``lexicons/intent_cues.py`` adds its weight to one intent;
a few structural cues (question marks, interrogative openers, links, handles pointed at, money-per-day amounts,
star ratings, waiting times, emoji, a leading tag of a friend) are found by small anchored regexes. Praise said
before a "but" counts half, and a negation that no cue explains hints at a complaint. All word cues of both
languages are compiled at import into one trie-shaped regex, so a comment is scanned once whatever the size of the
lexicon and each match maps back to its weights with one dict lookup.

Precedence follows what a business needs: spam, then complaint (a question that complains is a complaint),
then purchase intent (a price question is a sale), then question, then praise, then other. A higher intent
yields to a lower one only when it is much weaker. Confidence grows with the winning intent's summed weight
and shrinks when contradicting intents fired too; only clear-cut comments reach the 0.85 auto-reply threshold.
"""

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from heraldo.inbox.analysis.base import INTENTS, IntentGuess, Sentiment
from heraldo.inbox.analysis.lexicons.intent_cues import CUES, EMOJI, GREETINGS, OPENERS

_INDEX = {name: i for i, name in enumerate(INTENTS)}
_QUESTION, _COMPLAINT, _PRAISE, _PURCHASE, _SPAM, _OTHER = (
    _INDEX[name] for name in ("question", "complaint", "praise", "purchase_intent", "spam", "other")
)
_CONTENT = (_QUESTION, _COMPLAINT, _PRAISE, _PURCHASE, _SPAM)
assert sorted(_CONTENT) == list(range(_OTHER))  # scores[:_OTHER] are the content intents
# Lexicon entries may also carry this pseudo-intent: the cue starts with an interrogative opener ("how", "a qué
# hora"), which counts for question only at the start of a clause.
_OPENER = len(INTENTS)
_Table = dict[str, tuple[tuple[int, float], ...]]

# Cues of the other language still count (code-switching, short texts misdetected), a little less.
_CROSS_LANGUAGE = 0.75
_MODES = ("en", "es", "any")

# ---------------------------------------------------------------------------------------------------------------
# Text clean-up: lowercase ASCII, no accents or apostrophes, single spaces; punctuation stays (it marks clauses).

_URL_HINT = re.compile(
    r"https?://|www\.|\.(?:com|net|org|io|ly|me|co|xyz|info|biz|link|site|online|shop|store|app|gg|tk|ml|ga|cf"
    r"|club|top|live|click|ru|cn|es|mx|ar|cl|pe|us|uk|ee|ca|de|fr|it|br|in|au|tv|ai|dev|page|to)\b"
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|ly|me|co|xyz|info|biz|link|site|online|shop"
    r"|store|app|gg|tk|ml|ga|cf|club|top|live|click|ru|cn|es|mx|ar|cl|pe|us|uk|ee|ca|de|fr|it|br|in|au|tv|ai|dev"
    r"|page|to)\b(?:/\S*)?"
)
_SHORT_LINK = re.compile(
    r"bit\.ly|tinyurl|\bt\.co/|\bt\.me|wa\.me|goo\.gl|linktr\.ee|shorturl|cutt\.ly|rb\.gy|is\.gd|ow\.ly|tiny\.cc"
    r"|rebrand\.ly|bit\.do|chat\.whatsapp|discord\.gg|telegram\.me"
)
_MENTION = re.compile(r"@[\w.]+")
# Handles that advertise themselves ("@viralpage_promo", "@crypto.mentor.fx") are what spam points to.
_SPAMMY_HANDLE = re.compile(
    r"@[\w.]*(?:promo|viral|followers|crypto|invest|forex|fx|btc|bitcoin|cash|money|earn|profit|income|shoutout|feature"
    r"|boost|growth|hack|recover|trade|trading|loan|sugar|onlyfans|xxx|nft|mining)"
)
# Sending readers to another account ("check out @deals4u") is what promoters do in someone else's comments.
_POINTS_TO_HANDLE = re.compile(
    r"(?:check out|checkout|follow|visit|go to|look up|search|search for|find|contact|message|dm|text|write to|join"
    r"|promote it on|share it on|post it on|send it to|sigan a|siganme en|sigueme en|visiten|visita|sigue a|busca"
    r"|buscala|buscalo|busquenla|busquenlo|busquen a|busquen|escribe a|escribele a|escribenos a|contacta a|contactala"
    r"|contactalo|contacto|unete a|entra a|entren a|mandanos dm a|md a|dm a|promocionalo en|compartela en|comparte en)"
    r"(?: (?:him|her|them|us|me|on|at|on ig|on instagram|en ig|en instagram|en|al|a))? @"
)
# A comment that opens by tagging someone talks to that person, not to the business ("@ana we need to go here").
_LEADING_MENTION = re.compile(r"\s*@[\w.]+")
_ELONGATED = re.compile(r"([a-z])\1{2,}")


def _ascii_fold(lowered: str) -> str:
    """NFKD then ASCII: drops accents, emoji and curly quotes; mathematical-bold and full-width letters become plain."""
    if not lowered.isascii():
        lowered = lowered.replace("¿", ", ").replace("¡", ", ").replace("€", "$").replace("£", "$")
        lowered = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return " ".join(lowered.replace("'", "").replace("-", " ").replace("_", " ").replace("%", "").split())


def _squeezed(folded: str) -> tuple[str, str] | None:
    """Letters repeated three times or more, as one and as two ("sooo" is "so", "gooood" is "good"); None if none."""
    single, repeats = _ELONGATED.subn(r"\1", folded)
    return (single, _ELONGATED.sub(r"\1\1", folded)) if repeats else None


# ---------------------------------------------------------------------------------------------------------------
# Interrogative openers, counted at the start of a clause, also after a greeting ("hola, a qué hora abren").

_OPENER_LANGUAGE = {"en": "en", "es": "es", "es_weak": "es"}
_GREETING_WORDS = frozenset(GREETINGS.split())
_CLAUSE_END = frozenset(".!?;:,")


def _at_clause_start(folded: str, start: int) -> bool:
    """True at the text's start, after clause punctuation, or after nothing but greetings ("hola buenas, ...")."""
    head = folded[:start].rstrip()
    if not head or head[-1] in _CLAUSE_END:
        return True
    return start <= 40 and all(word.strip(",.!:") in _GREETING_WORDS for word in head.split())


# ---------------------------------------------------------------------------------------------------------------
# The word-cue lexicon, compiled into one trie-shaped regex.

_APOSTROPHE_SPLIT = re.compile(
    r"\b(i|we|you|they|he|she|it|that|there|what|don|can|won|isn|aren|wasn|weren|doesn|didn|hasn|haven|couldn"
    r"|wouldn|shouldn) (ll|m|d|re|ve|t|s)\b"
)


def _expand(spec: str) -> Iterator[str]:
    """Expand one cue spec's ``(a|b|)`` groups, innermost first, into plain cues."""
    group = re.search(r"\(([^()]*)\)", spec)
    if group is None:
        yield " ".join(spec.split())
        return
    for alternative in group.group(1).split("|"):
        yield from _expand(spec[: group.start()] + alternative.strip() + spec[group.end() :])


def _cue_specs(block: str) -> Iterator[str]:
    """Split a block on the commas that are outside parentheses."""
    depth, start = 0, 0
    for i, char in enumerate(block):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            yield block[start:i].strip()
            start = i + 1
    yield block[start:].strip()


def _trie_pattern(keys: Iterable[str], prefixes: frozenset[str] = frozenset()) -> str:
    """One alternation shaped like a trie, so the regex engine follows a single branch per character.

    Built straight from the sorted keys: keys sharing a prefix are adjacent, so each trie node is a run of them.
    Cues hold only ``[a-z0-9 ]``, which need no escaping.
    """

    def emit(run: list[str], depth: int) -> str:
        end = None
        if len(run[0]) == depth:  # a cue that ends here sorts first among those it prefixes
            end, run = run[0], run[1:]
        if not run:
            return "" if end in prefixes else r"\b"
        if end is None and run[0][depth] == run[-1][depth]:  # a chain of single-child nodes is written out whole
            first, last = run[0], run[-1]  # sorted: what the first and last share, all share
            stop, shared = min(len(first), len(last)), depth + 1
            while shared < stop and first[shared] == last[shared]:
                shared += 1
            return first[depth:shared] + emit(run, shared)
        branches = [char + emit(list(group), depth + 1) for char, group in groupby(run, key=itemgetter(depth))]
        if end is not None:  # longest first: the branches above, the end of this cue last
            branches.append("" if end in prefixes else r"\b")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    ordered = sorted(set(keys))
    return emit(ordered, 0) if ordered else ""


_CUE_SHAPE = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def _compile_lexicon() -> tuple[re.Pattern[str], dict[str, _Table]]:
    """The trie regex of every cue, and per language mode the weights of each cue."""
    weights: dict[str, dict[str, dict[int, float]]] = {}  # cue -> cue language -> intent -> weight
    written: set[str] = set()
    prefixes: set[str] = set()
    for language, intents in CUES.items():
        for intent, tiers in intents.items():
            index = _INDEX[intent]
            for weight, block in tiers.items():
                for spec in filter(None, _cue_specs(_ascii_fold(block.lower()))):  # folding commutes with expanding
                    for cue in _expand(spec):
                        is_prefix = cue.endswith("*")
                        if is_prefix:
                            cue = cue.rstrip("*").rstrip()
                        if " " in cue:
                            cue = _APOSTROPHE_SPLIT.sub(r"\1\2", cue)
                        if not _CUE_SHAPE.fullmatch(cue):
                            raise ValueError(f"cue {cue!r} ({intent}, {language}) has characters the text never keeps")
                        written.add(cue)
                        if is_prefix:
                            prefixes.add(cue)
                        slot = weights.setdefault(cue, {}).setdefault(language, {})
                        if weight > slot.get(index, 0.0):
                            slot[index] = weight
    openers = {
        phrase.replace("_", " "): (group, weight)
        for group, (weight, phrases) in OPENERS.items()
        for phrase in phrases.split()
    }
    for phrase in openers:
        written.add(phrase)
        weights.setdefault(phrase, {})
    opener_starts = {phrase.split()[0] for phrase in openers}
    for key, by_language in weights.items():
        if key.partition(" ")[0] not in opener_starts:
            continue
        words = key.split()
        for n in (3, 2, 1):  # the longest opener the cue starts with
            if " ".join(words[:n]) in openers:
                group, weight = openers[" ".join(words[:n])]
                by_language.setdefault(_OPENER_LANGUAGE[group], {})[_OPENER] = weight
                break
    tables: dict[str, _Table] = {mode: {} for mode in _MODES}
    for key, by_language in weights.items():
        if len(by_language) == 1:  # most cues belong to one language: its weights, and a little less in the other
            [(language, intent_weights)] = by_language.items()
            full = tuple(intent_weights.items())
            if language == "*":
                tables["en"][key] = tables["es"][key] = tables["any"][key] = full
                continue
            tables["any"][key] = tables[language][key] = full
            tables["es" if language == "en" else "en"][key] = tuple(
                (intent, weight * _CROSS_LANGUAGE) for intent, weight in full
            )
            continue
        for mode in _MODES:
            merged: dict[int, float] = {}
            for language, intent_weights in by_language.items():
                factor = 1.0 if mode == "any" or language in (mode, "*") else _CROSS_LANGUAGE
                for intent, weight in intent_weights.items():
                    merged[intent] = max(merged.get(intent, 0.0), weight * factor)
            tables[mode][key] = tuple(merged.items())
    # Longest cue at each word start, left to right; a number that starts no cue comes back whole for the numeric
    # checks. Only the longest cue counts, so "no thanks" hides "thanks" and "not working" hides "working".
    trie = _trie_pattern(sorted(written), frozenset(prefixes))
    return re.compile(r"\b(" + trie + r"|\d[\d,.]*)"), tables


@functools.cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, _Table]]:
    """The compiled cues, built on first use (about a second): a process that never classifies (a publishing
    worker, a CLI command) never pays for it."""
    return _compile_lexicon()


# A praise cue within two words after a negator ("not great", "no me gustó") counts for complaint instead.
_NEGATORS = frozenset(
    {
        *("not", "no", "never", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "cant"),
        *("cannot", "couldnt", "wouldnt", "hardly", "barely", "nunca", "jamas", "ni", "tampoco"),
    }
)


# "not only delicious", "no doubt the best", "no miento": the negator does not reach the praise.
_NOT_NEGATING = frozenset(
    {"only", "just", "solo", "doubt", "question", "wonder", "joke", "lie", "kidding", "cap", "miento"}
)


# A negation no cue explains ("couldn't even get a table", "ni nos pelaba") hints at a complaint; a question is exempt.
_LOOSE_NEGATOR = re.compile(
    r"\b(?:not|no|never|dont|doesnt|didnt|isnt|wasnt|arent|werent|wont|cant|cannot|couldnt|wouldnt|barely|hardly"
    r"|nobody|nunca|jamas|ni|nadie)\b"
)
_LOOSE_NEGATION_WEIGHT = 0.45
_LOOSE_NEGATION_CAP = 0.9
# Praise before "but" is the polite half of a complaint ("love the product but shipping is a joke").
_CONTRAST = re.compile(r"\b(?:but|pero|however|sin embargo|though|except|excepto)\b")
_BEFORE_CONTRAST = 0.5


def _negated(folded: str, start: int) -> bool:
    before = folded[max(0, start - 24) : start].split()
    if not before:
        return False
    if before[-1] in _NEGATORS:
        return True
    # "no notes, perfect": a clause break between the negator and the praise ends the negation.
    return (
        len(before) > 1
        and before[-2] in _NEGATORS
        and before[-1] not in _NOT_NEGATING
        and before[-1][-1] not in _CLAUSE_END
    )


# ---------------------------------------------------------------------------------------------------------------
# Numbers: each one is read with anchored regexes around it (cheaper than scanning the text for every shape).

_AFTER_NUMBER = re.compile(
    r"k?\+? ?(?:(?:/ ?|out of |de )(?P<scale>10|5)\b|(?P<stars>(?:stars?|estrellas?)\b)"
    r"|(?P<audience>(?:k|,000)? ?(?:real |active |free |more )?(?:followers|likes|views|subscribers|seguidores"
    r"|suscriptores)\b)"
    r"|(?P<duration>(?:min|mins|minutes|minutos|h|hr|hrs|hours?|horas?|days?|dias?|weeks?|semanas?|months?|mes"
    r"|meses)\b(?P<ago> (?:ago|later|late|behind|and still|and nothing|tarde|de retraso|de atraso|de demora|y nada"
    r"|y aun|y todavia|y sigo|y ni))?)"
    r"|(?P<rate>(?P<currency>usd |dollars? |dolares |euros |pesos |bucks )?(?:(?:a|per|/|every|each|al|por|x|in a"
    r"|in one) ?(?:day|week|hour|month|dia|semana|mes|hora|hr|24 ?h)\b|(?:daily|weekly|diarios|semanales|diarias"
    r"|semanal|mensuales|monthly)\b)))"
)
_WAITED_BEFORE = re.compile(
    r"\b(?:waited|waiting|wait|been|espere|esperando|esperamos|espero|llevo|llevamos|lleva|hace|despues de|tras"
    r"|ordered|pedi|compre|paid|pague|since|took|tardo|tardaron|demoro|demoraron)"
    r"(?: (?:for|over|more than|almost|like|nearly|about|around|mas de|casi|como|por|ya))? $"
)
_EARNED_BEFORE = re.compile(
    r"\b(?:earn|earned|earning|earns|make|made|making|gana|ganar|gane|generar|genera|ganando|gano|ganas"
    r"|withdraw|withdrew|profit of|profits of|returns of|ganancias de|received|recibi|paid me|pays)(?: (?:up to"
    r"|hasta|over|more than|mas de|about|around|like|at least|minimo))? ?\$? ?$"
)
_PHONE = re.compile(r"[\d ().]{7,}\d\b")
_CURRENCY_AFTER = re.compile(r" ?(?:usd|dollars?|dolares|euros?|bucks|pesos)\b")
# What each numeric shape adds, counted once per comment.
_NUMBER_CUES = {
    "spam_rate": (_SPAM, 2.5),
    "spam_earn": (_SPAM, 2.0),
    "spam_phone": (_SPAM, 0.6),
    "spam_audience": (_SPAM, 1.5),
    "complaint_wait": (_COMPLAINT, 1.5),
    "complaint_ago": (_COMPLAINT, 0.8),
    "complaint_rating": (_COMPLAINT, 2.0),
    "praise_rating": (_PRAISE, 2.0),
}

# ---------------------------------------------------------------------------------------------------------------
# Emoji: one weight per occurrence, at most two occurrences per intent.

_EMOJI_WEIGHTS = {
    char: (_INDEX[intent], weight)
    for intent, tiers in EMOJI.items()
    for weight, chars in tiers.items()
    for char in chars
}
_EMOJI_CHARS = frozenset(_EMOJI_WEIGHTS)
_EMOJI_CAP = 2

# ---------------------------------------------------------------------------------------------------------------
# Decision.

# Intent X wins over a lower-precedence intent Y unless X < ratio * Y ("Love it! where can I buy?" is purchase).
_PRECEDENCE = (
    (_SPAM, 1.5, ((_COMPLAINT, 0.5), (_PURCHASE, 0.5))),
    (_COMPLAINT, 1.0, ((_PURCHASE, 0.6), (_PRAISE, 0.4), (_QUESTION, 0.3), (_OTHER, 0.7))),
    (_PURCHASE, 1.0, ((_PRAISE, 0.5), (_QUESTION, 0.3), (_OTHER, 0.7))),
    (_QUESTION, 1.0, ((_PRAISE, 0.6), (_OTHER, 1.0))),
    (_PRAISE, 1.0, ((_OTHER, 0.6),)),
)
# How much each other intent's score contradicts the winner (a question that complains is still a complaint).
_CONFLICT = {
    _SPAM: ((_QUESTION, 0.1), (_COMPLAINT, 0.5), (_PRAISE, 0.15), (_PURCHASE, 0.4)),
    _COMPLAINT: ((_QUESTION, 0.15), (_PRAISE, 0.5), (_PURCHASE, 0.4), (_SPAM, 0.3)),
    _PURCHASE: ((_QUESTION, 0.1), (_COMPLAINT, 0.7), (_PRAISE, 0.15), (_SPAM, 0.5)),
    _QUESTION: ((_COMPLAINT, 0.6), (_PRAISE, 0.35), (_PURCHASE, 0.6), (_SPAM, 0.5)),
    _PRAISE: ((_QUESTION, 0.4), (_COMPLAINT, 0.8), (_PURCHASE, 0.5), (_SPAM, 0.5)),
}
_MAX_CONFIDENCE = 0.97
# Below this the first pass is unsure enough to retry with elongated letters squeezed ("amaaazing", "gooood").
_RETRY_BELOW = 2.0


def _structure_scores(text: str) -> tuple[list[float], str, bool]:
    """Links, mentions and emoji, scored and taken out of the text, which comes back lowercased; any mention?"""
    scores = [0.0] * len(INTENTS)
    lowered = text.lower()
    if _URL_HINT.search(lowered):
        lowered, links = _URL.subn(" ", lowered)
        if links:  # customers rarely post links under a business's post; spammers always do
            scores[_SPAM] += 1.5 + (1.0 if _SHORT_LINK.search(text.lower()) else 0.0)
    mentioned = "@" in lowered
    if mentioned:
        if _SPAMMY_HANDLE.search(lowered) or _POINTS_TO_HANDLE.search(_ascii_fold(lowered)):
            scores[_SPAM] += 1.5
        if _LEADING_MENTION.match(lowered):
            scores[_OTHER] += 1.0
        lowered = _MENTION.sub(" ", lowered)
    if not lowered.isascii():
        found = _EMOJI_CHARS.intersection(lowered)
        if found:
            counts: dict[int, int] = {}
            for char in found:
                intent, weight = _EMOJI_WEIGHTS[char]
                times = min(lowered.count(char), _EMOJI_CAP - counts.get(intent, 0))
                if times > 0:
                    counts[intent] = counts.get(intent, 0) + times
                    scores[intent] += weight * times
    if "?" in lowered or "¿" in lowered:
        scores[_QUESTION] += 1.2
    return scores, lowered, mentioned


def _word_scores(folded: str, mode: str) -> list[float]:
    """Lexicon cues, clause openers and numbers in the folded text, in one regex pass."""
    scores = [0.0] * (len(INTENTS) + 1)
    lexicon, tables = _lexicon()
    table = tables[mode]
    seen: set[str] = set()  # a cue said twice counts once
    numbers: list[tuple[int, int]] = []
    covered: set[int] = set()  # where the cues that matched start: a negation inside a cue is that cue's business
    contrast = -1
    if "but" in folded or "pero" in folded or "howev" in folded or "though" in folded or "exce" in folded:
        for found in _CONTRAST.finditer(folded):
            contrast = found.start()
    for match in lexicon.finditer(folded):
        key = match.group()
        start = match.start()
        covered.add(start)
        if key in seen:
            continue
        seen.add(key)
        cue = table.get(key)
        if cue is None:  # the trie's other branch: a number that starts no cue
            numbers.append(match.span())
            continue
        for intent, weight in cue:
            if intent == _OPENER:
                if weight > scores[_OPENER] and _at_clause_start(folded, start):
                    scores[_OPENER] = weight
            elif intent == _PRAISE and _negated(folded, start):
                scores[_COMPLAINT] += max(weight, 1.0)
            elif intent == _PRAISE and start < contrast:
                scores[_PRAISE] += weight * _BEFORE_CONTRAST
            else:
                scores[intent] += weight
    if "?" not in folded:
        loose = sum(found.start() not in covered for found in _LOOSE_NEGATOR.finditer(folded))
        scores[_COMPLAINT] += min(_LOOSE_NEGATION_CAP, _LOOSE_NEGATION_WEIGHT * loose)
    scores[_QUESTION] += scores.pop()
    if numbers:
        _number_scores(folded, numbers, scores)
    return scores


def _number_scores(folded: str, numbers: list[tuple[int, int]], scores: list[float]) -> None:
    """Money per day (spam), waiting times (complaint), ratings (praise or complaint), phone numbers (spam)."""
    found: set[str] = set()
    for start, end in numbers:
        after = _AFTER_NUMBER.match(folded, end)
        money = "$" in folded[max(0, start - 2) : start] or _CURRENCY_AFTER.match(folded, end) is not None
        if after is not None:
            if after.group("rate") and (money or after.group("currency")):
                found.add("spam_rate")
            elif after.group("duration") and _WAITED_BEFORE.search(folded, max(0, start - 30), start):
                found.add("complaint_wait")
            elif after.group("ago"):
                found.add("complaint_ago")
            elif after.group("audience"):
                found.add("spam_audience")
            elif after.group("stars") or after.group("scale"):
                value = _number_value(folded[start:end])
                scale = 5.0 if after.group("stars") else float(after.group("scale"))
                if value is not None and value / scale >= 0.8:
                    found.add("praise_rating")
                elif value is not None and value / scale <= 0.4:
                    found.add("complaint_rating")
        if money and _EARNED_BEFORE.search(folded, max(0, start - 36), start):
            found.add("spam_earn")
        if _PHONE.match(folded, start):
            found.add("spam_phone")
    for kind in found:
        intent, weight = _NUMBER_CUES[kind]
        scores[intent] += weight


def _number_value(digits: str) -> float | None:
    digits = digits.rstrip(".,")
    try:
        return float(digits.replace(",", ".")) if len(digits) <= 4 else float(digits.replace(",", ""))
    except ValueError:
        return None


def _score(text: str, mode: str) -> tuple[list[float], int]:
    """Summed cue weights per intent (indexed like INTENTS) and the number of words left after clean-up."""
    scores, lowered, mentioned = _structure_scores(text)
    folded = _ascii_fold(lowered)
    words = folded.count(" ") + 1 if folded else 0
    if mentioned and words <= 6:  # a short line to a tagged friend is chat, not a request to the business
        scores[_OTHER] += 1.5
    if not folded:
        return scores, 0
    word_scores = _word_scores(folded, mode)
    if max(word_scores[:_OTHER]) < _RETRY_BELOW and (squeezed := _squeezed(folded)):
        word_scores = max(word_scores, *(_word_scores(variant, mode) for variant in squeezed), key=_strongest)
    return [a + b for a, b in zip(scores, word_scores, strict=True)], words


def _strongest(scores: list[float]) -> float:
    return max(scores[:_OTHER])


def _decide(scores: list[float]) -> int | None:
    for intent, threshold, ratios in _PRECEDENCE:
        score = scores[intent]
        if score >= threshold:
            for other, ratio in ratios:
                if score < ratio * scores[other]:
                    break
            else:
                return intent
    return None


def classify_intent(text: str, language: str, sentiment: Sentiment | None = None) -> IntentGuess:
    """Guess what a comment, reply, mention or DM wants from the business, with a confidence in [0, 1].

    `language` is an ISO 639-1 code; "en" and "es" favour their own cues, anything else ("und", "pt", ...)
    weighs both cue sets equally. `sentiment`, when given, sharpens praise and complaint cues that fired and
    classifies a cue-less comment with a strong tone as praise or complaint at a low confidence.
    """
    if not text or not text.strip():
        return IntentGuess("other", 0.95)
    code = (language or "").lower()[:2]
    scores, words = _score(text, code if code in ("en", "es") else "any")
    # A confident sentiment sharpens a praise or complaint cue that fired; an unsure one is ignored.
    tone = sentiment.score if sentiment is not None and sentiment.confidence >= 0.5 else 0.0
    if tone < 0 and scores[_COMPLAINT] > 0:
        scores[_COMPLAINT] -= 0.6 * tone
    elif tone > 0 and scores[_PRAISE] > 0:
        scores[_PRAISE] += 0.4 * tone

    winner = _decide(scores)
    if winner is None:
        top = max(scores[:_OTHER])
        if (tone >= 0.55 or tone <= -0.5) and words >= 3 and scores[_OTHER] < 1.0:
            return IntentGuess(INTENTS[_PRAISE if tone > 0 else _COMPLAINT], round(0.4 + 0.2 * abs(tone), 3))
        confidence = 0.55 + 0.3 * min(1.0, scores[_OTHER] / 1.5) + (0.08 if words <= 3 else 0.0) - 0.3 * top
        return IntentGuess("other", round(min(0.92, max(0.3, confidence)), 3))

    score = scores[winner]
    rival = max([scores[other] * weight for other, weight in _CONFLICT[winner]])
    strength = 1.0 - math.exp(-score)
    confidence = 0.3 + 0.67 * strength * (1.0 - 0.7 * min(1.0, rival / score))
    return IntentGuess(INTENTS[winner], round(min(_MAX_CONFIDENCE, confidence), 3))
