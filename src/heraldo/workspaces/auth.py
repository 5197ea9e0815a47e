"""Who is calling: a dashboard user (signed session cookie) or an API key (bearer), and what they may do.

Every route declares its scope with `Depends(require_scope(Scope.X))`, or `Depends(public)` from
core.security.scopes; a test checks that none is missing. The workspace always comes from the
principal, never from the path.
"""

from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.errors import HeraldoError, PermissionDenied
from heraldo.core.security.scopes import ROLE_SCOPES, Role, Scope, grants
from heraldo.core.security.tokens import new_csrf_token, same_token
from heraldo.workspaces import service
from heraldo.workspaces.models import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


class NotAuthenticated(HeraldoError):
    status_code = 401


@dataclass(frozen=True)
class Principal:
    workspace_id: int
    scopes: frozenset[str]
    user_id: int | None = None
    api_key_id: int | None = None
    role: str | None = None

    @property
    def via_session(self) -> bool:
        return self.user_id is not None and self.api_key_id is None

    def can(self, scope: str) -> bool:
        return grants(self.scopes, scope)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use; forms and fetch() calls must send it back."""
    token = request.session.get("csrf")
    if not token:
        token = new_csrf_token()
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, given: str | None) -> None:
    if not same_token(request.session.get("csrf"), given):
        raise PermissionDenied("missing or invalid CSRF token; reload the page and try again", field=CSRF_FIELD)


def session_user(request: Request, db: Session) -> tuple[User, str, int] | None:
    """(user, role, workspace id) of the signed-in dashboard user, or None."""
    user_id = request.session.get("user_id")
    if not user_id:
        return None
    user = db.get(User, user_id)
    if user is None or not user.is_active:
        request.session.clear()
        return None
    membership = service.membership_for(db=db, user_id=user.id, workspace_id=request.session.get("workspace_id"))
    if membership is None:
        membership = service.membership_for(db=db, user_id=user.id)
    if membership is None:
        return None
    request.session["workspace_id"] = membership.workspace_id
    return user, membership.role, membership.workspace_id


def current_principal(request: Request, db: Session = Depends(get_db)) -> Principal:
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, key = authorization.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise NotAuthenticated("Authorization header must be 'Bearer <API key>'")
        api_key = service.resolve_api_key(db=db, key=key.strip())
        if api_key is None:
            raise NotAuthenticated("invalid or revoked API key")
        return Principal(workspace_id=api_key.workspace_id, scopes=frozenset(api_key.scopes), api_key_id=api_key.id)
    found = session_user(request, db)
    if found is None:
        raise NotAuthenticated("sign in or send 'Authorization: Bearer <API key>'")
    user, role, workspace_id = found
    # Cookies ride along on cross-site requests; a JSON call that changes state must prove it came from our page.
    if request.method not in SAFE_METHODS and request.url.path.startswith("/api/"):
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return Principal(workspace_id=workspace_id, scopes=frozenset(ROLE_SCOPES[Role(role)]), user_id=user.id, role=role)


def require_scope(scope: Scope):
    """A dependency that yields the principal if it holds `scope`, else 403."""

    def dependency(principal: Principal = Depends(current_principal)) -> Principal:
        if not principal.can(scope):
            raise PermissionDenied(f"this action needs the '{scope}' scope")
        return principal

    dependency.heraldo_scope = str(scope)
    return dependency
