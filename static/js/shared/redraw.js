// Drawing a part of a page again only when what it shows would change. A renderer draws from one object of plain
// data, its view (strings, numbers, booleans, null, arrays, plain objects, Maps, Sets and Dates: no functions, no
// DOM nodes), and from nothing else; Redraw keeps a copy of the view it last drew and compares the next one with it,
// whole and by value. No key is built by hand, so none can leave out something the drawing uses: what is drawn is
// exactly what is compared. (Rebuilding a part under a finger swallows the tap, so parts with buttons are not
// rebuilt for nothing.)

const NOTHING = Symbol("nothing");

/** Whether two views hold the same data, compared whole and by value: Maps and Sets by their entries, in order. */
export function sameData(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) {
    return a.constructor === b.constructor && a.size === b.size && sameData([...a], [...b]);
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]))
  );
}

export class Redraw {
  /** @param {(view: object) => void} draw draws the whole part from the view it is given, and from nothing else */
  constructor(draw) {
    this.draw = draw;
    this.drawn = NOTHING;
  }

  /**
   * Draw `view` unless it holds the same data as the view drawn last; returns whether it drew. The view is copied
   * (structuredClone, which refuses functions and DOM nodes), so a later change made in place is still seen.
   */
  update(view) {
    if (this.drawn !== NOTHING && sameData(view, this.drawn)) return false;
    const copy = structuredClone(view);
    this.draw(view);
    this.drawn = copy;
    return true;
  }

  /** Forget what was drawn (the part was emptied or hidden): the next update draws whatever it is given. */
  forget() {
    this.drawn = NOTHING;
  }
}
