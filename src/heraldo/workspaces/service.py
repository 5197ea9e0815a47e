"""Workspaces, users, memberships, API keys and login checks."""

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow, zone
from heraldo.core.errors import Conflict, InvalidInput, NotFound, TooManyRequests
from heraldo.core.security.passwords import (
    DUMMY_HASH,
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from heraldo.core.security.scopes import ALL_SCOPES, Role
from heraldo.core.security.tokens import hash_api_key, new_api_key
from heraldo.workspaces.models import ApiKey, LoginAttempt, Membership, User, Workspace

# last_used_at is written at most this often per key, so reads do not turn every request into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def get_workspace(*, db: Session, workspace_id: int) -> Workspace:
    workspace = db.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace not found")
    return workspace


def find_workspace(*, db: Session, name: str) -> Workspace | None:
    return db.scalar(select(Workspace).where(Workspace.name == name))


def create_workspace(*, db: Session, name: str, timezone: str = "UTC", is_demo: bool = False) -> Workspace:
    """A new workspace; names are unique."""
    name = name.strip()
    if not name:
        raise InvalidInput("workspace name must not be empty", field="name")
    try:
        zone(timezone)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="timezone") from exc
    if find_workspace(db=db, name=name) is not None:
        raise Conflict(f"a workspace named {name!r} already exists", field="name")
    workspace = Workspace(name=name, timezone=timezone, is_demo=is_demo)
    db.add(workspace)
    db.flush()
    return workspace


def update_workspace(*, db: Session, workspace_id: int, name: str | None, timezone: str | None) -> Workspace:
    workspace = get_workspace(db=db, workspace_id=workspace_id)
    if timezone is not None:
        try:
            zone(timezone)
        except ValueError as exc:
            raise InvalidInput(str(exc), field="timezone") from exc
        workspace.timezone = timezone
    if name is not None and name.strip() != workspace.name:
        if find_workspace(db=db, name=name.strip()) is not None:
            raise Conflict(f"a workspace named {name!r} already exists", field="name")
        workspace.name = name.strip()
    db.commit()
    return workspace


def find_user(*, db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(*, db: Session, email: str, password: str, display_name: str = "", timezone: str | None = None) -> User:
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InvalidInput("not an email address", field="email")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"password must have at least {MIN_PASSWORD_LENGTH} characters", field="password")
    if find_user(db=db, email=email) is not None:
        raise Conflict(f"a user with email {email!r} already exists", field="email")
    user = User(email=email, password_hash=hash_password(password), display_name=display_name, timezone=timezone)
    db.add(user)
    db.flush()
    return user


def add_member(*, db: Session, workspace_id: int, user_id: int, role: Role) -> Membership:
    existing = db.scalar(
        select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
    )
    if existing is not None:
        existing.role = role.value
        return existing
    membership = Membership(workspace_id=workspace_id, user_id=user_id, role=role.value)
    db.add(membership)
    db.flush()
    return membership


def create_owner(
    *, db: Session, email: str, password: str, workspace_name: str, timezone: str = "UTC"
) -> tuple[User, Workspace]:
    """The user as owner of the named workspace, creating the workspace if it is new. One transaction."""
    workspace = find_workspace(db=db, name=workspace_name) or create_workspace(
        db=db, name=workspace_name, timezone=timezone
    )
    user = create_user(db=db, email=email, password=password, timezone=None)
    add_member(db=db, workspace_id=workspace.id, user_id=user.id, role=Role.OWNER)
    db.commit()
    return user, workspace


def membership_for(*, db: Session, user_id: int, workspace_id: int | None = None) -> Membership | None:
    """The user's membership in `workspace_id`, or their first membership when none is given."""
    query = select(Membership).where(Membership.user_id == user_id)
    if workspace_id is not None:
        query = query.where(Membership.workspace_id == workspace_id)
    return db.scalar(query.order_by(Membership.id).limit(1))


def authenticate(*, db: Session, email: str, password: str, ip: str, max_failures: int, window_seconds: int) -> User:
    """The user whose credentials these are, or an error; failures per email and per IP are limited."""
    email = email.strip().lower()
    since = utcnow() - timedelta(seconds=window_seconds)
    recent_failures = db.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at >= since,
            (LoginAttempt.email == email) | (LoginAttempt.ip == ip),
        )
    )
    if recent_failures >= max_failures:
        raise TooManyRequests("too many failed logins; try again later", retry_after=window_seconds)
    user = find_user(db=db, email=email)
    valid = verify_password(user.password_hash if user else DUMMY_HASH, password)
    ok = bool(user and user.is_active and valid)
    db.add(LoginAttempt(email=email, ip=ip, succeeded=ok))
    # Old attempts are useless once outside every window; drop them as we go.
    db.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < utcnow() - timedelta(days=1)))
    if not ok:
        db.commit()
        raise InvalidInput("wrong email or password", field="password")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.commit()
    return user


def validate_scopes(scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise InvalidInput(
            f"unknown scope(s) {', '.join(unknown)}; known: {', '.join(sorted(ALL_SCOPES))}", field="scopes"
        )
    if not scopes:
        raise InvalidInput("at least one scope is required", field="scopes")
    return sorted(set(scopes))


def create_api_key(
    *, db: Session, workspace_id: int, name: str, scopes: list[str], created_by_user_id: int | None = None
) -> tuple[ApiKey, str]:
    """A new key and its secret; the secret is returned here once and only its hash is stored."""
    scopes = validate_scopes(scopes)
    key, prefix, key_hash = new_api_key()
    api_key = ApiKey(
        workspace_id=workspace_id,
        name=name.strip() or "API key",
        prefix=prefix,
        key_hash=key_hash,
        scopes=scopes,
        created_by_user_id=created_by_user_id,
    )
    db.add(api_key)
    db.commit()
    return api_key, key


def list_api_keys_query(*, workspace_id: int):
    return select(ApiKey).where(ApiKey.workspace_id == workspace_id).order_by(ApiKey.id.desc())


def get_api_key(*, db: Session, workspace_id: int, key_id: int) -> ApiKey:
    api_key = db.scalar(select(ApiKey).where(ApiKey.id == key_id, ApiKey.workspace_id == workspace_id))
    if api_key is None:
        raise NotFound("API key not found")
    return api_key


def revoke_api_key(*, db: Session, workspace_id: int, key_id: int) -> ApiKey:
    api_key = get_api_key(db=db, workspace_id=workspace_id, key_id=key_id)
    if api_key.revoked_at is None:
        api_key.revoked_at = utcnow()
        db.commit()
    return api_key


def resolve_api_key(*, db: Session, key: str) -> ApiKey | None:
    """The active key with this secret, noting its use."""
    api_key = db.scalar(select(ApiKey).where(ApiKey.key_hash == hash_api_key(key)))
    if api_key is None or api_key.revoked_at is not None:
        return None
    now = utcnow()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
        api_key.last_used_at = now
        db.commit()
    return api_key
