// Numbers as people read them aloud: "1 234 m²", "56.3 m".

function groupThousands(value, fractionDigits) {
  const fixed = value.toFixed(fractionDigits);
  const [whole, fraction] = fixed.split(".");
  // A plain space between thousands works in every language we plan for (kk, ru, en) without ambiguity.
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** Area: whole square metres from 100 m² up, one decimal below. */
export function formatArea(squareMetres) {
  return `${groupThousands(squareMetres, squareMetres >= 100 ? 0 : 1)} m²`;
}

/** Length: one decimal below a kilometre, whole metres above. */
export function formatLength(metres) {
  return `${groupThousands(metres, metres >= 1000 ? 0 : 1)} m`;
}

/** The measure object of an element ({area_m2} | {length_m} | {}) as text, or "" for points. */
export function formatMeasure(measure) {
  if (measure && Number.isFinite(measure.area_m2)) return formatArea(measure.area_m2);
  if (measure && Number.isFinite(measure.length_m)) return formatLength(measure.length_m);
  return "";
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const clockWithSecondsFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The time of day of an API timestamp (ISO 8601), as "14:05" (with seconds: "14:05:09"); "" when unknown. */
export function formatClock(isoTime, { seconds = false } = {}) {
  const time = Date.parse(isoTime || "");
  if (!Number.isFinite(time)) return "";
  return (seconds ? clockWithSecondsFormat : clockFormat).format(time);
}
