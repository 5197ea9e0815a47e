"""Scopes a principal can hold, and the scopes each membership role grants."""

from enum import StrEnum


class Scope(StrEnum):
    POSTS_READ = "posts:read"
    POSTS_WRITE = "posts:write"
    ANALYTICS_VIEW = "analytics:view"
    CONVERSATIONS_VIEW = "conversations:view"
    CAMPAIGNS_EXECUTE = "campaigns:execute"
    LEADS_WRITE = "leads:write"
    ADMIN = "admin"


ALL_SCOPES = frozenset(Scope)


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    EDITOR = "editor"
    ANALYST = "analyst"


ROLE_SCOPES: dict[Role, frozenset[Scope]] = {
    Role.OWNER: ALL_SCOPES,
    Role.ADMIN: ALL_SCOPES,
    Role.EDITOR: frozenset(
        {
            Scope.POSTS_READ,
            Scope.POSTS_WRITE,
            Scope.ANALYTICS_VIEW,
            Scope.CONVERSATIONS_VIEW,
            Scope.CAMPAIGNS_EXECUTE,
            Scope.LEADS_WRITE,
        }
    ),
    Role.ANALYST: frozenset({Scope.POSTS_READ, Scope.ANALYTICS_VIEW, Scope.CONVERSATIONS_VIEW}),
}


def grants(held: frozenset[str] | set[str], needed: str) -> bool:
    """`admin` implies every scope; otherwise the scope itself must be held."""
    return Scope.ADMIN in held or needed in held


PUBLIC = "public"


def public() -> None:
    """Route dependency marking a route anyone may call (login page, health, metrics)."""


# Every route carries a dependency with `heraldo_scope`; a test fails for any route without one.
public.heraldo_scope = PUBLIC
