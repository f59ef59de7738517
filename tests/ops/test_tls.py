"""HTTPS on the venue laptop: `./dev tls` makes a certificate authority and the laptop's certificate, run.py serves
with them (gunicorn's gevent worker, and Werkzeug under --dev), and a client that trusts only that authority gets
pages, a Socket.IO connection over wss (the origin check still working) and, in Chromium, a secure context on the
laptop's LAN address. Strict-Transport-Security is sent over TLS only."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import requests
import socketio
from playwright.sync_api import Error as PlaywrightError

from cowork import create_app
from cowork.config import TestConfig

from ..e2e.conftest import chromium_path
from ..support import PARK, ROOT, free_port, wait_until

YEAR = 31_536_000


def lan_address() -> str:
    """This machine's address on its network (what tablets at a venue would reach), never a loopback one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("198.51.100.1", 9))  # no packet is sent: this only picks the outgoing interface
        address = probe.getsockname()[0]
    assert not address.startswith("127."), "the tests need a network address besides loopback"
    return address


@pytest.fixture(scope="module")
def venue_tls(tmp_path_factory) -> dict:
    """What `./dev tls <LAN address> 127.0.0.2` makes: the authority the tablets trust and the laptop's pair."""
    folder = tmp_path_factory.mktemp("tls")
    address = lan_address()
    made = subprocess.run(
        [str(ROOT / "dev"), "tls", address, "127.0.0.2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COWORK_TLS_DIR": str(folder)},
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    return {
        "address": address,
        "ca": str(folder / "venue-ca.crt"),
        "cert": str(folder / "server.crt"),
        "key": str(folder / "server.key"),
        "folder": folder,
        "output": made.stdout,
    }


def spki_hash(certificate: str) -> str:
    """The base64 SHA-256 of a certificate's public key, as Chromium's --ignore-certificate-errors-spki-list wants."""
    der = ssl.PEM_cert_to_DER_cert(Path(certificate).read_text())
    key = subprocess.run(
        ["openssl", "x509", "-inform", "DER", "-pubkey", "-noout"], input=der, capture_output=True, check=True
    ).stdout
    spki = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "DER"], input=key, capture_output=True, check=True
    ).stdout
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


class VenueServer:
    """A documented venue command (`./dev demo ... --certfile --keyfile`, or run.py) in its own process group."""

    def __init__(self, command: list[str], base: str, env: dict[str, str], ca: str):
        self.base = base
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "COWORK_TILE_URL": "", "PYTHONUNBUFFERED": "1", **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True).start()

        def answers() -> bool:
            assert self.process.poll() is None, "".join(self.lines)
            try:
                return requests.get(f"{base}/healthz", timeout=2, verify=ca).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(answers, timeout=120, interval=0.2)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(20)


@pytest.fixture(params=["production", "dev"])
def https_server(request, venue_tls, tmp_path):
    """The venue laptop serving HTTPS on every address: production as docs/deploy.md says (`./dev demo` with
    --certfile/--keyfile), --dev with COWORK_TLS_CERT/COWORK_TLS_KEY; yields its base URL on the LAN address."""
    port = free_port()
    base = f"https://{venue_tls['address']}:{port}"
    env = {"COWORK_INSTANCE_DIR": str(tmp_path), "COWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'venue.db'}"}
    if request.param == "production":
        command = [
            str(ROOT / "dev"),
            "demo",
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--certfile",
            venue_tls["cert"],
            "--keyfile",
            venue_tls["key"],
        ]
    else:
        command = [sys.executable, "run.py", "--dev", "--host", "0.0.0.0", "--port", str(port)]
        env.update(COWORK_TLS_CERT=venue_tls["cert"], COWORK_TLS_KEY=venue_tls["key"])
    server = VenueServer(command, base, env, venue_tls["ca"])
    yield {**venue_tls, "base": base, "port": port, "server": server}
    server.stop()


def socket_client(base: str, token: str, ca: str, origin: str) -> socketio.Client:
    """A python-socketio client over wss that trusts only the venue's authority, its page at `origin`."""
    session = requests.Session()
    session.verify = ca  # engine.io hands a CA path on to the websocket's TLS as well
    # websocket-client sends the Origin (by default the server's own, from the URL).
    client = socketio.Client(reconnection=False, http_session=session, websocket_extra_options={"origin": origin})
    client.connect(base, auth={"token": token}, transports=["websocket"], wait_timeout=10)
    return client


def test_pages_and_socketio_over_https_trusting_only_the_venue_authority(https_server):
    base, ca = https_server["base"], https_server["ca"]
    page = requests.get(f"{base}/", timeout=5, verify=ca)
    assert page.status_code == 200 and "<html" in page.text
    assert page.headers["Strict-Transport-Security"] == f"max-age={YEAR}"
    # The certificate is what is checked: without the venue's authority, the same request is refused.
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{base}/", timeout=5)
    answer = requests.post(
        f"{base}/api/workshops", timeout=10, verify=ca, json={"title": "Venue", "site_name": "Yard", "boundary": PARK}
    )
    assert answer.status_code == 201, answer.text
    workshop = answer.json()
    participant = requests.post(
        f"{base}/api/join", json={"code": workshop["join_code"], "name": "Aru"}, timeout=10, verify=ca
    ).json()
    # A page of the server's own https origin opens Socket.IO over wss, and its events are acknowledged.
    client = socket_client(base, participant["token"], ca, origin=base)
    try:
        assert client.transport() == "websocket" and client.eio.base_url.startswith("wss://")
        created = client.call("design:create", {"id": str(uuid.uuid4()), "title": "Over TLS"}, timeout=10)
        assert created["ok"], created
    finally:
        client.disconnect()
    # The origin check still holds: a foreign page, and this server's own address over plain http, are refused.
    for foreign in ("https://evil.example", base.replace("https://", "http://")):
        with pytest.raises(socketio.exceptions.ConnectionError):
            socket_client(base, participant["token"], ca, origin=foreign)


