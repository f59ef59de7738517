// Designs ranked by dots, ties sharing a rank (1, 1, 3), each with a bar as long as its share of the
// leader's dots. Used by the facilitator's console and the projector.
import { designColour } from "./design-colour.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";

/** [{design, votes, rank}] best first; designs the tallies do not list (hidden ones) are left out. */
export function rankDesigns(designs, tallies) {
  const rows = [...designs.values()]
    .filter((design) => tallies && design.id in tallies)
    .map((design) => ({ design, votes: Number(tallies[design.id]) || 0 }))
    .sort((a, b) => b.votes - a.votes || a.design.title.localeCompare(b.design.title));
  rows.forEach((row, index) => {
    row.rank = index > 0 && rows[index - 1].votes === row.votes ? rows[index - 1].rank : index + 1;
  });
  return rows;
}

export class TallyList {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /** @param {{designs: Map<string, object>, tallies: object|null}} view drawn again only when it changed */
  render(view) {
    this.redraw.update(view);
  }

  draw({ designs, tallies }) {
    const rows = rankDesigns(designs, tallies);
    if (!rows.length) {
      replaceChildren(this.container, el("p", { className: "muted tally-list__empty" }, t("tally.none")));
      return;
    }
    const most = Math.max(1, ...rows.map((row) => row.votes));
    const items = rows.map(({ design, votes, rank }) => {
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = designColour(design);
      const bar = el("span", { className: "tally__bar", "aria-hidden": "true" });
      bar.style.width = `${(votes / most) * 100}%`;
      bar.style.backgroundColor = designColour(design);
      return el(
        "li",
        { className: "tally" },
        el("span", { className: "tally__rank" }, String(rank)),
        el(
          "span",
          { className: "tally__body" },
          el("span", { className: "tally__title" }, swatch, design.title),
          el("span", { className: "tally__track" }, bar),
        ),
        el("span", { className: "tally__votes" }, tn("vote.tally", votes)),
      );
    });
    replaceChildren(this.container, el("ol", { className: "tally-list" }, items));
  }
}
