"""Secrets at the door: long random tokens, keys compared in constant time, and access that ends with removal."""

from __future__ import annotations

import ast
import base64
from pathlib import Path

from sqlalchemy import select

from cowork.core.tokens import new_token, recovery_hash, token_hash
from cowork.models.supervision import SupervisionAccess
from cowork.workshop.payloads import ParticipantRemove, PhaseSet

from ..builders import supervised_workshop

PACKAGE = Path(__file__).resolve().parents[2] / "cowork"
# What holds a raw secret: a name with one of these words, or one of these names. Stored hashes (`*_hash`) are
# compared by the database, where a timing tells nothing of a token.
SECRET_WORDS = ("token", "secret")
SECRET_NAMES = {"key", "recovery_code", "organizer_key", "ORGANIZER_KEY"}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_tokens_and_keys_carry_at_least_128_random_bits():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128


def test_no_secret_is_compared_with_an_equals_sign():
    """Raw secrets are compared only through hmac.compare_digest (or as hashes, by the database)."""
    suspects = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare) or not any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                continue
            sides = [node.left, *node.comparators]
            if any(isinstance(side, ast.Constant) for side in sides):
                continue  # a literal is no secret
            for side in sides:
                name = side.attr if isinstance(side, ast.Attribute) else side.id if isinstance(side, ast.Name) else ""
                if (name in SECRET_NAMES or any(w in name.lower() for w in SECRET_WORDS)) and not name.endswith(
                    "_hash"
                ):
                    suspects.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {ast.unparse(node)}")
    assert suspects == []
    assert "hmac.compare_digest" in (PACKAGE / "access.py").read_text(encoding="utf-8")


def test_a_removed_authors_key_and_code_stop_working(client, cowork):
    built = supervised_workshop(cowork)
    facilitator = cowork.access.participant(built.facilitator_token)
    bek = cowork.access.participant(built.participant_tokens["Bek"])
    visit = {"date": "2027-06-01", "observations": []}
    project = f"/api/projects/{built.project_id}"
    assert client.post(f"{project}/visits", json=visit, headers=bearer(built.keys["Bek"])).status_code == 201
    # Removed after the adoption (the workshop reopened for it): the supervision key goes with the token.
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting", reopen=True))
    cowork.facilitation.remove_participant(facilitator, ParticipantRemove(bek.participant_id))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    refused = client.post(f"{project}/visits", json=visit, headers=bearer(built.keys["Bek"]))
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "unauthorized"
    assert client.post("/api/supervision/recover", json={"code": built.recovery_codes["Bek"]}).status_code == 404
    # The other author keeps theirs.
    assert client.post(f"{project}/visits", json=visit, headers=bearer(built.keys["Aru"])).status_code == 201


def test_recovery_codes_are_stored_slow_to_try(cowork):
    built = supervised_workshop(cowork)
    with cowork.db.read() as session:
        stored = set(session.scalars(select(SupervisionAccess.recovery_hash)))
    codes = built.recovery_codes.values()
    assert stored == {recovery_hash(code) for code in codes}
    assert not stored & {token_hash(code) for code in codes}  # not the plain SHA-256 a GPU would reverse
