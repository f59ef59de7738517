// How authors' sign-offs read: "Accepted by Aru, on the visit of 10 May 2027: <comment>".
import { el } from "../shared/dom.js";
import { t } from "../shared/strings.js";
import { formatDate } from "../shared/dates.js";
import { elementTitle } from "./model.js";
import { statusGlyph } from "../shared/status.js";
import { personText } from "./people.js";

/** A verdict chip: a tick for an acceptance, a cross for an objection, always with the word. */
export function verdictChip(verdict) {
  const accepted = verdict === "accept";
  return el(
    "span",
    { className: `sv-verdict sv-verdict--${accepted ? "accept" : "object"}` },
    statusGlyph(accepted ? "built" : "missing", "sv-verdict__glyph"),
    t(accepted ? "sv.signoff.verdict_accept" : "sv.signoff.verdict_object"),
  );
}

/**
 * One sign-off as a list item. `target` is a short text naming what it is about (null when obvious from
 * where it is shown).
 */
export function signoffItem(signoff, target) {
  return el(
    "li",
    { className: `sv-signoff sv-signoff--${signoff.verdict === "accept" ? "accept" : "object"}` },
    el(
      "p",
      { className: "sv-signoff__head" },
      verdictChip(signoff.verdict),
      el("span", { className: "sv-signoff__who" }, personText(signoff.author)),
      target ? el("span", { className: "sv-signoff__target" }, target) : null,
      signoff.created_at
        ? el("span", { className: "sv-signoff__date" }, formatDate(signoff.created_at.slice(0, 10)))
        : null,
    ),
    signoff.comment ? el("p", { className: "sv-signoff__comment" }, signoff.comment) : null,
  );
}

/** What a sign-off is about, in words. */
export function signoffTarget(signoff, { visits, elements }) {
  if (signoff.visit_id) {
    const visit = visits.find((candidate) => candidate.id === signoff.visit_id);
    return t("sv.signoff.on_visit", { date: visit ? formatDate(visit.date) : "?" });
  }
  const element = elements.get(signoff.element_id);
  return t("sv.signoff.on_element", { name: element ? elementTitle(element) : "?" });
}
