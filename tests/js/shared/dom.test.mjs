// el() puts text in as text and refuses the attributes through which a value becomes markup or code.
import assert from "node:assert/strict";
import { test } from "node:test";

class FakeNode {
  constructor(tag) {
    this.tag = tag;
    this.className = "";
    this.children = [];
    this.attributes = {};
  }
  append(...nodes) {
    this.children.push(...nodes);
  }
  setAttribute(name, value) {
    this.attributes[name] = value;
  }
}

globalThis.document = {
  documentElement: { lang: "en" },
  createElement: (tag) => new FakeNode(tag),
  createTextNode: (text) => ({ text }),
};
const { el } = await import("../../../static/js/shared/dom.js");

const HOSTILE = '<img src=x onerror="alert(1)">';

test("text children become text nodes, attributes stay values", () => {
  const node = el("p", { className: "note", "aria-label": HOSTILE }, HOSTILE);
  assert.deepEqual(node.children, [{ text: HOSTILE }]);
  assert.equal(node.attributes["aria-label"], HOSTILE);
});

test("handlers, innerHTML, outerHTML and srcdoc are refused", () => {
  for (const name of ["onclick", "onError", "innerHTML", "outerHTML", "srcdoc"]) {
    assert.throws(() => el("div", { [name]: HOSTILE }), /markup or code/, name);
  }
});
