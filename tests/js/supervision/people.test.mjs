// How a project's people read (static/js/supervision/people.js): as each author chose at adoption, never more.
import "./setup.mjs";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { initials, personText, publicText, readByInsider } from "../../../static/js/supervision/people.js";

describe("people of a project", () => {
  it("are named as the server says, or as the author, numbered when the design has several", () => {
    assert.equal(personText({ name: "A. B.", shown_as: "initials", number: 1 }), "A. B.");
    assert.equal(personText({ name: null, shown_as: "author", number: 2 }), "Author 2");
    assert.equal(personText({ name: null, shown_as: "author", number: null }), "The author");
    assert.equal(personText({ name: "Facilitator", shown_as: "facilitator", number: null }), "Facilitator");
    assert.equal(personText("Aru"), "Aru"); // a summary kept on a device from before
    assert.equal(personText(null), "");
  });

  it("read by the project's supervisors, say how each appears in public", () => {
    const aru = { name: "Aru Bekova", shown_as: "author", number: 1, public_name: null };
    assert.equal(personText(aru), "Aru Bekova");
    assert.equal(publicText(aru), "Author 1");
    assert.equal(publicText({ name: "Bek", shown_as: "initials", number: 2, public_name: "B." }), "B.");
    assert.equal(readByInsider({ authors: [{ participant_id: "p1", ...aru }] }), true);
    assert.equal(readByInsider({ authors: [{ participant_id: "p1", name: "A.", shown_as: "initials" }] }), false);
  });

  it("have initials as the server makes them", () => {
    assert.equal(initials("Aru"), "A.");
    assert.equal(initials("  aru   bek-ata "), "A. B. A.");
    assert.equal(initials("Серік Әлиұлы"), "С. Ә.");
    assert.equal(initials("A B C D"), "A. B. C.");
    assert.equal(initials("-"), "");
  });
});
