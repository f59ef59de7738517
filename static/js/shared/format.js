// Measures, counts and times as the page's language writes them: "1 234 м²" in Kazakh and Russian,
// "1,234 m²" in English. Numbers and units come from strings.js, so they match the server's pages.
import { FACTS } from "./facts.js";
import { formatNumber, language, roundHalfUp, t } from "./strings.js";

/**
 * How many decimals a measure ("area_m2", "length_m") of this size is written with: FACTS.measure_decimals,
 * read on the size (no sign) rounded to the finest step, exactly as the server's i18n.measure_decimals.
 */
export function measureDecimals(measure, value) {
  const steps = FACTS.measure_decimals[measure];
  const finest = Number(roundHalfUp(Math.abs(value), Math.max(...steps.map(([, decimals]) => decimals))));
  const step = steps.find(([from]) => finest >= from);
  return step ? step[1] : steps[steps.length - 1][1];
}

/** Area: whole square metres from 100 m² up, one decimal below (facts.py, as on the server's pages). */
export function formatArea(squareMetres) {
  return t("unit.m2", { value: formatNumber(squareMetres, measureDecimals("area_m2", squareMetres)) });
}

/** Length: one decimal below a kilometre, whole metres above (facts.py, as on the server's pages). */
export function formatLength(metres) {
  return t("unit.m", { value: formatNumber(metres, measureDecimals("length_m", metres)) });
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
const clockWithSecondsFormat = new Intl.DateTimeFormat(language, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The time of day of an API timestamp (ISO 8601), as "14:05" (with seconds: "14:05:09"); "" when unknown. */
export function formatClock(isoTime, { seconds = false } = {}) {
  const time = Date.parse(isoTime || "");
  if (!Number.isFinite(time)) return "";
  return (seconds ? clockWithSecondsFormat : clockFormat).format(time);
}
