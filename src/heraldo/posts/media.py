"""Where media files live. One interface; the local directory under the data dir is the default."""

import hashlib
from pathlib import Path
from typing import BinaryIO, Protocol

from fastapi import Request


class MediaStorage(Protocol):
    def save(self, *, workspace_id: int, stream: BinaryIO, suffix: str, max_bytes: int) -> tuple[str, int, str]:
        """Store a file; (storage key, size in bytes, sha256). ValueError if it is larger than max_bytes."""
        ...

    def path(self, storage_key: str) -> Path: ...

    def remove(self, storage_key: str) -> None: ...


class LocalMediaStorage:
    """Files under `<data dir>/media/<workspace id>/<sha256><suffix>`: identical uploads share one file."""

    CHUNK = 1024 * 1024

    def __init__(self, root: Path):
        self.root = root

    def save(self, *, workspace_id: int, stream: BinaryIO, suffix: str, max_bytes: int) -> tuple[str, int, str]:
        folder = self.root / str(workspace_id)
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        partial = folder / f".upload-{id(stream)}.part"
        try:
            with partial.open("wb") as out:
                while chunk := stream.read(self.CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ValueError(f"file is larger than the {max_bytes} bytes allowed")
                    digest.update(chunk)
                    out.write(chunk)
            key = f"{workspace_id}/{digest.hexdigest()}{suffix}"
            partial.replace(self.root / key)
        finally:
            partial.unlink(missing_ok=True)
        return key, size, digest.hexdigest()

    def path(self, storage_key: str) -> Path:
        resolved = (self.root / storage_key).resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise ValueError("storage key escapes the media directory")
        return resolved

    def remove(self, storage_key: str) -> None:
        self.path(storage_key).unlink(missing_ok=True)


def media_storage(request: Request) -> MediaStorage:
    """FastAPI dependency: the storage `create_app` configured."""
    return request.app.state.media_storage
