"""/health, /metrics, OpenAPI, and encryption at rest."""

import pytest

from heraldo.app import create_app
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings


def test_health_reports_database_and_job_mode(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "jobs": "in-process"}


def test_health_is_503_when_the_broker_is_unreachable(settings):
    broken = settings.model_copy(update={"broker_url": "redis://127.0.0.1:1/0"})
    from fastapi.testclient import TestClient

    with TestClient(create_app(broken)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("unreachable")


def test_metrics_count_requests_by_route_template(client, tenant):
    client.get("/api/posts/12345", headers=tenant.headers)
    text = client.get("/metrics").text
    assert 'heraldo_http_requests_total{method="GET",route="/api/posts/{post_id}",status="404"}' in text


def test_openapi_documents_the_api(client):
    schema = client.get("/openapi.json").json()
    assert "/api/posts" in schema["paths"]
    assert "/api/posts/{post_id}" in schema["paths"]
    assert client.get("/docs").status_code == 200


def test_secrets_round_trip_and_depend_on_the_key():
    box = SecretBox("one key")
    token = box.encrypt({"access_token": "abc"})
    assert "abc" not in token
    assert box.decrypt(token) == {"access_token": "abc"}
    with pytest.raises(ValueError, match="HERALDO_SECRET_KEY"):
        SecretBox("another key").decrypt(token)


def test_settings_reject_an_unknown_time_zone():
    with pytest.raises(ValueError, match="time zone"):
        Settings(default_timezone="Europe/Atlantis")


def test_chart_js_is_served_from_static_not_a_cdn(client):
    # Installed from npm (package-lock.json) by `make test` / `make run`.
    response = client.get("/static/vendor/chart.umd.js")
    assert response.status_code == 200
    assert "Chart" in response.text[:5000]
