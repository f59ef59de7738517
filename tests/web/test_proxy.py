"""The facilitator's page cookie is HttpOnly and SameSite=Lax always, and Secure whenever the request came over
TLS: directly, or through as many proxies as COWORK_PROXY_HOPS trusts. Forwarded headers from anyone else are
ignored."""

from __future__ import annotations

import pytest

from cowork import create_app

FORWARDED_TLS = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "cowork.example.org",
    "X-Forwarded-For": "203.0.113.7",
}


@pytest.fixture
def proxied_client(settings):
    """A client of an app that trusts one proxy (nginx) in front of it."""
    settings.PROXY_HOPS = 1
    application = create_app(settings)
    yield application.test_client()
    application.extensions["cowork"].db.dispose()


def session_cookie(client, workshop: dict, headers: dict | None = None) -> str:
    """The Set-Cookie line of POST /api/session, as the browser gets it."""
    response = client.post(
        "/api/session", headers={"Authorization": f"Bearer {workshop['facilitator_token']}", **(headers or {})}
    )
    assert response.status_code == 200, response.get_json()
    lines = [line for line in response.headers.getlist("Set-Cookie") if line.startswith("session=")]
    assert len(lines) == 1, lines
    return lines[0]


def attributes(cookie: str) -> set[str]:
    """A Set-Cookie line's attributes, lower case: {"httponly", "secure", "samesite=lax", "path=/", ...}."""
    return {part.strip().lower() for part in cookie.split(";")[1:]}


def new_workshop(client) -> dict:
    from ..support import PARK

    response = client.post("/api/workshops", json={"title": "Yard", "site_name": "Yard", "boundary": PARK})
    assert response.status_code == 201
    return response.get_json()


def test_over_plain_http_the_cookie_is_httponly_and_lax_but_not_secure(client):
    cookie = attributes(session_cookie(client, new_workshop(client)))
    assert {"httponly", "samesite=lax"} <= cookie and "secure" not in cookie


def test_over_https_the_cookie_is_secure(client):
    workshop = new_workshop(client)
    response = client.post(
        "/api/session",
        base_url="https://cowork.example.org",
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
    )
    assert "secure" in attributes(response.headers["Set-Cookie"])


def test_behind_one_trusted_proxy_its_forwarded_tls_makes_the_cookie_secure(proxied_client):
    workshop = new_workshop(proxied_client)
    assert "secure" in attributes(session_cookie(proxied_client, workshop, FORWARDED_TLS))
    assert "secure" not in attributes(session_cookie(proxied_client, workshop))  # nginx said http
    # The host it forwards is the one pages name (the projector tells the room where to join).
    projector = proxied_client.get(f"/w/{workshop['id']}/projector", headers=FORWARDED_TLS)
    assert "cowork.example.org" in projector.get_data(as_text=True)
    language = proxied_client.get("/lang/ru", headers=FORWARDED_TLS)
    assert "secure" in attributes(language.headers["Set-Cookie"])


def test_with_no_trusted_proxy_forwarded_headers_are_ignored(client):
    workshop = new_workshop(client)
    assert "secure" not in attributes(session_cookie(client, workshop, FORWARDED_TLS))
    projector = client.get(f"/w/{workshop['id']}/projector", headers=FORWARDED_TLS)
    assert "cowork.example.org" not in projector.get_data(as_text=True)
