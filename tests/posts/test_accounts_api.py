"""/api/accounts: CRUD, filters, pagination, credentials encrypted and never shown."""

from sqlalchemy import select

from heraldo.core.security.crypto import SecretBox
from heraldo.posts.models import SocialAccount
from tests.factories import TEST_SECRET


def test_create_account_encrypts_credentials_and_never_returns_them(client, db, tenant):
    response = client.post(
        "/api/accounts",
        json={"platform": "sandbox", "handle": "@acme", "display_name": "Acme", "credentials": {"token": "s3cr3t"}},
        headers=tenant.headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["handle"] == "acme"
    assert body["has_credentials"] is True
    assert "s3cr3t" not in response.text
    stored = db.scalar(select(SocialAccount).where(SocialAccount.id == body["id"]))
    assert "s3cr3t" not in stored.credentials_encrypted
    assert SecretBox(TEST_SECRET).decrypt(stored.credentials_encrypted) == {"token": "s3cr3t"}
    assert "s3cr3t" not in client.get(f"/api/accounts/{body['id']}", headers=tenant.headers).text


def test_duplicate_account_is_a_conflict_naming_the_field(client, tenant):
    body = {"platform": "sandbox", "handle": "acme"}
    assert client.post("/api/accounts", json=body, headers=tenant.headers).status_code == 201
    again = client.post("/api/accounts", json=body, headers=tenant.headers)
    assert again.status_code == 409
    assert again.json()["field"] == "handle"


def test_invalid_account_input_is_422_naming_the_field(client, db, tenant):
    response = client.post("/api/accounts", json={"platform": "myspace", "handle": "x"}, headers=tenant.headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "platform"
    blank = client.post("/api/accounts", json={"platform": "sandbox", "handle": "  "}, headers=tenant.headers)
    assert blank.status_code == 422
    assert blank.json()["field"] == "handle"
    assert db.scalar(select(SocialAccount.id)) is None


def test_list_filters_and_pages(client, tenant):
    for handle in ["a1", "a2", "a3"]:
        client.post("/api/accounts", json={"platform": "sandbox", "handle": handle}, headers=tenant.headers)
    client.post("/api/accounts", json={"platform": "mastodon", "handle": "m1"}, headers=tenant.headers)
    page = client.get("/api/accounts?per_page=2&page=2", headers=tenant.headers).json()
    assert page["total"] == 4
    assert page["pages"] == 2
    assert len(page["items"]) == 2
    only = client.get("/api/accounts?platform=mastodon", headers=tenant.headers).json()
    assert [a["handle"] for a in only["items"]] == ["m1"]
    bad = client.get("/api/accounts?per_page=1000", headers=tenant.headers)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "per_page"


def test_update_and_delete_account(client, tenant):
    created = client.post("/api/accounts", json={"platform": "sandbox", "handle": "acme"}, headers=tenant.headers)
    account_id = created.json()["id"]
    updated = client.patch(
        f"/api/accounts/{account_id}", json={"status": "needs_reconnect"}, headers=tenant.headers
    ).json()
    assert updated["status"] == "needs_reconnect"
    reconnected = client.patch(
        f"/api/accounts/{account_id}", json={"credentials": {"token": "new"}}, headers=tenant.headers
    ).json()
    assert reconnected["status"] == "active"
    assert client.delete(f"/api/accounts/{account_id}", headers=tenant.headers).status_code == 204
    assert client.get(f"/api/accounts/{account_id}", headers=tenant.headers).status_code == 404
