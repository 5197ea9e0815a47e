"""Local fakes of each provider's authorisation and token endpoints, built from PLATFORM_APIS.md and the
providers' OAuth documentation, on respx. Each keeps the state a real server keeps (codes bound to a PKCE
challenge and redirect URI, rotating refresh tokens, revoked tokens) and answers errors the way the
provider does. `fail_next` plays scripted faults (status codes or transport exceptions) first.
"""

import base64
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import count
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import httpx
import respx

PUBLIC_URL = "https://heraldo.example"
CALLBACK = PUBLIC_URL + "/api/accounts/connect/{platform}/callback"
CLIENTS = {
    "x_client_id": "x-client-id",
    "x_client_secret": "x-client-secret-value",
    "linkedin_client_id": "li-client-id",
    "linkedin_client_secret": "li-client-secret-value",
    "meta_app_id": "meta-app-id",
    "meta_app_secret": "meta-app-secret-value",
    "threads_app_id": "threads-app-id",
    "threads_app_secret": "threads-app-secret-value",
}


def configure(settings):
    """App credentials for every provider and a public URL, on the test's settings."""
    for name, value in CLIENTS.items():
        setattr(settings, name, value)
    settings.public_url = PUBLIC_URL
    return settings


@contextmanager
def mounted_providers() -> Iterator[SimpleNamespace]:
    """Every provider's fake on one respx router; requests to any other host fail."""
    with respx.mock(assert_all_called=False) as router:
        yield SimpleNamespace(
            router=router,
            x=FakeX(CLIENTS["x_client_id"], CLIENTS["x_client_secret"]).mount(router),
            linkedin=FakeLinkedIn(CLIENTS["linkedin_client_id"], CLIENTS["linkedin_client_secret"]).mount(router),
            facebook=FakeFacebook(CLIENTS["meta_app_id"], CLIENTS["meta_app_secret"]).mount(router),
            threads=FakeThreads(CLIENTS["threads_app_id"], CLIENTS["threads_app_secret"]).mount(router),
            instagram=FakeInstagramLogin(CLIENTS["meta_app_id"], CLIENTS["meta_app_secret"]).mount(router),
            mastodon=FakeMastodon("social.example").mount(router),
            bluesky=FakeBluesky().mount(router),
        )


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def form_of(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def oauth_error(status: int, error: str, description: str) -> httpx.Response:
    return httpx.Response(status, json={"error": error, "error_description": description})


class Faults:
    """Scripted faults played before the normal answer: a status code, a whole response, or an exception."""

    def __init__(self):
        self.fail_next: list = []
        self._lock = threading.Lock()

    def fault(self) -> httpx.Response | None:
        with self._lock:
            if not self.fail_next:
                return None
            fault = self.fail_next.pop(0)
        if isinstance(fault, Exception):
            raise fault
        if isinstance(fault, httpx.Response):
            return fault
        if fault == 429:
            return httpx.Response(429, headers={"retry-after": "7"}, json={"error": "rate limited"})
        return httpx.Response(fault, text="upstream trouble")


class AuthorizationServer(Faults):
    """What the provider's consent page does: checks the request, returns a code bound to it."""

    client_id = ""

    def __init__(self):
        super().__init__()
        self.codes: dict[str, dict] = {}
        self._ids = count(1)

    def authorize(self, authorize_url: str, user: str = "default") -> tuple[str, str]:
        """The user consents: returns (code, state) as the provider would put them on the redirect."""
        query = query_of(authorize_url)
        assert query["client_id"] == self.client_id, query
        assert query["response_type"] == "code"
        code = f"code-{next(self._ids)}"
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "challenge": query.get("code_challenge"),
            "method": query.get("code_challenge_method"),
            "scope": query.get("scope"),
            "user": user,
        }
        return code, query["state"]

    def redeem(self, code: str, redirect_uri: str, verifier: str | None) -> dict | None:
        """A code is single-use, bound to its redirect URI and (when one was sent) its PKCE challenge."""
        grant = self.codes.pop(code, None)
        if grant is None or grant["redirect_uri"] != redirect_uri:
            return None
        if grant["challenge"] is not None and (
            grant["method"] != "S256" or verifier is None or s256(verifier) != grant["challenge"]
        ):
            return None
        return grant


