// Each design gets a colour, the same on every tablet, so people can say "the blue one". The server numbers
// designs in the order they were made (colour_index), so the first seven designs never share a colour. The
// palette is Okabe and Ito's, chosen to stay apart for people with any common colour-vision deficiency
// (tests/core/test_accessibility.py checks it); designs are always named beside their colour too.
const DESIGN_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

/** The colour of a design ({id, colour_index}), or a neutral grey when there is none. */
export function designColour(design) {
  if (!design) return "#78909c";
  if (Number.isInteger(design.colour_index)) return DESIGN_COLOURS[design.colour_index % DESIGN_COLOURS.length];
  // A design not yet confirmed by the server (made offline) has no number yet: derive one from its id.
  let hash = 0;
  for (const character of design.id || "") hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return DESIGN_COLOURS[hash % DESIGN_COLOURS.length];
}
