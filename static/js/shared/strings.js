// Every piece of text the scripts show comes from the same catalogues as the server's pages
// (static/i18n/<lang>.json), so a string is written and translated once. The server chooses the language
// per request and writes it into <html lang>; the scripts follow it, so a page never mixes two languages.
// Placeholders are written {name}; plural forms are `key.one` / `key.few` / `key.many` / `key.other`.
import en from "../../i18n/en.json" with { type: "json" };
import kk from "../../i18n/kk.json" with { type: "json" };
import ru from "../../i18n/ru.json" with { type: "json" };

const CATALOGUES = { kk, ru, en };
const FALLBACK = "en";

/** The page's language ("kk", "ru" or "en"): the server's choice, English when it is not one we have. */
export const language = pickLanguage(document.documentElement.lang);

const catalogue = CATALOGUES[language];

function pickLanguage(tag) {
  const code = String(tag || "")
    .toLowerCase()
    .split("-")[0];
  return code in CATALOGUES ? code : FALLBACK;
}

/** The text of a key in the page's language, else in English (a key missing in both shows itself, to be noticed). */
function lookup(key) {
  return catalogue[key] || CATALOGUES[FALLBACK][key] || key;
}

/** The text for `key` with {placeholders} filled in from `vars`. */
export function t(key, vars = {}) {
  return lookup(key).replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Like t(), choosing `${key}.one` / `.few` / `.many` / `.other` by `count` with the language's plural rules;
 * {count} is written as the language writes numbers (1 234 or 1,234).
 */
export function tn(key, count, vars = {}) {
  return t(pluralKey(key, count), { count: formatNumber(count), ...vars });
}

function pluralKey(key, count) {
  const form = `${key}.${pluralForm(count)}`;
  if (form in catalogue) return form;
  if (`${key}.other` in catalogue) return `${key}.other`;
  // Not translated yet: the English text, with English rules.
  return `${key}.${pluralForm(count, FALLBACK)}`;
}

/**
 * Which plural form ("one", "few", "many", "other") a count takes in a language (the page's by default), written as
 * the server's i18n.plural_form is: Russian's three forms for whole numbers, "one" for exactly 1 elsewhere.
 * tests/data/plural.json holds the cases both must agree on. (Intl.PluralRules differs for -1, "one" in English and
 * Kazakh, and depends on the locale data each browser carries.)
 */
export function pluralForm(count, lang = language) {
  if (lang === "ru" && Number.isInteger(count)) {
    const n = Math.abs(count);
    if (n % 10 === 1 && n % 100 !== 11) return "one";
    if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14)) return "few";
    return "many";
  }
  return count === 1 ? "one" : "other";
}

/** Whether a key exists (used to fall back to the server's message for unknown error codes). */
export function has(key) {
  return key in catalogue || key in CATALOGUES[FALLBACK];
}

/**
 * The digits of |value| rounded to `decimals`, halves up (away from zero), on the number's shortest decimal form:
 * the rule of facts.js (`rounding`), and of the server's i18n.round_half_up, so that 7216.5 is 7217 on both.
 * (toFixed rounds the binary value instead, Python's format to the even neighbour.)
 */
export function roundHalfUp(value, decimals = 0) {
  const text = String(Math.abs(Number(value)));
  if (/e/i.test(text)) return Math.abs(Number(value)).toFixed(decimals); // below 1e-6 or above 1e21: no halves here
  const [whole, fraction = ""] = text.split(".");
  const kept = BigInt(whole + fraction.padEnd(decimals, "0").slice(0, decimals));
  const digits = (fraction.length > decimals && fraction[decimals] >= "5" ? kept + 1n : kept)
    .toString()
    .padStart(decimals + 1, "0");
  return decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
}

/**
 * A number as the language writes it, exactly like the server's i18n.format_number: Kazakh and Russian
 * group thousands with a narrow no-break space and mark decimals with a comma (1 234,5); English uses
 * 1,234.5. Written by hand because Intl does not group four-digit numbers in Russian, and the page must
 * say the same as the server-rendered results next to it; halves round up (roundHalfUp), as there.
 */
export function formatNumber(value, decimals = 0) {
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  const [whole, fraction] = roundHalfUp(number, decimals).split(".");
  const local = language === "en" ? { group: ",", decimal: "." } : { group: "\u202f", decimal: "," };
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, local.group);
  return (number < 0 ? "-" : "") + grouped + (fraction ? local.decimal + fraction : "");
}
