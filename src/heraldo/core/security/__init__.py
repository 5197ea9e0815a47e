"""Passwords, API key material, scopes, encryption at rest and CSRF tokens."""
