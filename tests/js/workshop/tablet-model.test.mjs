// The live map's view-model (static/js/workshop/tablet/model.js): which controls are offered, who may draw and vote,
// the design shown, undo, the panels, and what a conflict or a deletion by someone else does to the screen.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import { buildView } from "../../../static/js/workshop/sync/view.js";
import {
  phaseAnnouncement,
  settleDesign,
  voteOptions,
  workshopModel,
} from "../../../static/js/workshop/tablet/model.js";
import { design, element, fakeEngine, settle, snapshot, square } from "./fakes.mjs";

const AIGERIM = { participant_id: "p1", name: "Aigerim", role: "participant" };
const FACILITATOR = { participant_id: "f1", name: "Facilitator", role: "facilitator" };
const HERS = design("d1", { authors: [["p1", "Aigerim"]], title: "Shade" });
const HIS = design("d2", { authors: [["p2", "Bolat"]], title: "Play" });

function stateOf({
  you = AIGERIM,
  phase = "sketching",
  settings = {},
  votes,
  designs = [HERS, HIS],
  elements = [],
  comments = [],
  seq = 1,
} = {}) {
  const state = new WorkshopState();
  state.replaceWith(snapshot({ seq, you, phase, settings, votes, designs, elements, comments }));
  return state;
}

function modelOf(state, ui = {}, ops = []) {
  return workshopModel({
    state,
    view: buildView(state, ops),
    identity: {},
    ui: {
      currentDesignId: "d1",
      selectedId: null,
      openDesignId: null,
      shownPhase: state.phase,
      votingBusy: new Set(),
      editing: false,
      drawingKind: null,
      canUndo: false,
      ...ui,
    },
  });
}

describe("drawing", () => {
  test("an author may draw in their design while sketching, with the kinds on offer", () => {
    const model = modelOf(stateOf({ settings: { palette: ["tree", "bench"] } }));
    assert.deepEqual(model.palette, {
      offered: ["tree", "bench"],
      enabled: true,
      reason: null,
      hintKey: "phase.sketching.hint",
    });
    assert.equal(model.readonly, false);
    assert.equal(model.designBar.canCreate, true);
  });

  test("someone else's design: not mine to draw in, join it instead", () => {
    const model = modelOf(stateOf(), { currentDesignId: "d2" });
    assert.equal(model.palette.enabled, false);
    assert.equal(model.palette.reason, "not-author");
  });

  test("no design yet: start one", () => {
    const model = modelOf(stateOf({ designs: [] }), { currentDesignId: null });
    assert.equal(model.palette.reason, "no-design");
    assert.equal(model.currentDesignId, null);
    assert.deepEqual(model.start, { mode: "start", offers: [], more: 0, canJoin: true });
  });
});

