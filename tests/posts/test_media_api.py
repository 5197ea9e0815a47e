"""/api/media: uploads stored under the data dir, typed and size-checked, attached to posts."""

from sqlalchemy import func, select

from heraldo.posts.models import MediaAsset
from tests.factories import create_account
from tests.probe_factories import PNG_1X1


def _upload(client, tenant, data=PNG_1X1, name="pixel.png", content_type="image/png"):
    return client.post("/api/media", files={"file": (name, data, content_type)}, headers=tenant.headers)


def test_upload_stores_the_file_under_the_data_dir_and_serves_it_back(client, tenant, settings):
    response = _upload(client, tenant)
    assert response.status_code == 201, response.text
    media = response.json()
    assert (media["filename"], media["content_type"], media["size_bytes"]) == ("pixel.png", "image/png", len(PNG_1X1))
    stored = list((settings.media_dir / str(tenant.id)).glob("*.png"))
    assert len(stored) == 1 and stored[0].read_bytes() == PNG_1X1
    download = client.get(f"/api/media/{media['id']}/file", headers=tenant.headers)
    assert download.content == PNG_1X1
    assert download.headers["content-type"] == "image/png"


def test_unsupported_type_and_oversize_files_are_refused_and_leave_nothing(client, db, tenant, settings, app):
    refused = _upload(client, tenant, b"MZ...", "tool.exe", "application/x-msdownload")
    assert refused.status_code == 422
    assert refused.json()["field"] == "file"
    app.state.settings = settings.model_copy(update={"max_upload_bytes": 10})
    too_big = _upload(client, tenant)
    assert too_big.status_code == 422
    assert "larger than" in too_big.json()["detail"]
    assert db.scalar(select(func.count()).select_from(MediaAsset)) == 0
    folder = settings.media_dir / str(tenant.id)
    assert not folder.exists() or not any(folder.iterdir())


def test_media_attached_to_a_post_cannot_be_deleted_until_detached(client, db, tenant):
    media_id = _upload(client, tenant).json()["id"]
    account = create_account(db, tenant.id)
    post = client.post(
        "/api/posts",
        json={"content": "", "content_type": "image", "media_ids": [media_id], "account_ids": [account.id]},
        headers=tenant.headers,
    )
    assert post.status_code == 201, post.text
    assert [m["id"] for m in post.json()["media"]] == [media_id]
    assert client.delete(f"/api/media/{media_id}", headers=tenant.headers).status_code == 409
    client.patch(
        f"/api/posts/{post.json()['id']}", json={"content": "now text", "media_ids": []}, headers=tenant.headers
    )
    assert client.delete(f"/api/media/{media_id}", headers=tenant.headers).status_code == 204


def test_identical_uploads_share_a_file_that_outlives_one_deletion(client, tenant, settings):
    first = _upload(client, tenant).json()
    second = _upload(client, tenant, name="copy.png").json()
    assert first["sha256"] == second["sha256"]
    client.delete(f"/api/media/{first['id']}", headers=tenant.headers)
    assert client.get(f"/api/media/{second['id']}/file", headers=tenant.headers).content == PNG_1X1
