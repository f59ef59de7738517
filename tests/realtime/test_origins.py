"""Socket.IO connections from pages of other origins are refused: only the server's own origin and those in
COWORK_CORS_ORIGINS get in, over a real server, on both transports."""

from __future__ import annotations

import pytest
import socketio

from cowork.realtime.origins import own_origins, same_origin_or

CONFIGURED = "https://maps.example.org"


@pytest.fixture
def settings(settings):
    """The usual test settings with one other origin allowed."""
    settings.CORS_ORIGINS = f" {CONFIGURED}/ , "
    return settings


def connect(base: str, token: str, origin: str, transport: str) -> socketio.Client:
    """Connect as a page of `origin` would (websocket-client otherwise sends the server's own origin)."""
    client = socketio.Client(reconnection=False, websocket_extra_options={"origin": origin})
    headers = {"Origin": origin} if transport == "polling" else {}
    client.connect(base, auth={"token": token}, transports=[transport], headers=headers, wait_timeout=5)
    return client


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_foreign_origin_is_refused_and_ours_and_the_configured_one_get_in(server, workshop, transport):
    token = workshop["facilitator_token"]
    for foreign in ("https://evil.example", "http://127.0.0.1.evil.example", "null", server.replace("http:", "https:")):
        with pytest.raises(socketio.exceptions.ConnectionError):
            connect(server, token, foreign, transport)
    for allowed in (server, CONFIGURED):
        client = connect(server, token, allowed, transport)
        assert client.connected
        client.disconnect()


def test_the_check_follows_the_host_and_what_the_proxy_forwards():
    environ = {"HTTP_HOST": "cowork.example.org", "wsgi.url_scheme": "http"}
    assert own_origins(environ) == {"http://cowork.example.org"}
    behind_nginx = {**environ, "HTTP_X_FORWARDED_PROTO": "https"}
    assert own_origins(behind_nginx) == {"http://cowork.example.org", "https://cowork.example.org"}
    allowed = same_origin_or(None)
    assert allowed("https://cowork.example.org", behind_nginx)
    assert not allowed("https://cowork.example.org.evil.example", behind_nginx)
    assert allowed(None, environ)  # no Origin: not a browser page, nothing to check
    assert same_origin_or(["*"])("https://anywhere.example", environ)
