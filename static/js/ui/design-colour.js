// Each design gets a colour from its id, the same on every tablet, so people can say "the blue one".
// These are chosen apart from the kinds' colours' roles: they mark designs (chips, the map's frame),
// never elements.
const DESIGN_COLOURS = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e"];

export function designColour(designId) {
  if (!designId) return "#78909c";
  let hash = 0;
  for (const character of designId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return DESIGN_COLOURS[hash % DESIGN_COLOURS.length];
}