describe("the first screen", () => {
  const NEWCOMER = { participant_id: "p9", name: "Dana", role: "participant" };
  const EXAMPLE = design("d3", { authors: [["f1", "Facilitator"]], title: "Example" });

  test("a newcomer is in nobody's design: start your own (the one + New design), or join one of the newest two", () => {
    const state = stateOf({
      you: NEWCOMER,
      designs: [HERS, HIS, EXAMPLE],
      elements: [element("e1", { design_id: "d3" })],
    });
    const model = modelOf(state, { currentDesignId: null });
    assert.equal(model.currentDesignId, null);
    assert.equal(model.palette.enabled, false);
    assert.equal(model.start.mode, "start");
    assert.deepEqual(
      model.start.offers.map(({ design: offered, names, count }) => [offered.id, names, count]),
      [
        ["d3", "Facilitator", 1],
        ["d2", "Bolat", 0],
      ],
    );
    assert.equal(model.start.more, 1, "the third is in the list of designs");
    assert.equal(model.designBar.offersCreate, false, "one button to start, on the first screen");
    assert.equal(model.designBar.canCreate, true);
  });

  test("looking at someone else's design: join that one", () => {
    const model = modelOf(stateOf({ you: NEWCOMER, designs: [HERS, EXAMPLE] }), { currentDesignId: "d1" });
    assert.deepEqual(
      model.start.offers.map((offer) => offer.design.id),
      ["d1"],
    );
    assert.equal(model.start.more, 1);
  });

  test("with a design of my own, looking at another's: join it, or back to mine", () => {
    const model = modelOf(stateOf(), { currentDesignId: "d2" });
    assert.equal(model.start.mode, "other");
    assert.equal(model.start.shown.design.id, "d2");
    assert.equal(model.start.mine.id, "d1");
    assert.equal(model.designBar.offersCreate, true);
  });

  test("nothing to choose in my own design, while nobody sketches, or for the facilitator among designs", () => {
    assert.equal(modelOf(stateOf()).start, null);
    assert.equal(modelOf(stateOf({ you: NEWCOMER, phase: "voting" }), { currentDesignId: null }).start, null);
    assert.equal(modelOf(stateOf({ you: FACILITATOR }), { currentDesignId: null }).start, null);
    assert.deepEqual(modelOf(stateOf({ you: FACILITATOR, designs: [] }), { currentDesignId: null }).start, {
      mode: "start",
      offers: [],
      more: 0,
      canJoin: false,
    });
  });

  test("the facilitator may draw in any design, also in setup; nobody may while voting or closed", () => {
    assert.equal(
      modelOf(stateOf({ you: FACILITATOR, phase: "setup" }), { currentDesignId: "d2" }).palette.enabled,
      true,
    );
    assert.equal(modelOf(stateOf({ phase: "setup" })).palette.reason, "phase");
    for (const phase of ["voting", "closed"]) {
      for (const you of [AIGERIM, FACILITATOR]) {
        const model = modelOf(stateOf({ you, phase }));
        assert.deepEqual(
          [model.palette.enabled, model.palette.reason, model.readonly],
          [false, "phase", true],
          `${you.role} ${phase}`,
        );
      }
    }
  });

  test("the pen goes down when drawing stops being allowed, or the kind is taken off the palette", () => {
    assert.equal(modelOf(stateOf(), { drawingKind: "tree" }).stopDrawing, false);
    assert.equal(modelOf(stateOf({ phase: "voting" }), { drawingKind: "tree" }).stopDrawing, true);
    assert.equal(modelOf(stateOf({ settings: { palette: ["bench"] } }), { drawingKind: "tree" }).stopDrawing, true);
    assert.equal(modelOf(stateOf(), { drawingKind: "tree", currentDesignId: "d2" }).stopDrawing, true);
  });

  test("a reshape in progress ends when the phase stops sketching", () => {
    assert.equal(modelOf(stateOf(), { editing: true }).stopEditing, false);
    assert.equal(modelOf(stateOf({ phase: "voting" }), { editing: true }).stopEditing, true);
  });

  test("undo works only with something to undo, in a phase that lets me sketch", () => {
    assert.equal(modelOf(stateOf(), { canUndo: true }).undoEnabled, true);
    assert.equal(modelOf(stateOf(), { canUndo: false }).undoEnabled, false);
    assert.equal(modelOf(stateOf({ phase: "voting" }), { canUndo: true }).undoEnabled, false);
  });
});

