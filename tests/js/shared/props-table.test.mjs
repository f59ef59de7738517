// One check of props for both sides: every row of tests/data/props.json, which tests/core/test_props_table.py
// checks against the server's cowork/core/props.py. The browser's parseProps must keep what the server keeps and
// refuse what it refuses, for the same field and reason; the table must exercise every field of FACTS.props.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { FACTS } from "../../../static/js/shared/facts.js";
import { parseProps, propFields, readField, stripText } from "../../../static/js/shared/props.js";

const TABLE = JSON.parse(readFileSync(new URL("../../data/props.json", import.meta.url), "utf-8"));

/** A table's value with each {"$text": pieces} written out: a piece is a text, or [text, times]. */
function expand(value) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$text")
      return value.$text.map((piece) => (typeof piece === "string" ? piece : piece[0].repeat(piece[1]))).join("");
    return Object.fromEntries(keys.map((key) => [key, expand(value[key])]));
  }
  return value;
}

const label = (row) => JSON.stringify(row).slice(0, 120);
const isNumber = (value) => typeof value === "number";
const characters = (text) => [...stripText(text)].length;

/** What the table leaves unexercised of the fields `described` (FACTS.props); the pytest has the same over PROPS. */
function uncovered(described, cases) {
  const missing = [];
  for (const [kind, fields] of Object.entries(described)) {
    const rows = cases.filter((row) => row.kind === kind);
    const given = rows
      .filter((row) => row.props && typeof row.props === "object" && !Array.isArray(row.props))
      .map((row) => [expand(row.props), row]);
    const stored = given.filter(([, row]) => "stored" in row);
    if (!rows.some((row) => row.why === "unknown")) missing.push(`${kind}: an unknown field`);
    for (const [name, field] of Object.entries(fields)) {
      const good = stored
        .filter(([props, row]) => props[name] !== null && props[name] !== undefined && name in expand(row.stored))
        .map(([props]) => props[name]);
      const bad = given.filter(([, row]) => row.invalid === name).map(([props, row]) => [props[name], row.why]);
      if (!good.length || !bad.length) missing.push(`${kind}.${name}: a good and a bad value`);
      let wanted;
      if (field.type === "integer" || field.type === "number") {
        const [low, high] = [field.minimum, field.maximum];
        wanted = {
          "the minimum": good.includes(low),
          "the maximum": good.includes(high),
          "below the minimum": bad.some(([value, why]) => isNumber(value) && value < low && why === "range"),
          "above the maximum": bad.some(([value, why]) => isNumber(value) && value > high && why === "range"),
          "a wrong type": bad.some(([value]) => !isNumber(value)),
        };
      } else if (field.type === "text") {
        const longest = field.max_length;
        wanted = {
          "the longest text": good.some((value) => typeof value === "string" && characters(value) === longest),
          "one character too long": bad.some(
            ([value]) => typeof value === "string" && characters(value) === longest + 1,
          ),
          "a wrong type": bad.some(([, why]) => why === "type"),
          "a NUL": bad.some(([, why]) => why === "nul"),
        };
      } else if (field.type === "choice") {
        wanted = Object.fromEntries(field.options.map((option) => [`the option '${option}'`, good.includes(option)]));
        if ("default" in field)
          wanted["its default filled"] = stored.some(
            ([props, row]) => !(name in props) && expand(row.stored)[name] === field.default,
          );
      } else {
        wanted = {
          true: good.includes(true),
          false: good.includes(false),
          "a wrong type": bad.some(([, why]) => why === "type"),
        };
      }
      for (const [what, there] of Object.entries(wanted)) if (!there) missing.push(`${kind}.${name}: ${what}`);
    }
  }
  if (!cases.some((row) => !(row.kind in described))) missing.push("a kind without props");
  return missing;
}

describe("the shared props table", () => {
  test("the browser keeps what the server keeps and refuses what it refuses, for the same reason", () => {
    for (const row of TABLE.cases) {
      const answer = parseProps(row.kind, expand(row.props));
      if ("stored" in row) {
        assert.deepEqual(answer, { props: expand(row.stored), errors: {} }, label(row));
      } else {
        assert.equal(answer.props, null, label(row));
        assert.deepEqual(Object.keys(answer.errors), [row.invalid], label(row));
        assert.equal(answer.errors[row.invalid].key, `props.error.${row.why}`, label(row));
      }
    }
  });

  test("a typed value is checked by the same rule once read: a good row's value typed in is kept", () => {
    for (const row of TABLE.cases) {
      if (!("stored" in row) || !row.props || !(row.kind in FACTS.props)) continue;
      for (const [name, value] of Object.entries(expand(row.props))) {
        if (value === null) continue;
        const field = propFields(row.kind).find((candidate) => candidate.name === name);
        const typed = field.type === "boolean" ? value : String(value);
        const kept = expand(row.stored)[name];
        assert.deepEqual(readField(field, typed), { value: kept ?? null }, `${label(row)} typed as ${typed}`);
      }
    }
  });

  test("the table exercises every field of every kind in FACTS.props, at each bound", () => {
    assert.deepEqual(uncovered(FACTS.props, TABLE.cases), []);
  });
});
