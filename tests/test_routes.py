"""Properties every route must have, checked over the whole app so later domains get them for free.

- Every route declares who may call it (a scope, or explicitly public).
- The cross-workspace probe: for every route with a path id, a principal of another workspace gets 404
  and nothing in the database changes. Ids come from tests/probe_factories.py.
"""

import re

from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import select

from heraldo.core.schema import metadata
from heraldo.core.security.scopes import PUBLIC
from tests.probe_factories import PATH_ID_FACTORIES, PNG_1X1, ProbeContext

PATH_PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def _declared_scopes(dependant) -> list[str]:
    found = []
    for dependency in dependant.dependencies:
        scope = getattr(dependency.call, "heraldo_scope", None)
        if scope:
            found.append(scope)
        found.extend(_declared_scopes(dependency))
    return found


def api_routes(app) -> list[APIRoute]:
    return [route for router in app.state.routers for route in router.routes if isinstance(route, APIRoute)]


def test_every_route_declares_its_scope(app):
    missing = [
        f"{sorted(route.methods)} {route.path}" for route in api_routes(app) if not _declared_scopes(route.dependant)
    ]
    assert not missing, f"routes without require_scope(...) or public: {missing}"


def _example_body(route: APIRoute):
    body_field = route.body_field
    if body_field is None:
        return {}
    annotation = body_field.field_info.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        examples = (annotation.model_config.get("json_schema_extra") or {}).get("examples")
        assert examples, f"{annotation.__name__} needs an example in json_schema_extra (used by the probe)"
        return {"json": examples[0]}
    # A multipart upload.
    return {"files": {"file": ("probe.png", PNG_1X1, "image/png")}}


def _snapshot(db) -> dict[str, list]:
    db.expire_all()
    state = {}
    for table in metadata.sorted_tables:
        rows = db.execute(select(table).order_by(*table.primary_key.columns)).all()
        state[table.name] = [tuple(row) for row in rows]
    return state


def test_other_workspaces_get_404_and_change_nothing(app, client, db, settings, make_tenant):
    owner = make_tenant("Owner workspace")
    intruder = make_tenant("Intruder workspace")
    ctx = ProbeContext(db=db, settings=settings, workspace_id=owner.id)
    # The intruder's key records its first use; do that now so the snapshot is stable.
    assert client.get("/api/me", headers=intruder.headers).status_code == 200

    probed = 0
    for route in api_routes(app):
        names = PATH_PARAM.findall(route.path)
        # Public routes (signed media links, OAuth callbacks) belong to no principal; they check their own
        # signatures or states and are tested where they are defined.
        if not names or PUBLIC in _declared_scopes(route.dependant):
            continue
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            ids = {}
            for name in names:
                assert name in PATH_ID_FACTORIES, f"{route.path}: add a factory for {{{name}}} in probe_factories.py"
                ids[name] = PATH_ID_FACTORIES[name](ctx)
            url = route.path.format(**ids)
            # The owner reaches the row: the probe is not vacuous.
            if method == "GET":
                assert client.get(url, headers=owner.headers).status_code == 200, url
            before = _snapshot(db)
            response = client.request(method, url, headers=intruder.headers, **_example_body(route))
            assert response.status_code == 404, f"{method} {url} answered {response.status_code}: {response.text}"
            assert _snapshot(db) == before, f"{method} {url} by another workspace changed the database"
            probed += 1
    assert probed >= 10
