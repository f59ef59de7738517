// Elements' props on the tablet: the form's model (static/js/shared/props.js: which fields, their values, what a typed
// value means, the whole object an edit sends), the marker's look (shared/map/marker-look.js: a sign's arrow, a tree
// group's count), and props through the sync engine (the journal, the pending overlay, undo, a lost ack).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";
import { lookKey, markerLook } from "../../../static/js/shared/map/marker-look.js";
import {
  defaultProps,
  editProps,
  hasProps,
  normalProps,
  propFields,
  propsForm,
  readField,
  readProps,
  sameProps,
} from "../../../static/js/shared/props.js";
import { updateAlreadyApplied } from "../../../static/js/workshop/sync/compare.js";
import { MemoryStore } from "../../../static/js/shared/device-store.js";
import { Editor } from "../../../static/js/workshop/sync/editing.js";
import { SyncEngine } from "../../../static/js/workshop/sync/engine.js";
import { buildView } from "../../../static/js/workshop/sync/view.js";
import { WorkshopState } from "../../../static/js/workshop/sync/state.js";
import {
  design,
  element,
  fakeEngine,
  FakeTransport,
  memoryStorage,
  point,
  settle,
  snapshot,
} from "../workshop/fakes.mjs";

const ME = { participant_id: "p1", name: "Aigerim", role: "participant" };
const catalogue = (language) =>
  JSON.parse(readFileSync(new URL(`../../../static/i18n/${language}.json`, import.meta.url), "utf-8"));

