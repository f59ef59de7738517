// The confirmed state (static/js/workshop/sync/state.js): a snapshot replaces it whole, each broadcast has one
// idempotent updater, versions never go back, moderation marks are kept.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";
import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import { design, element, snapshot } from "./fakes.mjs";

describe("WorkshopState", () => {
  test("starts with the server's default settings, before any snapshot", () => {
    const state = new WorkshopState();
    assert.deepEqual(state.settings, FACTS.default_settings);
    assert.equal(state.loaded, false);
  });

  test("a snapshot replaces everything and fills settings it leaves out with the defaults", () => {
    const state = new WorkshopState();
    state.putElement(element("stale"));
    state.replaceWith(
      snapshot({
        seq: 12,
        phase: "voting",
        designs: [design("d1")],
        elements: [element("e1")],
        settings: { votes_per_participant: 5 },
        votes: { mine: { d1: 1 }, left: 4, tallies: null },
        participants: [{ participant_id: "p2", name: "Bolat", role: "participant", removed: false }],
        projects: [{ id: "pr1", title: "Build it", design_id: "d1" }],
      }),
    );
    assert.deepEqual([...state.elements.keys()], ["e1"]);
    assert.equal(state.phase, "voting");
    assert.equal(state.lastSeq, 12);
    assert.equal(state.loaded, true);
    assert.deepEqual(state.settings, { ...FACTS.default_settings, votes_per_participant: 5 });
    assert.deepEqual(state.votes, { mine: { d1: 1 }, left: 4, tallies: null, voters: null });
    assert.equal(state.participants.get("p2").name, "Bolat");
    assert.equal(state.projects.get("pr1").design_id, "d1");
  });

  test("a new phase stops the countdown of the old one; the same phase again leaves a newer countdown alone", () => {
    const state = new WorkshopState();
    state.replaceWith(snapshot({ phase: "sketching", timer: { ends_at: "2024-05-01T10:05:00Z" } }));
    state.apply("phase:changed", { phase: "closed" });
    assert.deepEqual(state.timer, { ends_at: null });
    assert.equal(state.workshop.timer_ends_at, null);
    state.apply("timer", { ends_at: "2024-05-01T11:00:00Z" });
    state.apply("phase:changed", { phase: "closed" }); // heard twice: as the ack and as the broadcast
    assert.deepEqual(state.timer, { ends_at: "2024-05-01T11:00:00Z" });
  });

  test("each broadcast type changes its part, and applying it twice changes nothing more", () => {
    const state = new WorkshopState();
    state.replaceWith(snapshot());
    const changes = [
      ["design:created", { design: design("d1") }],
      ["element:added", { element: element("e1") }],
      ["element:updated", { element: element("e1", { version: 2, note: "shade" }) }],
      ["phase:changed", { phase: "voting" }],
      ["timer", { ends_at: "2024-05-01T10:05:00Z" }],
      ["settings:changed", { settings: { show_running_tallies: true } }],
      ["votes:updated", { tallies: { d1: 3 } }],
      ["voters:updated", { voters: ["p1", "p2"] }],
      ["comment:added", { comment: { id: "c1", design_id: "d1", text: "ok" } }],
      ["project:adopted", { project: { id: "pr1", title: "Build", design_id: "d1" } }],
    ];
    for (const [type, data] of changes) state.apply(type, data);
    const once = structuredClone({
      ...state,
      designs: [...state.designs],
      elements: [...state.elements],
      comments: [...state.comments],
      projects: [...state.projects],
    });
    for (const [type, data] of changes) state.apply(type, data);
    assert.deepEqual(
      {
        ...state,
        designs: [...state.designs],
        elements: [...state.elements],
        comments: [...state.comments],
        projects: [...state.projects],
      },
      once,
    );
    assert.equal(state.elements.get("e1").note, "shade");
    assert.equal(state.phase, "voting");
    assert.equal(state.workshop.phase, "voting");
    assert.equal(state.timer.ends_at, "2024-05-01T10:05:00Z");
    assert.equal(state.settings.show_running_tallies, true);
    assert.deepEqual(state.votes.tallies, { d1: 3 });
    assert.deepEqual(state.votes.voters, ["p1", "p2"]);
  });

  test("who has voted is the facilitator's: from their snapshot and `voters:updated`, else null", () => {
    const state = new WorkshopState();
    state.replaceWith(snapshot({ votes: { mine: {}, left: 3, tallies: {}, voters: ["p1"] } }));
    assert.deepEqual(state.votes.voters, ["p1"]);
    state.apply("votes:updated", { tallies: { d1: 1 } });
    assert.deepEqual(state.votes.voters, ["p1"]);
    state.apply("voters:updated", { voters: [] });
    assert.deepEqual(state.votes.voters, []);
    state.replaceWith(snapshot({ votes: { mine: {}, left: 3, tallies: null } }));
    assert.equal(state.votes.voters, null);
  });

  test("an older copy of an element never replaces a newer one", () => {
    const state = new WorkshopState();
    state.putElement(element("e1", { version: 3, kind: "bench" }));
    state.apply("element:updated", { element: element("e1", { version: 2, kind: "tree" }) });
    assert.equal(state.elements.get("e1").kind, "bench");
    state.apply("element:deleted", { id: "e1" });
    assert.equal(state.elements.has("e1"), false);
  });

  test("unknown types and `seq` ticks change nothing", () => {
    const state = new WorkshopState();
    state.replaceWith(snapshot({ elements: [element("e1")] }));
    const before = [...state.elements];
    state.apply("seq", { seq: 5 });
    state.apply("hologram:added", { hologram: {} });
    assert.deepEqual([...state.elements], before);
  });

  test("moderation marks, unmarks and brings back what was hidden", () => {
    const state = new WorkshopState();
    state.replaceWith(snapshot({ elements: [element("e1")] }));
    state.apply("moderated", { target: "element", id: "e1", hidden: true, reason: "off topic" });
    assert.equal(state.elements.get("e1").hidden_reason, "off topic");
    // A later copy without the mark (an update by its author) keeps it hidden.
    state.apply("element:updated", { element: element("e1", { version: 2 }) });
    assert.equal(state.elements.get("e1").hidden, true);
    state.apply("moderated", { target: "element", id: "e1", hidden: false, reason: null });
    assert.equal(state.elements.get("e1").hidden, false);
    // Restored with its data when this client never saw it (it was hidden before we joined).
    state.apply("moderated", { target: "design", id: "d9", hidden: false, reason: null, design: design("d9") });
    assert.equal(state.designs.get("d9").hidden, false);
    state.apply("moderated", { target: "comment", id: "never-seen", hidden: true, reason: "" });
    assert.equal(state.comments.has("never-seen"), false);
  });

  test("a removed participant is marked and leaves the presence list", () => {
    const state = new WorkshopState();
    state.replaceWith(
      snapshot({
        presence: { online: [{ participant_id: "p2", design_id: null }] },
        participants: [{ participant_id: "p2", name: "Bolat" }],
      }),
    );
    state.apply("participant:removed", { participant_id: "p2" });
    assert.equal(state.participants.get("p2").removed, true);
    assert.deepEqual(state.presence, []);
  });

  test("presence arrives without a seq and says whether it changed what is shown", () => {
    const state = new WorkshopState();
    assert.equal(state.applySignal("presence", { online: [{ participant_id: "p1" }] }), true);
    assert.equal(state.presence.length, 1);
    assert.equal(state.applySignal("view", { center: [0, 0] }), false);
  });

  test("my own dots come from the vote ack: one design's count, or all of them", () => {
    const state = new WorkshopState();
    state.replaceWith(snapshot({ votes: { mine: { d1: 1 }, left: 2, tallies: null } }));
    state.applyOwnVotes("d2", { votes_left: 1, mine: 1 });
    assert.deepEqual(state.votes.mine, { d1: 1, d2: 1 });
    assert.equal(state.votes.left, 1);
    state.applyOwnVotes("d1", { votes_left: 2, mine: { d2: 1 } });
    assert.deepEqual(state.votes.mine, { d2: 1 });
    assert.equal(state.votes.left, 2);
  });
});

test("a new join code replaces the old one in the workshop's summary", () => {
  const state = new WorkshopState();
  state.replaceWith(snapshot({ seq: 3, workshop: { id: "w1", title: "Park", join_code: "K7MP4X" } }));
  state.apply("join_code:changed", { join_code: "Q2W3E4", seq: 4 });
  assert.equal(state.workshop.join_code, "Q2W3E4");
  assert.equal(state.workshop.title, "Park");
});
