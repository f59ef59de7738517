// What a point's marker shows of its props, DOM-free (icons.js draws it): a sign's arrow turned to its bearing, a
// tree group's count in a small badge. Tested in Node (tests/js/shared/props.test.mjs).

/**
 * {arrow, count}: arrow null (no arrow: not a sign, or a sign without a bearing) or {angle} in degrees clockwise
 * from north, the direction the arrow points (a CSS rotate() turns clockwise too); count null or the badge's text.
 */
export function markerLook(kind, props) {
  const bearing = props?.bearing;
  const arrow = kind === "sign" && Number.isFinite(bearing) ? { angle: ((bearing % 360) + 360) % 360 } : null;
  const count = kind === "tree" && Number.isInteger(props?.count) && props.count > 1 ? String(props.count) : null;
  return { arrow, count };
}

/** What makes two looks of one element differ (a marker is only rebuilt when this changes). */
export function lookKey(kind, props) {
  const { arrow, count } = markerLook(kind, props);
  return `${arrow ? arrow.angle : ""}/${count ?? ""}`;
}
