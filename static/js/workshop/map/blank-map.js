// What the new-workshop page's map says when it has no background: no tiles (no internet, no base map file) make
// a blank box, so it tells how a site is marked all the same. Pure and DOM-free (tests/js/workshop/blank-map.test.mjs);
// pages/new.js shows it.

/**
 * @param {{hasTiles: boolean, areas: number, drawing: boolean}} state hasTiles: the map has a background; areas:
 *   the site's polygons so far; drawing: an outline is being drawn (the draw bar then says what to do)
 * @returns {{shown: boolean}} the hint shows on a blank map until a site is there or is being drawn
 */
export function blankMapHint({ hasTiles, areas, drawing }) {
  return { shown: !hasTiles && areas === 0 && !drawing };
}
