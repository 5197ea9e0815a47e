"""/media/public/...: media files served to platforms that fetch them by URL, behind an expiring signature.

Nobody signs in here (Meta's crawler cannot): the HMAC in the URL is the whole authorisation. The route
answers 403 for an expired link or a wrong signature and 404 for an id that does not exist (ids are
sequential, so that reveals nothing; the file itself needs the signature, which also covers its hash).

Not in `app.ROUTERS`: the cross-workspace probe walks those, and a capability URL belongs to no
workspace (anyone holding it may fetch the file, by design). It still declares `public`.
"""

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.db import get_db
from heraldo.core.errors import NotFound, PermissionDenied
from heraldo.core.security.scopes import public
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings
from heraldo.posts.media import MediaStorage, MediaUrlSigner, media_storage
from heraldo.posts.models import MediaAsset

router = APIRouter(tags=["media"])

INVALID_LINK = "this media link is invalid or has expired"


@router.api_route(
    "/media/public/{media_id}/{expires}/{token}",
    methods=["GET", "HEAD"],
    dependencies=[Depends(public)],
    include_in_schema=False,
)
def public_media_file(
    media_id: int,
    expires: int,
    token: str,
    db: Session = Depends(get_db),
    storage: MediaStorage = Depends(media_storage),
    settings: Settings = Depends(app_settings),
):
    now = utcnow()
    # Expired links are refused before any lookup: an old URL tells nothing about what exists now.
    if MediaUrlSigner.expired(expires, now=now):
        raise PermissionDenied(INVALID_LINK)
    asset = db.get(MediaAsset, media_id)
    if asset is None:
        raise NotFound("media not found")
    if not MediaUrlSigner.from_settings(settings).verify(asset, expires=expires, token=token, now=now):
        raise PermissionDenied(INVALID_LINK)
    remaining = max(0, expires - int(now.timestamp()))
    return FileResponse(
        storage.path(asset.storage_key),
        media_type=asset.content_type,
        headers={"Cache-Control": f"private, max-age={remaining}", "X-Robots-Tag": "noindex"},
    )