# ---- X -------------------------------------------------------------------------------------------------


class FakeX(AuthorizationServer):
    """api.x.com/2: `POST /oauth2/token` (Basic auth for confidential clients), single-use refresh tokens."""

    api = "https://api.x.com/2"

    def __init__(self, client_id: str, client_secret: str, *, delay: float = 0.0):
        super().__init__()
        self.client_id, self.client_secret, self.delay = client_id, client_secret, delay
        self.access_tokens: dict[str, str] = {}
        self.refresh_tokens: set[str] = set()
        self.refresh_calls = 0
        self.during_refresh = None  # a hook run inside the token endpoint while a refresh is answered
        self._serial = count(1)

    def mount(self, router: respx.Router) -> "FakeX":
        router.post(f"{self.api}/oauth2/token").mock(side_effect=self.token)
        router.get(f"{self.api}/users/me").mock(side_effect=self.me)
        return self

    def _pair(self, user: str) -> dict:
        n = next(self._serial)
        access, refresh = f"x-access-{n}", f"x-refresh-{n}"
        self.access_tokens[access] = user
        self.refresh_tokens.add(refresh)
        return {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": access,
            "refresh_token": refresh,
            "scope": "tweet.read tweet.write users.read offline.access media.write",
        }

    def token(self, request: httpx.Request) -> httpx.Response:
        expected = "Basic " + base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if request.headers.get("authorization") != expected:
            return oauth_error(401, "unauthorized_client", "Missing valid authorization header")
        form = form_of(request)
        if form.get("grant_type") == "authorization_code":
            grant = self.redeem(form.get("code", ""), form.get("redirect_uri", ""), form.get("code_verifier"))
            if grant is None:
                return oauth_error(400, "invalid_request", "Value passed for the authorization code was invalid.")
            return httpx.Response(200, json=self._pair(grant["user"]))
        if form.get("grant_type") == "refresh_token":
            self.refresh_calls += 1
            if self.delay:
                time.sleep(self.delay)
            fault = self.fault()
            if fault is not None:
                return fault
            token = form.get("refresh_token", "")
            if token not in self.refresh_tokens:
                return oauth_error(400, "invalid_request", "Value passed for the token was invalid.")
            self.refresh_tokens.discard(token)  # single use
            if self.during_refresh:
                self.during_refresh()
            return httpx.Response(200, json=self._pair("default"))
        return oauth_error(400, "unsupported_grant_type", "unsupported")

    def me(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.access_tokens:
            return httpx.Response(401, json={"title": "Unauthorized", "type": "about:blank", "status": 401})
        return httpx.Response(200, json={"data": {"id": "2244994945", "name": "Acme Bakery", "username": "acmebakery"}})


# ---- LinkedIn --------------------------------------------------------------------------------------------


class FakeLinkedIn(AuthorizationServer):
    oauth = "https://www.linkedin.com/oauth/v2"
    api = "https://api.linkedin.com"

    def __init__(self, client_id: str, client_secret: str, *, refresh_tokens: bool = True):
        super().__init__()
        self.client_id, self.client_secret, self.issue_refresh = client_id, client_secret, refresh_tokens
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.refresh_calls = 0
        self._serial = count(1)

    def mount(self, router: respx.Router) -> "FakeLinkedIn":
        router.post(f"{self.oauth}/accessToken").mock(side_effect=self.token)
        router.get(f"{self.api}/v2/userinfo").mock(side_effect=self.userinfo)
        return self

    def token(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return oauth_error(401, "invalid_client", "Client authentication failed")
        n = next(self._serial)
        if form.get("grant_type") == "authorization_code":
            if self.redeem(form.get("code", ""), form.get("redirect_uri", ""), None) is None:
                return oauth_error(400, "invalid_request", "Unable to retrieve access token: appid/redirect uri/code")
            body = {"access_token": f"li-access-{n}", "expires_in": 5184000, "scope": "openid,profile,w_member_social"}
            if self.issue_refresh:
                self.refresh_tokens.add(f"li-refresh-{n}")
                body.update(refresh_token=f"li-refresh-{n}", refresh_token_expires_in=31536000)
        elif form.get("grant_type") == "refresh_token":
            self.refresh_calls += 1
            fault = self.fault()
            if fault is not None:
                return fault
            if form.get("refresh_token") not in self.refresh_tokens:
                return oauth_error(
                    400,
                    "invalid_grant",
                    "The provided authorization grant or refresh token is invalid, expired or revoked",
                )
            # LinkedIn keeps the refresh token; its remaining life keeps counting down.
            body = {
                "access_token": f"li-access-{n}",
                "expires_in": 5184000,
                "refresh_token": form["refresh_token"],
                "refresh_token_expires_in": 31000000,
            }
        else:
            return oauth_error(400, "unsupported_grant_type", "unsupported")
        self.access_tokens.add(body["access_token"])
        return httpx.Response(200, json=body)

    def userinfo(self, request: httpx.Request) -> httpx.Response:
        if request.headers.get("authorization", "").removeprefix("Bearer ") not in self.access_tokens:
            return httpx.Response(401, json={"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN"})
        return httpx.Response(
            200,
            json={
                "sub": "782bbtaQ",
                "name": "Jane Doe",
                "given_name": "Jane",
                "family_name": "Doe",
                "email": "jane@acme.example",
            },
        )


# ---- Meta: Facebook Login, Threads, Instagram Login ----------------------------------------------------


def meta_error(code: int, message: str, subcode: int | None = None, status: int = 400) -> httpx.Response:
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return httpx.Response(status, json={"error": error})


class FakeFacebook(AuthorizationServer):
    """graph.facebook.com/v25.0: code -> short user token -> long-lived (fb_exchange_token) -> /me/accounts."""

    graph = "https://graph.facebook.com/v25.0"

    def __init__(self, app_id: str, app_secret: str):
        super().__init__()
        self.client_id, self.app_secret = app_id, app_secret
        self.user_tokens: dict[str, str] = {}  # token -> "short" | "long"
        self.pages = [
            {"id": "101", "name": "Acme Bakery", "username": "acmebakery", "token": "page-token-101"},
            {"id": "202", "name": "Acme Catering", "token": "page-token-202"},
        ]
        self.instagram = {"101": {"id": "17841400000000001", "username": "acme.bakes", "name": "Acme Bakes"}}
        self.revoked_page_tokens: set[str] = set()
        self.exchanges: list[str] = []

    def mount(self, router: respx.Router) -> "FakeFacebook":
        router.get(f"{self.graph}/oauth/access_token").mock(side_effect=self.access_token)
        router.get(f"{self.graph}/me/accounts").mock(side_effect=self.accounts)
        router.get(host="graph.facebook.com", path__regex=r"^/v25\.0/(?P<node>\d+)$").mock(side_effect=self.node)
        return self

    def access_token(self, request: httpx.Request) -> httpx.Response:
        query = query_of(str(request.url))
        if query.get("client_id") != self.client_id or query.get("client_secret") != self.app_secret:
            return meta_error(1, "Error validating client secret.")
        if query.get("grant_type") == "fb_exchange_token":
            if self.user_tokens.get(query.get("fb_exchange_token", "")) != "short":
                return meta_error(190, "Error validating access token", 467)
            self.exchanges.append("fb_exchange_token")
            self.user_tokens["user-long"] = "long"
            return httpx.Response(
                200, json={"access_token": "user-long", "token_type": "bearer", "expires_in": 5183944}
            )
        if self.redeem(query.get("code", ""), query.get("redirect_uri", ""), None) is None:
            return meta_error(100, "Invalid verification code format.")
        self.user_tokens["user-short"] = "short"
        return httpx.Response(200, json={"access_token": "user-short", "token_type": "bearer", "expires_in": 5400})

    def accounts(self, request: httpx.Request) -> httpx.Response:
        query = query_of(str(request.url))
        if self.user_tokens.get(query.get("access_token", "")) != "long":
            return meta_error(190, "Invalid OAuth access token.")
        # Two pages of results, one Page each, linked by `paging.next` (a full URL carrying the token).
        index = int(query.get("after", "0"))
        page = self.pages[index]
        body = {"data": [{"id": page["id"], "name": page["name"], "access_token": page["token"]}]}
        if page.get("username"):
            body["data"][0]["username"] = page["username"]
        if index + 1 < len(self.pages):
            body["paging"] = {
                "cursors": {"after": str(index + 1)},
                "next": f"{self.graph}/me/accounts?access_token={query['access_token']}&after={index + 1}",
            }
        return httpx.Response(200, json=body)

    def node(self, request: httpx.Request, node: str) -> httpx.Response:
        fault = self.fault()
        if fault is not None:
            return fault
        query = query_of(str(request.url))
        token = query.get("access_token", "")
        if token in self.revoked_page_tokens:
            return meta_error(190, "Error validating access token: The user has not authorized application.", 458)
        page = next((p for p in self.pages if p["id"] == node), None)
        if page is not None and token == page["token"]:
            body = {"id": node}
            if "instagram_business_account" in query.get("fields", "") and node in self.instagram:
                body["instagram_business_account"] = self.instagram[node]
            return httpx.Response(200, json=body)
        ig_page = next((pid for pid, ig in self.instagram.items() if ig["id"] == node), None)
        if ig_page is not None and token == next(p["token"] for p in self.pages if p["id"] == ig_page):
            return httpx.Response(200, json={"id": node})
        return meta_error(100, "Unsupported get request.")


class FakeThreads(AuthorizationServer):
    """graph.threads.net: code -> short token (with user_id) -> th_exchange_token (60 days) -> th_refresh_token."""

    host = "https://graph.threads.net"

    def __init__(self, app_id: str, app_secret: str):
        super().__init__()
        self.client_id, self.app_secret = app_id, app_secret
        self.short: set[str] = set()
        self.long: dict[str, datetime] = {}  # token -> issued at
        self.now = lambda: datetime.now(UTC)
        self._serial = count(1)
        self.refresh_calls = 0

    def mount(self, router: respx.Router) -> "FakeThreads":
        router.post(f"{self.host}/oauth/access_token").mock(side_effect=self.code_exchange)
        router.get(f"{self.host}/access_token").mock(side_effect=self.long_lived)
        router.get(f"{self.host}/refresh_access_token").mock(side_effect=self.refresh)
        router.get(f"{self.host}/v1.0/me").mock(side_effect=self.me)
        return self

    def code_exchange(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.app_secret:
            return meta_error(101, "Error validating application.")
        if self.redeem(form.get("code", ""), form.get("redirect_uri", ""), None) is None:
            return meta_error(100, "Invalid verification code.")
        token = f"th-short-{next(self._serial)}"
        self.short.add(token)
        return httpx.Response(200, json={"access_token": token, "user_id": 17890000000000001})

    def long_lived(self, request: httpx.Request) -> httpx.Response:
        query = query_of(str(request.url))
        if query.get("grant_type") != "th_exchange_token" or query.get("client_secret") != self.app_secret:
            return meta_error(100, "Invalid parameter")
        if query.get("access_token") not in self.short:
            return meta_error(190, "Invalid OAuth access token.")
        self.short.discard(query["access_token"])
        token = f"th-long-{next(self._serial)}"
        self.long[token] = self.now()
        return httpx.Response(200, json={"access_token": token, "token_type": "bearer", "expires_in": 5184000})

    def refresh(self, request: httpx.Request) -> httpx.Response:
        self.refresh_calls += 1
        fault = self.fault()
        if fault is not None:
            return fault
        query = query_of(str(request.url))
        issued = self.long.get(query.get("access_token", ""))
        if query.get("grant_type") != "th_refresh_token" or issued is None:
            return meta_error(190, "Invalid OAuth access token.")
        if self.now() - issued > timedelta(days=60):
            return meta_error(190, "Error validating access token: Session has expired", 463)
        if self.now() - issued < timedelta(hours=24):
            return meta_error(10, "The access token is not yet old enough to be refreshed")
        token = f"th-long-{next(self._serial)}"
        self.long[token] = self.now()
        return httpx.Response(200, json={"access_token": token, "token_type": "bearer", "expires_in": 5184000})

    def me(self, request: httpx.Request) -> httpx.Response:
        if query_of(str(request.url)).get("access_token") not in self.long:
            return meta_error(190, "Invalid OAuth access token.")
        return httpx.Response(200, json={"id": "17890000000000001", "username": "acme.threads", "name": "Acme"})


class FakeInstagramLogin(AuthorizationServer):
    """api.instagram.com code exchange, then graph.instagram.com ig_exchange_token / ig_refresh_token."""

    token_url = "https://api.instagram.com/oauth/access_token"
    host = "https://graph.instagram.com"

    def __init__(self, app_id: str, app_secret: str):
        super().__init__()
        self.client_id, self.app_secret = app_id, app_secret
        self.long: set[str] = set()
        self._serial = count(1)

    def mount(self, router: respx.Router) -> "FakeInstagramLogin":
        router.post(self.token_url).mock(side_effect=self.code_exchange)
        router.get(f"{self.host}/access_token").mock(side_effect=self.long_lived)
        router.get(f"{self.host}/refresh_access_token").mock(side_effect=self.refresh)
        router.get(f"{self.host}/v25.0/me").mock(side_effect=self.me)
        return self

    def code_exchange(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        if (
            form.get("client_secret") != self.app_secret
            or self.redeem(form["code"], form["redirect_uri"], None) is None
        ):
            return httpx.Response(400, json={"error_type": "OAuthException", "code": 400, "error_message": "bad code"})
        return httpx.Response(
            200, json={"data": [{"access_token": "ig-short", "user_id": "17841400000000009", "permissions": "x"}]}
        )

    def long_lived(self, request: httpx.Request) -> httpx.Response:
        query = query_of(str(request.url))
        if query.get("grant_type") != "ig_exchange_token" or query.get("access_token") != "ig-short":
            return meta_error(190, "Invalid OAuth access token.")
        token = f"ig-long-{next(self._serial)}"
        self.long.add(token)
        return httpx.Response(200, json={"access_token": token, "token_type": "bearer", "expires_in": 5183944})

    def refresh(self, request: httpx.Request) -> httpx.Response:
        query = query_of(str(request.url))
        if query.get("grant_type") != "ig_refresh_token" or query.get("access_token") not in self.long:
            return meta_error(190, "Invalid OAuth access token.")
        token = f"ig-long-{next(self._serial)}"
        self.long.add(token)
        return httpx.Response(200, json={"access_token": token, "token_type": "bearer", "expires_in": 5183944})

    def me(self, request: httpx.Request) -> httpx.Response:
        if query_of(str(request.url)).get("access_token") not in self.long:
            return meta_error(190, "Invalid OAuth access token.")
        return httpx.Response(200, json={"user_id": "17841400000000009", "username": "acme.insta", "name": "Acme"})


# ---- Mastodon -------------------------------------------------------------------------------------------


class FakeMastodon(AuthorizationServer):
    """One instance: app registration, authorize with PKCE, /oauth/token, verify_credentials, revocation."""

    def __init__(self, host: str = "social.example"):
        super().__init__()
        self.base = f"https://{host}"
        self.apps: dict[str, dict] = {}
        self.tokens: dict[str, str] = {}  # token -> username
        self.registrations = 0

    @property
    def client_id(self) -> str:  # the latest registration
        return next(reversed(self.apps)) if self.apps else ""

    def mount(self, router: respx.Router) -> "FakeMastodon":
        router.post(f"{self.base}/api/v1/apps").mock(side_effect=self.register)
        router.post(f"{self.base}/oauth/token").mock(side_effect=self.token)
        router.get(f"{self.base}/api/v1/accounts/verify_credentials").mock(side_effect=self.verify)
        return self

    def register(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        self.registrations += 1
        client_id = f"mastodon-client-{self.registrations}"
        self.apps[client_id] = {
            "secret": f"mastodon-secret-{self.registrations}",
            "redirect_uri": form["redirect_uris"],
        }
        return httpx.Response(
            200,
            json={
                "id": str(self.registrations),
                "name": form["client_name"],
                "website": form.get("website"),
                "redirect_uri": form["redirect_uris"],
                "client_id": client_id,
                "client_secret": self.apps[client_id]["secret"],
                "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=",
            },
        )

    def token(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        app = self.apps.get(form.get("client_id", ""))
        if app is None or app["secret"] != form.get("client_secret"):
            return oauth_error(401, "invalid_client", "Client authentication failed due to unknown client.")
        grant = self.redeem(form.get("code", ""), form.get("redirect_uri", ""), form.get("code_verifier"))
        if grant is None:
            return oauth_error(400, "invalid_grant", "The provided authorization grant is invalid.")
        token = f"mastodon-token-{grant['user']}-{len(self.tokens) + 1}"
        self.tokens[token] = grant["user"]
        return httpx.Response(
            200, json={"access_token": token, "token_type": "Bearer", "scope": "read write", "created_at": 1732000000}
        )

    def verify(self, request: httpx.Request) -> httpx.Response:
        fault = self.fault()
        if fault is not None:
            return fault
        username = self.tokens.get(request.headers.get("authorization", "").removeprefix("Bearer "))
        if username is None:
            return httpx.Response(401, json={"error": "The access token is invalid"})
        return httpx.Response(
            200,
            json={
                "id": str(abs(hash(username)) % 10**9),
                "username": username,
                "acct": username,
                "display_name": username.title(),
            },
        )

    def revoke(self, username: str) -> None:
        self.tokens = {t: u for t, u in self.tokens.items() if u != username}


# ---- Bluesky --------------------------------------------------------------------------------------------


def make_jwt(claims: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'ES256K', 'typ': 'at+jwt'})}.{part(claims)}.c2lnbmF0dXJl"


class FakeBluesky(Faults):
    """The bsky.social entryway and the account's PDS: createSession, refreshSession with rotation."""

    entryway = "https://bsky.social"
    pds = "https://pds.example.net"

    def __init__(self, handle: str = "acme.bsky.social", app_password: str = "abcd-efgh-ijkl-mnop"):
        super().__init__()
        self.handle, self.app_password, self.did = handle, app_password, "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
        self.refresh_jwts: set[str] = set()
        self.access_jwts: set[str] = set()
        self.create_calls = 0
        self.refresh_calls = 0
        self.refresh_bodies: list[bytes] = []
        self._serial = count(1)

    def mount(self, router: respx.Router) -> "FakeBluesky":
        for host in (self.entryway, self.pds):
            router.post(f"{host}/xrpc/com.atproto.server.createSession").mock(side_effect=self.create_session)
        router.post(f"{self.pds}/xrpc/com.atproto.server.refreshSession").mock(side_effect=self.refresh_session)
        return self

    def _session(self) -> dict:
        n = next(self._serial)
        now = int(time.time())
        access = make_jwt({"scope": "com.atproto.appPass", "sub": self.did, "iat": now, "exp": now + 7200, "n": n})
        refresh = make_jwt(
            {"scope": "com.atproto.refresh", "sub": self.did, "iat": now, "exp": now + 90 * 86400, "n": n}
        )
        self.access_jwts.add(access)
        self.refresh_jwts.add(refresh)
        return {
            "did": self.did,
            "handle": self.handle,
            "accessJwt": access,
            "refreshJwt": refresh,
            "active": True,
            "didDoc": {
                "@context": ["https://www.w3.org/ns/did/v1"],
                "id": self.did,
                "alsoKnownAs": [f"at://{self.handle}"],
                "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": self.pds}],
            },
        }

    def create_session(self, request: httpx.Request) -> httpx.Response:
        self.create_calls += 1
        body = json.loads(request.content)
        if body.get("identifier") not in {self.handle, self.did} or body.get("password") != self.app_password:
            return httpx.Response(
                401, json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
            )
        return httpx.Response(200, json=self._session())

    def refresh_session(self, request: httpx.Request) -> httpx.Response:
        self.refresh_calls += 1
        self.refresh_bodies.append(request.content)
        fault = self.fault()
        if fault is not None:
            return fault
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.refresh_jwts:
            return httpx.Response(400, json={"error": "ExpiredToken", "message": "Token has been revoked"})
        self.refresh_jwts.discard(token)  # rotation (no grace period in the fake)
        return httpx.Response(200, json=self._session())


# ---- flows ------------------------------------------------------------------------------------------------


def start(client, headers: dict, platform: str, body: dict | None = None) -> str:
    """POST /api/accounts/connect/{platform}: the authorize URL."""
    response = client.post(f"/api/accounts/connect/{platform}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["authorize_url"]


def come_back(client, platform: str, code: str, state: str) -> httpx.Response:
    """The browser arriving at the callback, as the provider redirects it."""
    return client.get(
        f"/api/accounts/connect/{platform}/callback", params={"state": state, "code": code}, follow_redirects=False
    )


def connect(client, headers: dict, fake: AuthorizationServer, platform: str, body=None, user="default"):
    code, state = fake.authorize(start(client, headers, platform, body), user)
    return come_back(client, platform, code, state)