describe("voting", () => {
  const votingState = (extra = {}) =>
    stateOf({ phase: "voting", votes: { mine: { d2: 1 }, left: 2, tallies: null }, ...extra });

  test("participants get a vote control per design while voting; none outside voting", () => {
    const model = modelOf(votingState());
    assert.deepEqual([...model.designBar.votes.keys()], ["d1", "d2"]);
    assert.deepEqual(model.designBar.votes.get("d2"), {
      mine: 1,
      canAdd: false,
      canRemove: true,
      reason: "vote.max_reached",
      busy: false,
    });
    assert.deepEqual(model.phaseBar.voting.vote, {
      mine: 0,
      canAdd: true,
      canRemove: false,
      reason: null,
      busy: false,
    });
    assert.equal(modelOf(stateOf()).designBar.votes, null);
    assert.equal(modelOf(stateOf()).phaseBar.voting, null);
  });

  test("the facilitator runs the vote and has no dots", () => {
    const model = modelOf(votingState({ you: FACILITATOR }));
    assert.equal(model.designBar.votes, null);
    assert.equal(model.phaseBar.voting, null);
    assert.equal(model.phaseBar.showDone, false);
    assert.equal(model.consoleLink, true);
  });

  test("own designs take no dots when the facilitator says so", () => {
    const model = modelOf(votingState({ settings: { authors_may_vote_own: false } }));
    assert.equal(model.designBar.votes.get("d1").reason, "vote.own_not_allowed");
    assert.equal(model.designBar.votes.get("d2").reason, "vote.max_reached");
  });

  test("no dots left: + is off everywhere, − still takes one back", () => {
    const model = modelOf(
      votingState({ votes: { mine: { d2: 1 }, left: 0, tallies: null }, settings: { max_votes_per_design: 3 } }),
    );
    assert.deepEqual([model.designBar.votes.get("d1").canAdd, model.designBar.votes.get("d2").canAdd], [false, false]);
    assert.equal(model.designBar.votes.get("d2").reason, "vote.none_left");
    assert.equal(model.designBar.votes.get("d2").canRemove, true);
  });

  test("a design with a vote on the wire is busy", () => {
    const model = modelOf(votingState(), { votingBusy: new Set(["d2"]) });
    assert.equal(model.designBar.votes.get("d2").busy, true);
    assert.equal(model.designBar.votes.get("d1").busy, false);
  });

  test("voteOptions: the per-design cap defaults to the server's default", () => {
    assert.deepEqual(voteOptions({ mine: 1, left: 5, settings: {}, isOwn: false }), {
      canAdd: false,
      canRemove: true,
      reason: "vote.max_reached",
    });
    assert.equal(voteOptions({ mine: 1, left: null, settings: { max_votes_per_design: 2 }, isOwn: true }).canAdd, true);
  });

  test("tallies show in the open design's panel only when the server sends them", () => {
    const hidden = modelOf(votingState(), { openDesignId: "d2" });
    assert.equal(hidden.designPanel.tally, null);
    const shown = modelOf(votingState({ votes: { mine: {}, left: 3, tallies: { d2: 4 } } }), { openDesignId: "d2" });
    assert.equal(shown.designPanel.tally, 4);
    assert.equal(shown.designPanel.vote.canAdd, true);
  });
});

describe("the design shown", () => {
  test("the chosen one if it exists, else the last of mine; a newcomer is put in nobody's, the facilitator in the newest", () => {
    const designs = new Map([
      [HERS.id, HERS],
      [HIS.id, HIS],
    ]);
    assert.equal(settleDesign(designs, "d2", { loaded: true, me: AIGERIM }), "d2");
    assert.equal(settleDesign(designs, "gone", { loaded: true, me: AIGERIM }), "d1");
    assert.equal(
      settleDesign(designs, null, { loaded: true, me: { participant_id: "p9", role: "participant" } }),
      null,
    );
    assert.equal(settleDesign(designs, null, { loaded: true, me: FACILITATOR }), "d2");
    assert.equal(settleDesign(new Map(), "gone", { loaded: true, me: AIGERIM }), null);
  });

  test("before the first snapshot a remembered choice waits to be known", () => {
    assert.equal(settleDesign(new Map(), "remembered", { loaded: false, me: AIGERIM }), "remembered");
  });

  test("a design I just started (not confirmed yet) is shown and mine to draw in", () => {
    const state = stateOf({ designs: [HIS] });
    const model = modelOf(state, { currentDesignId: "new" }, [
      { op_id: "o1", event: "design:create", payload: { id: "new", title: "Mine" }, status: "queued" },
    ]);
    assert.equal(model.currentDesignId, "new");
    assert.equal(model.current.pending, true);
    assert.equal(model.palette.enabled, true);
  });
});

describe("phase changes", () => {
  test("said once, not for the phase the page opened in; voting opens the list for voters and shows the site", () => {
    assert.deepEqual(phaseAnnouncement({ shownPhase: null, phase: "sketching", loaded: true, role: "participant" }), {
      shownPhase: "sketching",
      announce: null,
    });
    assert.deepEqual(
      phaseAnnouncement({ shownPhase: "sketching", phase: "sketching", loaded: true, role: "participant" }).announce,
      null,
    );
    assert.deepEqual(
      phaseAnnouncement({ shownPhase: "sketching", phase: "voting", loaded: true, role: "participant" }).announce,
      { phase: "voting", openList: true, fitSite: true },
    );
    assert.deepEqual(
      phaseAnnouncement({ shownPhase: "sketching", phase: "voting", loaded: true, role: "facilitator" }).announce,
      { phase: "voting", openList: false, fitSite: true },
    );
    // Back to sketching: the map stays where each person has it.
    assert.deepEqual(
      phaseAnnouncement({ shownPhase: "voting", phase: "sketching", loaded: true, role: "participant" }).announce,
      { phase: "sketching", openList: false, fitSite: false },
    );
    assert.deepEqual(
      phaseAnnouncement({ shownPhase: "sketching", phase: "voting", loaded: false, role: "participant" }).announce,
      null,
    );
  });

  test("the list that voting opens takes the place of an open design panel and of an element's panel", () => {
    const state = stateOf({
      phase: "voting",
      votes: { mine: {}, left: 3, tallies: null },
      elements: [element("e1", { design_id: "d1", author_id: "p1", measure: {} })],
    });
    const model = modelOf(state, { shownPhase: "sketching", openDesignId: "d2", selectedId: "e1" });
    assert.equal(model.announce.openList, true);
    assert.deepEqual(
      [model.openDesignId, model.designPanel, model.selectedId, model.elementPanel],
      [null, null, null, null],
    );
  });
});

