// Close markers on the supervision map gathered into one tappable cluster (Leaflet.markercluster, from npm),
// so that on a phone at the site's zoom no two markers lie on each other and each can be tapped: a tap on a
// cluster zooms to its markers, and where even the closest zoom cannot part them it spreads them out around it.
import { t } from "../shared/strings.js";
import { icon, TOUCH } from "./marker-icon.js";

// A marker's box is at most 56 × 44 px (a line's or an area's tag); markers further apart than this between
// centres never overlap, so those nearer are clustered.
const CLUSTER_RADIUS = 72;
const CLUSTER_SIZE = [TOUCH + 4, TOUCH + 4];

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  return icon({
    className: "sv-cluster-marker",
    size: CLUSTER_SIZE,
    label: t("sv.map.cluster_label", { count }),
    build: () => {
      const badge = document.createElement("div");
      badge.className = "sv-cluster";
      badge.textContent = String(count);
      return badge;
    },
  });
}

/**
 * The group the plan's markers (points, tags, photos) go into instead of the map. While a cluster is spread out
 * (at the closest zoom), its markers may reach over their neighbours: those step back (dimmed, not tappable, CSS
 * on .sv-spread) until a tap on the map folds the cluster again.
 */
export function markerClusters(container) {
  const group = window.L.markerClusterGroup({
    maxClusterRadius: CLUSTER_RADIUS,
    iconCreateFunction: clusterIcon,
    showCoverageOnHover: false, // no hover on a tablet; the outline would hide the shapes beneath
    spiderfyOnMaxZoom: true,
    // Spread far enough apart for 44 px markers (the library's spacing suits its 25 px pins).
    spiderfyDistanceMultiplier: 2.2,
    removeOutsideVisibleBounds: true,
  });
  group.on("spiderfied", ({ markers }) => {
    for (const marker of markers) marker.getElement()?.classList.add("is-spread");
    container.classList.add("sv-spread");
  });
  group.on("unspiderfied", ({ markers }) => {
    for (const marker of markers) marker.getElement()?.classList.remove("is-spread");
    container.classList.remove("sv-spread");
  });
  return group;
}
