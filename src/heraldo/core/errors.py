"""Domain errors that routers turn into HTTP answers; services raise them, never HTTPException."""


class HeraldoError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(HeraldoError):
    status_code = 404


class Conflict(HeraldoError):
    status_code = 409


class InvalidInput(HeraldoError):
    """Input that passed the schema but breaks a rule; answered 422 naming the field."""

    status_code = 422


class PermissionDenied(HeraldoError):
    status_code = 403


class TooManyRequests(HeraldoError):
    status_code = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class UpstreamUnavailable(HeraldoError):
    """A platform or service we depend on did not answer usefully (down, timed out); nothing was changed here."""

    status_code = 502