describe("the selected element's panel", () => {
  const tree = element("e1", { design_id: "d1", author_id: "p1", measure: {} });
  const area = element("e2", {
    design_id: "d2",
    kind: "plaza",
    geometry: square(),
    author_id: "p2",
    measure: { area_m2: 8800 },
  });

  test("authors get the edit buttons; others see the element and its comments", () => {
    const state = stateOf({
      elements: [tree, area],
      comments: [
        { id: "c1", design_id: "d2", element_id: "e2", text: "big" },
        { id: "c2", design_id: "d2", element_id: null, text: "on the design" },
      ],
    });
    const mine = modelOf(state, { selectedId: "e1" }).elementPanel;
    assert.equal(mine.canEdit, true);
    assert.deepEqual(mine.author, { you: true, name: "Aigerim" });
    const his = modelOf(state, { selectedId: "e2" }).elementPanel;
    assert.equal(his.canEdit, false);
    assert.deepEqual(his.author, { known: true, name: "Bolat" });
    assert.deepEqual(his.measure, { area_m2: 8800 });
    assert.deepEqual(
      his.comments.map((comment) => comment.id),
      ["c1"],
    );
    assert.equal(his.canModerate, false);
  });

  test("the facilitator may moderate until closed; comments close with the phase, saying why", () => {
    const state = stateOf({ you: FACILITATOR, phase: "closed", elements: [tree] });
    const panel = modelOf(state, { selectedId: "e1" }).elementPanel;
    assert.deepEqual([panel.canModerate, panel.canComment, panel.closedKey], [false, false, "comments.closed_closed"]);
    const voting = modelOf(stateOf({ you: FACILITATOR, phase: "voting", elements: [tree] }), {
      selectedId: "e1",
    }).elementPanel;
    assert.deepEqual(
      [voting.canModerate, voting.canEdit, voting.canComment, voting.closedKey],
      [true, false, true, null],
    );
  });

  test("a shape not confirmed yet is measured on the device", () => {
    const state = stateOf({ elements: [area] });
    const reshaped = square(76.9, 43.2, 0.002);
    const model = modelOf(state, { selectedId: "e2" }, [
      {
        op_id: "o1",
        event: "element:update",
        payload: { id: "e2", base_version: 1, geometry: reshaped },
        status: "queued",
      },
    ]);
    assert.ok(model.elementPanel.measure.area_m2 > 8800 * 3, "about four times the area");
  });

  test("the panel makes way while reshaping, and the selection is kept", () => {
    const model = modelOf(stateOf({ elements: [tree] }), { selectedId: "e1", editing: true });
    assert.equal(model.elementPanel, null);
    assert.equal(model.selectedId, "e1");
  });

  test("an element deleted by someone else closes its panel and clears the selection", () => {
    const state = stateOf({ elements: [tree] });
    state.apply("element:deleted", { id: "e1" });
    const model = modelOf(state, { selectedId: "e1" });
    assert.equal(model.elementPanel, null);
    assert.equal(model.selectedId, null);
  });

  test("a design that is gone closes its panel once the state is loaded", () => {
    assert.equal(modelOf(stateOf(), { openDesignId: "gone" }).openDesignId, null);
    const loading = new WorkshopState();
    const model = workshopModel({
      state: loading,
      view: buildView(loading, []),
      identity: AIGERIM,
      ui: { openDesignId: "remembered", votingBusy: new Set() },
    });
    assert.equal(model.openDesignId, "remembered");
  });
});

