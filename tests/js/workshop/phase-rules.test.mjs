// One reading of the phase rules for both sides: every row of tests/data/phase-rules.json, which
// tests/core/test_phase_rules.py checks against the server's cowork/core/rules.py. The tablet offers a control only
// where the server will accept it. Every action, role and phase of FACTS must have its row.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";
import { allowed, privateSketchingActive } from "../../../static/js/workshop/sync/phase.js";

const TABLE = JSON.parse(readFileSync(new URL("../../data/phase-rules.json", import.meta.url), "utf-8"));
const ROLES = ["participant", "facilitator"];

describe("the shared phase rules table", () => {
  it("allows what the server allows, to each role in each phase", () => {
    for (const [action, role, phase, may] of TABLE.actions)
      assert.equal(allowed(action, phase, role), may, `${role} ${action} in ${phase}`);
  });

  it("hides others' designs under private sketching where the server does", () => {
    for (const [privateSketching, revealed, phase, active] of TABLE.private) {
      const settings = { private_sketching: privateSketching, revealed };
      assert.equal(privateSketchingActive(phase, settings), active, JSON.stringify([settings, phase]));
    }
  });

  it("has a row for every action, role and phase", () => {
    const rows = new Set(TABLE.actions.map((row) => row.slice(0, 3).join()));
    for (const action of Object.keys(FACTS.actions))
      for (const role of ROLES)
        for (const phase of FACTS.phases) assert.ok(rows.has([action, role, phase].join()), [action, role, phase]);
    const privateRows = new Set(TABLE.private.map((row) => row.slice(0, 3).join()));
    for (const on of [true, false])
      for (const revealed of [true, false])
        for (const phase of FACTS.phases)
          assert.ok(privateRows.has([on, revealed, phase].join()), [on, revealed, phase]);
  });
});
