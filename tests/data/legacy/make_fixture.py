"""Writes the legacy fixture: a database made by cowork before migrations (commit 655d42c), with real data.

Run it from a checkout of that commit (it uses the services of that version):
    python tests/data/legacy/make_fixture.py sqlite OUT_DIR
    python tests/data/legacy/make_fixture.py postgresql OUT_DIR POSTGRES_URL
It writes OUT_DIR/dump.sql (the schema and rows as that version made them), OUT_DIR/uploads/ (photos) and
OUT_DIR/secrets.json (tokens, keys and recovery codes that must still work after the upgrade).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

from PIL import Image

from cowork import create_app
from cowork.config import TestConfig
from cowork.supervision.payloads import ObservationIn, ProjectCreate, SignoffCreate, VisitCreate
from cowork.workshop.payloads import (
    CommentAdd,
    DesignCreate,
    DesignJoin,
    ElementAdd,
    Join,
    Moderate,
    PhaseSet,
    VoteChange,
    WorkshopCreate,
)

PARK = json.loads((Path(__file__).resolve().parents[1] / "almaty-sites.geojson").read_text())["features"][0]["geometry"]
TREE = {"type": "Point", "coordinates": [76.9520, 43.2604]}
PATH = {"type": "LineString", "coordinates": [[76.9515, 43.2600], [76.9540, 43.2598]]}
LAWN = {
    "type": "Polygon",
    "coordinates": [
        [[76.9520, 43.2570], [76.9535, 43.2570], [76.9535, 43.2580], [76.9520, 43.2580], [76.9520, 43.2570]]
    ],
}


def build(cowork) -> dict:
    created = cowork.workshops.create(WorkshopCreate("Panfilov Park", "Panfilov Park", PARK))
    auth = cowork.workshops.authenticate
    facilitator = auth(created["facilitator_token"])
    aru_join = cowork.workshops.join(Join(created["join_code"], "Aru"))
    bek_join = cowork.workshops.join(Join(created["join_code"], "Bek"))
    aru, bek = auth(aru_join["token"]), auth(bek_join["token"])
    design = cowork.sketches.create_design(aru, DesignCreate("Green heart", str(uuid.uuid4())))[0]["design"]["id"]
    other = cowork.sketches.create_design(bek, DesignCreate("Play first", str(uuid.uuid4())))[0]["design"]["id"]
    cowork.sketches.join_design(bek, DesignJoin(design))
    ids = {name: str(uuid.uuid4()) for name in ("tree", "path", "lawn", "swing")}
    cowork.sketches.add_element(aru, ElementAdd(ids["tree"], design, "tree", TREE, ""))
    cowork.sketches.add_element(aru, ElementAdd(ids["path"], design, "path", PATH, "Shady walk"))
    cowork.sketches.add_element(bek, ElementAdd(ids["lawn"], design, "green_area", LAWN, ""))
    cowork.sketches.add_element(bek, ElementAdd(ids["swing"], other, "bench", TREE, ""))
    comment = str(uuid.uuid4())
    cowork.voting.add_comment(bek, CommentAdd(comment, "More shade here", element_id=ids["tree"]))
    hidden = str(uuid.uuid4())
    cowork.voting.add_comment(aru, CommentAdd(hidden, "off topic", design_id=other))
    cowork.facilitation.moderate(facilitator, Moderate("comment", hidden, True, "off-topic"))
    cowork.facilitation.set_phase(facilitator, PhaseSet("voting"))
    cowork.voting.cast(bek, VoteChange(design))
    cowork.voting.cast(aru, VoteChange(other))
    cowork.facilitation.set_phase(facilitator, PhaseSet("closed"))
    adopted, _change = cowork.supervision.adopt(
        created["facilitator_token"],
        created["id"],
        ProjectCreate(design, "Phase 1", "Akimat", "Builder LLP", "2027-04-01", "2027-10-31"),
    )
    access = {a["name"]: a for a in adopted["access"]}
    by_aru = cowork.supervision.supervisor(access["Aru"]["key"], adopted["id"])
    visit = cowork.supervision.record_visit(
        by_aru,
        VisitCreate(
            None,
            "2027-05-10",
            "Walked the site",
            "dry",
            (
                ObservationIn(ids["tree"], None, "built", {"type": "Point", "coordinates": [76.95204, 43.2604]}, 3, ""),
                ObservationIn(ids["path"], None, "in_progress", None, None, "half paved"),
                ObservationIn(
                    None, "sign", "built", {"type": "Point", "coordinates": [76.9541, 43.2611]}, None, "unplanned"
                ),
            ),
        ),
    )
    image = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 60)).save(image, "PNG")
    photo, _new = cowork.photos.upload(by_aru, visit["id"], ids["tree"], image.getvalue(), "tree.png")
    signoff = cowork.supervision.sign(by_aru, SignoffCreate("accept", "Looks right", visit_id=visit["id"]))
    return {
        "workshop_id": created["id"],
        "join_code": created["join_code"],
        "facilitator_token": created["facilitator_token"],
        "participants": {"Aru": aru_join, "Bek": bek_join},
        "designs": {"adopted": design, "other": other},
        "elements": ids,
        "comments": {"visible": comment, "hidden": hidden},
        "project_id": adopted["id"],
        "keys": {name: a["key"] for name, a in access.items()},
        "recovery_codes": {name: a["recovery_code"] for name, a in access.items()},
        "visit_id": visit["id"],
        "photo_id": photo["id"],
        "signoff_id": signoff["id"],
    }


def main() -> None:
    backend, out = sys.argv[1], Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    work = out / "work"
    url = f"sqlite:///{work / 'cowork.db'}" if backend == "sqlite" else sys.argv[3]
    app = create_app(TestConfig(DATABASE_URL=url, INSTANCE_DIR=str(work), UPLOAD_DIR=str(out / "uploads")))
    secrets = build(app.extensions["cowork"])
    app.extensions["cowork"].db.dispose()
    if backend == "sqlite":
        with sqlite3.connect(work / "cowork.db") as connection:
            dump = "\n".join(connection.iterdump())
    else:
        plain = sys.argv[3].replace("postgresql+psycopg://", "postgresql://")
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", "--inserts", plain], check=True, capture_output=True, text=True
        ).stdout
        # psql's meta-commands (\restrict) are for psql alone; the tests load the dump through a driver.
        dump = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    (out / "dump.sql").write_text(dump + "\n", encoding="utf-8")
    (out / "secrets.json").write_text(json.dumps(secrets, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
