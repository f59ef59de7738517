// Dates, percentages and deviations as people read them, in the page's language: numbers as the shared
// catalogues write them (1 234,5 in Kazakh and Russian, 1,234.5 in English), dates by Intl in <html lang>.
import { formatArea, formatLength } from "../shared/format.js";
import { formatNumber, language, t } from "../shared/strings.js";

const dateFormat = new Intl.DateTimeFormat(language, { day: "numeric", month: "short", year: "numeric" });
const shortDateFormat = new Intl.DateTimeFormat(language, { day: "numeric", month: "short" });

// Some browsers accept a language but carry no month names for it (Chromium's build for Debian writes
// "2027 M05 10" in Kazakh): then the dates are written from the catalogue's month names instead.
const intlHasMonthNames = !/\d/.test(
  dateFormat.formatToParts(new Date(2027, 4, 10)).find((part) => part.type === "month")?.value ?? "0",
);

function localDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "");
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

function fromCatalogue(key, date) {
  return t(key, {
    day: String(date.getDate()),
    month: t(`sv.date.month_${date.getMonth() + 1}`),
    year: String(date.getFullYear()),
  });
}

/** "2027-05-10" → "May 10, 2027" / "10 мая 2027 г." / "2027 ж. 10 мамыр"; the text itself when it is not a date. */
export function formatDate(isoDate) {
  const date = localDate(isoDate);
  if (!date) return isoDate || "";
  return intlHasMonthNames ? dateFormat.format(date) : fromCatalogue("sv.date.long", date);
}

/** "2027-05-10" → "May 10" / "10 мая" / "10 мамыр" (chart ticks); the text itself when it is not a date. */
export function formatShortDate(isoDate) {
  const date = localDate(isoDate);
  if (!date) return isoDate || "";
  return intlHasMonthNames ? shortDateFormat.format(date) : fromCatalogue("sv.date.short", date);
}

/** Today as YYYY-MM-DD in the device's time zone (what the date input expects). */
export function todayIso() {
  const now = new Date();
  const pad = (value) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** 66.7 → "66.7 %" (ru, kk: "66,7 %"); whole numbers lose their decimals. */
export function formatPercent(value) {
  const rounded = Math.round(value * 10) / 10;
  return t("unit.percent", { value: formatNumber(rounded, Number.isInteger(rounded) ? 0 : 1) });
}

/** A change in percent with its sign: "+4.2 %", "−20.0 %", "±0 %". */
export function formatChange(value) {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return t("unit.percent", { value: "±0" });
  return t("unit.percent", { value: `${rounded > 0 ? "+" : "−"}${formatNumber(Math.abs(rounded), 1)}` });
}

/** Metres of a deviation: always one decimal ("5.0 m", "5,0 м"). */
export function formatMetres(metres) {
  return t("unit.m", { value: formatNumber(metres, 1) });
}

/** A GPS accuracy in whole metres, at least 1 ("4 m"). */
export function formatAccuracy(metres) {
  return t("unit.m", { value: formatNumber(Math.max(1, Math.round(metres))) });
}

/** A count (trees, elements, photos) with the language's grouping of thousands. */
export function formatCount(count) {
  return formatNumber(count, 0);
}

/** A deviation object of the API as a short phrase, or "" when there is none. */
export function deviationText(deviation) {
  if (!deviation) return "";
  if (Number.isFinite(deviation.offset_m))
    return t("sv.deviation.offset", { metres: formatMetres(deviation.offset_m) });
  if (Number.isFinite(deviation.iou)) {
    return t("sv.deviation.area", {
      overlap: formatPercent(deviation.iou * 100),
      percent: formatChange(deviation.area_change_pct ?? 0),
      metres: formatMetres(deviation.hausdorff_m ?? 0),
    });
  }
  if (Number.isFinite(deviation.hausdorff_m)) {
    return t("sv.deviation.line", {
      metres: formatMetres(deviation.hausdorff_m),
      percent: formatChange(deviation.length_change_pct ?? 0),
    });
  }
  return "";
}

/** Square metres, or a length, as the workshop pages show them. */
export { formatArea, formatLength };
