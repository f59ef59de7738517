// Measures, counts and times as the page's language writes them: "1 234 м²" in Kazakh and Russian,
// "1,234 m²" in English. Numbers and units come from strings.js, so they match the server's pages.
import { formatNumber, language, t } from "./strings.js";

/** Area: whole square metres from 100 m² up, one decimal below. */
export function formatArea(squareMetres) {
  return t("unit.m2", { value: formatNumber(squareMetres, squareMetres >= 100 ? 0 : 1) });
}

/** Length: one decimal below a kilometre, whole metres above. */
export function formatLength(metres) {
  return t("unit.m", { value: formatNumber(metres, metres >= 1000 ? 0 : 1) });
}

/** A share in per cent, e.g. "12,5 %". */
export function formatPercent(percent, decimals = 0) {
  return t("unit.percent", { value: formatNumber(percent, decimals) });
}

/** A count (of dots, events, steps) in the language's digits grouping. */
export function formatCount(count) {
  return formatNumber(count, 0);
}

/** The measure object of an element ({area_m2} | {length_m} | {}) as text, or "" for points. */
export function formatMeasure(measure) {
  if (measure && Number.isFinite(measure.area_m2)) return formatArea(measure.area_m2);
  if (measure && Number.isFinite(measure.length_m)) return formatLength(measure.length_m);
  return "";
}

// The clock follows the page's language, not the tablet's system language, like every other word on it;
// always 24-hour, as clocks are read in Almaty (and as the server's timestamps are meant).
const clockFormat = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const clockWithSecondsFormat = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** The time of day of an API timestamp (ISO 8601), as "14:05" (with seconds: "14:05:09"); "" when unknown. */
export function formatClock(isoTime, { seconds = false } = {}) {
  const time = Date.parse(isoTime || "");
  if (!Number.isFinite(time)) return "";
  return (seconds ? clockWithSecondsFormat : clockFormat).format(time);
}
