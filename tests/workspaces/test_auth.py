"""Sign-in, sessions, CSRF, the login rate limit, API keys and scopes."""

from heraldo.core.security.scopes import ROLE_SCOPES, Role, Scope
from heraldo.workspaces import service
from heraldo.workspaces.models import ApiKey
from tests.factories import PASSWORD, csrf_from, login


def test_login_sets_a_signed_httponly_lax_cookie_and_opens_the_dashboard(client, tenant):
    response = login(client, tenant.user.email)
    assert response.status_code == 303
    assert response.headers["location"] == "/posts"
    cookie = response.headers["set-cookie"].lower()
    assert "heraldo_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    page = client.get("/posts")
    assert page.status_code == 200
    assert tenant.workspace.name in page.text


def test_pages_redirect_to_login_when_signed_out(client):
    response = client.get("/posts?status=failed&platform=sandbox", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fposts%3Fstatus%3Dfailed%26platform%3Dsandbox"
    assert client.get("/posts?created=abc", follow_redirects=False).status_code == 303


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, tenant):
    response = login(client, tenant.user.email, "not the password")
    assert response.status_code == 401
    assert "wrong email or password" in response.text
    unknown = login(client, "nobody@example.com", "whatever")
    assert unknown.status_code == 401
    assert "wrong email or password" in unknown.text


def test_login_is_rate_limited_per_email(client, tenant, settings):
    for _ in range(settings.login_max_failures):
        assert login(client, tenant.user.email, "bad password").status_code == 401
    # Even the right password is refused while the limit holds.
    response = login(client, tenant.user.email, PASSWORD)
    assert response.status_code == 429
    assert "too many failed logins" in response.text


def test_login_form_without_csrf_token_is_rejected(client, tenant):
    client.get("/login")
    response = client.post("/login", data={"email": tenant.user.email, "password": PASSWORD})
    assert response.status_code == 403


def test_open_redirect_after_login_is_refused(client, tenant):
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": tenant.user.email, "password": PASSWORD, "csrf_token": token, "next": "https://evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/posts"


def test_session_json_calls_that_change_state_need_the_csrf_header(client, tenant):
    login(client, tenant.user.email)
    body = {"platform": "sandbox", "handle": "viacookie"}
    assert client.get("/api/accounts").status_code == 200
    refused = client.post("/api/accounts", json=body)
    assert refused.status_code == 403
    assert refused.json()["field"] == "csrf_token"
    page_token = csrf_from(client.get("/compose").text)
    accepted = client.post("/api/accounts", json=body, headers={"X-CSRF-Token": page_token})
    assert accepted.status_code == 201, accepted.text


def test_logout_ends_the_session(client, tenant):
    login(client, tenant.user.email)
    token = csrf_from(client.get("/posts").text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_api_requires_a_bearer_key(client):
    response = client.get("/api/posts")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/posts", headers={"Authorization": "Bearer hk_nope"}).status_code == 401
    assert client.get("/api/posts", headers={"Authorization": "Basic abc"}).status_code == 401


def test_key_is_shown_once_stored_hashed_and_scoped(client, db, tenant):
    created = client.post("/api/keys", json={"name": "reports", "scopes": ["analytics:view"]}, headers=tenant.headers)
    assert created.status_code == 201
    secret = created.json()["key"]
    stored = db.get(ApiKey, created.json()["id"])
    assert secret not in (stored.key_hash, stored.prefix)
    assert secret.startswith(stored.prefix)
    listed = client.get("/api/keys", headers=tenant.headers).json()
    assert all("key" not in item for item in listed["items"])
    headers = {"Authorization": f"Bearer {secret}"}
    denied = client.get("/api/posts", headers=headers)
    assert denied.status_code == 403
    assert "posts:read" in denied.json()["detail"]


def test_unknown_scope_is_a_422_naming_the_field(client, tenant):
    response = client.post("/api/keys", json={"name": "x", "scopes": ["posts:everything"]}, headers=tenant.headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "scopes.0"


def test_revoked_key_stops_working_at_once_and_last_use_is_recorded(client, db, tenant):
    created = client.post("/api/keys", json={"name": "temp", "scopes": ["posts:read"]}, headers=tenant.headers).json()
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert client.get("/api/posts", headers=headers).status_code == 200
    db.expire_all()
    assert db.get(ApiKey, created["id"]).last_used_at is not None
    revoked = client.delete(f"/api/keys/{created['id']}", headers=tenant.headers)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert client.get("/api/posts", headers=headers).status_code == 401


def test_roles_grant_their_scopes(client, db, make_tenant):
    owner = make_tenant("Roles")
    analyst = service.create_user(db=db, email="analyst@roles.example", password=PASSWORD)
    service.add_member(db=db, workspace_id=owner.id, user_id=analyst.id, role=Role.ANALYST)
    db.commit()
    login(client, "analyst@roles.example")
    me = client.get("/api/me").json()
    assert set(me["scopes"]) == {str(s) for s in ROLE_SCOPES[Role.ANALYST]}
    assert me["role"] == "analyst"
    token = csrf_from(client.get("/posts").text)
    refused = client.post("/api/accounts", json={"platform": "sandbox", "handle": "x"}, headers={"X-CSRF-Token": token})
    assert refused.status_code == 403
    assert client.get("/compose", follow_redirects=False).status_code == 403
    assert Scope.ADMIN in ROLE_SCOPES[Role.OWNER]
