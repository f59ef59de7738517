// The city map's view-model on a page in Russian (the language comes from <html lang> when the modules load):
// the figures with the shared rounding and Russian plurals.
globalThis.document = { documentElement: { lang: "ru" } };
const assert = (await import("node:assert/strict")).default;
const { readFileSync } = await import("node:fs");
const { describe, it } = await import("node:test");
const { cycleFigures, greenRows, signFigures, summaryText } = await import("../../../static/js/city/model.js");

const city = () => JSON.parse(readFileSync(new URL("./fixture.json", import.meta.url), "utf-8"));

describe("the city map in Russian", () => {
  it("writes lengths and areas with a comma and a narrow space, in Russian plurals", () => {
    const figures = cycleFigures(city());
    assert.equal(figures.byStatus[1].text, "1\u202f235\u00a0м");
    assert.equal(figures.byStatus[0].text, "412,3\u00a0м");
    assert.equal(figures.partsText, "2 связные части");
    assert.equal(figures.gaps[0].text, "Части 1 и 3: 40,5\u00a0м");
    assert.equal(greenRows(city().green)[0].area, "1\u202f800 м²");
    assert.equal(summaryText(city()), "2 площадки, 3 проекта, 1\u202f734\u00a0м велосипедной сети.");
  });

  it("says where a sign points in Russian", () => {
    assert.equal(signFigures(city()).review[0].text, "«To the river», стрелка на 270° (запад)");
    assert.equal(signFigures(city()).countText, "3 указателя на карте");
    const [first] = signFigures(city()).all;
    assert.deepEqual(
      [first.text, first.typeText, first.bearingText],
      ["«Bike park»", "Указатель направления", "стрелка на 45° (северо-восток)"],
    );
  });
});
