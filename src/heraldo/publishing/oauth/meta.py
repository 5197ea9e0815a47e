"""Meta logins: Facebook Login (Pages and their Instagram accounts), Threads, and Instagram Login.

Facebook Login: code -> short-lived user token -> long-lived user token (`fb_exchange_token`) ->
`/me/accounts` lists the Pages with their Page tokens (no expiry while the grant lives) -> each Page's
`instagram_business_account`. The user picks which Pages / Instagram accounts to connect.
  Facebook credentials: `access_token` (Page token), `page_id`.
  Instagram (Facebook Login) credentials: `access_token` (Page token), `ig_user_id`, `page_id`,
  `login: "facebook"`; the account's `instance_url` is the Graph host (graph.facebook.com).

Threads (its own app id and secret): code -> short-lived token (`POST /oauth/access_token`, with
`user_id`) -> long-lived 60-day token (`th_exchange_token`), renewed with `th_refresh_token`.
  Credentials: `access_token`, `user_id`.

Instagram Login: code -> short-lived token -> long-lived 60-day token (`ig_exchange_token`), renewed
with `ig_refresh_token`.
  Credentials: `access_token`, `ig_user_id`, `login: "instagram"`; `instance_url` is graph.instagram.com.
"""

import json
from typing import Any
from urllib.parse import urlencode

import httpx

from heraldo.core.settings import Settings
from heraldo.publishing.errors import AuthRevoked, Invalid, PermissionMissing, PublishError, RateLimited, Transient
from heraldo.publishing.oauth.grants import Grant, Refreshed, call, expires_from, json_body, require_fields

FACEBOOK_SCOPES = ",".join(
    [
        "pages_show_list",
        "pages_manage_posts",
        "pages_read_engagement",
        "pages_read_user_content",
        "pages_manage_engagement",
        "read_insights",
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",
        "instagram_manage_insights",
    ]
)
THREADS_SCOPES = ",".join(
    [
        "threads_basic",
        "threads_content_publish",
        "threads_manage_replies",
        "threads_read_replies",
        "threads_manage_insights",
        "threads_delete",
    ]
)
INSTAGRAM_SCOPES = ",".join(
    [
        "instagram_business_basic",
        "instagram_business_content_publish",
        "instagram_business_manage_comments",
        "instagram_business_manage_insights",
    ]
)
# Instagram Login's authorize page and code exchange live on their own hosts; settings has no field for
# them yet, so these defaults apply unless `instagram_authorize_url` / `instagram_token_url` are added.
INSTAGRAM_AUTHORIZE_URL = "https://www.instagram.com/oauth/authorize"
INSTAGRAM_TOKEN_URL = "https://api.instagram.com/oauth/access_token"
MAX_PAGES_OF_PAGES = 20

# Meta error codes (PLATFORM_APIS.md section 2).
RATE_LIMIT_CODES = {4, 17, 32, 613, *range(80001, 80015)}
TRANSIENT_CODES = {1, 2, 341}


# ---- errors -----------------------------------------------------------------------------------------


