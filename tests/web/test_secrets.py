"""No token, key or code leaves the server where it should not: a whole workshop's life on a real server process,
then every log line, export, archive, error body, socket message and backup is searched for every secret."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import uuid
import zipfile

import requests

from ..support import LAWN, PARK, PATH, ROOT, TREE, LiveClient, ServerProcess
from .authz_world import png_bytes

ORGANISER_KEY = "organiser-" + uuid.uuid4().hex


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class Life:
    """What a workshop's life handed out (the secrets) and gave back where no secret belongs (the rest)."""

    def __init__(self, base: str):
        self.base = base
        self.secrets: dict[str, str] = {"organiser key": ORGANISER_KEY}
        self.outputs: dict[str, bytes] = {}  # where no secret belongs: name -> bytes
        self.clients: list[LiveClient] = []

    def keep(self, name: str, secret: str) -> str:
        """Remember a secret the server handed out."""
        self.secrets[name] = secret
        return secret

    def call(
        self, method: str, path: str, token: str | None = None, *, gives_secrets: bool = False, **kwargs
    ) -> requests.Response:
        """An HTTP request; its answer is searched unless it is one whose job is to hand a secret out."""
        headers = bearer(token) if token else {}
        response = requests.request(method, self.base + path, headers=headers, timeout=30, **kwargs)
        if not gives_secrets or response.status_code >= 400:
            self.outputs[f"{method} {path} {response.status_code} #{len(self.outputs)}"] = response.content
        return response

    def connect(self, token: str) -> LiveClient:
        """A socket with this token."""
        client = LiveClient(self.base, token).connect()
        self.clients.append(client)
        return client


