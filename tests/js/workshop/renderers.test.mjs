// The live map's and the console's renderers redraw for every input they show, and only then. Each renderer gets
// a realistic view, then every small change of it (tests/js/shared/changes.mjs): a renderer that already drew the
// view must show exactly what a new renderer shows for the changed view. A renderer whose redraw decision left out
// one of its inputs (a hand-built key) shows the old text, colour or button, and fails here. Drawing the same view
// again must rebuild nothing: a rebuild under a finger swallows the tap.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { changes } from "../shared/changes.mjs";
import { container, installFakeDocument, shown } from "../shared/fake-dom.mjs";

installFakeDocument("en");
const { CommentThread } = await import("../../../static/js/workshop/ui/comment-thread.js");
const { DesignPanel } = await import("../../../static/js/workshop/ui/design-panel.js");
const { ElementPanel } = await import("../../../static/js/workshop/ui/element-panel.js");
const { PhaseBar } = await import("../../../static/js/workshop/ui/phase-bar.js");
const { TallyList } = await import("../../../static/js/workshop/ui/tally-list.js");
const { DesignBar } = await import("../../../static/js/workshop/tablet/design-bar.js");
const { StartCard } = await import("../../../static/js/workshop/tablet/start-card.js");
const { ConsoleDesigns } = await import("../../../static/js/workshop/console/console-designs.js");
const { PeopleList, RoomSummary } = await import("../../../static/js/workshop/console/people-list.js");
const { MapKey } = await import("../../../static/js/workshop/console/map-key.js");

const noop = () => {};
const SHADE = {
  id: "d1",
  title: "Shade",
  colour_index: 0,
  authors: [{ participant_id: "p1", name: "Aigerim" }],
  hidden: false,
  pending: false,
};
const LAWN = { id: "d2", title: "Lawn", colour_index: 1, authors: [], hidden: true, hidden_reason: "Off topic" };
const designs = () =>
  new Map([
    ["d1", SHADE],
    ["d2", LAWN],
  ]);
const COMMENTS = [
  { id: "c1", text: "More trees", author_id: "p2", author_name: "Bolat", created_at: "2027-05-01T10:00:00Z" },
  {
    id: "c2",
    text: "Agreed",
    author_id: "p1",
    author_name: "Aigerim",
    created_at: "2027-05-01T10:05:00Z",
    pending: true,
  },
  { id: "c3", text: "Spam", author_id: "p3", author_name: "", hidden: true, hidden_reason: "Ads" },
  { id: "c4", text: "Keep it", author_id: "p2", author_name: "Bolat", element_id: "e1", on_kind: "tree" },
];
const VOTE = { mine: 1, canAdd: true, canRemove: true, reason: null, busy: false };
const TREE = {
  id: "e1",
  design_id: "d1",
  kind: "tree",
  geometry: { type: "Point", coordinates: [76.95, 43.26] },
  note: "By the pond",
  props: { species: "Oak", count: 3 },
  version: 2,
  author_id: "p1",
  pending: false,
  hidden: false,
  design_hidden: false,
};

/** Every element of a tree, in order, to see whether a second draw rebuilt any (text may be set again). */
function nodesOf(node) {
  return node.nodeType === 1 ? [node, ...node.childNodes.flatMap(nodesOf)] : [];
}

/**
 * make() → {render(view), show(): the text form of what it shows, root}. For each change of `view`: a renderer
 * that drew `view` and then the change shows what a new renderer shows for the change.
 */
function showsEveryChange(make, view) {
  const fresh = (input) => {
    const renderer = make();
    renderer.render(input);
    return renderer.show();
  };
  const before = fresh(view);
  let seen = 0;
  let tried = 0;
  for (const [path, changed] of changes(view)) {
    const expected = fresh(changed);
    const renderer = make();
    renderer.render(view);
    renderer.render(changed);
    assert.equal(renderer.show(), expected, `after a change of ${path.join(".")} it still shows the old view`);
    tried += 1;
    if (expected !== before) seen += 1;
  }
  assert.ok(seen > 0, "no change was visible: the view is not what this renderer draws");

  const renderer = make();
  renderer.render(view);
  const nodes = nodesOf(renderer.root);
  renderer.render(structuredClone(view));
  assert.equal(renderer.show(), before);
  const again = nodesOf(renderer.root);
  assert.ok(
    again.length === nodes.length && again.every((node, index) => node === nodes[index]),
    "the same view again rebuilt something",
  );
  return { tried, seen };
}

