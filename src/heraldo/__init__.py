"""Heraldo: self-hosted social-media marketing."""

__version__ = "0.1.0"