describe("the props form's model", () => {
  test("the fields are the facts' table, in its order, with their limits", () => {
    assert.deepEqual(propFields("sign"), [
      { name: "text", type: "text", maxLength: 80 },
      { name: "bearing", type: "integer", min: 0, max: 359 },
      { name: "sign_type", type: "choice", options: ["direction", "information", "map"] },
    ]);
    assert.deepEqual(
      propFields("tree", { except: ["count"] }).map((field) => field.name),
      ["species"],
    );
    assert.equal(hasProps("play_area"), false);
    assert.deepEqual(propFields("play_area"), []);
    for (const [kind, fields] of Object.entries(FACTS.props))
      assert.deepEqual(
        propFields(kind).map((field) => field.name),
        Object.keys(fields),
      );
  });

  test("every field and option has its words in Kazakh, Russian and English", () => {
    for (const language of ["kk", "ru", "en"]) {
      const words = catalogue(language);
      for (const [kind, fields] of Object.entries(FACTS.props)) {
        for (const field of propsForm(kind, {})) {
          assert.ok(words[field.labelKey], `${language}: ${field.labelKey}`);
          for (const choice of field.choices || [])
            assert.ok(words[choice.labelKey], `${language}: ${choice.labelKey}`);
        }
        assert.ok(Object.keys(fields).length > 0);
      }
      for (const key of [
        "props.title",
        "props.none",
        "props.yes",
        "props.no",
        "props.error.range",
        "props.error.whole",
        "props.error.number",
        "props.error.too_long",
        "props.error.choice",
        "props.error.nul",
        "props.error.type",
        "props.error.unknown",
        "marker.count_label",
      ]) {
        assert.ok(words[key], `${language}: ${key}`);
      }
    }
  });

  test("a new element's props are its kind's defaults, as the server fills them", () => {
    assert.deepEqual(defaultProps("bike_lane"), { facility: "painted" });
    assert.deepEqual(defaultProps("sign"), {});
    assert.deepEqual(defaultProps("water"), {});
  });

  test("the form shows the stored values, a choice's default, and 'not set' only where there is no default", () => {
    const sign = propsForm("sign", { text: "Park", bearing: 90 });
    assert.deepEqual(
      sign.map((field) => [field.name, field.value]),
      [
        ["text", "Park"],
        ["bearing", "90"],
        ["sign_type", ""],
      ],
    );
    assert.deepEqual(
      sign[2].choices.map((choice) => choice.value),
      ["", "direction", "information", "map"],
    );
    assert.equal(sign[2].choices[1].labelKey, "props.sign.sign_type.direction");
    const lane = propsForm("bike_lane", {});
    assert.equal(lane[0].value, "painted");
    assert.deepEqual(
      lane[0].choices.map((choice) => choice.value),
      ["separated", "painted", "shared"],
      "a default: no empty option",
    );
    assert.equal(lane[1].type, "boolean");
    assert.equal(lane[1].value, false);
    assert.equal(propsForm("lighting", { height_m: 4.5 })[0].value, "4.5");
  });

  test("typed values are read as the server reads them, and bad ones are stopped with the reason", () => {
    const [text, bearing] = propFields("sign");
    const [height] = propFields("lighting");
    assert.deepEqual(readField(bearing, "90"), { value: 90 });
    assert.deepEqual(readField(bearing, " "), { value: null });
    assert.deepEqual(readField(bearing, "360"), { error: { key: "props.error.range", vars: { min: 0, max: 359 } } });
    assert.deepEqual(readField(bearing, "-1"), { error: { key: "props.error.range", vars: { min: 0, max: 359 } } });
    assert.deepEqual(readField(bearing, "12.5"), { error: { key: "props.error.whole", vars: {} } });
    assert.deepEqual(readField(bearing, "east"), { error: { key: "props.error.number", vars: {} } });
    assert.deepEqual(readField(height, "4,5"), { value: 4.5 }, "a decimal comma, as kk and ru write it");
    assert.deepEqual(readField(height, "0.4"), { error: { key: "props.error.range", vars: { min: 0.5, max: 30 } } });
    assert.deepEqual(readField(text, "  To the pond  "), { value: "To the pond" });
    assert.deepEqual(readField(text, "x".repeat(81)), { error: { key: "props.error.too_long", vars: { max: 80 } } });
    assert.deepEqual(readField(propFields("path")[0], "lava"), { error: { key: "props.error.choice", vars: {} } });
    assert.deepEqual(readField(propFields("bike_lane")[1], true), { value: true });
  });

  test("one field changed sends the whole props object; the same value sends nothing; a bad one nothing but its error", () => {
    assert.deepEqual(editProps("sign", { text: "Park" }, "bearing", "90"), { props: { text: "Park", bearing: 90 } });
    assert.deepEqual(editProps("sign", { text: "Park", bearing: 90 }, "bearing", "90"), { props: null });
    assert.deepEqual(
      editProps("sign", { text: "Park", bearing: 90 }, "bearing", ""),
      { props: { text: "Park" } },
      "emptied: left out",
    );
    assert.deepEqual(editProps("sign", { text: "Park" }, "bearing", "400"), {
      error: { key: "props.error.range", vars: { min: 0, max: 359 } },
    });
    assert.deepEqual(editProps("bike_lane", {}, "two_way", true), { props: { facility: "painted", two_way: true } });
    assert.deepEqual(editProps("tree", { species: "Elm" }, "count", "12"), { props: { species: "Elm", count: 12 } });
    assert.ok(editProps("tree", {}, "bearing", "1").error, "a field the kind does not have");
  });

  test("a whole form read at once: the normal props, or every error by field", () => {
    assert.deepEqual(readProps("tree", { species: "Oak" }, { except: ["count"] }), {
      props: { species: "Oak" },
      errors: {},
    });
    const wrong = readProps("sign", { text: "", bearing: "720", sign_type: "map" });
    assert.equal(wrong.props, null);
    assert.deepEqual(Object.keys(wrong.errors), ["bearing"]);
  });

  test("props are compared as the server stores them: defaults filled, empty texts and other kinds' fields left out", () => {
    assert.deepEqual(normalProps("bike_lane", { two_way: false }), { facility: "painted", two_way: false });
    assert.deepEqual(normalProps("sign", { text: "  ", bearing: 0 }), { bearing: 0 });
    assert.deepEqual(normalProps("tree", { bearing: 3, count: 2 }), { count: 2 });
    assert.equal(sameProps({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
    assert.equal(sameProps({ a: 1 }, { a: 1, b: false }), false);
    assert.equal(sameProps(undefined, {}), true);
  });
});

describe("the marker's look", () => {
  test("a sign's arrow turns to its bearing, clockwise from north; no bearing, no arrow", () => {
    assert.deepEqual(markerLook("sign", { bearing: 90 }), { arrow: { angle: 90 }, count: null });
    assert.deepEqual(markerLook("sign", { bearing: 0 }), { arrow: { angle: 0 }, count: null });
    assert.deepEqual(markerLook("sign", { text: "Park" }), { arrow: null, count: null });
    assert.deepEqual(markerLook("bench", { bearing: 90 }), { arrow: null, count: null });
  });

  test("a tree group shows its count; a single tree does not", () => {
    assert.deepEqual(markerLook("tree", { count: 12 }), { arrow: null, count: "12" });
    assert.deepEqual(markerLook("tree", { count: 1 }), { arrow: null, count: null });
    assert.deepEqual(markerLook("tree", {}), { arrow: null, count: null });
    assert.deepEqual(markerLook("bench", { count: 4 }), { arrow: null, count: null });
  });

  test("the look's key changes with the arrow and the count, so the marker is drawn again", () => {
    assert.notEqual(lookKey("sign", { bearing: 90 }), lookKey("sign", { bearing: 180 }));
    assert.notEqual(lookKey("tree", { count: 3 }), lookKey("tree", { count: 4 }));
    assert.equal(lookKey("sign", { bearing: 90, text: "a" }), lookKey("sign", { bearing: 90, text: "b" }));
  });
});

function stateWith(elements) {
  const state = new WorkshopState();
  state.replaceWith(snapshot({ seq: 1, you: ME, designs: [design("d1")], elements }));
  return state;
}

function op(event, payload, extra = {}) {
  return { op_id: `op-${Math.random()}`, event, payload, status: "queued", ...extra };
}

describe("props through the sync engine", () => {
  test("a waiting add shows its props; a waiting update replaces them; a new kind without props starts from its defaults", () => {
    const state = stateWith([
      element("s1", { kind: "sign", props: { text: "Old" } }),
      element("b1", { kind: "bench", props: { count: 3 } }),
    ]);
    const view = buildView(state, [
      op("element:add", { id: "t1", design_id: "d1", kind: "tree", geometry: point(), props: { count: 12 } }),
      op("element:update", { id: "s1", base_version: 1, props: { text: "Pond", bearing: 90 } }),
      op("element:update", { id: "b1", base_version: 1, kind: "bike_lane" }),
    ]);
    assert.deepEqual(view.elements.get("t1").props, { count: 12 });
    assert.deepEqual(view.elements.get("s1").props, { text: "Pond", bearing: 90 });
    assert.deepEqual(view.elements.get("b1").props, { facility: "painted" });
  });

  test("a resent update whose ack was lost is already applied when the server's props are ours", () => {
    const server = element("s1", { kind: "sign", props: { text: "Pond", bearing: 90 } });
    assert.equal(updateAlreadyApplied({ id: "s1", props: { bearing: 90, text: "Pond " } }, server), true);
    assert.equal(updateAlreadyApplied({ id: "s1", props: { text: "Pond", bearing: 91 } }, server), false);
  });

  test("props survive the journal: made offline, kept across a reload, sent as they were", async () => {
    const storage = memoryStorage();
    const first = fakeEngine({ storage });
    first.transport.connect(
      snapshot({ seq: 1, you: ME, designs: [design("d1")], elements: [element("s1", { kind: "sign", props: {} })] }),
    );
    first.transport.drop();
    const editor = new Editor(first.engine);
    const added = editor.addElement({
      designId: "d1",
      kind: "bike_lane",
      geometry: {
        type: "LineString",
        coordinates: [
          [76.9, 43.2],
          [76.91, 43.2],
        ],
      },
    });
    editor.updateElement("s1", { props: { text: "Pond", bearing: 90 } });
    first.engine.stop();

    const { engine, transport } = fakeEngine({ storage });
    assert.deepEqual(
      engine.view().elements.get(added).props,
      { facility: "painted" },
      "shown from the journal before any snapshot",
    );
    transport.connect(
      snapshot({ seq: 1, you: ME, designs: [design("d1")], elements: [element("s1", { kind: "sign", props: {} })] }),
    );
    assert.deepEqual(engine.view().elements.get("s1").props, { text: "Pond", bearing: 90 }, "shown pending");
    assert.deepEqual(engine.view().elements.get(added).props, { facility: "painted" });
    transport.serve((_event, payload) => ({
      ok: true,
      element: element(payload.id, { kind: "sign", ...payload, version: 2 }),
      seq: 2,
    }));
    await settle();
    const sent = transport.sent.map(({ event, payload }) => [event, payload.props]);
    assert.deepEqual(sent, [
      ["element:add", { facility: "painted" }],
      ["element:update", { text: "Pond", bearing: 90 }],
    ]);
  });

  test("undo of a props edit sends the old props back; undo of a change of kind brings the old kind's props back", async () => {
    const { engine, transport } = fakeEngine();
    transport.connect(
      snapshot({
        seq: 1,
        you: ME,
        designs: [design("d1")],
        elements: [element("t1", { kind: "tree", props: { species: "Elm", count: 4 } })],
      }),
    );
    let seq = 1;
    transport.serve((_event, payload) => {
      seq += 1;
      const current = engine.state.elements.get(payload.id);
      const kind = payload.kind ?? current.kind;
      const props = payload.props ?? (kind !== current.kind ? defaultProps(kind) : current.props);
      return {
        ok: true,
        element: element(payload.id, {
          ...current,
          ...payload,
          kind,
          props: normalProps(kind, props),
          version: current.version + 1,
        }),
        seq,
      };
    });
    const editor = new Editor(engine);
    editor.updateElement("t1", { props: { species: "Elm", count: 12 } });
    await settle();
    editor.updateElement("t1", { kind: "bench" });
    await settle();
    assert.deepEqual(engine.view().elements.get("t1").props, {});
    editor.undo();
    await settle();
    assert.deepEqual(transport.sent.at(-1).payload, {
      id: "t1",
      base_version: 3,
      kind: "tree",
      props: { species: "Elm", count: 12 },
    });
    editor.undo();
    await settle();
    assert.deepEqual(transport.sent.at(-1).payload.props, { species: "Elm", count: 4 });
    assert.deepEqual(engine.view().elements.get("t1").props, { species: "Elm", count: 4 });
  });

  test("the device copy keeps confirmed props and a pending edit of them across an offline reload", async () => {
    const storage = memoryStorage();
    const store = new MemoryStore();
    const load = () => {
      let transport = null;
      const engine = new SyncEngine(
        { token: "token-1", workshop_id: "w1" },
        { storage, deviceStore: store, connect: (token, hooks) => (transport = new FakeTransport(token, hooks)) },
      );
      return { engine, restoring: engine.start(), transport: () => transport };
    };
    const first = load();
    await first.restoring;
    first.transport().connect(
      snapshot({
        seq: 2,
        you: ME,
        designs: [design("d1")],
        elements: [element("t1", { kind: "tree", props: { count: 12 } }), element("s1", { kind: "sign", props: {} })],
      }),
    );
    await first.engine.deviceCopy.saveNow();
    first.transport().drop();
    new Editor(first.engine).updateElement("s1", { props: { bearing: 90 } });
    first.engine.stop();

    const second = load();
    await second.restoring;
    const view = second.engine.view();
    assert.deepEqual(view.elements.get("t1").props, { count: 12 });
    assert.deepEqual(view.elements.get("s1").props, { bearing: 90 });
    assert.equal(view.elements.get("s1").pending, true);
  });
});