describe("every renderer redraws for each of its inputs, and only then", () => {
  test("the tallies", () => {
    showsEveryChange(
      () => {
        const root = container("div");
        const list = new TallyList(root);
        return { root, render: (view) => list.render(view), show: () => shown(root) };
      },
      { designs: designs(), tallies: { d1: 4, d2: 1 } },
    );
  });

  test("the console's list of designs", () => {
    showsEveryChange(
      () => {
        const root = container("div");
        const list = new ConsoleDesigns(root, { onShow: noop, onOpen: noop, onModerate: noop });
        return { root, render: (view) => list.render(view), show: () => shown(root) };
      },
      {
        designs: designs(),
        counts: new Map([
          ["d1", 3],
          ["d2", 1],
        ]),
        commentCounts: new Map([["d1", 2]]),
        tallies: { d1: 4, d2: 1 },
        shownId: "d1",
        canModerate: true,
      },
    );
  });

  test("the phase bar", () => {
    showsEveryChange(
      () => {
        const root = container("div");
        const bar = new PhaseBar(root, { resultsUrl: "/r", onShowDesigns: noop, onVote: noop, onDone: noop });
        return { root, render: (view) => bar.render(view), show: () => shown(root) };
      },
      {
        phase: "voting",
        role: "participant",
        privateActive: false,
        showDone: true,
        voting: { left: 3, design: SHADE, vote: VOTE },
      },
    );
  });

  test("a comment thread", () => {
    showsEveryChange(
      () => {
        const thread = new CommentThread({ onAdd: () => true, onModerate: noop });
        return { root: thread.root, render: (view) => thread.update(view), show: () => shown(thread.root) };
      },
      { comments: COMMENTS, canComment: true, closedText: "Closed", canModerate: true, meId: "p1" },
    );
  });

  test("the design panel", () => {
    showsEveryChange(
      () => {
        const root = container("div");
        const panel = new DesignPanel(root, { onClose: noop, onShow: noop, onVote: noop, onComment: () => true });
        return { root, render: ({ design, details }) => panel.show(design, details), show: () => shown(root) };
      },
      {
        design: SHADE,
        details: {
          elementCount: 3,
          tally: 4,
          vote: VOTE,
          isCurrent: false,
          canModerate: true,
          comments: COMMENTS,
          canComment: true,
          closedText: "",
          meId: "p2",
        },
      },
    );
  });

  for (const canEdit of [false, true]) {
    test(`the element panel, ${canEdit ? "with" : "without"} the right to edit`, () => {
      showsEveryChange(
        () => {
          const root = container("div");
          const hooks = { onClose: noop, onEditShape: noop, onEditNote: noop, onChangeKind: noop, onDelete: noop };
          const panel = new ElementPanel(root, { ...hooks, onProps: noop, onModerate: noop, onComment: () => true });
          return { root, render: ({ element, details }) => panel.show(element, details), show: () => shown(root) };
        },
        {
          element: TREE,
          details: {
            design: SHADE,
            authorName: "Aigerim",
            measureText: "",
            canEdit,
            canModerate: !canEdit,
            comments: COMMENTS,
            canComment: true,
            closedText: "",
            meId: "p1",
            offered: ["tree", "bench"],
            invite: true,
            saved: { field: "count", state: "saved" },
          },
        },
      );
    });
  }

  test("the design bar and its list", () => {
    showsEveryChange(
      () => {
        const bar = container("div");
        const list = container("div", "design-list");
        list.hidden = true;
        const designBar = new DesignBar(
          { bar, list },
          { onCreate: noop, onSwitch: noop, onJoin: noop, onOpen: noop, onVote: noop },
        );
        const root = container("div");
        root.append(bar, list);
        const render = (view) => {
          designBar.render(view);
          if (list.hidden) designBar.openList();
        };
        return { root, render, show: () => shown(root) };
      },
      {
        designs: designs(),
        currentId: "d1",
        me: { participant_id: "p2", name: "Bolat", role: "participant" },
        counts: new Map([
          ["d1", 3],
          ["d2", 1],
        ]),
        canCreate: true,
        offersCreate: true,
        votes: new Map([
          ["d1", VOTE],
          ["d2", { ...VOTE, mine: 0, canRemove: false }],
        ]),
        votesLeft: 2,
        tallies: { d1: 4, d2: 1 },
        commentCounts: new Map([["d1", 2]]),
        unread: new Map([["d1", 1]]),
        unreadTotal: 1,
      },
    );
  });

  for (const start of [
    {
      mode: "start",
      offers: [
        { design: SHADE, names: "Aigerim", count: 3 },
        { design: LAWN, names: "", count: 0 },
      ],
      more: 2,
      canJoin: true,
    },
    { mode: "other", shown: { design: LAWN, names: "Bolat", count: 1 }, mine: SHADE },
  ]) {
    test(`the first screen's choice (${start.mode})`, () => {
      showsEveryChange(() => {
        const root = container("section");
        const card = new StartCard(root, { onCreate: noop, onJoin: noop, onSwitch: noop, onShowList: noop });
        return { root, render: (view) => card.render(view), show: () => shown(root) };
      }, start);
    });
  }

  test("the room at a glance", () => {
    showsEveryChange(
      () => {
        const root = container("div");
        const room = new RoomSummary(root);
        return { root, render: (view) => room.render(view), show: () => shown(root) };
      },
      { present: 4, online: 3, notDrawn: ["Bolat", null], notVoted: ["Chingiz"], dots: { cast: 5, of: 12 } },
    );
  });

  test("everyone who joined, online or not and where", () => {
    showsEveryChange(
      () => {
        const root = container("div");
        const list = new PeopleList(root, { onRemove: noop });
        return { root, render: (view) => list.render(view), show: () => shown(root) };
      },
      {
        rows: [
          { participant_id: "p1", name: "Aigerim", removed: false, online: true, where: "Shade" },
          { participant_id: "p4", name: "Dana", removed: false, online: true, where: null },
          { participant_id: "p2", name: "", removed: false, online: false, where: null },
          { participant_id: "p3", name: "Chingiz", removed: true, online: false, where: null },
        ],
        canRemove: true,
      },
    );
  });

  test("the map's key of designs", () => {
    showsEveryChange(
      () => {
        const key = container("details");
        const body = container("div");
        key.append(body);
        const mapKey = new MapKey({ key, body }, { onToggle: noop, onShowAll: noop });
        return { root: key, render: (view) => mapKey.render(view), show: () => `${key.hidden}|${shown(key)}` };
      },
      {
        designs: [
          { id: "d1", title: "Shade", colour: "#0072B2", onMap: true, hidden: false },
          { id: "d2", title: "Lawn", colour: "#D55E00", onMap: false, hidden: true },
        ],
        allOnMap: false,
      },
    );
  });
});
