// One plural rule for both sides: every row of tests/data/plural.json, which tests/core/test_plural.py checks against
// the server's cowork/core/i18n.py (plural_form). The table must cover every language of the catalogues, every form
// each catalogue uses, and the counts where the rules turn.
import "./page-language.mjs"; // an English page, unless COWORK_TEST_LANG says otherwise
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const { formatNumber, language, pluralForm, t, tn } = await import("../../../static/js/shared/strings.js");
const TABLE = JSON.parse(readFileSync(new URL("../../data/plural.json", import.meta.url), "utf-8"));
const CATALOGUES = new URL("../../../static/i18n/", import.meta.url);
// The counts where the rules of kk, ru and en turn: each language's rows must hold them all.
const TURNS = [0, 1, 2, 5, 11, 21, 22, 25, 101, 111];

describe("the shared plural table", () => {
  it("chooses the server's form for every count of every language", () => {
    for (const [language, rows] of Object.entries(TABLE.forms)) {
      for (const [count, form] of rows) assert.equal(pluralForm(count, language), form, `${language} ${count}`);
    }
  });

  it("is the rule tn() follows on the page", () => {
    for (const [count, form] of TABLE.forms[language]) {
      assert.equal(tn("vote.tally", count), t(`vote.tally.${form}`, { count: formatNumber(count) }), `${count}`);
    }
  });

  it("covers every language of the catalogues, every form each uses, and the counts where the rules turn", () => {
    const languages = readdirSync(CATALOGUES)
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.slice(0, -5))
      .sort();
    assert.deepEqual(Object.keys(TABLE.forms).sort(), languages);
    for (const language of languages) {
      const texts = JSON.parse(readFileSync(new URL(`${language}.json`, CATALOGUES), "utf-8"));
      const used = new Set();
      for (const key of Object.keys(texts)) {
        const match = /^(.+)\.(one|few|many|other)$/.exec(key);
        if (match && `${match[1]}.other` in texts) used.add(match[2]);
      }
      const chosen = new Set(TABLE.forms[language].map(([, form]) => form));
      for (const form of used) assert.ok(chosen.has(form), `${language}: no row chooses ${form}`);
      const counts = new Set(TABLE.forms[language].map(([count]) => count));
      for (const count of TURNS) assert.ok(counts.has(count), `${language}: no row for ${count}`);
    }
  });
});
