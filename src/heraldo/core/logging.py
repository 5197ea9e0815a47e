"""Structured logs through structlog; the standard library's loggers go through the same renderer."""

import logging
import sys

import httpx
import structlog

SECRET_KEYS = {"password", "token", "access_token", "refresh_token", "credentials", "secret", "api_key"}


def _redact(_logger, _name, event_dict: dict) -> dict:
    for key in list(event_dict):
        if key.lower() in SECRET_KEYS:
            event_dict[key] = "[redacted]"
    return event_dict


class RedactQueryStrings(logging.Filter):
    """httpx logs every request URL at INFO; some platforms (Meta token calls) put secrets in the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                f"{arg.copy_with(query=None)}?[redacted]" if isinstance(arg, httpx.URL) and arg.query else arg
                for arg in record.args
            )
        return True


def configure_logging(level: str = "INFO", json: bool = False) -> None:
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact,
    ]
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    httpx_logger = logging.getLogger("httpx")
    if not any(isinstance(f, RedactQueryStrings) for f in httpx_logger.filters):
        httpx_logger.addFilter(RedactQueryStrings())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)
