// The same formats on a page in Russian (the language comes from <html lang> when the modules load).
globalThis.document = { documentElement: { lang: "ru" } };
const assert = (await import("node:assert/strict")).default;
const { describe, it } = await import("node:test");
const format = await import("../../../static/js/supervision/format.js");
const { additionName } = await import("../../../static/js/supervision/model.js");
const { statusName } = await import("../../../static/js/shared/status.js");
const { formatDate } = await import("../../../static/js/shared/dates.js");

describe("a Russian page", () => {
  it("writes decimals with a comma, groups thousands with a narrow space, keeps units on the line", () => {
    assert.equal(format.formatPercent(66.666), "66,7\u00a0%");
    assert.equal(format.formatMetres(5), "5,0\u00a0м");
    assert.equal(format.formatCount(1234), "1\u202f234");
    assert.equal(format.formatChange(-20), "−20,0\u00a0%");
  });

  it("names statuses and additions in Russian", () => {
    assert.equal(statusName("built"), "Построено");
    assert.equal(additionName("Скамейка 2"), "Скамейка 2 вне проекта");
  });

  it("writes dates with Russian month names", () => {
    assert.match(formatDate("2027-05-10"), /^10 мая 2027/);
  });
});
