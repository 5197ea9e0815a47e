"""Public media URLs for platforms that fetch media themselves: signed, expiring, tamper-proof; and S3
storage with presigned URLs (SigV4, checked against AWS's published example and a fake S3 that verifies
every request's signature)."""

import hashlib
import hmac
import io
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote

import httpx
import pytest
import respx
from sqlalchemy import update

from heraldo.core.clock import utcnow
from heraldo.core.security.crypto import SecretBox
from heraldo.posts import public_media
from heraldo.posts import service as posts_service
from heraldo.posts.media import (
    LocalMediaStorage,
    MediaStorageError,
    MediaUrlSigner,
    S3MediaStorage,
    media_storage_for,
    presign_s3_url,
)
from heraldo.posts.models import MediaAsset, PostTarget, TargetStatus
from heraldo.publishing import service
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors.sandbox import SandboxConnector
from heraldo.publishing.platforms import Platform
from tests.factories import TEST_SECRET, create_account, create_post, create_tenant
from tests.probe_factories import PNG_1X1

PUBLIC = "https://heraldo.example"
ROUTE = "/media/public/{media_id}/{expires}/{token}"

# The "GET Object" example of https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
AWS_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
AWS_EXAMPLE_URL = (
    "https://examplebucket.s3.amazonaws.com/test.txt"
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
    "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
    "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
)
AWS_EXAMPLE_NOW = datetime(2013, 5, 24, tzinfo=UTC)


def store(db, storage, workspace_id: int, data: bytes = PNG_1X1) -> MediaAsset:
    return posts_service.store_media(
        db=db,
        storage=storage,
        workspace_id=workspace_id,
        filename="pixel.png",
        content_type="image/png",
        stream=io.BytesIO(data),
        max_bytes=1024 * 1024,
    )


def path_of(url: str) -> str:
    return httpx.URL(url).raw_path.decode()


# ---- the signer -------------------------------------------------------------------------------------------


@pytest.fixture
def signer() -> MediaUrlSigner:
    return MediaUrlSigner(secret_key=TEST_SECRET, public_url=PUBLIC + "/", ttl_seconds=3600)


def fake_asset(media_id: int = 7, sha256: str = "ab" * 32, key: str = "1/abc.png") -> MediaAsset:
    return MediaAsset(id=media_id, storage_key=key, sha256=sha256)


def test_a_signed_url_has_the_documented_shape_and_verifies_until_it_expires(signer):
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    asset = fake_asset()
    url = signer.url_for(asset, now=now)
    expires = int(now.timestamp()) + 3600
    match = re.fullmatch(rf"{PUBLIC}/media/public/7/{expires}/([0-9a-f]{{64}})\.png", url)
    assert match, url
    token = url.rsplit("/", 1)[1]
    # Independent recomputation: HMAC-SHA256 under the key derived for this purpose.
    from heraldo.core.security.crypto import derive_key

    key = derive_key(TEST_SECRET, "public-media-urls")
    expected = hmac.new(key, f"7\n{expires}\n.png\n{'ab' * 32}".encode(), hashlib.sha256).hexdigest()
    assert match.group(1) == expected

    assert signer.verify(asset, expires=expires, token=token, now=now)
    assert signer.verify(asset, expires=expires, token=token, now=now + timedelta(seconds=3599))
    assert not signer.verify(asset, expires=expires, token=token, now=now + timedelta(seconds=3600))


def test_any_change_to_a_signed_url_breaks_it(signer):
    now = utcnow()
    asset = fake_asset()
    url = signer.url_for(asset, now=now)
    *_, expires, token = url.split("/")
    expires = int(expires)
    flipped = ("0" if token[0] != "0" else "1") + token[1:]
    assert signer.verify(asset, expires=expires, token=token, now=now)
    assert not signer.verify(asset, expires=expires, token=flipped, now=now)
    assert not signer.verify(asset, expires=expires + 3600, token=token, now=now)  # a longer life
    assert not signer.verify(asset, expires=expires, token=token.replace(".png", ".jpg"), now=now)
    assert not signer.verify(fake_asset(media_id=8), expires=expires, token=token, now=now)  # another file
    assert not signer.verify(fake_asset(sha256="cd" * 32), expires=expires, token=token, now=now)  # id reused
    other_key = MediaUrlSigner(secret_key="another-secret-key-of-enough-length", public_url=PUBLIC, ttl_seconds=3600)
    assert not other_key.verify(asset, expires=expires, token=token, now=now)


