// What the element panel says of an element's props to those who may not change them (shared/props-fields.js
// propsFacts), and how a typed text is measured (shared/props.js readField): in characters, as the server counts.
globalThis.document = { documentElement: { lang: "en" } };

import assert from "node:assert/strict";
import { describe, test } from "node:test";

const { readField } = await import("../../../static/js/shared/props.js");
const { propsFacts } = await import("../../../static/js/shared/props-fields.js");

describe("props for those who only read them", () => {
  test("name a choice in the page's language", () => {
    assert.deepEqual(
      propsFacts("bike_lane", { facility: "separated" }).map(([, text]) => text),
      ["Separated from traffic"],
    );
  });

  test("show a choice this version does not offer as it is, instead of failing the panel", () => {
    assert.deepEqual(
      propsFacts("bike_lane", { facility: "tandem" }).map(([, text]) => text),
      ["tandem"],
    );
  });
});

describe("a typed text", () => {
  const field = { type: "text", maxLength: 80 };
  test("is measured in characters: 41 trees are 41, not the 82 UTF-16 units String.length counts", () => {
    assert.deepEqual(readField(field, "🌳".repeat(41)), { value: "🌳".repeat(41) });
    assert.deepEqual(readField(field, "🌳".repeat(80)), { value: "🌳".repeat(80) });
    assert.equal(readField(field, "🌳".repeat(81)).error.key, "props.error.too_long");
  });
});
