// Every small change of a view, one at a time: each string, number and boolean in it changed, and each list or Map
// without its last entry. Not a test file itself: the renderers' tests run each change through a renderer that
// already drew the view and through a new one, and expect both to show the same.

/** [path, changed copy of `value`] for every change; parts that do not change are shared with `value`. */
export function* changes(value, path = []) {
  if (typeof value === "string") yield [path, `${value}·`];
  else if (typeof value === "number") yield [path, value + 1];
  else if (typeof value === "boolean") yield [path, !value];
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      for (const [at, changed] of changes(item, [...path, index])) yield [at, value.with(index, changed)];
    }
    if (value.length) yield [[...path, "without its last"], value.slice(0, -1)];
  } else if (value instanceof Map) {
    for (const [key, item] of value) {
      for (const [at, changed] of changes(item, [...path, key])) {
        yield [at, new Map([...value].map(([other, entry]) => [other, other === key ? changed : entry]))];
      }
    }
    if (value.size) yield [[...path, "without its last"], new Map([...value].slice(0, -1))];
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      for (const [at, changed] of changes(item, [...path, key])) yield [at, { ...value, [key]: changed }];
    }
  }
}
