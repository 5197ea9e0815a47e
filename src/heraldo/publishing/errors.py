"""What can go wrong when talking to a platform, classified by what Heraldo should do about it."""


class PublishError(Exception):
    """Base class; `retryable` says whether trying again later can succeed."""

    retryable = False

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class AuthExpired(PublishError):
    """The access token expired; refresh once and retry."""

    retryable = True


class AuthRevoked(PublishError):
    """The grant is dead: the account must be reconnected by a person."""


class PermissionMissing(PublishError):
    """The token lacks a permission: reconnect with more scopes."""


class RateLimited(PublishError):
    retryable = True


class Transient(PublishError):
    """5xx, timeouts, resets: try again with backoff."""

    retryable = True


class Invalid(PublishError):
    """The platform refused this content (too long, bad media, duplicate): fail with its reason."""


class OutcomeUnknown(PublishError):
    """The request went out and no answer came back: never resend blindly."""


RECONNECT_ERRORS = (AuthRevoked, PermissionMissing)
