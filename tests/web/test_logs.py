"""The server's log, read whole after a full session on a real process: one line per HTTP request and per refused
Socket.IO event, with the workshop and its join code, and never a secret it handled."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from urllib.parse import urlsplit

import requests

from ..support import PATH, TREE, LiveClient, ServerProcess, create_workshop, join


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class Recorded(requests.Session):
    """A requests session that remembers each request's method, path and status."""

    def __init__(self):
        super().__init__()
        self.made: list[tuple[str, str, int]] = []
        self.hooks["response"].append(self._remember)

    def _remember(self, response, *_args, **_kwargs):
        self.made.append((response.request.method, urlsplit(response.request.url).path, response.status_code))


def test_a_full_session_logs_each_request_and_refusal_and_no_secret(tmp_path):
    server = ServerProcess(f"sqlite:///{tmp_path / 'logs.db'}", instance=tmp_path)
    http, secrets, clients = Recorded(), [], []
    base = server.base
    try:
        workshop = create_workshop(base)
        wid, code, facilitator_token = workshop["id"], workshop["join_code"], workshop["facilitator_token"]
        aru, bek = join(base, code, "Aru"), join(base, code, "Bek")
        secrets += [facilitator_token, aru["token"], bek["token"], workshop["facilitator_url"].split("#", 1)[1]]
        # Secrets where clients must not put them (a query string, a path) are kept out of the log all the same.
        assert http.get(f"{base}/?code={code}").status_code == 200
        assert (
            http.get(
                f"{base}/api/workshops/{wid}/events",
                params={"since": 0, "token": facilitator_token},
                headers=bearer(facilitator_token),
            ).status_code
            == 200
        )
        assert http.get(f"{base}/api/me", headers=bearer(aru["token"])).status_code == 200

        tablet, other = LiveClient(base, aru["token"]).connect(), LiveClient(base, bek["token"]).connect()
        console = LiveClient(base, facilitator_token).connect()
        clients += [tablet, other, console]
        design = tablet.call("design:create", {"id": str(uuid.uuid4()), "title": "Green heart"})["design"]["id"]
        for kind, geometry in (("tree", TREE), ("path", PATH)):
            assert tablet.call(
                "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": kind, "geometry": geometry}
            )["ok"]
        refused = other.call(
            "element:add", {"id": str(uuid.uuid4()), "design_id": design, "kind": "tree", "geometry": TREE}
        )
        assert refused["error"]["code"] == "forbidden"
        assert other.call("design:join", {"design_id": design})["ok"]
        assert console.call("phase:set", {"phase": "closed"})["ok"]

        adopted = http.post(
            f"{base}/api/workshops/{wid}/projects",
            headers=bearer(facilitator_token),
            json={"design_id": design, "title": "Green heart, phase 1"},
        ).json()
        project = adopted["id"]
        for access in adopted["access"]:
            secrets += [access["key"], access["recovery_code"], access["link"].split("#", 1)[1]]
        claimed = http.post(
            f"{base}/api/projects/{project}/claim", headers=bearer(aru["token"]), json={"replace": True}
        ).json()
        bek_code = next(a["recovery_code"] for a in adopted["access"] if a["author_id"] == bek["participant_id"])
        recovered = http.post(f"{base}/api/supervision/recover", json={"code": bek_code}).json()
        secrets += [claimed["key"], claimed["link"].split("#", 1)[1], recovered["key"]]
        for key in (claimed["key"], recovered["key"]):
            visit = http.post(
                f"{base}/api/projects/{project}/visits",
                headers=bearer(key),
                json={"date": "2027-05-01", "notes": "Walked the site", "observations": []},
            )
            assert visit.status_code == 201
        old_key = next(a["key"] for a in adopted["access"] if a["author_id"] == aru["participant_id"])
        assert (
            http.post(
                f"{base}/api/projects/{project}/visits",
                headers=bearer(old_key),
                json={"date": "2027-05-02", "observations": []},
            ).status_code
            == 401
        )
        assert http.get(f"{base}/api/projects/{project}").status_code == 200
        assert http.post(f"{base}/api/qr.svg", json={"text": f"{base}{claimed['link']}"}).status_code == 200
    finally:
        for live in clients:
            live.disconnect()
        server.stop()
    log = server.full_output()

    leaked = [secret for secret in secrets if secret in log]
    assert not leaked, f"{len(leaked)} secrets in the log"
    assert "?" not in "".join(line for line in log.splitlines() if "cowork.http" in line)
    http_lines = Counter(re.findall(r"cowork\.http: (\S+ \S+ \d{3}) ", log))
    for method, path, status in http.made:
        assert http_lines[f"{method} {path} {status}"] >= http.made.count((method, path, status)), (method, path)
    assert f"GET /api/workshops/{wid}/events 200" in log
    assert re.search(rf"GET /api/workshops/{wid}/events 200 [\d.]+ms workshop={wid} code={code}\n", log)
    assert re.search(rf"POST /api/join 201 [\d.]+ms workshop={wid} code={code}\n", log)
    assert re.search(rf"POST /api/projects/{project}/visits 201 [\d.]+ms project={project}\n", log)
    assert f"refused element:add: forbidden workshop={wid} code={code} participant={bek['participant_id']}\n" in log