def test_chromium_trusting_the_venue_authority_gets_a_secure_context_on_the_lan_address(
    https_server, playwright_driver
):
    base = https_server["base"]
    workshop = requests.post(
        f"{base}/api/workshops",
        timeout=10,
        verify=https_server["ca"],
        json={"title": "Venue", "site_name": "Yard", "boundary": PARK},
    ).json()
    arguments = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ]
    playwright = playwright_driver
    # Trusting the laptop's certificate (its public key pinned: Chromium matches the chain the server sends,
    # which is that certificate alone) as a tablet that installed the venue's authority would; Playwright's
    # ignore_https_errors would accept any certificate and prove nothing.
    trusting = playwright.chromium.launch(
        executable_path=chromium_path(),
        args=[*arguments, f"--ignore-certificate-errors-spki-list={spki_hash(https_server['cert'])}"],
    )
    untrusting = playwright.chromium.launch(executable_path=chromium_path(), args=arguments)
    try:
        stranger = untrusting.new_page()
        with pytest.raises(PlaywrightError, match="ERR_CERT_AUTHORITY_INVALID"):
            stranger.goto(f"{base}/")
        context = trusting.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{base}/")
        assert page.evaluate("() => [location.hostname, window.isSecureContext]") == [https_server["address"], True]
        # Joined as a participant, the workshop page connects its socket over wss to this address.
        page.fill("#join-code", workshop["join_code"])
        page.fill("#join-name", "Aru")
        page.click("#join-submit")
        page.wait_for_url(re.compile(r"/w/[0-9a-f-]+$"))
        page.wait_for_selector('#connection-status[data-status="connected"]', timeout=20000)
        assert page.evaluate("() => window.isSecureContext") is True
        assert not problems, problems
    finally:
        trusting.close()
        untrusting.close()


def test_the_certificate_names_the_given_addresses_and_the_keys_stay_private(venue_tls):
    text = subprocess.run(
        ["openssl", "x509", "-in", venue_tls["cert"], "-noout", "-text"], capture_output=True, text=True, check=True
    ).stdout
    assert f"IP Address:{venue_tls['address']}" in text and "IP Address:127.0.0.2" in text
    assert "TLS Web Server Authentication" in text and "CA:FALSE" in text
    verified = subprocess.run(
        ["openssl", "verify", "-CAfile", venue_tls["ca"], venue_tls["cert"]], capture_output=True, text=True
    )
    assert verified.returncode == 0, verified.stderr
    for key in ("venue-ca.key", "server.key"):
        assert (venue_tls["folder"] / key).stat().st_mode & 0o077 == 0
    # A new address (another evening, another router) gets a new certificate from the same authority.
    authority = Path(venue_tls["ca"]).read_bytes()
    again = subprocess.run(
        [str(ROOT / "dev"), "tls", "venue.local"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COWORK_TLS_DIR": str(venue_tls["folder"])},
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert Path(venue_tls["ca"]).read_bytes() == authority
    assert (
        "DNS:venue.local"
        in subprocess.run(
            ["openssl", "x509", "-in", venue_tls["cert"], "-noout", "-ext", "subjectAltName"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


@pytest.mark.parametrize(
    "options, message",
    [
        (["--certfile", "{cert}"], "both a certificate and its key"),
        (["--certfile", "{folder}/missing.crt", "--keyfile", "{key}"], "cannot serve HTTPS"),
        (["--certfile", "{cert}", "--keyfile", "{ca_key}"], "cannot serve HTTPS"),
    ],
)
def test_a_certificate_that_cannot_serve_is_said_at_start(venue_tls, tmp_path, options, message):
    names = {**venue_tls, "ca_key": str(venue_tls["folder"] / "venue-ca.key")}
    arguments = [option.format(**names) for option in options]
    started = subprocess.run(
        [sys.executable, "run.py", "--port", str(free_port()), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"},
    )
    assert started.returncode == 1 and message in started.stderr, started.stderr


def test_strict_transport_security_only_over_tls(settings):
    plain = create_app(settings)
    assert "Strict-Transport-Security" not in plain.test_client().get("/").headers
    # A forged X-Forwarded-Proto is not believed without a trusted proxy.
    forged = plain.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in forged.headers
    behind_tls_proxy = create_app(
        TestConfig(DATABASE_URL=settings.DATABASE_URL, INSTANCE_DIR=settings.INSTANCE_DIR, PROXY_HOPS=1)
    )
    forwarded = behind_tls_proxy.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert forwarded.headers["Strict-Transport-Security"] == f"max-age={YEAR}"
    assert "Strict-Transport-Security" not in behind_tls_proxy.test_client().get("/").headers
    for application in (plain, behind_tls_proxy):
        application.extensions["cowork"].db.dispose()
