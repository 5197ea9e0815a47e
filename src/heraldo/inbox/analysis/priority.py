"""How soon a text should be answered: from its intent, raised one step when its sentiment is strongly negative."""

from heraldo.inbox.analysis.base import PRIORITIES, IntentGuess, Sentiment

# An unhappy customer and a ready buyer come first; questions next; spam last.
INTENT_PRIORITY = {
    "complaint": "high",
    "purchase_intent": "high",
    "question": "normal",
    "praise": "normal",
    "other": "normal",
    "spam": "low",
}
# A score this low is anger, not mild disappointment (VADER's compound of "worst service ever" is -0.62).
STRONGLY_NEGATIVE = -0.6


def priority_for(sentiment: Sentiment, intent: IntentGuess) -> str:
    """One of PRIORITIES: the intent's priority, one step higher when the sentiment is strongly negative."""
    base = INTENT_PRIORITY.get(intent.intent, "normal")
    if base == "low":
        return base  # spam stays low whatever its tone
    if sentiment.label == "negative" and sentiment.score <= STRONGLY_NEGATIVE:
        return PRIORITIES[max(0, PRIORITIES.index(base) - 1)]
    return base