def test_no_public_url_means_no_signed_url():
    signer = MediaUrlSigner(secret_key=TEST_SECRET, public_url=None, ttl_seconds=3600)
    with pytest.raises(ValueError):
        signer.url_for(fake_asset())


# ---- the public route --------------------------------------------------------------------------------------


@pytest.fixture
def asset(db, app, tenant) -> MediaAsset:
    return store(db, app.state.media_storage, tenant.id)


def signed_path(settings, asset: MediaAsset, now: datetime | None = None) -> str:
    signer = MediaUrlSigner(secret_key=settings.secret_key, public_url=PUBLIC, ttl_seconds=600)
    return path_of(signer.url_for(asset, now=now))


def test_the_route_serves_the_file_to_anyone_with_a_valid_link(client, settings, asset):
    path = signed_path(settings, asset)
    response = client.get(path)  # no session, no API key: the signature is the authorisation
    assert response.status_code == 200, response.text
    assert response.content == PNG_1X1
    assert response.headers["content-type"] == "image/png"
    assert client.head(path).status_code == 200


def test_the_route_refuses_expired_and_tampered_links(client, settings, asset):
    expired = signed_path(settings, asset, now=utcnow() - timedelta(seconds=601))
    assert client.get(expired).status_code == 403
    good = signed_path(settings, asset)
    prefix, token = good.rsplit("/", 1)
    tampered = f"{prefix}/{'f' if token[0] != 'f' else 'e'}{token[1:]}"
    assert client.get(tampered).status_code == 403
    _, _, _, media_id, expires, _ = good.split("/")
    assert client.get(f"/media/public/{media_id}/{int(expires) + 60}/{token}").status_code == 403
    assert client.get(f"/media/public/{media_id}/{expires}/{token[:-4]}.gif").status_code == 403


def test_the_route_answers_404_for_an_unknown_media_id(client, settings, asset):
    gone = MediaAsset(id=asset.id + 1000, storage_key=asset.storage_key, sha256=asset.sha256)
    assert client.get(signed_path(settings, gone)).status_code == 404


def test_the_route_declares_itself_public():
    [route] = [r for r in public_media.router.routes if r.path == ROUTE]
    scopes = [getattr(d.call, "heraldo_scope", None) for d in route.dependant.dependencies]
    assert "public" in scopes


# ---- SigV4 presigning ----------------------------------------------------------------------------------------


def test_presigning_reproduces_the_aws_get_object_example():
    url = presign_s3_url(
        method="GET",
        url="https://examplebucket.s3.amazonaws.com/test.txt",
        region="us-east-1",
        access_key_id=AWS_ACCESS_KEY,
        secret_access_key=AWS_SECRET,
        expires_in=86400,
        now=AWS_EXAMPLE_NOW,
    )
    assert url == AWS_EXAMPLE_URL


def test_s3_storage_builds_the_aws_example_url_for_its_bucket():
    storage = S3MediaStorage(
        bucket="examplebucket",
        region="us-east-1",
        access_key_id=AWS_ACCESS_KEY,
        secret_access_key=AWS_SECRET,
        cache_dir=None,
    )
    assert storage.presigned_url("test.txt", expires_in=86400, now=AWS_EXAMPLE_NOW) == AWS_EXAMPLE_URL


def _encode(value: str) -> str:
    return quote(value, safe="-_.~")


