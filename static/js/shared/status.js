// The statuses of plan elements (docs/api.md): a colour scale, and for each status a glyph, so that a
// status is never told by colour alone (chips carry the glyph and the word; map badges carry the glyph).
import { FACTS } from "./facts.js";
import { lineDrawing } from "./map/kinds.js";
import { t } from "./strings.js";

/** In the order of a construction: planned → in progress → built (→ with deviation); then the bad news. */
export const STATUSES = FACTS.statuses;

/** Statuses that count as built for progress (the server's rule). */
export const BUILT_STATUSES = new Set(FACTS.built_statuses);

/** status → {colour, ink}: colour fills badges and strokes shapes; ink is the glyph's colour on it. */
export const STATUS_STYLE = {
  planned: { colour: "#607d8b", ink: "#ffffff" },
  in_progress: { colour: "#1565c0", ink: "#ffffff" },
  built: { colour: "#2e7d32", ink: "#ffffff" },
  built_with_deviation: { colour: "#f29900", ink: "#1b1b1b" },
  missing: { colour: "#c62828", ink: "#ffffff" },
  removed: { colour: "#37474f", ink: "#ffffff" },
};

// Glyphs, 24×24, drawn with currentColor: an empty ring, a half-full ring, a tick, "!", a cross, a bar.
const GLYPHS = {
  planned: [["circle", { cx: 12, cy: 12, r: 7 }]],
  in_progress: [
    ["circle", { cx: 12, cy: 12, r: 7 }],
    ["path", { d: "M12 5a7 7 0 0 1 0 14z", fill: "currentColor" }],
  ],
  built: [["path", { d: "M5 12.5l4.5 4.5L19 7.5" }]],
  built_with_deviation: [
    ["path", { d: "M12 4.5v9.5" }],
    ["circle", { cx: 12, cy: 19, r: 1.2, fill: "currentColor" }],
  ],
  missing: [["path", { d: "M6 6l12 12M18 6L6 18" }]],
  removed: [["path", { d: "M5 12h14" }]],
};

/** The status in the page's language; an unknown status shows itself. */
export function statusName(status) {
  return STATUS_STYLE[status] ? t(`sv.status.${status}`) : status;
}

/** The status colour (planned's for an unknown status). */
export function statusColour(status) {
  return STATUS_STYLE[status]?.colour || STATUS_STYLE.planned.colour;
}

/** A fresh decorative <svg> with the status glyph (the word is always given beside it or as a label). */
export function statusGlyph(status, className = "sv-glyph") {
  return lineDrawing(GLYPHS[status] || GLYPHS.planned, { className, strokeWidth: 3 });
}

/** A chip "✓ Built" in the status colour; `text` replaces the status name (e.g. with the deviation). */
export function statusChip(status, text = statusName(status)) {
  const chip = document.createElement("span");
  chip.className = "sv-status";
  chip.dataset.status = STATUS_STYLE[status] ? status : "planned";
  chip.append(statusGlyph(status, "sv-status__glyph"));
  const label = document.createElement("span");
  label.textContent = text;
  chip.append(label);
  return chip;
}
