"""All configuration, read from `HERALDO_*` environment variables (and an optional `.env`)."""

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Used only when HERALDO_SECRET_KEY is unset; `heraldo serve` warns about it loudly.
INSECURE_DEV_SECRET = "heraldo-insecure-development-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HERALDO_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite:///./heraldo.db", description="SQLAlchemy URL: sqlite:///path or postgresql://user@host/db"
    )
    broker_url: str | None = Field(None, description="Redis or RabbitMQ URL for Celery; unset runs jobs in-process")
    secret_key: str = Field(
        INSECURE_DEV_SECRET, description="Signs sessions and derives the key that encrypts credentials"
    )
    data_dir: Path = Field(Path("./data"), description="Where media assets and other files are stored")
    default_timezone: str = Field("UTC", description="IANA time zone for new workspaces and users")
    run_jobs_in_process: bool = Field(
        True, description="Run the in-process job runner inside `heraldo serve` when no broker is set"
    )
    job_threads: int = Field(4, ge=1, le=64, description="Worker threads of the in-process job runner")
    celery_queue: str = Field("heraldo", description="Celery queue name used by workers and beat")
    cookie_secure: bool = Field(False, description="Send the session cookie only over HTTPS")
    session_max_age: int = Field(14 * 24 * 3600, description="Dashboard session lifetime in seconds")
    login_max_failures: int = Field(5, ge=1, description="Failed logins allowed per email and IP per window")
    login_window_seconds: int = Field(900, ge=1, description="Window of the login rate limit, in seconds")
    max_upload_bytes: int = Field(50 * 1024 * 1024, description="Largest media upload accepted")
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR")
    log_json: bool = Field(False, description="Log one JSON object per line instead of console lines")

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"


@lru_cache
def get_settings() -> Settings:
    return Settings()