describe("conflicts", () => {
  test("someone else's change wins: the panel shows theirs, confirmed, with the server's measure", async () => {
    const { engine, transport } = fakeEngine();
    const plaza = element("e1", {
      design_id: "d1",
      kind: "plaza",
      geometry: square(),
      measure: { area_m2: 8800 },
      version: 1,
    });
    transport.connect(snapshot({ seq: 1, you: AIGERIM, designs: [HERS], elements: [plaza] }));
    const ui = {
      currentDesignId: "d1",
      selectedId: "e1",
      openDesignId: null,
      shownPhase: "sketching",
      votingBusy: new Set(),
      editing: false,
      drawingKind: null,
      canUndo: true,
    };
    const model = () => workshopModel({ state: engine.state, view: engine.view(), identity: {}, ui });

    engine.submit("element:update", { id: "e1", base_version: 1, kind: "water" });
    assert.equal(model().elementPanel.element.kind, "water");
    assert.equal(model().elementPanel.element.pending, true);

    const theirs = { ...plaza, kind: "green_area", version: 2, measure: { area_m2: 8801 } };
    transport.answer({ ok: false, error: { code: "conflict" }, element: theirs });
    await settle();
    const after = model().elementPanel;
    assert.equal(after.element.kind, "green_area");
    assert.equal(after.element.pending, undefined);
    assert.deepEqual(after.measure, { area_m2: 8801 });
    assert.equal(after.canEdit, true, "still mine to change again");
  });

  test("my design hidden by the facilitator meanwhile: it leaves my screen, which offers to start again or join", () => {
    const state = stateOf();
    state.apply("moderated", { target: "design", id: "d1", hidden: true, reason: "" });
    const model = modelOf(state, { currentDesignId: "d1", openDesignId: "d1" });
    assert.equal(model.currentDesignId, null);
    assert.equal(model.openDesignId, null);
    assert.equal(model.palette.reason, "no-design");
    assert.deepEqual(
      model.start.offers.map((offer) => offer.design.id),
      ["d2"],
    );
  });
});

test("claims are offered to participants only", () => {
  assert.ok(modelOf(stateOf()).claims);
  assert.equal(modelOf(stateOf({ you: FACILITATOR })).claims, null);
});

describe("comments on a design", () => {
  const tree = element("e1", { design_id: "d1", kind: "tree", author_id: "p1" });
  const comments = [
    { id: "c1", design_id: "d1", element_id: "e1", author_id: "p2", text: "Keep the oak" },
    { id: "c2", design_id: "d1", element_id: null, author_id: "p2", text: "Lovely" },
    { id: "c3", design_id: "d1", element_id: null, author_id: "p1", text: "Thanks" },
    { id: "c4", design_id: "d2", element_id: null, author_id: "p3", text: "On his" },
  ];

  test("its panel lists those on it and on its elements, and the list counts them all", () => {
    const model = modelOf(stateOf({ elements: [tree], comments }), { openDesignId: "d1" });
    assert.deepEqual(
      model.designPanel.comments.map(({ id, on_kind }) => [id, on_kind]),
      [
        ["c1", "tree"],
        ["c2", undefined],
        ["c3", undefined],
      ],
    );
    assert.equal(model.designBar.commentCounts.get("d1"), 3);
  });

  test("others' comments on my designs are marked until a panel shows them, and stay seen", () => {
    const state = stateOf({ elements: [tree], comments });
    const fresh = modelOf(state, { seenComments: new Set() });
    // Mine (c3) and those on designs I do not author (c4) are no news to me.
    assert.deepEqual([...fresh.designBar.unread], [["d1", 2]]);
    assert.equal(fresh.designBar.unreadTotal, 2);
    const treeOpen = modelOf(state, { selectedId: "e1", seenComments: fresh.seenComments });
    assert.deepEqual([...treeOpen.designBar.unread], [["d1", 1]], "the tree's panel showed c1");
    const designOpen = modelOf(state, { openDesignId: "d1", seenComments: treeOpen.seenComments });
    assert.equal(designOpen.designBar.unreadTotal, 0);
    const later = modelOf(state, { seenComments: designOpen.seenComments });
    assert.equal(later.designBar.unreadTotal, 0, "closing the panel keeps them seen");
    assert.deepEqual([...later.seenComments].sort(), ["c1", "c2", "c3"]);
  });
});
