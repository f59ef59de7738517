// Dates as people read them, in the page's language: "May 10, 2027" / "10 мая 2027 г." / "2027 ж. 10 мамыр", by
// Intl in <html lang>, or from the catalogue's month names where the browser has none for the language.
import { language, t } from "./strings.js";

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
