// The facilitator's console's view-model (static/js/workshop/console/model.js): what each part of the console
// shows for a state, the choices settled against what exists, and the small rules of the page (time is up once,
// a shared view's precision, a design's points, an archive's file name).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  consoleModel,
  designPoints,
  fileSlug,
  openDataSwitch,
  participantRows,
  presenceRows,
  revealCard,
  sharedView,
  tallyAudienceKey,
  timeUpDue,
} from "../../../static/js/workshop/console/model.js";
import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import { buildView } from "../../../static/js/workshop/sync/view.js";
import { design, element, point, snapshot, square } from "./fakes.mjs";

const FACILITATOR = { participant_id: "f1", name: "Facilitator", role: "facilitator" };
const SHADE = design("d1", { authors: [["p1", "Aigerim"]], title: "Shade", colour_index: 0 });
const PLAY = design("d2", { authors: [["p2", "Bolat"]], title: "Play", colour_index: 1 });

function stateOf({ phase = "sketching", settings = {}, votes, designs = [SHADE, PLAY], elements = [], ...rest } = {}) {
  const state = new WorkshopState();
  state.replaceWith(snapshot({ seq: 1, you: FACILITATOR, phase, settings, votes, designs, elements, ...rest }));
  return state;
}

function modelOf(state, ui = {}) {
  return consoleModel({
    state,
    view: buildView(state, []),
    ui: { selectedId: null, openDesignId: null, shownDesignId: null, ...ui },
  });
}

describe("the controls follow the phase", () => {
  test("the facilitator's controls are open until the workshop closes", () => {
    for (const phase of ["setup", "sketching", "voting"]) assert.equal(modelOf(stateOf({ phase })).controlsOpen, true);
    const closed = modelOf(stateOf({ phase: "closed" }));
    assert.equal(closed.controlsOpen, false);
    assert.equal(closed.people.canRemove, false);
    assert.equal(closed.designs.canModerate, false);
  });

  test("the reveal card shows only under private sketching, and says where the reveal stands", () => {
    assert.deepEqual(revealCard({ phase: "sketching", settings: {} }), {
      shown: false,
      statusKey: null,
      buttonShown: false,
      buttonEnabled: false,
    });
    const hiding = revealCard({ phase: "sketching", settings: { private_sketching: true } });
    assert.deepEqual(hiding, { shown: true, statusKey: "reveal.hiding", buttonShown: true, buttonEnabled: true });
    const after = revealCard({ phase: "voting", settings: { private_sketching: true } });
    assert.equal(after.statusKey, "reveal.after_sketching");
    const done = revealCard({ phase: "voting", settings: { private_sketching: true, revealed: true } });
    assert.deepEqual([done.statusKey, done.buttonShown], ["reveal.done", false]);
    assert.equal(revealCard({ phase: "closed", settings: { private_sketching: true } }).buttonEnabled, false);
  });

  test("open data is on unless switched off, and published once closed", () => {
    assert.deepEqual(openDataSwitch({ phase: "voting", settings: {} }), {
      checked: true,
      statusKey: "console.open_data_when_closed",
    });
    assert.equal(openDataSwitch({ phase: "closed", settings: {} }).statusKey, "console.open_data_published");
    assert.deepEqual(openDataSwitch({ phase: "closed", settings: { open_data: false } }), {
      checked: false,
      statusKey: "console.open_data_off",
    });
  });

  test("the tallies are everyone's once closed or with running tallies on, else only the facilitator's", () => {
    assert.equal(tallyAudienceKey({ phase: "voting", settings: {} }), "tally.only_you");
    assert.equal(
      tallyAudienceKey({ phase: "voting", settings: { show_running_tallies: true } }),
      "tally.everyone_sees",
    );
    assert.equal(tallyAudienceKey({ phase: "closed", settings: {} }), "tally.everyone_sees");
  });
});

describe("people", () => {
  const designs = new Map([["d1", SHADE]]);

  test("who is online: each participant once, with the design they are on, facilitators' screens left out", () => {
    const online = [
      { participant_id: "p1", name: "Aigerim", role: "participant", design_id: "d1" },
      { participant_id: "p1", name: "Aigerim", role: "participant", design_id: "d1" },
      { participant_id: "p2", name: "", role: "participant", design_id: "gone" },
      { participant_id: "f1", name: "Facilitator", role: "facilitator" },
    ];
    assert.deepEqual(presenceRows(online, designs), [
      { name: "Aigerim", where: "Shade" },
      { name: null, where: null },
    ]);
  });

  test("everyone who joined: from the participants, who is online and the authors; those still in first", () => {
    const participants = new Map([
      ["p3", { participant_id: "p3", name: "Chingiz", removed: true }],
      ["p2", { participant_id: "p2", name: "Bolat" }],
    ]);
    const online = [{ participant_id: "p2", name: "Bolat", role: "participant" }];
    assert.deepEqual(participantRows(participants, online, designs), [
      { participant_id: "p1", name: "Aigerim", removed: false, online: false },
      { participant_id: "p2", name: "Bolat", removed: false, online: true },
      { participant_id: "p3", name: "Chingiz", removed: true, online: false },
    ]);
  });
});

