// The facilitator's console's view-model (static/js/workshop/console/model.js): what each part of the console
// shows for a state, the choices settled against what exists, and the small rules of the page (time is up once,
// a shared view's precision, a design's points, an archive's file name).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  adoptionChoices,
  consoleModel,
  fileSlug,
  mapElements,
  mapKey,
  openDataSwitch,
  phaseConfirmation,
  revealCard,
  sharedView,
  tallyAudienceKey,
  timeUpDue,
} from "../../../static/js/workshop/console/model.js";
import { facilitatorIds, peopleRows, roomSummary } from "../../../static/js/workshop/console/room.js";
import { designPoints } from "../../../static/js/workshop/map/design-fit.js";
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

  test("the timer's card is there until the workshop closes, then gone (nothing left to time)", () => {
    for (const phase of ["setup", "sketching", "voting"]) assert.equal(modelOf(stateOf({ phase })).timerShown, true);
    assert.equal(modelOf(stateOf({ phase: "closed" })).timerShown, false);
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

describe("people and the room", () => {
  const designs = new Map([["d1", SHADE]]);
  const none = new Set();

  test("everyone who joined: from the participants, who is online and the authors; those still in first", () => {
    const participants = new Map([
      ["p3", { participant_id: "p3", name: "Chingiz", removed: true }],
      ["p2", { participant_id: "p2", name: "Bolat" }],
    ]);
    const online = [
      { participant_id: "p2", name: "Bolat", role: "participant", design_id: "d1" },
      { participant_id: "p2", name: "Bolat", role: "participant", design_id: null },
      { participant_id: "p4", name: "", role: "participant", design_id: "gone" },
    ];
    assert.deepEqual(peopleRows({ participants, online, designs, facilitators: none }), [
      { participant_id: "p4", name: "", removed: false, online: true, where: null },
      { participant_id: "p1", name: "Aigerim", removed: false, online: false, where: null },
      { participant_id: "p2", name: "Bolat", removed: false, online: true, where: "Shade" },
      { participant_id: "p3", name: "Chingiz", removed: true, online: false, where: null },
    ]);
  });

  test("the facilitator is never among the people, not even as the author of an example design", () => {
    const example = design("d9", { authors: [["f1", "Facilitator"]], title: "Example: a shady walk" });
    const state = stateOf({ designs: [SHADE, PLAY, example] });
    state.presence = [{ participant_id: "f1", name: "Facilitator", role: "facilitator", design_id: null }];
    const facilitators = facilitatorIds({ you: state.you, participants: state.participants, online: state.presence });
    assert.deepEqual([...facilitators], ["f1"]);
    const model = modelOf(state);
    assert.deepEqual(
      model.people.rows.map((row) => row.name),
      ["Aigerim", "Bolat"],
    );
    assert.equal(model.room.present, 2);
  });

  test("the room: who is here, who has drawn nothing yet, who has not voted, and the dots cast", () => {
    const people = [
      { participant_id: "p1", name: "Aigerim", removed: false, online: true, where: null },
      { participant_id: "p2", name: "", removed: false, online: false, where: null },
      { participant_id: "p3", name: "Chingiz", removed: false, online: true, where: null },
      { participant_id: "p4", name: "Dana", removed: true, online: false, where: null },
    ];
    const elements = new Map([["e1", element("e1", { author_id: "p1" })]]);
    const votes = { mine: {}, left: 3, tallies: { d1: 2, d2: 1 }, voters: ["p1", "p4"] };
    const settings = { votes_per_participant: 3 };
    assert.deepEqual(roomSummary({ people, elements, votes, settings, phase: "sketching" }), {
      present: 3,
      online: 2,
      notDrawn: [null, "Chingiz"],
      notVoted: null,
      dots: null,
    });
    // Voting: drawing is over, what is left to do is voting.
    assert.deepEqual(roomSummary({ people, elements, votes, settings, phase: "voting" }), {
      present: 3,
      online: 2,
      notDrawn: null,
      notVoted: [null, "Chingiz"],
      dots: { cast: 3, of: 9 },
    });
    // Setup: nobody may draw yet; a snapshot that does not say who voted leaves "not voted" out.
    const setup = roomSummary({ people, elements, votes, settings, phase: "setup" });
    assert.equal(setup.notDrawn, null);
    assert.equal(
      roomSummary({ people, elements, votes: { tallies: {}, voters: null }, settings, phase: "closed" }).notVoted,
      null,
    );
  });

  test("who has voted follows the facilitator's snapshot and `voters:updated`", () => {
    const state = stateOf({ phase: "voting", votes: { mine: {}, left: 0, tallies: { d1: 1, d2: 0 }, voters: [] } });
    assert.deepEqual(modelOf(state).room.notVoted, ["Aigerim", "Bolat"]);
    state.apply("voters:updated", { voters: ["p2"] });
    assert.deepEqual(modelOf(state).room.notVoted, ["Aigerim"]);
  });
});

describe("the map: whose element is whose", () => {
  const TREE = element("e1", { design_id: "d1" });
  const BENCH = element("e2", { design_id: "d2", kind: "bench" });

  test("each design's elements are outlined in its colour, and the key names each colour", () => {
    const state = stateOf({ elements: [TREE, BENCH] });
    const model = modelOf(state);
    assert.deepEqual(model.map.outlines, { d1: "#0072B2", d2: "#D55E00" });
    assert.deepEqual(model.mapKey, {
      designs: [
        { id: "d1", title: "Shade", colour: "#0072B2", onMap: true, hidden: false },
        { id: "d2", title: "Play", colour: "#D55E00", onMap: true, hidden: false },
      ],
      allOnMap: true,
    });
    assert.deepEqual([...model.elements.keys()], ["e1", "e2"]);
  });

  test("a design taken off the map leaves it with its elements; one that is gone is let go", () => {
    const state = stateOf({ elements: [TREE, BENCH] });
    const model = modelOf(state, { offMap: ["d2", "gone"] });
    assert.deepEqual(model.offMap, ["d2"]);
    assert.deepEqual([...model.elements.keys()], ["e1"]);
    assert.deepEqual(
      model.mapKey.designs.map((entry) => entry.onMap),
      [true, false],
    );
    assert.equal(model.mapKey.allOnMap, false);
    const view = buildView(state, []);
    assert.equal(mapElements(view, []).elements, view.elements);
    assert.deepEqual(mapKey(view.designs, ["gone"]).offMap, []);
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
    assert.deepEqual(model.map, {
      currentDesignId: null,
      selectedId: "e1",
      highlightAll: true,
      outlines: { d1: "#0072B2", d2: "#D55E00" },
    });
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

  test("the adoption form offers the designs best first (the winner preselected), hidden ones never", () => {
    const EXAMPLE = design("d0", { authors: [["f1", "Facilitator"]], title: "Example", colour_index: 2 });
    const SPAM = { ...design("d3", { title: "Spam" }), hidden: true, hidden_reason: "spam" };
    const state = stateOf({
      phase: "closed",
      designs: [EXAMPLE, SHADE, PLAY, SPAM],
      elements: [element("e1", { design_id: "d2" }), element("e2", { design_id: "d2" })],
      votes: { mine: {}, left: 0, tallies: { d0: 1, d1: 3, d2: 3 } },
      projects: [{ id: "pr1", title: "Shade, phase 1", design_id: "d1" }],
    });
    assert.deepEqual(modelOf(state).adoption, {
      phase: "closed",
      // Each author is asked at adoption how she appears in public.
      designs: [
        {
          id: "d1",
          title: "Shade",
          votes: 3,
          rank: 1,
          elements: 0,
          authors: [{ participant_id: "p1", name: "Aigerim" }],
          adopted: true,
        },
        {
          id: "d2",
          title: "Play",
          votes: 3,
          rank: 1,
          elements: 2,
          authors: [{ participant_id: "p2", name: "Bolat" }],
          adopted: false,
        },
        {
          id: "d0",
          title: "Example",
          votes: 1,
          rank: 3,
          elements: 0,
          authors: [{ participant_id: "f1", name: "Facilitator" }],
          adopted: false,
        },
      ],
    });
    const none = adoptionChoices({ designs: new Map(), tallies: null, counts: new Map(), projects: new Map() });
    assert.deepEqual(none, []);
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

  test("voting, leaving it and closing are asked first; other moves and reopening go ahead", () => {
    assert.deepEqual(phaseConfirmation("sketching", "voting"), { key: "voting", danger: false });
    assert.deepEqual(phaseConfirmation("setup", "voting"), { key: "voting", danger: false });
    assert.deepEqual(phaseConfirmation("voting", "sketching"), { key: "leave_voting", danger: false });
    assert.deepEqual(phaseConfirmation("voting", "setup"), { key: "leave_voting", danger: false });
    assert.deepEqual(phaseConfirmation("voting", "closed"), { key: "close", danger: true });
    assert.deepEqual(phaseConfirmation("sketching", "closed"), { key: "close", danger: true });
    assert.equal(phaseConfirmation("setup", "sketching"), null);
    assert.equal(phaseConfirmation("sketching", "setup"), null);
    assert.equal(phaseConfirmation("voting", "voting"), null);
    assert.equal(phaseConfirmation("closed", "voting"), null, "reopening is its own control");
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
