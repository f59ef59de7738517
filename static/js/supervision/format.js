// Percentages, counts and deviations as people read them, in the page's language: numbers as the shared
// catalogues write them (1 234,5 in Kazakh and Russian, 1,234.5 in English). Dates are shared/dates.js.
import { formatArea, formatLength } from "../shared/format.js";
import { formatNumber, t } from "../shared/strings.js";

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
