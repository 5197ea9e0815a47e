"""What the inbox and sentiment APIs take and give."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from heraldo.inbox.analysis.base import INTENTS, PRIORITIES, SENTIMENT_LABELS, TextAnalysis
from heraldo.inbox.models import Interaction, InteractionReply
from heraldo.inbox.response_templates import Suggestion

MAX_BATCH = 100
MAX_TEXT = 10_000

# Query enums built from the analysis constants, so the API and the analyser never disagree.
Sentiment = StrEnum("Sentiment", {label.upper(): label for label in SENTIMENT_LABELS})
Intent = StrEnum("Intent", {name.upper(): name for name in INTENTS})
Priority = StrEnum("Priority", {name.upper(): name for name in PRIORITIES})


class SentimentOut(BaseModel):
    label: str = Field(description="positive, neutral or negative")
    score: float = Field(description="-1 (most negative) .. 1 (most positive)")
    confidence: float = Field(description="0 .. 1")


class IntentOut(BaseModel):
    intent: str = Field(description="question, complaint, praise, purchase_intent, spam or other")
    confidence: float


class SuggestionOut(BaseModel):
    text: str
    intent: str
    language: str
    source: str = Field(description="'workspace' (the workspace's own template) or 'default'")


# InteractionOut fields built from several columns; every other field is the column of the same name.
_COMPOSED = frozenset({"sentiment", "intent", "suggested_reply"})


class InteractionOut(BaseModel):
    id: int
    account_id: int
    platform: str
    platform_id: str
    kind: str
    author_handle: str
    author_name: str | None
    text: str
    language: str
    in_reply_to_platform_id: str | None
    target_id: int | None
    received_at: datetime
    sentiment: SentimentOut
    intent: IntentOut
    keywords: list[str]
    priority: str
    responded: bool
    responded_at: datetime | None
    response_text: str | None
    archived: bool
    archived_at: datetime | None
    assignee_user_id: int | None
    suggested_reply: SuggestionOut | None = Field(None, description="Null for spam")
    is_demo: bool

    @classmethod
    def of(cls, row: Interaction, suggestion: Suggestion | None) -> "InteractionOut":
        return cls(
            **{name: getattr(row, name) for name in cls.model_fields if name not in _COMPOSED},
            sentiment=SentimentOut(
                label=row.sentiment_label, score=row.sentiment_score, confidence=row.sentiment_confidence
            ),
            intent=IntentOut(intent=row.intent, confidence=row.intent_confidence),
            suggested_reply=SuggestionOut(**vars(suggestion)) if suggestion else None,
        )


class ReplyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    interaction_id: int
    text: str
    automatic: bool
    intent: str | None
    confidence: float | None
    threshold: float | None
    sent_by_user_id: int | None
    status: str = Field(description="sending, sent, failed, or unknown (check the platform before resending)")
    platform_reply_id: str | None
    error: str | None
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    def of(cls, row: InteractionReply) -> "ReplyOut":
        return cls.model_validate(row)


class RespondIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Hi Ana, thanks for asking! It ships in 2-3 working days."}]}
    )

    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="Sent as is, as a reply on the platform")


class RespondOut(BaseModel):
    interaction: InteractionOut
    reply: ReplyOut


class AssignIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"user_id": None}]})

    user_id: int | None = Field(..., description="A member of the workspace, or null to unassign")


class BulkArchiveIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": [1, 2, 3], "archived": True}]})

    ids: list[int] = Field(..., min_length=1, description="Interaction ids (at most 500)")
    archived: bool = Field(True, description="False unarchives them")


class BulkArchiveOut(BaseModel):
    changed: int


class AnalyzeIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Where is my order?? Ordered 2 weeks ago 😡", "language": None}]}
    )

    text: str = Field(..., max_length=MAX_TEXT)
    language: str | None = Field(None, description="ISO 639-1 code; detected when not given")


class AnalyzeBatchIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"texts": ["Love it!! 😍", "¿Hacen envíos a Chile?", "Worst service ever"], "language": None}]
        }
    )

    texts: list[str] = Field(..., description=f"At most {MAX_BATCH} texts per call")
    language: str | None = Field(None, description="ISO 639-1 code for every text; detected per text when not given")

    @field_validator("texts")
    @classmethod
    def _batch_size(cls, texts: list[str]) -> list[str]:
        if not texts:
            raise ValueError("texts must hold at least one text")
        if len(texts) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} texts per batch ({len(texts)} given); split the batch")
        too_long = next((i for i, text in enumerate(texts) if len(text) > MAX_TEXT), None)
        if too_long is not None:
            raise ValueError(f"texts[{too_long}] is longer than {MAX_TEXT} characters")
        return texts


class AnalysisOut(BaseModel):
    language: str
    sentiment: SentimentOut
    intent: IntentOut
    keywords: list[str]
    priority: str
    backend: str

    @classmethod
    def of(cls, analysis: TextAnalysis) -> "AnalysisOut":
        return cls(
            language=analysis.language,
            sentiment=SentimentOut(**vars(analysis.sentiment)),
            intent=IntentOut(intent=analysis.intent.intent, confidence=analysis.intent.confidence),
            keywords=list(analysis.keywords),
            priority=analysis.priority,
            backend=analysis.backend,
        )


class TemplateOut(BaseModel):
    intent: str
    language: str
    text: str
    source: str
    default_text: str
    updated_at: datetime | None


class TemplateIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"intent": "question", "language": "en", "text": "Hi {name}! Thanks for asking, we'll DM you."}
            ]
        }
    )

    intent: str
    language: str = Field(..., description="en or es")
    text: str = Field(..., description="May use {author} (the handle) and {name} (the display name)")


class TemplateResetIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"intent": "question", "language": "en"}]})

    intent: str
    language: str


class InboxConfigIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"auto_reply_enabled": True, "auto_reply_threshold": 0.9, "auto_reply_intents": ["question", "praise"]}
            ]
        }
    )

    auto_reply_enabled: bool | None = None
    auto_reply_threshold: float | None = Field(None, description="0.5 .. 1; default 0.85")
    auto_reply_intents: list[str] | None = Field(None, description="Intents answered unattended (never spam/other)")


class InboxConfigOut(BaseModel):
    auto_reply_enabled: bool
    auto_reply_threshold: float
    auto_reply_intents: list[str]
    analysis: dict


class IntentInfo(BaseModel):
    intent: str
    description: str
    priority: str
    can_auto_reply: bool
    count: int = Field(description="Interactions with this intent received in the period")
