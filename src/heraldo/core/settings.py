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
    public_url: str | None = Field(
        None,
        description="Public https base URL of this server; needed to hand media to platforms that fetch it by URL",
    )
    media_url_ttl_seconds: int = Field(
        6 * 3600, ge=60, description="How long a public media URL handed to a platform stays valid"
    )
    s3_bucket: str | None = Field(None, description="Store media in this S3-compatible bucket instead of the data dir")
    s3_endpoint_url: str | None = Field(None, description="S3-compatible endpoint (unset: AWS)")
    s3_region: str = Field("us-east-1", description="S3 region")
    s3_access_key_id: str | None = Field(None, description="S3 access key id")
    s3_secret_access_key: str | None = Field(None, description="S3 secret access key")
    http_timeout_seconds: float = Field(30.0, gt=0, description="Timeout of one call to a platform API")
    media_poll_interval_seconds: float = Field(
        2.0, gt=0, description="Wait between status checks of media a platform processes asynchronously"
    )
    media_poll_timeout_seconds: float = Field(
        300.0, gt=0, description="Give up waiting for a platform to process media after this long"
    )
    x_client_id: str | None = Field(None, description="X OAuth 2.0 client id")
    x_client_secret: str | None = Field(None, description="X OAuth 2.0 client secret (confidential clients)")
    x_api_base_url: str = Field("https://api.x.com/2", description="X API v2 base URL")
    x_authorize_url: str = Field("https://x.com/i/oauth2/authorize", description="X OAuth authorize page")
    meta_app_id: str | None = Field(None, description="Meta app id (Facebook Pages, Instagram)")
    meta_app_secret: str | None = Field(None, description="Meta app secret")
    meta_graph_version: str = Field("v25.0", description="Graph API version used for Facebook and Instagram")
    meta_graph_base_url: str = Field("https://graph.facebook.com", description="Graph API host")
    meta_authorize_url: str = Field("https://www.facebook.com", description="Facebook Login dialog host")
    instagram_base_url: str = Field(
        "https://graph.instagram.com", description="Graph host for accounts connected with Instagram Login"
    )
    threads_app_id: str | None = Field(None, description="Threads app id (not the Facebook one)")
    threads_app_secret: str | None = Field(None, description="Threads app secret")
    threads_api_version: str = Field("v1.0", description="Threads API version")
    threads_base_url: str = Field("https://graph.threads.net", description="Threads API host")
    threads_authorize_url: str = Field("https://threads.net/oauth/authorize", description="Threads OAuth page")
    linkedin_client_id: str | None = Field(None, description="LinkedIn OAuth client id")
    linkedin_client_secret: str | None = Field(None, description="LinkedIn OAuth client secret")
    linkedin_version: str = Field("202603", description="LinkedIn-Version header (YYYYMM); bump twice a year")
    linkedin_base_url: str = Field("https://api.linkedin.com", description="LinkedIn API host")
    linkedin_oauth_base_url: str = Field("https://www.linkedin.com/oauth/v2", description="LinkedIn OAuth base URL")
    bluesky_pds_url: str = Field("https://bsky.social", description="Default Bluesky PDS / entryway for logins")
    sentiment_model_dir: Path | None = Field(
        None,
        description="A local transformers sentiment model directory; when set it scores the languages it was made for",
    )
    sentiment_model_languages: str = Field(
        "en,es", description="Comma-separated ISO 639-1 codes the local transformers model scores"
    )
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
