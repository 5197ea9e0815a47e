"""Bulk scheduling from JSON rows or a CSV file: every row checked, errors reported per row and field.

Columns: content, accounts (ids or platform:handle, separated by ";"), scheduled_at (ISO 8601; without an
offset it is read in `timezone`), timezone (IANA; default the user's, then the workspace's), hashtags
(separated by spaces, "," or ";"), first_comment, content_type.

All or nothing: with any error nothing is created, unless `partial`, and then every valid row is; either
way the posts are written in one transaction.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.errors import InvalidInput
from heraldo.posts import service as posts_service
from heraldo.posts.models import AccountStatus, Post, SocialAccount
from heraldo.posts.schemas import MAX_CONTENT, MAX_HASHTAGS, clean_hashtags
from heraldo.scheduling import service as scheduling_service

COLUMNS = ("content", "accounts", "scheduled_at", "timezone", "hashtags", "first_comment", "content_type")
REQUIRED_COLUMNS = ("content", "accounts", "scheduled_at")
MAX_ROWS = 1000
MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_FIRST_COMMENT = 10_000
HASHTAG_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass
class BulkReport:
    partial: bool
    created: list[tuple[int, Post]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


@dataclass(frozen=True)
class _PlannedPost:
    row: int
    content: str
    account_ids: list[int]
    scheduled_at: datetime
    timezone: str
    hashtags: list[str]
    first_comment: str | None
    content_type: str


# ---- CSV ----------------------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row number, values by column) of each data row; the header is row 1.

    A file that cannot be read as such a table at all is refused as a whole (field "file").
    """
    if len(data) > MAX_CSV_BYTES:
        raise InvalidInput(f"the file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB", field="file")
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError:
        raise InvalidInput("the file is not UTF-8 text; save the sheet as 'CSV UTF-8'", field="file") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header or not any(name.strip() for name in header):
        raise InvalidInput(f"the file is empty; the first line names the columns: {', '.join(COLUMNS)}", field="file")
    names = [name.strip().lower() for name in header]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise InvalidInput(
            f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are: {', '.join(COLUMNS)}", field="file"
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise InvalidInput(f"missing column(s): {', '.join(missing)}", field="file")
    if len(set(names)) != len(names):
        raise InvalidInput("a column is named twice", field="file")
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue  # blank lines, or trailing ",,,," rows spreadsheets like to write
        record: dict[str, Any] = dict(zip(names, values, strict=False))
        if len(values) > len(names):
            record["_extra"] = values[len(names) :]
        rows.append((number, record))
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"at most {MAX_ROWS} rows per file; this one has {len(rows)}", field="file")
    if not rows:
        raise InvalidInput("the file has a header but no rows", field="file")
    return rows


# ---- checking rows ------------------------------------------------------------------------------------------