def verify_sigv4_query(request: httpx.Request, secrets: dict[str, str], now: datetime) -> str | None:
    """What S3 checks of a presigned request, written from the AWS documentation. None when valid, else why."""
    raw_path, _, raw_query = request.url.raw_path.decode().partition("?")
    params = dict(parse_qsl(raw_query, keep_blank_values=True))
    try:
        signature = params["X-Amz-Signature"]
        access_key, date, region, service_name, terminator = params["X-Amz-Credential"].split("/")
        amz_date = params["X-Amz-Date"]
        expires = int(params["X-Amz-Expires"])
    except (KeyError, ValueError):
        return "AuthorizationQueryParametersError"
    if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or terminator != "aws4_request":
        return "AuthorizationQueryParametersError"
    if access_key not in secrets:
        return "InvalidAccessKeyId"
    signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    if now > signed_at + timedelta(seconds=expires):
        return "Request has expired"
    signed_headers = params["X-Amz-SignedHeaders"].split(";")
    canonical_headers = "".join(f"{name}:{request.headers[name].strip()}\n" for name in signed_headers)
    canonical_query = "&".join(
        f"{_encode(k)}={_encode(v)}" for k, v in sorted(params.items()) if k != "X-Amz-Signature"
    )
    canonical_request = "\n".join(
        [request.method, raw_path, canonical_query, canonical_headers, ";".join(signed_headers), "UNSIGNED-PAYLOAD"]
    )
    scope = f"{date}/{region}/{service_name}/aws4_request"
    string_to_sign = f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    k_date = hmac.new(f"AWS4{secrets[access_key]}".encode(), date.encode(), hashlib.sha256).digest()
    k_region = hmac.new(k_date, region.encode(), hashlib.sha256).digest()
    k_service = hmac.new(k_region, service_name.encode(), hashlib.sha256).digest()
    k_signing = hmac.new(k_service, b"aws4_request", hashlib.sha256).digest()
    expected = hmac.new(k_signing, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return None if hmac.compare_digest(expected, signature) else "SignatureDoesNotMatch"


def test_the_fake_s3s_verifier_accepts_the_aws_example_and_nothing_else():
    secrets = {AWS_ACCESS_KEY: AWS_SECRET}
    assert verify_sigv4_query(httpx.Request("GET", AWS_EXAMPLE_URL), secrets, AWS_EXAMPLE_NOW) is None
    wrong = AWS_EXAMPLE_URL.replace("test.txt", "test2.txt")
    assert verify_sigv4_query(httpx.Request("GET", wrong), secrets, AWS_EXAMPLE_NOW) == "SignatureDoesNotMatch"
    put = httpx.Request("PUT", AWS_EXAMPLE_URL)
    assert verify_sigv4_query(put, secrets, AWS_EXAMPLE_NOW) == "SignatureDoesNotMatch"
    late = AWS_EXAMPLE_NOW + timedelta(days=2)
    assert verify_sigv4_query(httpx.Request("GET", AWS_EXAMPLE_URL), secrets, late) == "Request has expired"


S3_ENDPOINT = "https://s3.fake.test"
S3_BUCKET = "heraldo-media"
S3_KEY_ID = "AKIDHERALDOTEST"
S3_SECRET = "s3-secret-for-the-tests"


class FakeS3:
    """Path-style S3: PUT/GET/DELETE of objects, every request's presigned signature verified."""

    def __init__(self):
        self.objects: dict[str, bytes] = {}
        self.requests: list[tuple[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        problem = verify_sigv4_query(request, {S3_KEY_ID: S3_SECRET}, utcnow())
        if problem is not None:
            return httpx.Response(403, text=f"<Error><Code>AccessDenied</Code><Message>{problem}</Message></Error>")
        bucket, _, key = request.url.path.lstrip("/").partition("/")
        if bucket != S3_BUCKET:
            return httpx.Response(404, text="<Error><Code>NoSuchBucket</Code></Error>")
        self.requests.append((request.method, key))
        if request.method == "PUT":
            self.objects[key] = request.read()
            return httpx.Response(200, headers={"ETag": f'"{hashlib.md5(self.objects[key]).hexdigest()}"'})
        if request.method == "GET":
            if key not in self.objects:
                return httpx.Response(404, text="<Error><Code>NoSuchKey</Code></Error>")
            return httpx.Response(200, content=self.objects[key])
        if request.method == "DELETE":
            self.objects.pop(key, None)
            return httpx.Response(204)
        return httpx.Response(405)


@pytest.fixture
def fake_s3():
    fake = FakeS3()
    with respx.mock(assert_all_called=False) as mock:
        mock.route(host="s3.fake.test").mock(side_effect=fake)
        yield fake


@pytest.fixture
def s3_settings(settings):
    return settings.model_copy(
        update={
            "s3_bucket": S3_BUCKET,
            "s3_endpoint_url": S3_ENDPOINT,
            "s3_region": "eu-west-3",
            "s3_access_key_id": S3_KEY_ID,
            "s3_secret_access_key": S3_SECRET,
        }
    )


def test_s3_storage_is_chosen_when_a_bucket_is_set(settings, s3_settings):
    assert isinstance(media_storage_for(settings), LocalMediaStorage)
    storage = media_storage_for(s3_settings)
    assert isinstance(storage, S3MediaStorage)
    assert storage.object_url("1/a b.png") == f"{S3_ENDPOINT}/{S3_BUCKET}/1/a%20b.png"
    with pytest.raises(ValueError, match="ACCESS_KEY_ID"):
        media_storage_for(s3_settings.model_copy(update={"s3_access_key_id": None}))


def test_s3_storage_saves_serves_and_removes_through_signed_requests(db, s3_settings, fake_s3):
    workspace_id = create_tenant(db, "S3").id
    storage = media_storage_for(s3_settings)
    asset = store(db, storage, workspace_id)
    assert fake_s3.objects == {asset.storage_key: PNG_1X1}
    assert asset.storage_key == f"{workspace_id}/{hashlib.sha256(PNG_1X1).hexdigest()}.png"

    # Another machine has no local copy: path() downloads it once.
    elsewhere = S3MediaStorage(
        bucket=S3_BUCKET,
        region="eu-west-3",
        access_key_id=S3_KEY_ID,
        secret_access_key=S3_SECRET,
        endpoint_url=S3_ENDPOINT,
        cache_dir=s3_settings.data_dir / "other-machine-cache",
    )
    assert elsewhere.path(asset.storage_key).read_bytes() == PNG_1X1
    assert elsewhere.path(asset.storage_key).read_bytes() == PNG_1X1
    assert fake_s3.requests.count(("GET", asset.storage_key)) == 1

    # The presigned GET a platform gets works from anywhere, and only unaltered.
    url = storage.presigned_url(asset.storage_key, expires_in=600)
    assert httpx.get(url).content == PNG_1X1
    assert httpx.get(url.replace(".png", ".jpg")).status_code == 403

    storage.remove(asset.storage_key)
    assert fake_s3.objects == {}
    assert not storage.cache.path(asset.storage_key).exists()


def test_a_wrong_secret_is_refused_by_the_fake_and_reported(db, s3_settings, fake_s3):
    workspace_id = create_tenant(db, "S3 wrong").id
    storage = media_storage_for(s3_settings.model_copy(update={"s3_secret_access_key": "not-the-secret"}))
    with pytest.raises(MediaStorageError, match="403"):
        storage.save(workspace_id=workspace_id, stream=io.BytesIO(PNG_1X1), suffix=".png", max_bytes=1024)
    assert fake_s3.objects == {}


# ---- what connectors get -----------------------------------------------------------------------------------


class MediaRecorder(SandboxConnector):
    def __init__(self):
        self.media = []

    def publish(self, ctx, request):
        self.media.append(list(request.media))
        return super().publish(ctx, request)


@pytest.fixture
def recorder(monkeypatch) -> MediaRecorder:
    monkeypatch.setattr(registry, "_CONNECTORS", dict(registry._CONNECTORS))
    connector = MediaRecorder()
    connector.platform = Platform.SANDBOX.value
    registry.register(connector)
    return connector


def publish_with_media(db, storage, settings) -> None:
    workspace_id = create_tenant(db, "Media").id
    account = create_account(db, workspace_id)
    media = store(db, storage, workspace_id)
    post = create_post(
        db, workspace_id, [account.id], content_type="image", media_ids=[media.id], scheduled_at=utcnow() + timedelta(1)
    )
    db.execute(update(PostTarget).values(due_at=utcnow() - timedelta(seconds=1)))
    db.commit()
    assert service.publish_due(db=db, box=SecretBox(TEST_SECRET), storage=storage, settings=settings) == 1
    db.expire_all()
    assert db.get(PostTarget, post.targets[0].id).status == TargetStatus.PUBLISHED.value


def test_connectors_get_no_public_url_when_none_is_configured(db, settings, recorder):
    storage = LocalMediaStorage(settings.media_dir)
    publish_with_media(db, storage, settings)
    [[media]] = recorder.media
    assert media.public_url is None
    assert media.path.read_bytes() == PNG_1X1


def test_connectors_get_a_signed_url_the_route_serves_when_a_public_url_is_set(db, settings, client, recorder, app):
    public_settings = settings.model_copy(update={"public_url": PUBLIC})
    publish_with_media(db, app.state.media_storage, public_settings)
    [[media]] = recorder.media
    assert media.public_url.startswith(f"{PUBLIC}/media/public/")
    served = client.get(path_of(media.public_url))
    assert served.status_code == 200
    assert served.content == PNG_1X1


def test_connectors_get_a_presigned_bucket_url_with_s3(db, s3_settings, recorder, fake_s3):
    storage = media_storage_for(s3_settings)
    publish_with_media(db, storage, s3_settings)
    [[media]] = recorder.media
    assert media.public_url.startswith(f"{S3_ENDPOINT}/{S3_BUCKET}/")
    assert f"X-Amz-Expires={s3_settings.media_url_ttl_seconds}" in media.public_url
    assert httpx.get(media.public_url).content == PNG_1X1
    assert media.path.read_bytes() == PNG_1X1