def _regain_access_seconds(response: httpx.Response) -> float | None:
    """`estimated_time_to_regain_access` (minutes) from X-Business-Use-Case-Usage, as seconds."""
    raw = response.headers.get("x-business-use-case-usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
        minutes = [
            float(entry.get("estimated_time_to_regain_access") or 0) for entries in usage.values() for entry in entries
        ]
    except (ValueError, AttributeError, TypeError):
        return None
    return max(minutes) * 60 if minutes and max(minutes) > 0 else None


def graph_error(response: httpx.Response, product: str) -> PublishError:
    """A Meta error envelope, classified: 190 is a dead grant, throttling and `is_transient` retry."""
    error = json_body(response).get("error") or {}
    if not isinstance(error, dict):
        error = {}
    try:
        code = int(error.get("code") or 0)
    except (TypeError, ValueError):
        code = 0
    subcode = error.get("error_subcode")
    message = str(error.get("message") or response.text[:300])
    if code == 190 or (code == 102 and not subcode):
        return AuthRevoked(f"{product} no longer accepts this account's token ({message})")
    if code in RATE_LIMIT_CODES:
        return RateLimited(
            f"{product} is throttling this app ({message})", retry_after=_regain_access_seconds(response)
        )
    if code in TRANSIENT_CODES or error.get("is_transient") is True or response.status_code >= 500:
        return Transient(f"{product} had a temporary problem ({message})")
    if code == 10 or 200 <= code <= 299:
        return PermissionMissing(f"{product} needs more permissions for this account ({message})")
    return Invalid(f"{product} answered {response.status_code} ({message})")


def _ok(response: httpx.Response, product: str) -> dict[str, Any]:
    if response.status_code != 200:
        raise graph_error(response, product)
    return json_body(response)


def _graph(settings: Settings) -> str:
    return f"{settings.meta_graph_base_url.rstrip('/')}/{settings.meta_graph_version}"


# ---- Facebook Login: Pages and their Instagram accounts ----------------------------------------------


def facebook_authorize_url(
    settings: Settings, *, state: str, redirect_uri: str, code_challenge: str | None = None
) -> str:
    query = {
        "client_id": settings.meta_app_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "response_type": "code",
        "scope": FACEBOOK_SCOPES,
    }
    return f"{settings.meta_authorize_url.rstrip('/')}/{settings.meta_graph_version}/dialog/oauth?{urlencode(query)}"


def facebook_user_token(http: httpx.Client, settings: Settings, *, code: str, redirect_uri: str) -> tuple[str, Any]:
    """The code, traded for a short-lived user token, traded for a long-lived one (about 60 days)."""
    url = f"{_graph(settings)}/oauth/access_token"
    client = {"client_id": settings.meta_app_id or "", "client_secret": settings.meta_app_secret or ""}
    short = _ok(
        call(http, "GET", url, platform="facebook", params={**client, "redirect_uri": redirect_uri, "code": code}),
        "Facebook",
    )
    require_fields(short, "Facebook", "access_token")
    long = _ok(
        call(
            http,
            "GET",
            url,
            platform="facebook",
            params={**client, "grant_type": "fb_exchange_token", "fb_exchange_token": short["access_token"]},
        ),
        "Facebook",
    )
    require_fields(long, "Facebook", "access_token")
    return long["access_token"], expires_from(long.get("expires_in"))


def facebook_choices(
    http: httpx.Client, settings: Settings, user_token: str
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The Pages the user manages and the Instagram professional account of each, to choose from.

    Returns (choices, page tokens by page id). Choices hold no secret: they are stored in clear."""
    choices: list[dict[str, Any]] = []
    page_tokens: dict[str, str] = {}
    url: str | None = f"{_graph(settings)}/me/accounts"
    params: dict[str, Any] | None = {
        "fields": "id,name,username,access_token",
        "limit": 100,
        "access_token": user_token,
    }
    for _ in range(MAX_PAGES_OF_PAGES):
        if not url:
            break
        body = _ok(call(http, "GET", url, platform="facebook", params=params), "Facebook")
        for page in body.get("data") or []:
            if not page.get("id") or not page.get("access_token"):
                continue
            page_id = str(page["id"])
            page_tokens[page_id] = page["access_token"]
            name = page.get("name") or page_id
            choices.append(
                {
                    "id": f"facebook:{page_id}",
                    "platform": "facebook",
                    "platform_account_id": page_id,
                    "name": name,
                    "handle": page.get("username") or name,
                }
            )
            linked = _ok(
                call(
                    http,
                    "GET",
                    f"{_graph(settings)}/{page_id}",
                    platform="facebook",
                    params={
                        "fields": "instagram_business_account{id,username,name}",
                        "access_token": page["access_token"],
                    },
                ),
                "Facebook",
            ).get("instagram_business_account")
            if isinstance(linked, dict) and linked.get("id"):
                ig_id = str(linked["id"])
                choices.append(
                    {
                        "id": f"instagram:{ig_id}",
                        "platform": "instagram",
                        "platform_account_id": ig_id,
                        "name": linked.get("name") or linked.get("username") or ig_id,
                        "handle": linked.get("username") or ig_id,
                        "page_id": page_id,
                        "page_name": name,
                    }
                )
        # `next` is a full URL that already carries every parameter, the token included.
        url, params = (body.get("paging") or {}).get("next"), None
    return choices, page_tokens


def facebook_grants(settings: Settings, chosen: list[dict[str, Any]], page_tokens: dict[str, str]) -> list[Grant]:
    """Accounts for the chosen Pages and Instagram accounts, each with its Page token."""
    grants = []
    for choice in chosen:
        if choice["platform"] == "facebook":
            page_id = choice["platform_account_id"]
            credentials = {"access_token": page_tokens[page_id], "page_id": page_id}
            instance_url = None
        else:
            page_id = choice["page_id"]
            credentials = {
                "access_token": page_tokens[page_id],
                "ig_user_id": choice["platform_account_id"],
                "page_id": page_id,
                "login": "facebook",
            }
            instance_url = settings.meta_graph_base_url.rstrip("/")
        grants.append(
            Grant(
                platform=choice["platform"],
                platform_account_id=choice["platform_account_id"],
                handle=choice["handle"],
                display_name=choice["name"],
                credentials=credentials,
                expires_at=None,
                instance_url=instance_url,
            )
        )
    return grants


def check_page_token(http: httpx.Client, settings: Settings, credentials: dict[str, Any], product: str) -> Refreshed:
    """Page tokens do not expire; they die (code 190) when the grant does. Ask the Graph whether it lives."""
    object_id = credentials.get("ig_user_id") or credentials.get("page_id") or "me"
    _ok(
        call(
            http,
            "GET",
            f"{_graph(settings)}/{object_id}",
            platform=product.lower(),
            params={"fields": "id", "access_token": credentials.get("access_token", "")},
        ),
        product,
    )
    return Refreshed(credentials=credentials, expires_at=None)


# ---- Threads -------------------------------------------------------------------------------------------


def threads_authorize_url(
    settings: Settings, *, state: str, redirect_uri: str, code_challenge: str | None = None
) -> str:
    query = {
        "client_id": settings.threads_app_id,
        "redirect_uri": redirect_uri,
        "scope": THREADS_SCOPES,
        "response_type": "code",
        "state": state,
    }
    return f"{settings.threads_authorize_url}?{urlencode(query)}"


def threads_exchange_code(
    http: httpx.Client, settings: Settings, *, code: str, redirect_uri: str, code_verifier: str | None = None
) -> Grant:
    host = settings.threads_base_url.rstrip("/")
    short = _ok(
        call(
            http,
            "POST",
            f"{host}/oauth/access_token",
            platform="threads",
            data={
                "client_id": settings.threads_app_id or "",
                "client_secret": settings.threads_app_secret or "",
                "grant_type": "authorization_code",
                "redirect_uri": redirect_uri,
                "code": code,
            },
        ),
        "Threads",
    )
    require_fields(short, "Threads", "access_token", "user_id")
    long = _ok(
        call(
            http,
            "GET",
            f"{host}/access_token",
            platform="threads",
            params={
                "grant_type": "th_exchange_token",
                "client_secret": settings.threads_app_secret or "",
                "access_token": short["access_token"],
            },
        ),
        "Threads",
    )
    require_fields(long, "Threads", "access_token")
    me = _ok(
        call(
            http,
            "GET",
            f"{host}/{settings.threads_api_version}/me",
            platform="threads",
            params={"fields": "id,username,name", "access_token": long["access_token"]},
        ),
        "Threads",
    )
    user_id = str(me.get("id") or short["user_id"])
    username = me.get("username") or user_id
    return Grant(
        platform="threads",
        platform_account_id=user_id,
        handle=username,
        display_name=me.get("name") or username,
        credentials={"access_token": long["access_token"], "user_id": user_id},
        expires_at=expires_from(long.get("expires_in")),
    )


def threads_refresh(http: httpx.Client, settings: Settings, credentials: dict[str, Any]) -> Refreshed:
    """60 fresh days for a long-lived token at least a day old and not yet expired."""
    body = _ok(
        call(
            http,
            "GET",
            f"{settings.threads_base_url.rstrip('/')}/refresh_access_token",
            platform="threads",
            params={"grant_type": "th_refresh_token", "access_token": credentials.get("access_token", "")},
        ),
        "Threads",
    )
    require_fields(body, "Threads", "access_token")
    return Refreshed(
        credentials={**credentials, "access_token": body["access_token"]},
        expires_at=expires_from(body.get("expires_in")),
    )


# ---- Instagram Login ----------------------------------------------------------------------------------


def _instagram_client(settings: Settings) -> tuple[str, str]:
    return (
        getattr(settings, "instagram_app_id", None) or settings.meta_app_id or "",
        getattr(settings, "instagram_app_secret", None) or settings.meta_app_secret or "",
    )


def instagram_authorize_url(
    settings: Settings, *, state: str, redirect_uri: str, code_challenge: str | None = None
) -> str:
    query = {
        "client_id": _instagram_client(settings)[0],
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": INSTAGRAM_SCOPES,
        "state": state,
    }
    return f"{getattr(settings, 'instagram_authorize_url', None) or INSTAGRAM_AUTHORIZE_URL}?{urlencode(query)}"


def instagram_exchange_code(
    http: httpx.Client, settings: Settings, *, code: str, redirect_uri: str, code_verifier: str | None = None
) -> Grant:
    client_id, client_secret = _instagram_client(settings)
    host = settings.instagram_base_url.rstrip("/")
    short = _ok(
        call(
            http,
            "POST",
            getattr(settings, "instagram_token_url", None) or INSTAGRAM_TOKEN_URL,
            platform="instagram",
            data={
                "client_id": client_id,
                "client_secret": client_secret,
                "grant_type": "authorization_code",
                "redirect_uri": redirect_uri,
                "code": code,
            },
        ),
        "Instagram",
    )
    # Older answers are flat, newer ones wrap the token in `data: [...]`.
    if isinstance(short.get("data"), list) and short["data"]:
        short = short["data"][0]
    require_fields(short, "Instagram", "access_token")
    long = _ok(
        call(
            http,
            "GET",
            f"{host}/access_token",
            platform="instagram",
            params={
                "grant_type": "ig_exchange_token",
                "client_secret": client_secret,
                "access_token": short["access_token"],
            },
        ),
        "Instagram",
    )
    require_fields(long, "Instagram", "access_token")
    me = _ok(
        call(
            http,
            "GET",
            f"{host}/{settings.meta_graph_version}/me",
            platform="instagram",
            params={"fields": "user_id,username,name", "access_token": long["access_token"]},
        ),
        "Instagram",
    )
    ig_id = str(me.get("user_id") or me.get("id") or short.get("user_id") or "")
    if not ig_id:
        raise Invalid("Instagram did not say which account this is")
    username = me.get("username") or ig_id
    return Grant(
        platform="instagram",
        platform_account_id=ig_id,
        handle=username,
        display_name=me.get("name") or username,
        credentials={"access_token": long["access_token"], "ig_user_id": ig_id, "login": "instagram"},
        expires_at=expires_from(long.get("expires_in")),
        instance_url=host,
    )


def instagram_refresh(http: httpx.Client, settings: Settings, credentials: dict[str, Any]) -> Refreshed:
    """60 fresh days for an Instagram Login token at least a day old and not yet expired."""
    body = _ok(
        call(
            http,
            "GET",
            f"{settings.instagram_base_url.rstrip('/')}/refresh_access_token",
            platform="instagram",
            params={"grant_type": "ig_refresh_token", "access_token": credentials.get("access_token", "")},
        ),
        "Instagram",
    )
    require_fields(body, "Instagram", "access_token")
    return Refreshed(
        credentials={**credentials, "access_token": body["access_token"]},
        expires_at=expires_from(body.get("expires_in")),
    )
