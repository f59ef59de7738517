// The author's supervision card on the workshop tablet (static/js/workshop/tablet/claim-model.js): one stable link,
// shown again as kept; a new one only on request, with a confirmation that says what stops working.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  checked,
  claimCardView,
  initialClaimState,
  keyOfLink,
  linkMade,
  makeFailed,
  makeStarted,
  qrMade,
  qrPending,
  qrWanted,
} from "../../../static/js/workshop/tablet/claim-model.js";

const LINK = "http://tablet.local/p/6f1c/supervise#key=Kept-Key_123";
const NEW_LINK = "http://tablet.local/p/6f1c/supervise#key=New-Key_456";
const ENGLISH = JSON.parse(readFileSync(new URL("../../../static/i18n/en.json", import.meta.url), "utf-8"));

/** Every catalogue key a view names (its notes, its button, its confirmation). */
function keysOf(view) {
  const confirm = view.confirm ? Object.values(view.confirm) : [];
  return [...view.notes.map((note) => note.key), view.make?.labelKey, ...confirm].filter(Boolean);
}

describe("the claim card", () => {
  test("without a link kept here it shows none, says one exists, and offers to make one here, asked first", () => {
    const view = claimCardView(initialClaimState("Green yard"));
    assert.equal(view.link, null);
    assert.deepEqual(
      view.notes.map((note) => note.key),
      ["sv.claim.exists"],
    );
    assert.deepEqual(view.make, { labelKey: "sv.claim.make", primary: true });
    // Nothing kept here: what stops working is the link made at adoption (and any made since).
    assert.equal(view.confirm.messageKey, "sv.claim.confirm_first");
  });

  test("a link kept on this tablet is shown again, the same, while the server has not said otherwise", () => {
    for (const state of [initialClaimState("Green yard", LINK), checked(initialClaimState("Green yard", LINK), true)]) {
      const view = claimCardView(state);
      assert.equal(view.link, LINK);
      assert.deepEqual(
        view.notes.map((note) => note.key),
        ["sv.claim.kept"],
      );
      assert.deepEqual(view.make, { labelKey: "sv.claim.replace", primary: false });
      assert.equal(view.confirm.messageKey, "sv.claim.confirm_kept");
    }
    // The server could not be reached: nothing is known, the kept link stays shown.
    assert.equal(claimCardView(checked(initialClaimState("Green yard", LINK), null)).link, LINK);
  });

  test("a kept link whose key no longer works is not shown, and says why", () => {
    const view = claimCardView(checked(initialClaimState("Green yard", LINK), false));
    assert.equal(view.link, null);
    assert.deepEqual(
      view.notes.map((note) => ({ key: note.key, tone: note.tone })),
      [{ key: "sv.claim.kept_dead", tone: "warning" }],
    );
    assert.equal(view.make.primary, true);
    assert.equal(view.confirm.messageKey, "sv.claim.confirm_first");
  });

  test("a new link made is shown and kept; a refusal is said and nothing else changes", () => {
    const started = makeStarted(initialClaimState("Green yard", LINK));
    assert.equal(claimCardView(started).busy, true);
    const made = claimCardView(linkMade(started, NEW_LINK));
    assert.equal(made.link, NEW_LINK);
    assert.equal(made.busy, false);
    assert.deepEqual(
      made.notes.map((note) => note.key),
      ["sv.claim.made"],
    );
    const failed = claimCardView(makeFailed(started, "network"));
    assert.equal(failed.link, LINK);
    assert.equal(failed.error, "network");
    assert.equal(failed.busy, false);
  });

  test("someone who may not have a link is told so, with nothing to tap", () => {
    const view = claimCardView(makeFailed(initialClaimState("Green yard"), "forbidden"));
    assert.equal(view.link, null);
    assert.equal(view.make, null);
    assert.deepEqual(
      view.notes.map((note) => note.key),
      ["sv.claim.not_author"],
    );
  });

  test("the QR code is asked for once per link shown, and drawn once made", () => {
    let state = initialClaimState("Green yard", LINK);
    assert.equal(qrWanted(state, claimCardView(state)), true);
    state = qrPending(state, LINK);
    assert.equal(qrWanted(state, claimCardView(state)), false);
    assert.equal(claimCardView(state).qr, null);
    state = qrMade(state, LINK, "blob:qr");
    assert.deepEqual(claimCardView(state).qr, { url: "blob:qr" });
    assert.deepEqual(claimCardView(qrMade(state, LINK, null)).qr, { url: null }); // could not be made: said
    state = linkMade(state, NEW_LINK);
    assert.equal(claimCardView(state).qr, null);
    assert.equal(qrWanted(state, claimCardView(state)), true);
  });

  test("every sentence the card can show is in the catalogue", () => {
    const states = [
      initialClaimState("t"),
      initialClaimState("t", LINK),
      checked(initialClaimState("t", LINK), false),
      linkMade(initialClaimState("t"), NEW_LINK),
      makeFailed(initialClaimState("t"), "forbidden"),
    ];
    for (const state of states) {
      for (const key of keysOf(claimCardView(state))) assert.ok(key in ENGLISH, key);
    }
  });

  test("the key is read from the link's fragment", () => {
    assert.equal(keyOfLink(LINK), "Kept-Key_123");
    assert.equal(keyOfLink("http://tablet.local/p/6f1c/supervise"), null);
  });
});
