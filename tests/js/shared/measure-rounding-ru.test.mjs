// The shared rounding table on a Russian page: grouping and decimal comma as the server writes them.
globalThis.document = { documentElement: { lang: "ru" } };
const assert = (await import("node:assert/strict")).default;
const { readFileSync } = await import("node:fs");
const { describe, it } = await import("node:test");
const { formatNumber } = await import("../../../static/js/shared/strings.js");
const TABLE = JSON.parse(readFileSync(new URL("../../data/measure-rounding.json", import.meta.url), "utf-8"));

describe("the shared rounding table, in Russian", () => {
  it("rounds and writes every number as the server does", () => {
    for (const [value, decimals, , russian] of TABLE.numbers) {
      assert.equal(formatNumber(value, decimals), russian, `${value} to ${decimals} decimals`);
    }
  });
});
