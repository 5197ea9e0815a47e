"""Emoji sequences as one unit each: what twitter-text's emoji parser finds, built from Unicode properties.

twitter-text (through twemoji-parser) matches whole emoji sequences (UTS #51): ZWJ sequences such as families,
keycaps, flags, subdivision flags, skin-tone modifier sequences and presentation sequences. Its generated regex stops
at the Unicode version of its release; this one reads the emoji properties of the installed `regex` module, so newer
emoji are recognised too, while keeping twemoji's choices where they change a count:

- (c), (r), TM and the chess pawn are text unless followed by VS16 (U+FE0F);
- other text-default emoji are emoji unless followed by VS15 (U+FE0E), and swallow a following VS16;
- emoji-presentation characters swallow a following VS16 only if they have a standard variation sequence
  (the list below, from emoji-variation-sequences.txt as twemoji has it); otherwise the VS16 stands alone.
"""

import regex

# Text-default symbols that are emoji only with VS16 (twemoji-parser's "text default" list).
_TEXT_DEFAULT = "\u00a9\u00ae\u2122\u265f"
# Emoji-presentation characters that also have a variation sequence, so "<char>\uFE0F" is one emoji.
_PRESENTATION_WITH_VS16 = (
    "\u231a\u231b\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5"
    "\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2757\u2b1b\u2b1c\u2b50\u2b55\U0001f004\U0001f21a\U0001f22f"
)

# One pictograph inside a ZWJ sequence, with its skin tone or VS16.
_ZWJ_ELEMENT = r"\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\ufe0f)?"
_VARIANT = (
    rf"(?:[{_PRESENTATION_WITH_VS16}]|(?![{_TEXT_DEFAULT}#*0-9])(?!\p{{Emoji_Presentation}})\p{{Emoji}})"
    r"(?:\ufe0f|(?!\ufe0e))"
)
_PRESENTATION = rf"(?![{_PRESENTATION_WITH_VS16}])\p{{Emoji_Presentation}}"
# A skin tone belongs to the character before it when that character takes one.
_SKIN_TONE = r"(?:(?<=\p{Emoji_Modifier_Base}\ufe0f?)\p{Emoji_Modifier})?"
_SINGLE = f"(?:{_VARIANT}|{_PRESENTATION}){_SKIN_TONE}"

# Longest forms first: the first alternative that matches wins, as in twemoji-parser.
EMOJI_SEQUENCE = regex.compile(
    "|".join(
        [
            rf"{_ZWJ_ELEMENT}(?:\u200d{_ZWJ_ELEMENT})+",  # families, professions, rainbow flag...
            r"[#*0-9]\ufe0f?\u20e3",  # keycaps
            r"\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f",  # subdivision flags (England, Scotland, Wales)
            r"\p{Regional_Indicator}{2}",  # country flags
            rf"[{_TEXT_DEFAULT}]\ufe0f",
            _SINGLE,
            r"\ufe0f",  # a VS16 nothing took counts as an emoji of its own, as in twemoji-parser
        ]
    )
)

# Any code point that makes a grapheme cluster an emoji, for platforms that weigh emoji clusters differently.
EMOJI_CODE_POINT = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]")


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of every emoji sequence in `text`, left to right."""
    return [match.span() for match in EMOJI_SEQUENCE.finditer(text)]
