"""FastAPI dependencies for what `create_app` keeps on `app.state`."""

from fastapi import Request

from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


def secret_box(request: Request) -> SecretBox:
    return request.app.state.secret_box
