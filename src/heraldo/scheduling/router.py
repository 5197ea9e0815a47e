from dataclasses import asdict
from datetime import datetime

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.pagination import Page, PageParams, make_page, page_params, paginate
from heraldo.core.security.scopes import Scope
from heraldo.posts import service as posts_service
from heraldo.posts.models import SocialAccount, TargetStatus
from heraldo.publishing.platforms import Platform
from heraldo.scheduling import bulk, queues, recurrence, service, suggestions
from heraldo.scheduling.models import RecurringRule
from heraldo.scheduling.schemas import (
    AttemptOut,
    BulkCreatedOut,
    BulkReportOut,
    BulkScheduleIn,
    OptimalTimesOut,
    QueueAddIn,
    QueueOut,
    QueueSlotsIn,
    RecurringRuleIn,
    RecurringRuleOut,
    RescheduleIn,
    RowErrorOut,
    ScheduledPostOut,
    ScheduledTargetOut,
    ScheduleIn,
    SuggestedSlotOut,
    post_out,
    slot_out,
    target_out,
)
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/scheduler", tags=["scheduler"])

READ = require_scope(Scope.POSTS_READ)
WRITE = require_scope(Scope.POSTS_WRITE)

BULK_REJECTED = {422: {"description": "Rows with errors and nothing created; the body lists them like a 201"}}


def _default_timezone(principal: Principal, db: Session) -> str:
    return service.default_timezone(db=db, workspace_id=principal.workspace_id, user_id=principal.user_id)


# ---- one-off and bulk ---------------------------------------------------------------------------------------


