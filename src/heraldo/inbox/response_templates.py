"""Suggested replies: one template per intent and language, the workspace's own or the default shipped here.

A template may name `{author}` (the commenter's handle without "@") and `{name}` (their display name, or the
handle when the platform gives none). Spam gets no suggestion: the right answer to spam is archiving it.
"""

from dataclasses import dataclass
from string import Formatter

from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.errors import InvalidInput
from heraldo.inbox.analysis.base import INTENTS
from heraldo.inbox.models import Interaction, ResponseTemplate

LANGUAGES = ("en", "es")
FALLBACK_LANGUAGE = "en"
PLACEHOLDERS = frozenset({"author", "name"})
MAX_TEMPLATE_LENGTH = 2000
# Intents a reply is suggested for.
ANSWERABLE = tuple(intent for intent in INTENTS if intent != "spam")

DEFAULT_TEMPLATES: dict[tuple[str, str], str] = {
    ("question", "en"): "Hi {name}, thanks for asking! We'll get back to you with the details shortly.",
    ("question", "es"): "¡Hola {name}, gracias por tu pregunta! En breve te respondemos con los detalles.",
    ("complaint", "en"): (
        "Hi {name}, we're sorry about this and want to make it right. Please send us a direct message with "
        "your order details so we can look into it today."
    ),
    ("complaint", "es"): (
        "Hola {name}, sentimos mucho lo ocurrido y queremos solucionarlo. Escríbenos por mensaje directo con "
        "los datos de tu pedido y lo revisamos hoy mismo."
    ),
    ("praise", "en"): "Thank you so much, {name}! We're really glad you like it. 💛",
    ("praise", "es"): "¡Muchísimas gracias, {name}! Nos alegra mucho que te guste. 💛",
    ("purchase_intent", "en"): (
        "Hi {name}, great to hear! We've sent you a direct message with prices and how to order."
    ),
    ("purchase_intent", "es"): (
        "¡Hola {name}, qué bien! Te escribimos por mensaje directo con precios y cómo hacer tu pedido."
    ),
    ("other", "en"): "Thanks for your comment, {name}!",
    ("other", "es"): "¡Gracias por tu comentario, {name}!",
}


@dataclass(frozen=True)
class Suggestion:
    text: str
    intent: str
    language: str
    source: str  # "workspace" (the workspace's own template) or "default"


def check_intent(intent: str) -> None:
    if intent not in ANSWERABLE:
        raise InvalidInput(f"intent must be one of {', '.join(ANSWERABLE)}", field="intent")


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}", field="language")


def check_text(text: str) -> None:
    """A template must be non-empty and name no placeholder other than {author} and {name}."""
    if not text.strip():
        raise InvalidInput("text must not be empty", field="text")
    if len(text) > MAX_TEMPLATE_LENGTH:
        raise InvalidInput(f"text must be at most {MAX_TEMPLATE_LENGTH} characters", field="text")
    try:
        names = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise InvalidInput(f"text has a malformed placeholder: {exc}", field="text") from exc
    unknown = names - PLACEHOLDERS
    if unknown:
        raise InvalidInput(f"unknown placeholder {{{sorted(unknown)[0]}}}; use {{author}} or {{name}}", field="text")


def fill(text: str, *, author_handle: str, author_name: str | None) -> str:
    handle = author_handle.lstrip("@")
    return text.format(author=handle, name=author_name or handle)


def templates(*, db: Session, workspace_id: int) -> list[dict]:
    """Every answerable intent and language, with the text in force and whether the workspace changed it."""
    own = {
        (row.intent, row.language): row
        for row in db.scalars(select(ResponseTemplate).where(ResponseTemplate.workspace_id == workspace_id))
    }
    result = []
    for intent in ANSWERABLE:
        for language in LANGUAGES:
            row = own.get((intent, language))
            result.append(
                {
                    "intent": intent,
                    "language": language,
                    "text": row.text if row else DEFAULT_TEMPLATES[(intent, language)],
                    "source": "workspace" if row else "default",
                    "default_text": DEFAULT_TEMPLATES[(intent, language)],
                    "updated_at": row.updated_at if row else None,
                }
            )
    return result


def _own_row(db: Session, workspace_id: int, intent: str, language: str) -> ResponseTemplate | None:
    return db.scalar(
        select(ResponseTemplate).where(
            ResponseTemplate.workspace_id == workspace_id,
            ResponseTemplate.intent == intent,
            ResponseTemplate.language == language,
        )
    )


def template_of(*, db: Session, workspace_id: int, intent: str, language: str) -> dict:
    """The template in force for one intent and language, as `templates` lists it."""
    return next(
        t for t in templates(db=db, workspace_id=workspace_id) if (t["intent"], t["language"]) == (intent, language)
    )


def set_template(*, db: Session, workspace_id: int, intent: str, language: str, text: str) -> dict:
    """Store the workspace's own template for an intent and language (replacing any earlier one)."""
    check_intent(intent)
    check_language(language)
    check_text(text)
    row = _own_row(db, workspace_id, intent, language)
    if row is None:
        db.add(ResponseTemplate(workspace_id=workspace_id, intent=intent, language=language, text=text))
    else:
        row.text = text
    db.commit()
    return template_of(db=db, workspace_id=workspace_id, intent=intent, language=language)


def reset_template(*, db: Session, workspace_id: int, intent: str, language: str) -> dict:
    """Go back to the shipped default for an intent and language (nothing to do when it is in force)."""
    check_intent(intent)
    check_language(language)
    row = _own_row(db, workspace_id, intent, language)
    if row is not None:
        db.delete(row)
        db.commit()
    return template_of(db=db, workspace_id=workspace_id, intent=intent, language=language)


def own_templates(*, db: Session, workspace_id: int) -> dict[tuple[str, str], str]:
    """The workspace's own templates by (intent, language): one query for a whole page of suggestions."""
    rows = db.execute(
        select(ResponseTemplate.intent, ResponseTemplate.language, ResponseTemplate.text).where(
            ResponseTemplate.workspace_id == workspace_id
        )
    )
    return {(intent, language): text for intent, language, text in rows}


def suggest(
    *, db: Session, interaction: Interaction, own: dict[tuple[str, str], str] | None = None
) -> Suggestion | None:
    """The reply suggested for an interaction, filled in for its author; None for spam.

    `own` is `own_templates(...)` of the interaction's workspace when the caller already has it.
    """
    if interaction.intent not in ANSWERABLE:
        return None
    if own is None:
        own = own_templates(db=db, workspace_id=interaction.workspace_id)
    language = interaction.language if interaction.language in LANGUAGES else FALLBACK_LANGUAGE
    key = (interaction.intent, language)
    text = own.get(key, DEFAULT_TEMPLATES[key])
    return Suggestion(
        text=fill(text, author_handle=interaction.author_handle, author_name=interaction.author_name),
        intent=interaction.intent,
        language=language,
        source="workspace" if key in own else "default",
    )
