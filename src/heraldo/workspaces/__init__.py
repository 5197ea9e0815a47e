"""Workspaces, users, memberships and API keys."""