@router.post("/schedule", response_model=ScheduledPostOut, status_code=201)
def schedule(body: ScheduleIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    post = service.schedule_post(
        db=db,
        workspace_id=principal.workspace_id,
        content=body.content,
        content_type=body.content_type.value,
        hashtags=body.hashtags,
        media_ids=body.media_ids,
        account_ids=body.account_ids,
        scheduled_at=body.scheduled_at,
        timezone=body.timezone,
        default_timezone=_default_timezone(principal, db),
        first_comment=body.first_comment,
        created_by_user_id=principal.user_id,
    )
    return post_out(post)


def _bulk_answer(report: bulk.BulkReport):
    out = BulkReportOut(
        rows=report.rows,
        partial=report.partial,
        created=[
            BulkCreatedOut(row=row, post_id=post.id, target_ids=[target.id for target in post.targets])
            for row, post in report.created
        ],
        errors=[RowErrorOut(**asdict(error)) for error in report.errors],
    )
    if report.errors and not report.created:
        failing = len({error.row for error in report.errors})
        detail = f"{failing} row(s) have errors; nothing was created"
        return JSONResponse({"detail": detail, **out.model_dump(mode="json")}, status_code=422)
    return out


@router.post("/bulk-schedule", response_model=BulkReportOut, status_code=201, responses=BULK_REJECTED)
def bulk_schedule(body: BulkScheduleIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    """Schedule many posts at once. With any row in error nothing is created (422), unless `partial`."""
    rows = [(number, row.model_dump()) for number, row in enumerate(body.rows, start=1)]
    report = bulk.bulk_schedule(
        db=db,
        workspace_id=principal.workspace_id,
        rows=rows,
        partial=body.partial,
        default_timezone=_default_timezone(principal, db),
        created_by_user_id=principal.user_id,
    )
    return _bulk_answer(report)


@router.post("/bulk-schedule/csv", response_model=BulkReportOut, status_code=201, responses=BULK_REJECTED)
def bulk_schedule_csv(
    file: UploadFile = File(
        ..., description="UTF-8 CSV with a header: " + ", ".join(bulk.COLUMNS) + " (accounts separated by ';')"
    ),
    partial: bool = Form(False, description="Create the valid rows even when others have errors"),
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
):
    """Schedule the rows of a CSV file; errors name the spreadsheet row (the header is row 1)."""
    rows = bulk.read_csv(file.file.read(bulk.MAX_CSV_BYTES + 1))
    report = bulk.bulk_schedule(
        db=db,
        workspace_id=principal.workspace_id,
        rows=rows,
        partial=partial,
        default_timezone=_default_timezone(principal, db),
        created_by_user_id=principal.user_id,
    )
    return _bulk_answer(report)


# ---- scheduled targets --------------------------------------------------------------------------------------


@router.get("/scheduled-posts", response_model=Page[ScheduledTargetOut])
def scheduled_posts(
    status: TargetStatus | None = Query(None, description="Default: every target that has a time"),
    platform: Platform | None = None,
    account_id: int | None = None,
    start: datetime | None = Query(None, alias="from", description="Scheduled at or after (naive: your zone)"),
    end: datetime | None = Query(None, alias="to", description="Scheduled before (naive: your zone)"),
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    tz_name = _default_timezone(principal, db)
    query = service.scheduled_targets_query(
        workspace_id=principal.workspace_id,
        status=status,
        platform=platform.value if platform else None,
        account_id=account_id,
        start=recurrence.local_to_utc(start, tz_name) if start else None,
        end=recurrence.local_to_utc(end, tz_name) if end else None,
    )
    items, total = paginate(db, query, params)
    return make_page([target_out(target) for target in items], total, params)


@router.post("/reschedule/{target_id}", response_model=ScheduledTargetOut)
def reschedule(
    target_id: int, body: RescheduleIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)
):
    target = service.reschedule_target(
        db=db,
        workspace_id=principal.workspace_id,
        target_id=target_id,
        scheduled_at=body.scheduled_at,
        timezone=body.timezone,
        default_timezone=_default_timezone(principal, db),
    )
    return target_out(target)


@router.post("/cancel/{target_id}", response_model=ScheduledTargetOut)
def cancel(target_id: int, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    return target_out(service.cancel_target(db=db, workspace_id=principal.workspace_id, target_id=target_id))


@router.post("/retry/{target_id}", response_model=ScheduledTargetOut)
def retry(
    target_id: int,
    confirm_duplicate_risk: bool = Query(
        False, description="Required for a target that needs review: it may already be on the platform"
    ),
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
):
    target = service.retry_target(
        db=db,
        workspace_id=principal.workspace_id,
        target_id=target_id,
        confirm_duplicate_risk=confirm_duplicate_risk,
    )
    return target_out(target)


@router.get("/targets/{target_id}/attempts", response_model=Page[AttemptOut])
def attempts(
    target_id: int,
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    query = service.attempts_query(db=db, workspace_id=principal.workspace_id, target_id=target_id)
    items, total = paginate(db, query, params)
    return make_page([AttemptOut.model_validate(item) for item in items], total, params)


# ---- suggestions --------------------------------------------------------------------------------------------


@router.get("/optimal-times", response_model=Page[OptimalTimesOut])
def optimal_times(
    account_id: int | None = None,
    platform: Platform | None = None,
    limit: int = Query(5, ge=1, le=24, description="Slots per account"),
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    """Suggested weekday x hour slots per account, on the workspace's wall clock."""
    query = posts_service.accounts_query(
        workspace_id=principal.workspace_id, platform=platform.value if platform else None
    )
    if account_id is not None:
        posts_service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
        query = query.where(SocialAccount.id == account_id)
    accounts, total = paginate(db, query, params)
    tz_name = service.workspace_timezone(db=db, workspace_id=principal.workspace_id)
    answers = suggestions.suggestions_for(
        db=db, workspace_id=principal.workspace_id, accounts=accounts, timezone=tz_name, limit=limit
    )
    items = [
        OptimalTimesOut(
            account_id=answer.account.id,
            platform=answer.account.platform,
            account_handle=answer.account.handle,
            timezone=answer.timezone,
            slots=[
                SuggestedSlotOut(
                    weekday=slot.weekday,
                    weekday_name=queues.WEEKDAY_NAMES[slot.weekday],
                    hour=slot.hour,
                    time=f"{slot.hour:02d}:00",
                    source=slot.source,
                    score=slot.score,
                    next_at=next_at,
                )
                for slot, next_at in answer.slots
            ],
        )
        for answer in answers
    ]
    return make_page(items, total, params)


# ---- queues -------------------------------------------------------------------------------------------------


def _queue_out(db: Session, workspace_id: int, account: SocialAccount) -> QueueOut:
    slots = queues.get_slots(db=db, workspace_id=workspace_id, account_id=account.id)
    return QueueOut(
        account_id=account.id,
        platform=account.platform,
        account_handle=account.handle,
        timezone=service.workspace_timezone(db=db, workspace_id=workspace_id),
        slots=[slot_out(slot.weekday, slot.minute_of_day) for slot in slots],
        next_free=queues.free_slots(db=db, workspace_id=workspace_id, account_id=account.id),
    )


@router.get("/queues", response_model=Page[QueueOut])
def list_queues(
    account_id: int | None = None,
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    if account_id is not None:
        posts_service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    query = queues.queues_query(workspace_id=principal.workspace_id, account_id=account_id)
    accounts, total = paginate(db, query, params)
    return make_page([_queue_out(db, principal.workspace_id, a) for a in accounts], total, params)


@router.get("/queues/{account_id}", response_model=QueueOut)
def get_queue(account_id: int, principal: Principal = Depends(READ), db: Session = Depends(get_db)):
    account = posts_service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    return _queue_out(db, principal.workspace_id, account)


@router.put("/queues/{account_id}", response_model=QueueOut)
def replace_queue(
    account_id: int, body: QueueSlotsIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)
):
    """Replace the account's weekly slots; posts already queued keep their times."""
    queues.replace_slots(
        db=db,
        workspace_id=principal.workspace_id,
        account_id=account_id,
        slots=[(slot.weekday, slot.minute_of_day) for slot in body.slots],
    )
    account = posts_service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    return _queue_out(db, principal.workspace_id, account)


@router.delete("/queues/{account_id}", status_code=204)
def delete_queue(account_id: int, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    queues.clear_slots(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    return Response(status_code=204)


@router.post("/queue/{account_id}/add", response_model=ScheduledPostOut)
def add_to_queue(
    account_id: int, body: QueueAddIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)
):
    """Put a post (`post_id`, or a new one) in the account's next free slot."""
    post = queues.add_to_queue(
        db=db,
        workspace_id=principal.workspace_id,
        account_id=account_id,
        post_id=body.post_id,
        new_post=body.new_post(),
        created_by_user_id=principal.user_id,
    )
    return post_out(post)


@router.post("/queue/{account_id}/share-next", response_model=ScheduledPostOut)
def share_next(account_id: int, body: QueueAddIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    """Put a post in the account's first slot; queued posts from there on move one slot later."""
    post = queues.share_next(
        db=db,
        workspace_id=principal.workspace_id,
        account_id=account_id,
        post_id=body.post_id,
        new_post=body.new_post(),
        created_by_user_id=principal.user_id,
    )
    return post_out(post)


# ---- recurring ----------------------------------------------------------------------------------------------


def _rule_out(rule: RecurringRule) -> RecurringRuleOut:
    return RecurringRuleOut(
        id=rule.id,
        cron=rule.cron,
        timezone=rule.timezone,
        content=rule.content,
        content_type=rule.content_type,
        hashtags=rule.hashtags or [],
        media_ids=rule.media_ids or [],
        account_ids=rule.account_ids,
        first_comment=rule.first_comment,
        starts_at=rule.starts_at,
        ends_at=rule.ends_at,
        max_occurrences=rule.max_occurrences,
        occurrences=rule.occurrences,
        next_run_at=rule.next_run_at,
        active=rule.active,
        upcoming=service.upcoming_occurrences(rule),
        created_at=rule.created_at,
    )


@router.get("/recurring", response_model=Page[RecurringRuleOut])
def list_rules(
    params: PageParams = Depends(page_params), principal: Principal = Depends(READ), db: Session = Depends(get_db)
):
    items, total = paginate(db, service.rules_query(workspace_id=principal.workspace_id), params)
    return make_page([_rule_out(rule) for rule in items], total, params)


@router.post("/recurring", response_model=RecurringRuleOut, status_code=201)
def create_rule(body: RecurringRuleIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    """A post that repeats on a cron expression in a time zone; occurrences become posts up to 24 h ahead."""
    rule = service.create_rule(
        db=db,
        workspace_id=principal.workspace_id,
        cron=body.cron,
        timezone=body.timezone,
        content=body.content,
        content_type=body.content_type.value,
        hashtags=body.hashtags,
        media_ids=body.media_ids,
        account_ids=body.account_ids,
        first_comment=body.first_comment,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        max_occurrences=body.max_occurrences,
        created_by_user_id=principal.user_id,
    )
    return _rule_out(rule)


@router.get("/recurring/{rule_id}", response_model=RecurringRuleOut)
def get_rule(rule_id: int, principal: Principal = Depends(READ), db: Session = Depends(get_db)):
    return _rule_out(service.get_rule(db=db, workspace_id=principal.workspace_id, rule_id=rule_id))


@router.delete("/recurring/{rule_id}", status_code=204)
def delete_rule(
    rule_id: int,
    keep_scheduled: bool = Query(False, description="Keep the posts it already made that have not gone out"),
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
):
    service.delete_rule(db=db, workspace_id=principal.workspace_id, rule_id=rule_id, keep_scheduled=keep_scheduled)
    return Response(status_code=204)
