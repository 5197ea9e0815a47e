"""Where media files live (the data dir by default, or an S3 bucket), and the public, expiring URLs
platforms that fetch media themselves are given."""

import hashlib
import hmac
import uuid
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol
from urllib.parse import quote, unquote

import httpx
from fastapi import Request

from heraldo.core.clock import utcnow
from heraldo.core.security.crypto import derive_key
from heraldo.core.settings import Settings
from heraldo.posts.models import MediaAsset


class MediaStorage(Protocol):
    def save(self, *, workspace_id: int, stream: BinaryIO, suffix: str, max_bytes: int) -> tuple[str, int, str]:
        """Store a file; (storage key, size in bytes, sha256). ValueError if it is larger than max_bytes."""
        ...

    def path(self, storage_key: str) -> Path: ...

    def remove(self, storage_key: str) -> None: ...


class LocalMediaStorage:
    """Files under `<data dir>/media/<workspace id>/<sha256><suffix>`: identical uploads share one file."""

    CHUNK = 1024 * 1024

    def __init__(self, root: Path):
        self.root = root

    def save(self, *, workspace_id: int, stream: BinaryIO, suffix: str, max_bytes: int) -> tuple[str, int, str]:
        folder = self.root / str(workspace_id)
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        partial = folder / f".upload-{id(stream)}.part"
        try:
            with partial.open("wb") as out:
                while chunk := stream.read(self.CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ValueError(f"file is larger than the {max_bytes} bytes allowed")
                    digest.update(chunk)
                    out.write(chunk)
            key = f"{workspace_id}/{digest.hexdigest()}{suffix}"
            partial.replace(self.root / key)
        finally:
            partial.unlink(missing_ok=True)
        return key, size, digest.hexdigest()

    def path(self, storage_key: str) -> Path:
        resolved = (self.root / storage_key).resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise ValueError("storage key escapes the media directory")
        return resolved

    def remove(self, storage_key: str) -> None:
        self.path(storage_key).unlink(missing_ok=True)


def media_storage(request: Request) -> MediaStorage:
    """FastAPI dependency: the storage `create_app` configured."""
    return request.app.state.media_storage


# ---- public, expiring media URLs ----------------------------------------------------------------------
# Meta (Instagram, Threads, Facebook photos) fetches media by URL instead of taking an upload, so a
# connector needs an https URL the platform can reach: unguessable, and dead after a few hours.


class MediaUrlSigner:
    """Signs `{public_url}/media/public/{media_id}/{expires}/{signature}{suffix}` with HMAC-SHA256.

    The signature covers the asset id, the expiry (epoch seconds), the file suffix and the file's sha256,
    so a link neither outlives its expiry nor serves another file if an id is ever reused.
    """

    PURPOSE = "public-media-urls"

    def __init__(self, *, secret_key: str, public_url: str | None, ttl_seconds: int):
        self._key = derive_key(secret_key, self.PURPOSE)
        self.public_url = public_url.rstrip("/") if public_url else None
        self.ttl_seconds = ttl_seconds

    @classmethod
    def from_settings(cls, settings: Settings) -> "MediaUrlSigner":
        return cls(
            secret_key=settings.secret_key, public_url=settings.public_url, ttl_seconds=settings.media_url_ttl_seconds
        )

    def signature(self, *, media_id: int, expires: int, suffix: str, sha256: str) -> str:
        message = f"{media_id}\n{expires}\n{suffix}\n{sha256}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def url_for(self, asset: MediaAsset, *, now: datetime | None = None) -> str:
        """A public URL for `asset`, valid for `ttl_seconds` from now."""
        if not self.public_url:
            raise ValueError("no public URL is configured (HERALDO_PUBLIC_URL)")
        expires = int((now or utcnow()).timestamp()) + self.ttl_seconds
        suffix = storage_suffix(asset.storage_key)
        signature = self.signature(media_id=asset.id, expires=expires, suffix=suffix, sha256=asset.sha256)
        return f"{self.public_url}/media/public/{asset.id}/{expires}/{signature}{suffix}"

    @staticmethod
    def expired(expires: int, *, now: datetime | None = None) -> bool:
        return expires <= (now or utcnow()).timestamp()

    def verify(self, asset: MediaAsset, *, expires: int, token: str, now: datetime | None = None) -> bool:
        """Whether `token` (signature + suffix, the last path segment) is valid for `asset` and unexpired."""
        if self.expired(expires, now=now):
            return False
        suffix = storage_suffix(asset.storage_key)
        expected = self.signature(media_id=asset.id, expires=expires, suffix=suffix, sha256=asset.sha256) + suffix
        return hmac.compare_digest(expected.encode(), token.encode())


def storage_suffix(storage_key: str) -> str:
    return PurePosixPath(storage_key).suffix


def public_media_url(
    asset: MediaAsset, *, storage: MediaStorage, settings: Settings, now: datetime | None = None
) -> str | None:
    """The URL a platform can fetch `asset` from, or None when neither S3 nor a public URL is configured."""
    if isinstance(storage, S3MediaStorage):
        # Straight from the bucket: the platform's fetch never touches this server.
        return storage.presigned_url(asset.storage_key, expires_in=settings.media_url_ttl_seconds, now=now)
    if settings.public_url:
        return MediaUrlSigner.from_settings(settings).url_for(asset, now=now)
    return None


# ---- S3-compatible storage ------------------------------------------------------------------------------


class MediaStorageError(OSError):
    """The object store refused or did not answer."""


def _uri_encode(value: str, *, keep_slash: bool = False) -> str:
    # SigV4's encoding: everything but unreserved characters, as %XX in upper case.
    return quote(value, safe="-_.~/" if keep_slash else "-_.~")


def _hmac_sha256(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def presign_s3_url(
    *,
    method: str,
    url: str,
    region: str,
    access_key_id: str,
    secret_access_key: str,
    expires_in: int,
    now: datetime | None = None,
    service: str = "s3",
) -> str:
    """AWS Signature Version 4 in the query string ("presigned URL"), signing only the host header.

    https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html; the payload is
    UNSIGNED-PAYLOAD, as S3 accepts for presigned requests.
    """
    if not 1 <= expires_in <= 7 * 24 * 3600:
        raise ValueError("a presigned URL lives between 1 second and 7 days")
    moment = (now or utcnow()).astimezone(UTC)
    amz_date = moment.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{moment:%Y%m%d}/{region}/{service}/aws4_request"
    parsed = httpx.URL(url)
    host = parsed.host if parsed.port is None else f"{parsed.host}:{parsed.port}"
    query = {
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Credential": f"{access_key_id}/{scope}",
        "X-Amz-Date": amz_date,
        "X-Amz-Expires": str(expires_in),
        "X-Amz-SignedHeaders": "host",
    }
    canonical_query = "&".join(f"{_uri_encode(k)}={_uri_encode(v)}" for k, v in sorted(query.items()))
    canonical_request = "\n".join(
        [
            method.upper(),
            _uri_encode(unquote(parsed.path) or "/", keep_slash=True),
            canonical_query,
            f"host:{host}\n",
            "host",
            "UNSIGNED-PAYLOAD",
        ]
    )
    string_to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = ("AWS4" + secret_access_key).encode()
    for part in (f"{moment:%Y%m%d}", region, service, "aws4_request"):
        key = _hmac_sha256(key, part)
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    base = str(parsed.copy_with(query=None, fragment=None))
    return f"{base}?{canonical_query}&X-Amz-Signature={signature}"


class S3MediaStorage:
    """Media in an S3-compatible bucket (AWS, MinIO, R2...), talked to with presigned URLs over httpx.

    Objects are keyed like the local storage (`<workspace id>/<sha256><suffix>`). `path()` gives a local
    copy from a cache under the data dir (connectors that upload bytes read files), so workers on any
    machine can publish; platforms that fetch by URL get a presigned GET straight from the bucket.
    """

    def __init__(
        self,
        *,
        bucket: str,
        region: str,
        access_key_id: str,
        secret_access_key: str,
        cache_dir: Path,
        endpoint_url: str | None = None,
        timeout: float = 30.0,
        http: httpx.Client | None = None,
    ):
        self.bucket = bucket
        self.region = region
        self.access_key_id = access_key_id
        self.secret_access_key = secret_access_key
        self.endpoint_url = endpoint_url.rstrip("/") if endpoint_url else None
        self.cache = LocalMediaStorage(cache_dir)
        self.timeout = timeout
        self._http = http

    @property
    def http(self) -> httpx.Client:
        # Made on first use: the publish job builds a storage every tick, usually to find nothing due.
        if self._http is None:
            self._http = httpx.Client(timeout=httpx.Timeout(self.timeout), follow_redirects=False)
        return self._http

    def object_url(self, storage_key: str) -> str:
        key = _uri_encode(storage_key, keep_slash=True)
        if self.endpoint_url:
            # Custom endpoints (MinIO and friends) take path-style addresses.
            return f"{self.endpoint_url}/{self.bucket}/{key}"
        host = "s3.amazonaws.com" if self.region == "us-east-1" else f"s3.{self.region}.amazonaws.com"
        return f"https://{self.bucket}.{host}/{key}"

    def presigned_url(
        self, storage_key: str, *, expires_in: int, method: str = "GET", now: datetime | None = None
    ) -> str:
        return presign_s3_url(
            method=method,
            url=self.object_url(storage_key),
            region=self.region,
            access_key_id=self.access_key_id,
            secret_access_key=self.secret_access_key,
            expires_in=expires_in,
            now=now,
        )

    def _send(self, method: str, storage_key: str, ok: set[int], **kwargs) -> httpx.Response:
        url = self.presigned_url(storage_key, expires_in=900, method=method)
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise MediaStorageError(f"object store unreachable: {type(exc).__name__}") from exc
        if response.status_code not in ok:
            raise MediaStorageError(f"object store answered {response.status_code} to {method} {storage_key}")
        return response

    def save(self, *, workspace_id: int, stream: BinaryIO, suffix: str, max_bytes: int) -> tuple[str, int, str]:
        # Written to the local cache first: that checks the size, names the file by its hash and keeps
        # a copy this machine's workers can read without downloading it again.
        key, size, digest = self.cache.save(
            workspace_id=workspace_id, stream=stream, suffix=suffix, max_bytes=max_bytes
        )
        with self.cache.path(key).open("rb") as body:
            self._send("PUT", key, {200}, content=body, headers={"Content-Length": str(size)})
        return key, size, digest

    def path(self, storage_key: str) -> Path:
        local = self.cache.path(storage_key)
        if local.exists():
            return local
        local.parent.mkdir(parents=True, exist_ok=True)
        partial = local.with_name(f".download-{uuid.uuid4().hex}.part")
        try:
            url = self.presigned_url(storage_key, expires_in=900)
            with self.http.stream("GET", url) as response:
                if response.status_code != 200:
                    raise MediaStorageError(f"object store answered {response.status_code} to GET {storage_key}")
                with partial.open("wb") as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
            partial.replace(local)
        except httpx.HTTPError as exc:
            raise MediaStorageError(f"object store unreachable: {type(exc).__name__}") from exc
        finally:
            partial.unlink(missing_ok=True)
        return local

    def remove(self, storage_key: str) -> None:
        # S3 answers 204 for a key that is already gone.
        self._send("DELETE", storage_key, {200, 204, 404})
        self.cache.remove(storage_key)


def media_storage_for(settings: Settings) -> MediaStorage:
    """The storage the settings choose: an S3 bucket when `s3_bucket` is set, else the data dir.

    The local storage lives on one machine's disk: Celery workers on other machines can only publish
    media when the data dir is shared (NFS...) or media lives in S3.
    """
    if settings.s3_bucket:
        if not (settings.s3_access_key_id and settings.s3_secret_access_key):
            raise ValueError("HERALDO_S3_BUCKET needs HERALDO_S3_ACCESS_KEY_ID and HERALDO_S3_SECRET_ACCESS_KEY")
        return S3MediaStorage(
            bucket=settings.s3_bucket,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key,
            endpoint_url=settings.s3_endpoint_url,
            cache_dir=settings.data_dir / "media-cache",
            timeout=settings.http_timeout_seconds,
        )
    return LocalMediaStorage(settings.media_dir)
