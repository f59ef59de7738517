// What each phase allows each role (static/js/workshop/sync/phase.js), checked against the server's own table in
// static/js/shared/facts.js and against docs/api.md's phase table written out by hand.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";
import {
  DEFAULT_SETTINGS,
  mayComment,
  mayFacilitate,
  maySketch,
  mayVote,
  offeredKinds,
  PHASES,
  privatePhase,
  privateSketchingActive,
} from "../../../static/js/workshop/sync/phase.js";

const ROLES = ["participant", "facilitator"];

// docs/api.md, "Phases": [phase, role] → [sketch, comment, vote]
const TABLE = {
  "setup participant": [false, false, false],
  "setup facilitator": [true, true, false],
  "sketching participant": [true, true, false],
  "sketching facilitator": [true, true, false],
  "voting participant": [false, true, true],
  "voting facilitator": [false, true, false],
  "closed participant": [false, false, false],
  "closed facilitator": [false, false, false],
};

describe("phase permissions", () => {
  test("the phases are the server's, in order", () => {
    assert.deepEqual(PHASES, ["setup", "sketching", "voting", "closed"]);
    assert.deepEqual(PHASES, FACTS.phases);
  });

  for (const phase of FACTS.phases) {
    for (const role of ROLES) {
      test(`${role} in ${phase}: sketch, comment and vote as docs/api.md says`, () => {
        assert.deepEqual(
          [maySketch(phase, role), mayComment(phase, role), mayVote(phase, role)],
          TABLE[`${phase} ${role}`],
        );
      });

      test(`${role} in ${phase}: exactly what FACTS.actions allows`, () => {
        const rule = (action) => FACTS.actions[action][role]?.includes(phase) ?? false;
        assert.equal(maySketch(phase, role), rule("sketch"));
        assert.equal(mayComment(phase, role), rule("comment"));
        assert.equal(mayVote(phase, role), rule("vote"));
      });
    }
  }

  test("anyone who is not the facilitator counts as a participant (a role not known yet, say)", () => {
    for (const phase of PHASES) {
      assert.equal(maySketch(phase, undefined), maySketch(phase, "participant"));
      assert.equal(mayVote(phase, null), mayVote(phase, "participant"));
    }
  });

  test("the facilitator's controls stay open until the workshop is closed", () => {
    assert.deepEqual(PHASES.map(mayFacilitate), [true, true, true, false]);
    for (const action of ["timer", "settings", "moderate", "remove"]) {
      assert.equal(FACTS.actions[action].participant, null, `${action} is the facilitator's alone`);
    }
  });

  test("the facilitator never votes; participants vote only while voting", () => {
    assert.deepEqual(
      PHASES.filter((phase) => mayVote(phase, "facilitator")),
      [],
    );
    assert.deepEqual(
      PHASES.filter((phase) => mayVote(phase, "participant")),
      ["voting"],
    );
  });
});

describe("settings", () => {
  test("the defaults are the server's and cannot be changed by accident", () => {
    assert.deepEqual(DEFAULT_SETTINGS, FACTS.default_settings);
    assert.ok(Object.isFrozen(DEFAULT_SETTINGS) && Object.isFrozen(DEFAULT_SETTINGS.palette));
  });

  test("private sketching hides others' designs while sketching, until revealed", () => {
    const on = { private_sketching: true, revealed: false };
    assert.deepEqual(
      PHASES.map((phase) => privateSketchingActive(phase, on)),
      [true, true, false, false],
    );
    assert.deepEqual(PHASES.map(privatePhase), [true, true, false, false]);
    assert.equal(privateSketchingActive("sketching", { ...on, revealed: true }), false);
    assert.equal(privateSketchingActive("sketching", DEFAULT_SETTINGS), false);
  });

  test("the palette offers the kinds it lists, in the usual order; none listed means all", () => {
    const all = Object.keys(FACTS.kinds);
    assert.deepEqual(offeredKinds({ palette: ["water", "tree"] }, all), ["tree", "water"]);
    assert.deepEqual(offeredKinds({ palette: null }, all), all);
    assert.deepEqual(offeredKinds(DEFAULT_SETTINGS, all), all);
  });
});
