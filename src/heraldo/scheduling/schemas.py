from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from heraldo.posts.models import ContentType, Post, PostTarget, TargetStatus
from heraldo.posts.schemas import MAX_CONTENT, MAX_HASHTAGS, clean_hashtags
from heraldo.scheduling import recurrence
from heraldo.scheduling.queues import WEEKDAY_NAMES

MAX_FIRST_COMMENT = 10_000
HH_MM = r"^([01]\d|2[0-3]):[0-5]\d$"


# ---- in -----------------------------------------------------------------------------------------------------


class ScheduleIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "content": "Our spring menu is here!",
                    "account_ids": [1],
                    "scheduled_at": "2031-03-30T09:00:00",
                    "timezone": "Europe/Madrid",
                    "hashtags": ["spring"],
                    "first_comment": "Book a table: https://example.com",
                }
            ]
        },
    )

    content: str = Field("", max_length=MAX_CONTENT)
    content_type: ContentType = ContentType.TEXT
    hashtags: list[str] = Field(default_factory=list, max_length=MAX_HASHTAGS)
    media_ids: list[int] = Field(default_factory=list, max_length=20)
    account_ids: list[int] = Field(min_length=1, description="Accounts to publish to; one target each")
    scheduled_at: datetime = Field(
        description="Without an offset: wall-clock time in `timezone`. A time skipped by a daylight-saving "
        "change moves forward by the gap; a time that happens twice means the first one."
    )
    timezone: str | None = Field(None, description="IANA zone; defaults to the user's, then the workspace's")
    first_comment: str | None = Field(None, max_length=MAX_FIRST_COMMENT)

    @field_validator("hashtags")
    @classmethod
    def _clean_hashtags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else clean_hashtags(value)


class RescheduleIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"scheduled_at": "2031-04-01T09:00:00", "timezone": "Europe/Madrid"}]},
    )

    scheduled_at: datetime = Field(description="Read like `scheduled_at` of POST /api/scheduler/schedule")
    timezone: str | None = None


class BulkRowIn(BaseModel):
    """One row, as loose as a spreadsheet cell; checked by the service so that errors come per row and field."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "content": "Monday tip: plan your week",
                    "accounts": "sandbox:acme;2",
                    "scheduled_at": "2031-04-07T09:00",
                    "timezone": "Europe/Madrid",
                    "hashtags": "tips planning",
                }
            ]
        },
    )

    content: str | None = None
    accounts: list[int | str] | str | None = Field(None, description="Ids or platform:handle, list or ';'-separated")
    scheduled_at: str | None = Field(None, description="ISO 8601; without an offset it is read in `timezone`")
    timezone: str | None = None
    hashtags: list[str] | str | None = None
    first_comment: str | None = None
    content_type: str | None = None


class BulkScheduleIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "rows": [
                        {"content": "Tip 1", "accounts": [1], "scheduled_at": "2031-04-07T09:00"},
                        {"content": "Tip 2", "accounts": "sandbox:acme", "scheduled_at": "2031-04-08T09:00"},
                    ],
                    "partial": False,
                }
            ]
        },
    )

    rows: list[BulkRowIn] = Field(min_length=1, max_length=1000)
    partial: bool = Field(False, description="Create the valid rows even when others have errors")


class SlotIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"weekday": 0, "time": "09:00"}]})

    weekday: int = Field(ge=0, le=6, description="0 = Monday ... 6 = Sunday")
    time: str = Field(pattern=HH_MM, description="Wall-clock HH:MM in the workspace's time zone")

    @property
    def minute_of_day(self) -> int:
        hours, minutes = self.time.split(":")
        return int(hours) * 60 + int(minutes)


class QueueSlotsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"slots": [{"weekday": day, "time": clock} for day in range(5) for clock in ("09:00", "13:00")]}
            ]
        },
    )

    slots: list[SlotIn] = Field(max_length=500)


class QueueAddIn(BaseModel):
    """An existing post by `post_id`, or the fields of a new one."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"content": "Fresh from the oven", "hashtags": ["bakery"]}]}
    )

    post_id: int | None = None
    content: str | None = Field(None, max_length=MAX_CONTENT, validate_default=True)
    content_type: ContentType | None = None
    hashtags: list[str] | None = Field(None, max_length=MAX_HASHTAGS)
    media_ids: list[int] | None = Field(None, max_length=20)
    first_comment: str | None = Field(None, max_length=MAX_FIRST_COMMENT)

    @field_validator("content")
    @classmethod
    def _post_or_content(cls, value: str | None, info: ValidationInfo) -> str | None:
        post_id = info.data.get("post_id")
        if post_id is None and value is None:
            raise ValueError("give the content of a new post, or the post_id of an existing one")
        if post_id is not None and value is not None:
            raise ValueError("give either post_id or the content of a new post, not both")
        return value

    @field_validator("hashtags")
    @classmethod
    def _clean_hashtags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else clean_hashtags(value)

    def new_post(self) -> dict | None:
        if self.post_id is not None:
            return None
        return {
            "content": self.content or "",
            "content_type": (self.content_type or ContentType.TEXT).value,
            "hashtags": self.hashtags or [],
            "media_ids": self.media_ids or [],
            "first_comment": self.first_comment,
        }


class RecurringRuleIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "cron": "0 9 * * 1-5",
                    "timezone": "Europe/Madrid",
                    "content": "Good morning! Today's special is on the board.",
                    "account_ids": [1],
                    "max_occurrences": 20,
                }
            ]
        },
    )

    cron: str = Field(
        min_length=1,
        max_length=120,
        description="Five fields (minute hour day-of-month month day-of-week) or @daily-style, on the "
        "wall clock of `timezone`",
    )
    timezone: str | None = Field(None, description="IANA zone; defaults to the workspace's")
    content: str = Field("", max_length=MAX_CONTENT)
    content_type: ContentType = ContentType.TEXT
    hashtags: list[str] = Field(default_factory=list, max_length=MAX_HASHTAGS)
    media_ids: list[int] = Field(default_factory=list, max_length=20)
    account_ids: list[int] = Field(min_length=1)
    first_comment: str | None = Field(None, max_length=MAX_FIRST_COMMENT)
    starts_at: datetime | None = Field(None, description="Default now; without an offset read in `timezone`")
    ends_at: datetime | None = Field(None, description="No occurrence after this; without an offset read in `timezone`")
    max_occurrences: int | None = Field(None, ge=1, le=10_000, description="End after this many occurrences")

    @field_validator("hashtags")
    @classmethod
    def _clean_hashtags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else clean_hashtags(value)


# ---- out ----------------------------------------------------------------------------------------------------


class ScheduledTargetOut(BaseModel):
    id: int
    post_id: int
    account_id: int
    platform: str
    account_handle: str
    status: TargetStatus
    scheduled_at: datetime | None = Field(description="UTC")
    scheduled_local: str | None = Field(description="`scheduled_at` on the wall clock of `schedule_timezone`")
    schedule_timezone: str | None
    due_at: datetime | None = Field(description="When the next attempt is due (later than scheduled after a retry)")
    queued: bool
    attempts: int
    last_error: str | None
    published_at: datetime | None
    platform_url: str | None
    content: str
    recurring_rule_id: int | None


class ScheduledPostOut(BaseModel):
    id: int
    content: str
    content_type: str
    hashtags: list[str]
    first_comment: str | None
    recurring_rule_id: int | None
    targets: list[ScheduledTargetOut]
    created_at: datetime


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    number: int
    started_at: datetime
    finished_at: datetime | None
    outcome: str | None
    error_kind: str | None
    message: str | None
    retry_at: datetime | None
    platform_post_id: str | None


class RowErrorOut(BaseModel):
    row: int = Field(description="1-based position in `rows` (JSON), or the spreadsheet row (CSV; header = 1)")
    field: str
    message: str


class BulkCreatedOut(BaseModel):
    row: int
    post_id: int
    target_ids: list[int]


class BulkReportOut(BaseModel):
    rows: int
    partial: bool
    created: list[BulkCreatedOut]
    errors: list[RowErrorOut]


class SlotOut(BaseModel):
    weekday: int
    weekday_name: str
    time: str


class QueueOut(BaseModel):
    account_id: int
    platform: str
    account_handle: str
    timezone: str
    slots: list[SlotOut]
    next_free: list[datetime] = Field(description="The next free slots, UTC")


class RecurringRuleOut(BaseModel):
    id: int
    cron: str
    timezone: str
    content: str
    content_type: str
    hashtags: list[str]
    media_ids: list[int]
    account_ids: list[int]
    first_comment: str | None
    starts_at: datetime
    ends_at: datetime | None
    max_occurrences: int | None
    occurrences: int = Field(description="Occurrences used up so far (posted, or skipped when they could not be)")
    next_run_at: datetime | None = Field(description="The next occurrence not yet a post; null once the rule ended")
    active: bool
    upcoming: list[datetime] = Field(description="The next few occurrences, UTC")
    created_at: datetime


class SuggestedSlotOut(BaseModel):
    weekday: int
    weekday_name: str
    hour: int
    time: str
    source: str = Field(description="'history' (this workspace's engagement) or 'benchmark' (published studies)")
    score: float | None = Field(description="Mean engagement per post in this slot (history only)")
    next_at: datetime = Field(description="When this slot next comes round, UTC")


class OptimalTimesOut(BaseModel):
    account_id: int
    platform: str
    account_handle: str
    timezone: str
    slots: list[SuggestedSlotOut]


# ---- shaping ------------------------------------------------------------------------------------------------


def _local(moment: datetime | None, tz_name: str | None) -> str | None:
    if moment is None:
        return None
    return recurrence.utc_to_local(moment, tz_name or "UTC").isoformat()


def target_out(target: PostTarget, post: Post | None = None) -> ScheduledTargetOut:
    post = post or target.post
    return ScheduledTargetOut(
        id=target.id,
        post_id=target.post_id,
        account_id=target.account_id,
        platform=target.account.platform,
        account_handle=target.account.handle,
        status=target.status,
        scheduled_at=target.scheduled_at,
        scheduled_local=_local(target.scheduled_at, target.schedule_timezone),
        schedule_timezone=target.schedule_timezone,
        due_at=target.due_at,
        queued=target.queued,
        attempts=target.attempts,
        last_error=target.last_error,
        published_at=target.published_at,
        platform_url=target.platform_url,
        content=post.content,
        recurring_rule_id=post.recurring_rule_id,
    )


def post_out(post: Post) -> ScheduledPostOut:
    return ScheduledPostOut(
        id=post.id,
        content=post.content,
        content_type=post.content_type,
        hashtags=post.hashtags or [],
        first_comment=post.first_comment,
        recurring_rule_id=post.recurring_rule_id,
        targets=[target_out(target, post) for target in post.targets],
        created_at=post.created_at,
    )


def slot_out(weekday: int, minute_of_day: int) -> SlotOut:
    return SlotOut(
        weekday=weekday,
        weekday_name=WEEKDAY_NAMES[weekday],
        time=f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}",
    )
