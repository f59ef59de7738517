"""Construction supervision's access rules: who may record, sign off, upload and reissue; claiming, recovering,
reissuing and revoking keys."""

from __future__ import annotations

import io
import uuid

import pytest

from .adopted import bearer, png_bytes

ACCESS_CASES = [
    # (who, action, expected status)
    ("author", "visit", 201),
    ("coauthor", "visit", 201),
    ("facilitator", "visit", 201),
    ("other_participant", "visit", 401),
    ("revoked", "visit", 401),
    ("public", "visit", 401),
    ("author", "signoff", 201),
    ("facilitator", "signoff", 403),
    ("other_participant", "signoff", 401),
    ("revoked", "signoff", 401),
    ("public", "signoff", 401),
    ("author", "photo", 201),
    ("facilitator", "photo", 201),
    ("public", "photo", 401),
    ("revoked", "photo", 401),
    ("author", "reissue", 403),
    ("facilitator", "reissue", 200),
    ("public", "reissue", 401),
    ("public", "summary", 200),
    ("public", "export", 200),
    ("public", "report", 200),
]


@pytest.mark.parametrize("who, action, status", ACCESS_CASES, ids=[f"{w}-{a}" for w, a, _ in ACCESS_CASES])
def test_access_table(adopted, client, who, action, status):
    first = adopted.visit(adopted.aru_key, "2027-05-01", []).get_json()
    revoked = client.post(
        f"/api/projects/{adopted.project_id}/access/{adopted.bek['participant_id']}/revoke",
        headers=bearer(adopted.facilitator_token),
    )
    assert revoked.status_code == 200
    tokens = {
        "author": adopted.aru_key,
        "coauthor": adopted.aru_key,
        "facilitator": adopted.facilitator_token,
        "other_participant": adopted.other["token"],
        "revoked": adopted.bek_key,
        "public": None,
    }
    headers = bearer(tokens[who]) if tokens[who] else {}
    base = f"/api/projects/{adopted.project_id}"
    if action == "visit":
        response = client.post(f"{base}/visits", headers=headers, json={"date": "2027-05-02", "observations": []})
    elif action == "signoff":
        response = client.post(
            f"{base}/signoffs",
            headers=headers,
            json={"visit_id": first["id"], "verdict": "object", "comment": "Benches moved"},
        )
    elif action == "photo":
        response = client.post(
            f"{base}/visits/{first['id']}/photos",
            headers=headers,
            data={"file": (io.BytesIO(png_bytes()), "site.png")},
            content_type="multipart/form-data",
        )
    elif action == "reissue":
        response = client.post(f"{base}/access/{adopted.aru['participant_id']}/reissue", headers=headers)
    elif action == "summary":
        response = client.get(base, headers=headers)
    elif action == "export":
        response = client.get(f"{base}/export.geojson", headers=headers)
    else:
        response = client.get(f"{base}/report", headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:300]


def test_claim_recover_reissue_and_revoke(adopted, client):
    base = f"/api/projects/{adopted.project_id}"
    # A key was made at adoption (the facilitator has its link): a claim that does not say it replaces it is refused.
    unasked = client.post(f"{base}/claim", headers=bearer(adopted.aru["token"]), json={})
    assert unasked.status_code == 409 and unasked.get_json()["error"]["code"] == "conflict"
    assert adopted.visit(adopted.aru_key, "2027-05-01", []).status_code == 201  # and the kept link still works
    me = client.get(base + "/me", headers=bearer(adopted.aru_key))
    assert me.status_code == 200 and me.get_json() == {
        "supervising": True,
        "project_id": adopted.project_id,
        "participant_id": adopted.aru["participant_id"],
        "name": "Aru",
        "role": "author",
    }
    claimed = client.post(f"{base}/claim", headers=bearer(adopted.aru["token"]), json={"replace": True})
    assert claimed.status_code == 200
    new_key = claimed.get_json()["key"]
    assert new_key != adopted.aru_key and claimed.get_json()["link"].endswith(new_key)
    assert adopted.visit(adopted.aru_key, "2027-05-01", []).status_code == 401  # the old key stopped working
    # The workspace asks as it opens: the old link says at once that it no longer works.
    assert client.get(base + "/me", headers=bearer(adopted.aru_key)).get_json() == {"supervising": False}
    assert client.get(base + "/me", headers=bearer(claimed.get_json()["key"])).get_json()["role"] == "author"
    assert client.get(base + "/me", headers=bearer(adopted.facilitator_token)).get_json()["role"] == "facilitator"
    assert client.get(base + "/me").get_json() == {"supervising": False}
    assert client.get(f"/api/projects/{uuid.uuid4()}/me").status_code == 404
    assert adopted.visit(new_key, "2027-05-01", []).status_code == 201
    assert (
        client.post(f"{base}/claim", headers=bearer(adopted.other["token"]), json={"replace": True}).status_code == 403
    )
    code = adopted.access[adopted.bek["participant_id"]]["recovery_code"]
    recovered = client.post("/api/supervision/recover", json={"code": code.lower()[:5] + "-" + code[5:]})
    assert recovered.status_code == 200 and recovered.get_json()["project_id"] == adopted.project_id
    assert adopted.visit(recovered.get_json()["key"], "2027-05-01", []).status_code == 201
    assert client.post("/api/supervision/recover", json={"code": "NOPENOPE22"}).status_code == 404
    reissued = client.post(
        f"{base}/access/{adopted.bek['participant_id']}/reissue", headers=bearer(adopted.facilitator_token)
    ).get_json()
    assert reissued["recovery_code"] != code
    assert client.post("/api/supervision/recover", json={"code": code}).status_code == 404
    assert (
        client.post(
            f"{base}/access/{adopted.bek['participant_id']}/revoke", headers=bearer(adopted.facilitator_token)
        ).status_code
        == 200
    )
    assert client.post("/api/supervision/recover", json={"code": reissued["recovery_code"]}).status_code == 404


def test_reissuing_a_recovery_code_does_not_bring_a_revoked_key_back(adopted, client):
    """A stolen key, revoked: the author's new recovery code gives her a new key; the stolen one stays dead."""
    base = f"/api/projects/{adopted.project_id}/access/{adopted.bek['participant_id']}"
    assert adopted.visit(adopted.bek_key, "2027-05-01", []).status_code == 201
    assert client.post(f"{base}/revoke", headers=bearer(adopted.facilitator_token)).status_code == 200
    assert adopted.visit(adopted.bek_key, "2027-05-02", []).status_code == 401
    reissued = client.post(f"{base}/reissue", headers=bearer(adopted.facilitator_token))
    assert reissued.status_code == 200
    assert adopted.visit(adopted.bek_key, "2027-05-03", []).status_code == 401  # not back by the reissue
    recovered = client.post("/api/supervision/recover", json={"code": reissued.get_json()["recovery_code"]})
    assert recovered.status_code == 200
    new_key = recovered.get_json()["key"]
    assert new_key != adopted.bek_key
    assert adopted.visit(new_key, "2027-05-04", []).status_code == 201
    assert adopted.visit(adopted.bek_key, "2027-05-05", []).status_code == 401