class _Accounts:
    """The workspace's accounts, looked up by id or by platform:handle."""

    def __init__(self, db: Session, workspace_id: int):
        accounts = list(db.scalars(select(SocialAccount).where(SocialAccount.workspace_id == workspace_id)))
        self.by_id = {account.id: account for account in accounts}
        self.by_handle = {(a.platform, a.handle): a for a in accounts}
        self.by_handle_folded = {(a.platform, a.handle.lower()): a for a in accounts}

    def resolve(self, value: Any) -> tuple[list[int], list[str]]:
        """(account ids, problems) for a list or a ";"-separated string of ids and platform:handle pairs."""
        tokens = [str(v).strip() for v in value] if isinstance(value, list) else str(value or "").split(";")
        ids: list[int] = []
        problems: list[str] = []
        for token in (t.strip() for t in tokens):
            if not token:
                continue
            account = None
            if token.isdigit():
                account = self.by_id.get(int(token))
                if account is None:
                    problems.append(f"no account with id {token} in this workspace")
            elif ":" in token:
                platform, handle = (part.strip() for part in token.split(":", 1))
                platform, handle = platform.lower(), handle.lstrip("@")
                account = self.by_handle.get((platform, handle)) or self.by_handle_folded.get(
                    (platform, handle.lower())
                )
                if account is None:
                    problems.append(f"no {platform} account @{handle} in this workspace")
            else:
                problems.append(f"{token!r} is neither an account id nor platform:handle")
            if account is None:
                continue
            if account.status != AccountStatus.ACTIVE.value:
                problems.append(f"{account.platform} @{account.handle} cannot publish until reconnected")
            elif account.id not in ids:
                ids.append(account.id)
        if not ids and not problems:
            problems.append("name at least one account")
        return ids, problems


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _check_row(
    accounts: _Accounts, number: int, raw: dict[str, Any], default_timezone: str
) -> tuple[_PlannedPost | None, list[RowError]]:
    errors: list[RowError] = []

    def error(name: str, message: str) -> None:
        errors.append(RowError(row=number, field=name, message=message))

    if "_extra" in raw:
        error("row", f"{len(raw['_extra'])} more value(s) than there are columns")

    content = _text(raw.get("content"))
    if len(content) > MAX_CONTENT:
        error("content", f"longer than {MAX_CONTENT} characters")

    try:
        content_type = scheduling_service.content_type_value(_text(raw.get("content_type")) or None)
    except InvalidInput as exc:
        error("content_type", exc.message)
        content_type = None

    account_ids, problems = accounts.resolve(raw.get("accounts"))
    for problem in problems:
        error("accounts", problem)

    tz_name = _text(raw.get("timezone")).strip() or None
    zone_ok = True
    if tz_name:
        try:
            scheduling_service.check_zone(tz_name)
        except InvalidInput as exc:
            error("timezone", exc.message)
            zone_ok = False
    moment = None
    written = _text(raw.get("scheduled_at")).strip()
    if not written:
        error("scheduled_at", "a time is required")
    else:
        try:
            parsed = datetime.fromisoformat(written)
        except ValueError:
            error("scheduled_at", f"{written!r} is not a date and time; write it like 2031-03-30T09:00")
            parsed = None
        if parsed is not None and zone_ok:
            try:
                moment, tz_name = posts_service._resolve_schedule(parsed.replace(fold=0), tz_name, default_timezone)
            except InvalidInput as exc:
                error(exc.field or "scheduled_at", exc.message)

    hashtags_value = raw.get("hashtags")
    tags = hashtags_value if isinstance(hashtags_value, list) else HASHTAG_SEPARATORS.split(_text(hashtags_value))
    try:
        hashtags = clean_hashtags([str(tag) for tag in tags])
        if len(hashtags) > MAX_HASHTAGS:
            error("hashtags", f"at most {MAX_HASHTAGS} hashtags")
    except ValueError as exc:
        error("hashtags", str(exc))
        hashtags = []

    first_comment = _text(raw.get("first_comment")).strip() or None
    if first_comment and len(first_comment) > MAX_FIRST_COMMENT:
        error("first_comment", f"longer than {MAX_FIRST_COMMENT} characters")

    if account_ids and not any(e.field in {"accounts", "content"} for e in errors):
        try:
            posts_service._check_text(content, [], [accounts.by_id[i] for i in account_ids])
        except InvalidInput as exc:
            error(exc.field or "content", exc.message)

    if errors:
        return None, errors
    return (
        _PlannedPost(
            row=number,
            content=content,
            account_ids=account_ids,
            scheduled_at=moment,
            timezone=tz_name,
            hashtags=hashtags,
            first_comment=first_comment,
            content_type=content_type,
        ),
        [],
    )


# ---- scheduling ---------------------------------------------------------------------------------------------


def bulk_schedule(
    *,
    db: Session,
    workspace_id: int,
    rows: list[tuple[int, dict[str, Any]]],
    default_timezone: str,
    partial: bool = False,
    created_by_user_id: int | None = None,
) -> BulkReport:
    """Check every row, then create the posts of the valid ones in one transaction: all of them when no row
    has an error, the valid ones when `partial`, none otherwise. `rows` are (row number, values)."""
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"at most {MAX_ROWS} rows at once", field="rows")
    accounts = _Accounts(db, workspace_id)
    report = BulkReport(partial=partial, rows=len(rows))
    planned: list[_PlannedPost] = []
    for number, raw in rows:
        row_plan, row_errors = _check_row(accounts, number, raw, default_timezone)
        report.errors.extend(row_errors)
        if row_plan is not None:
            planned.append(row_plan)
    if report.errors and not partial:
        return report
    for row_plan in planned:
        post = scheduling_service.build_post(
            db=db,
            workspace_id=workspace_id,
            content=row_plan.content,
            account_ids=row_plan.account_ids,
            scheduled_at=row_plan.scheduled_at,
            timezone=row_plan.timezone,
            default_timezone=default_timezone,
            content_type=row_plan.content_type,
            hashtags=row_plan.hashtags,
            first_comment=row_plan.first_comment,
            created_by_user_id=created_by_user_id,
        )
        report.created.append((row_plan.row, post))
    db.commit()
    return report
