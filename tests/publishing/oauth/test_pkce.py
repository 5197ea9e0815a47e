"""PKCE S256 against RFC 7636 appendix B, and the shape of verifiers and states."""

import re

from heraldo.publishing.oauth import pkce

UNRESERVED = re.compile(r"^[A-Za-z0-9\-._~]+$")


def test_s256_matches_rfc7636_appendix_b():
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce.challenge_s256(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_verifier_is_43_to_128_unreserved_characters_and_fresh_each_time():
    verifiers = {pkce.new_verifier() for _ in range(50)}
    assert len(verifiers) == 50
    for verifier in verifiers:
        assert 43 <= len(verifier) <= 128
        assert UNRESERVED.match(verifier)
        assert "=" not in pkce.challenge_s256(verifier)


def test_state_is_unguessable_and_url_safe():
    states = {pkce.new_state() for _ in range(50)}
    assert len(states) == 50
    assert all(len(s) >= 43 and UNRESERVED.match(s) for s in states)
