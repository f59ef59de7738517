// Marker icons for kinds: a round badge in the kind's colour with its symbol; a sign's arrow turned to its
// bearing and a tree group's count around it (what to show: marker-look.js).
import { FACTS } from "../facts.js";
import { formatNumber, t } from "../strings.js";
import { KINDS, kindName, kindSymbol } from "./kinds.js";
import { markerLook } from "./marker-look.js";

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
        container.append(buildBadge(this.options.kind, this.options.flags, this.options.props));
        return container;
      },
    });
  }
  return BadgeIcon;
}

/**
 * What a round marker shows around its symbol for its props, as DOM to append to it (it must be positioned): a
 * sign's arrow turned to its bearing, a tree group's count. The tablets' badges and the supervision map's use it.
 */
export function lookNodes(kind, props = {}) {
  const { arrow, count } = markerLook(kind, props);
  const nodes = [];
  if (arrow) {
    // The whole marker stays upright (its symbol, its outline); only the arrow around it turns.
    const turn = document.createElement("span");
    turn.className = "element-badge__arrow";
    turn.setAttribute("aria-hidden", "true");
    turn.style.transform = `rotate(${arrow.angle}deg)`;
    nodes.push(turn);
  }
  if (count) {
    const number = document.createElement("span");
    number.className = "element-badge__count";
    number.setAttribute("aria-hidden", "true");
    number.textContent = formatNumber(Number(count));
    nodes.push(number);
  }
  return nodes;
}

function buildBadge(
  kind,
  { pending = false, faded = false, selected = false, hidden = false, ring = null } = {},
  props = {},
) {
  const spec = KINDS[kind] || FACTS.unknown_kind;
  const badge = document.createElement("div");
  badge.className = [
    "element-badge",
    pending && "is-pending",
    faded && "is-faded",
    selected && "is-selected",
    hidden && "is-hidden",
    ring && "has-ring",
  ]
    .filter(Boolean)
    .join(" ");
  badge.style.backgroundColor = spec.colour;
  badge.style.color = spec.ink;
  if (ring) badge.style.borderColor = ring; // its design's colour (the console tells designs apart)
  badge.setAttribute("role", "img");
  const { count } = markerLook(kind, props);
  badge.setAttribute(
    "aria-label",
    count ? t("marker.count_label", { kind: kindName(kind), count: formatNumber(Number(count)) }) : kindName(kind),
  );
  badge.append(kindSymbol(kind, "element-badge__symbol"));
  badge.append(...lookNodes(kind, props));
  return badge;
}

/**
 * A Leaflet icon for a kind. flags: {pending, faded, selected, hidden, ring} (ring: a colour for the badge's edge, its
 * design's); props: the element's (an arrow, a count).
 */
export function kindIcon(kind, flags = {}, props = {}) {
  const Icon = badgeIconClass();
  return new Icon({
    kind,
    flags,
    props,
    html: "", // the badge is appended as DOM in createIcon, never parsed from a string
    className: "element-marker",
    iconSize: [MARKER_SIZE, MARKER_SIZE],
    iconAnchor: [MARKER_SIZE / 2, MARKER_SIZE / 2],
  });
}
