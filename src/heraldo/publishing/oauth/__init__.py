"""Connecting social accounts: OAuth 2.0 (with PKCE where the platform takes it), Bluesky app passwords.

One module per provider family (`x`, `linkedin`, `meta`, `bluesky`, `mastodon`) speaks that provider's
authorisation and token endpoints; `service` holds the rules (state, accounts, Meta page selection);
`publishing.tokens` keeps connected accounts' tokens alive.

Credentials are stored encrypted, in the shape each platform's connector reads (documented at the top
of each module): `access_token` (+ `refresh_token` where the platform has one) everywhere but Bluesky,
whose session is `access_jwt` / `refresh_jwt`.
"""