describe("the choices and the panels", () => {
  const TREE = element("e1", { design_id: "d1", author_id: "p1", geometry: point(), measure: { count: 1 } });
  const LAWN = element("e2", { design_id: "d2", kind: "lawn", author_id: "p9", geometry: square(), measure: null });

  test("an element's panel: read only, its author's name, its comments, the measure the server gave", () => {
    const state = stateOf({
      elements: [TREE],
      comments: [
        { id: "c1", element_id: "e1", design_id: "d1", text: "Oak?", author_id: "p2" },
        { id: "c2", design_id: "d1", text: "Nice", author_id: "p2" },
      ],
    });
    const model = modelOf(state, { selectedId: "e1" });
    const panel = model.elementPanel;
    assert.equal(model.selectedId, "e1");
    assert.equal(panel.element.id, "e1");
    assert.equal(panel.design.id, "d1");
    assert.equal(panel.authorName, "Aigerim");
    assert.deepEqual(panel.measure, { count: 1 });
    assert.deepEqual(
      [panel.canEdit, panel.canModerate, panel.canComment, panel.closedKey, panel.meId],
      [false, true, true, null, "f1"],
    );
    assert.deepEqual(
      panel.comments.map((comment) => comment.id),
      ["c1"],
    );
    assert.deepEqual(model.map, { currentDesignId: null, selectedId: "e1", highlightAll: true });
  });

  test("an element nobody authored here is someone's, and one the server did not measure is measured here", () => {
    const panel = modelOf(stateOf({ elements: [LAWN] }), { selectedId: "e2" }).elementPanel;
    assert.equal(panel.authorName, null);
    assert.ok(panel.measure.area_m2 > 0);
  });

  test("a closed workshop takes no more comments and says why", () => {
    const panel = modelOf(stateOf({ phase: "closed", elements: [TREE] }), { selectedId: "e1" }).elementPanel;
    assert.deepEqual([panel.canComment, panel.closedKey], [false, "comments.closed_closed"]);
  });

  test("a design's panel: its size, its tally when there is one, whether it is the one shown", () => {
    const state = stateOf({ phase: "voting", elements: [TREE], votes: { tallies: { d1: 4, d2: 0 } } });
    const model = modelOf(state, { openDesignId: "d1", shownDesignId: "d1" });
    const { design: shown, ...panel } = model.designPanel;
    assert.equal(shown.id, "d1");
    assert.deepEqual(panel, {
      elementCount: 1,
      tally: 4,
      vote: null,
      isCurrent: true,
      canModerate: true,
      comments: [],
      canComment: true,
      closedKey: null,
      meId: "f1",
    });
    assert.equal(modelOf(stateOf(), { openDesignId: "d1" }).designPanel.tally, null);
  });

  test("choices of things that are gone are let go", () => {
    const model = modelOf(stateOf(), { selectedId: "gone", openDesignId: "gone", shownDesignId: "gone" });
    assert.deepEqual([model.selectedId, model.openDesignId, model.shownDesignId], [null, null, null]);
    assert.deepEqual([model.elementPanel, model.designPanel], [null, null]);
    assert.equal(model.designs.shownId, null);
  });

  test("the adoption panel draws from the phase and each design's id, title, authors and whether it is hidden", () => {
    const state = stateOf({ phase: "closed", designs: [SHADE, { ...PLAY, hidden: true, hidden_reason: "spam" }] });
    assert.deepEqual(modelOf(state).adoption, {
      phase: "closed",
      // Each author is asked at adoption how she appears in public.
      designs: [
        { id: "d1", title: "Shade", hidden: false, authors: [{ participant_id: "p1", name: "Aigerim" }] },
        { id: "d2", title: "Play", hidden: true, authors: [{ participant_id: "p2", name: "Bolat" }] },
      ],
    });
  });
});

describe("the page's small rules", () => {
  test("time is up once per countdown, and only for the one running now", () => {
    const end = "2027-05-01T10:00:00Z";
    assert.equal(timeUpDue(end, { runningEndsAt: end, saidFor: null }), true);
    assert.equal(timeUpDue(end, { runningEndsAt: end, saidFor: end }), false, "said already");
    assert.equal(timeUpDue(end, { runningEndsAt: "2027-05-01T10:05:00Z", saidFor: null }), false, "a new countdown");
    assert.equal(timeUpDue(null, { runningEndsAt: null, saidFor: null }), false);
  });

  test("a shared view sends its centre as [lon, lat] to 7 decimals", () => {
    assert.deepEqual(sharedView({ lng: 76.123456789, lat: 43.987654321 }, 17), {
      center: [76.1234568, 43.9876543],
      zoom: 17,
    });
  });

  test("a design's points are the vertices of its elements, as [lat, lon]", () => {
    const elements = new Map([
      ["e1", element("e1", { design_id: "d1", geometry: point(76.9, 43.2) })],
      ["e2", element("e2", { design_id: "d2", geometry: point(1, 2) })],
    ]);
    assert.deepEqual(designPoints(elements, "d1"), [[43.2, 76.9]]);
    assert.deepEqual(designPoints(elements, "d3"), []);
  });

  test("an archive's file name keeps letters and digits of any script", () => {
    assert.equal(fileSlug("Жасыл аула: 2027!"), "жасыл-аула-2027");
    assert.equal(fileSlug("???"), "workshop");
    assert.equal(fileSlug(""), "workshop");
    assert.equal(fileSlug("a".repeat(80)).length, 60);
  });
});
