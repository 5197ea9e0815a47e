from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from heraldo.core.security.scopes import Scope


class WorkspaceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    timezone: str
    is_demo: bool
    created_at: datetime


class WorkspaceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"timezone": "Europe/Madrid"}]})

    name: str | None = Field(None, min_length=1, max_length=120)
    timezone: str | None = None


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "reporting script", "scopes": ["analytics:view"]}]},
    )

    name: str = Field(min_length=1, max_length=120)
    scopes: list[Scope] = Field(min_length=1)


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The secret; shown only in this answer")


class MeOut(BaseModel):
    workspace: WorkspaceOut
    scopes: list[str]
    user_id: int | None
    api_key_id: int | None
    role: str | None
