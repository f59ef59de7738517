// Where the green ledger's chart puts its words (static/js/shared/chart-layout.js): dates that say their year when
// the history spans more than one, as many as fit; the required and alive labels never over each other.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dateTicks, valueLabels } from "../../../static/js/shared/chart-layout.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const short = (date) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8))}`;
const long = (date) => `${short(date)}, ${date.slice(0, 4)}`;
const along = (count, width) => (index) => (count > 1 ? (width * index) / (count - 1) : width / 2);

describe("the chart's dates", () => {
  it("name day and month within one year, every date when they fit", () => {
    const dates = ["2027-05-12", "2027-06-01", "2027-08-30"];
    assert.deepEqual(dateTicks(dates, { x: along(3, 300), short, long, charPx: 7.2 }), [
      { index: 0, text: "May 12", anchor: "start" },
      { index: 1, text: "Jun 1", anchor: "middle" },
      { index: 2, text: "Aug 30", anchor: "end" },
    ]);
  });

  it("say the year when the history spans two, and leave out what would not fit", () => {
    const dates = ["2026-12-06", "2027-05-12", "2027-08-30"];
    const wide = dateTicks(dates, { x: along(3, 400), short, long, charPx: 7.2 });
    assert.deepEqual(
      wide.map((tick) => tick.text),
      ["Dec 6, 2026", "May 12, 2027", "Aug 30, 2027"],
    );
    const narrow = dateTicks(dates, { x: along(3, 220), short, long, charPx: 7.2 });
    assert.deepEqual(
      narrow.map((tick) => [tick.text, tick.anchor]),
      [
        ["Dec 6, 2026", "start"],
        ["Aug 30, 2027", "end"],
      ],
    );
  });

  it("keep the first when even the first and the last would meet, and a lone date in the middle", () => {
    const dates = ["2026-12-06", "2027-08-30"];
    assert.deepEqual(
      dateTicks(dates, { x: along(2, 120), short, long, charPx: 7.2 }).map((tick) => tick.text),
      ["Dec 6, 2026"],
    );
    assert.deepEqual(dateTicks(["2027-05-12"], { x: along(1, 200), short, long, charPx: 7.2 }), [
      { index: 0, text: "May 12", anchor: "middle" },
    ]);
    assert.deepEqual(dateTicks([], { x: along(0, 200), short, long, charPx: 7.2 }), []);
  });
});

describe("the required and alive labels", () => {
  const apart = ({ required, alive }) => required.anchor === "start" || Math.abs(required.y - alive.y) >= 16;
  const at = (places) => valueLabels({ firstY: 100, previousY: 80, zeroY: 142, topY: 0, ...places });

  it("keep apart when the last dot sits on the required line, the required words going to its left end", () => {
    const met = at({ requiredY: 50, previousY: 70, lastY: 50 });
    assert.ok(met.alive.y < 50, "the dot's words above it, away from the line rising to it");
    assert.deepEqual(met.required, { y: 45, anchor: "start" });
  });

  it("stay at the right end when the dot is well short, each by its own line", () => {
    const short = at({ requiredY: 30, previousY: 110, lastY: 100 });
    assert.deepEqual(short.required, { y: 25, anchor: "end" });
    assert.ok(short.alive.y < 100 && short.alive.y > 40, JSON.stringify(short));
  });

  it("put the dot's words below it when the line falls to it", () => {
    const falling = at({ requiredY: 30, previousY: 60, lastY: 90 });
    assert.ok(falling.alive.y > 90, JSON.stringify(falling));
  });

  it("never meet, near the axis or the top included", () => {
    for (let requiredY = 14; requiredY <= 142; requiredY += 4) {
      for (let lastY = 14; lastY <= 142; lastY += 4) {
        for (const previousY of [null, 14, 80, 142]) {
          const labels = at({ requiredY, previousY, lastY });
          assert.ok(apart(labels), JSON.stringify({ requiredY, previousY, lastY, labels }));
        }
      }
    }
  });
});