def live_a_workshop(life: Life) -> dict:
    """Create, join, sketch, moderate, vote, close, export, adopt, supervise, recover, reissue, revoke."""
    created = life.call(
        "POST",
        "/api/workshops",
        ORGANISER_KEY,
        gives_secrets=True,
        json={"title": "Life", "site_name": "Panfilov Park", "boundary": PARK},
    ).json()
    wid, facilitator = created["id"], life.keep("facilitator token", created["facilitator_token"])
    tokens = {}
    for name in ("Aru", "Bek", "Cem"):
        tokens[name] = life.keep(
            f"{name}'s token",
            life.call(
                "POST", "/api/join", gives_secrets=True, json={"code": created["join_code"], "name": name}
            ).json()["token"],
        )
    aru, bek, console = life.connect(tokens["Aru"]), life.connect(tokens["Bek"]), life.connect(facilitator)
    life.call("POST", "/api/session", facilitator)
    design = aru.call("design:create", {"id": str(uuid.uuid4()), "title": "Green heart"})["design"]["id"]
    assert bek.call("design:join", {"design_id": design})["ok"]
    for kind, geometry in (("tree", TREE), ("path", PATH), ("green_area", LAWN)):
        assert aru.call(
            "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": kind, "geometry": geometry}
        )["ok"]
    assert bek.call("comment:add", {"id": str(uuid.uuid4()), "design_id": design, "text": "shade"})["ok"]
    assert not bek.call("phase:set", {"phase": "closed"})["ok"]  # a refusal, logged
    assert not bek.call(tokens["Bek"], {})["ok"]  # an unknown event named like a secret: logged as "(unknown)"
    cem = next(p for p in console.snapshot()["participants"] if p["name"] == "Cem")["participant_id"]
    assert console.call("participant:remove", {"participant_id": cem})["ok"]
    assert console.call("join_code:rotate", {})["ok"]
    assert console.call("phase:set", {"phase": "voting"})["ok"]
    assert aru.call("vote:cast", {"design_id": design})["ok"] and bek.call("vote:cast", {"design_id": design})["ok"]
    assert console.call("phase:set", {"phase": "closed"})["ok"]
    # Credentials that no longer work, or never did, in every place a client may put one.
    life.call("GET", "/api/me", tokens["Cem"])
    life.call("GET", f"/api/workshops/{wid}/archive", tokens["Aru"])
    life.call("POST", "/api/join", json={"code": facilitator[:40], "name": "Guess"})
    # A token where no client of ours puts one (a query string) stays out of the log and of the answer. (Pages echo
    # their own URL into the language links: that goes back only to whoever sent it, so it is not searched.)
    life.call("GET", f"/api/workshops/{wid}/events", params={"since": 0, "token": facilitator})
    refused = LiveClient(life.base, tokens["Cem"])
    try:
        refused.connect()
    except Exception:  # python-socketio's ConnectionError: the refusal we want
        life.outputs["refused connect"] = repr(refused.refusals).encode()

    w = f"/api/workshops/{wid}"
    for path in (
        w,
        f"{w}/export.geojson",
        f"{w}/export.csv",
        f"{w}/results",
        f"{w}/events",
        f"/w/{wid}/results",
        f"/w/{wid}/replay",
        f"/w/{wid}/console",
        f"/w/{wid}/qr.svg",
    ):
        life.call("GET", path)
        life.call("GET", path, facilitator)
    life.call("GET", f"{w}/archive", facilitator)

    adopted = life.call(
        "POST", f"{w}/projects", facilitator, gives_secrets=True, json={"design_id": design, "title": "Phase 1"}
    ).json()
    project = adopted["id"]
    access = {a["name"]: a for a in adopted["access"]}
    for name, a in access.items():
        life.keep(f"{name}'s first key", a["key"])
        life.keep(f"{name}'s recovery code", a["recovery_code"])
    claimed = life.call(
        "POST", f"/api/projects/{project}/claim", tokens["Aru"], gives_secrets=True, json={"replace": True}
    ).json()
    aru_key = life.keep("Aru's claimed key", claimed["key"])
    bek_key = life.keep(
        "Bek's recovered key",
        life.call(
            "POST", "/api/supervision/recover", gives_secrets=True, json={"code": access["Bek"]["recovery_code"]}
        ).json()["key"],
    )
    p = f"/api/projects/{project}"
    visit = life.call(
        "POST", f"{p}/visits", aru_key, json={"date": "2027-05-10", "notes": "walked", "observations": []}
    ).json()
    life.call(
        "POST", f"{p}/visits/{visit['id']}/photos", aru_key, files={"file": ("site.png", png_bytes(), "image/png")}
    )
    life.call("POST", f"{p}/signoffs", bek_key, json={"visit_id": visit["id"], "verdict": "accept", "comment": "fine"})
    reissued = life.call(
        "POST", f"{p}/access/{access['Bek']['author_id']}/reissue", facilitator, gives_secrets=True
    ).json()
    life.keep("Bek's reissued code", reissued["recovery_code"])
    life.call("POST", f"{p}/access/{access['Bek']['author_id']}/revoke", facilitator)
    life.call("POST", f"{p}/visits", bek_key, json={"date": "2027-05-11", "observations": []})  # revoked: 401
    life.call(
        "POST", f"{p}/visits", access["Aru"]["key"], json={"date": "2027-05-11", "observations": []}
    )  # rotated: 401
    life.call("POST", "/api/supervision/recover", json={"code": reissued["recovery_code"]})  # revoked: 404
    for path in (p, f"{p}/report", f"{p}/export.geojson", f"/p/{project}", f"/p/{project}/supervise", f"{w}/projects"):
        life.call("GET", path)
    zipped = life.call("GET", f"{p}/photos.zip").content
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        for member in archive.namelist():
            life.outputs[f"photos.zip:{member}"] = archive.read(member)
    return {"workshop": wid}


def test_no_secret_in_logs_exports_archives_errors_sockets_or_backups(tmp_path):
    env = {"COWORK_ORGANIZER_KEY": ORGANISER_KEY, "COWORK_SECRET_KEY": "life"}
    url = f"sqlite:///{tmp_path / 'life.db'}"
    server = ServerProcess(url, instance=tmp_path, env=env)
    life = Life(server.base)
    try:
        live_a_workshop(life)
        backup = tmp_path / "life.backup"
        made = subprocess.run(
            [sys.executable, "run.py", "backup", str(backup)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "COWORK_DATABASE_URL": url, **env},
        )
        assert made.returncode == 0, made.stderr
        life.outputs["backup command output"] = (made.stdout + made.stderr).encode()
        with tarfile.open(backup, "r:*") as archive:
            for member in archive.getmembers():
                if member.isfile():
                    life.outputs[f"backup:{member.name}"] = archive.extractfile(member).read()
    finally:
        for client in life.clients:
            life.outputs[f"socket messages of {client.token[:4]}…"] = repr(client.events).encode()
            client.disconnect()
        server.stop()
    life.outputs["server log"] = server.full_output().encode()

    assert len(life.secrets) >= 12 and any(name.startswith("backup:") for name in life.outputs)
    leaks = [
        (name, where)
        for name, secret in life.secrets.items()
        for where, data in life.outputs.items()
        if secret.encode() in data
    ]
    assert leaks == [], f"secrets found where they do not belong: {leaks}"
