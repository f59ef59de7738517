// Dates, percentages and deviations as people read them.
import { formatArea, formatLength } from "../ui/format.js";
import { t } from "./strings.js";

const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/** "2027-05-10" → "10 May 2027" (in the browser's language); the text itself when it is not a date. */
export function formatDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "");
  if (!match) return isoDate || "";
  return dateFormat.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Today as YYYY-MM-DD in the device's time zone (what the date input expects). */
export function todayIso() {
  const now = new Date();
  const pad = (value) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** 66.7 → "66.7 %"; whole numbers lose their decimals. */
export function formatPercent(value) {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} %`;
}

/** A change in percent with its sign: "+4.2 %", "−20.0 %", "±0 %". */
export function formatChange(value) {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return "±0 %";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(1)} %`;
}

/** Metres of a deviation: always one decimal ("5.0 m"). */
export function formatMetres(metres) {
  return `${metres.toFixed(1)} m`;
}

/** A deviation object of the API as a short phrase, or "" when there is none. */
export function deviationText(deviation) {
  if (!deviation) return "";
  if (Number.isFinite(deviation.offset_m)) return t("deviation.offset", { metres: formatMetres(deviation.offset_m) });
  if (Number.isFinite(deviation.iou)) {
    return t("deviation.area", {
      overlap: formatPercent(deviation.iou * 100),
      percent: formatChange(deviation.area_change_pct ?? 0),
      metres: formatMetres(deviation.hausdorff_m ?? 0),
    });
  }
  if (Number.isFinite(deviation.hausdorff_m)) {
    return t("deviation.line", {
      metres: formatMetres(deviation.hausdorff_m),
      percent: formatChange(deviation.length_change_pct ?? 0),
    });
  }
  return "";
}

/** Square metres, or a length, as the workshop pages show them. */
export { formatArea, formatLength };
