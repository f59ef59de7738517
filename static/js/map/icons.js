// Marker icons for kinds: a round badge in the kind's colour with its symbol.
import { FACTS } from "../facts.js";
import { KINDS, kindName, kindSymbol } from "./kinds.js";

export const MARKER_SIZE = 40; // px: a comfortable finger target

let BadgeIcon = null;

// Built on first use because Leaflet is a global script loaded before our modules run.
function badgeIconClass() {
  if (!BadgeIcon) {
    BadgeIcon = window.L.DivIcon.extend({
      // A fresh badge for every marker: one DOM node cannot sit in two markers at once
      // (Geoman reuses the draw icon for its hint marker and for each placed marker).
      createIcon(oldIcon) {
        const container = window.L.DivIcon.prototype.createIcon.call(this, oldIcon);
        container.append(buildBadge(this.options.kind, this.options.flags));
        return container;
      },
    });
  }
  return BadgeIcon;
}

function buildBadge(kind, { pending = false, faded = false, selected = false, hidden = false } = {}) {
  const spec = KINDS[kind] || FACTS.unknown_kind;
  const badge = document.createElement("div");
  badge.className = ["element-badge", pending && "is-pending", faded && "is-faded", selected && "is-selected", hidden && "is-hidden"]
    .filter(Boolean)
    .join(" ");
  badge.style.backgroundColor = spec.colour;
  badge.style.color = spec.ink;
  badge.setAttribute("role", "img");
  badge.setAttribute("aria-label", kindName(kind));
  badge.append(kindSymbol(kind, "element-badge__symbol"));
  return badge;
}

/** A Leaflet icon for a kind. flags: {pending, faded, selected, hidden} */
export function kindIcon(kind, flags = {}) {
  const Icon = badgeIconClass();
  return new Icon({
    kind,
    flags,
    html: "", // the badge is appended as DOM in createIcon, never parsed from a string
    className: "element-marker",
    iconSize: [MARKER_SIZE, MARKER_SIZE],
    iconAnchor: [MARKER_SIZE / 2, MARKER_SIZE / 2],
  });
}
