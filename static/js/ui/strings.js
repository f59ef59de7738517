// Every piece of text the scripts show, in one dictionary, so that Kazakh and Russian can be added
// later by adding dictionaries beside this one. Placeholders are written {name}.

const EN = {
  // Errors, by the API's error code (docs/api.md). Unknown codes fall back to the server's message.
  "error.invalid": "Something in that request was not accepted. Please check and try again.",
  "error.invalid_geometry": "That shape cannot be used: it may cross itself or be too small.",
  "error.outside_site": "That is outside the site or inside a no-build zone.",
  "error.unauthorized": "This device is no longer signed in to the workshop.",
  "error.forbidden": "You are not allowed to do that. Join the design as co-author first.",
  "error.not_found": "Not found. Check the code, or the thing was removed.",
  "error.conflict": "Someone else changed this at the same time. You now see their version.",
  "error.too_large": "That is too large to send.",
  "error.network": "The server could not be reached. Check the Wi-Fi and try again.",
  "error.unknown": "Something went wrong ({code}).",
  "error.boundary_missing": "Draw the site on the map or load a GeoJSON file first.",
  "error.geojson_parse": "That text is not valid JSON.",
  "error.geojson_type": "Expected a Polygon or MultiPolygon (or a Feature / FeatureCollection whose first feature is one).",
  "error.file_read": "The file could not be read.",
  "error.required": "Please fill in: {field}.",

  // Home page.
  "home.joining": "Joining…",
  "home.code_not_found": "No workshop has this code. Check it with the facilitator and try again.",
  "home.continue": "Continue as {name} in {title}",
  "home.continue_untitled": "Continue as {name}",
  "home.facilitator_suffix": "(facilitator)",
  "home.forget": "Forget",
  "home.forget_label": "Forget {name} in {title} on this device",
  "home.field_code": "the workshop code",
  "home.field_name": "your name",
  "home.session_ended": "Your session for that workshop has ended. Join again with the code.",

  // New workshop page.
  "new.creating": "Creating…",
  "new.field_title": "workshop title",
  "new.field_site": "site name",
  "new.drawing_area": "Tap the map to outline the site. Tap the first point to close it.",
  "new.cutting_hole": "Outline a no-build zone inside the site. Tap its first point to close it.",
  "new.boundary_summary": "{polygons} area(s), {holes} no-build zone(s)",
  "new.boundary_none": "No site drawn yet.",
  "new.loaded_geojson": "Site loaded from GeoJSON.",
  "new.copied": "Copied.",
  "new.copy_failed": "Could not copy; select the text and copy it by hand.",
  "new.facilitator_name": "Facilitator",
  "new.code_label": "Join code: {code}",

  // Workshop page: connection.
  "status.connecting": "Connecting…",
  "status.connected": "Connected",
  "status.reconnecting": "Reconnecting…",
  "status.offline": "Offline",
  "status.waiting.one": "{count} edit waiting",
  "status.waiting.other": "{count} edits waiting",

  // Workshop page: designs.
  "design.none": "No design yet",
  "design.none_hint": "Start a new design to draw.",
  "design.new": "New design",
  "design.new_title": "Name the new design",
  "design.new_label": "Design title",
  "design.default_title": "Design by {name}",
  "design.list": "Designs",
  "design.list_label": "Choose a design",
  "design.switch": "Show",
  "design.current": "Showing",
  "design.join": "Join as co-author",
  "design.you_author": "You are a co-author",
  "design.authors": "By {names}",
  "design.join_hint": "Join this design as co-author to draw in it.",
  "design.pending": "(saving…)",
  "design.count.one": "{count} element",
  "design.count.other": "{count} elements",

  // Workshop page: palette and drawing.
  "palette.label": "Things to add",
  "palette.points": "Points",
  "palette.lines": "Lines",
  "palette.areas": "Areas",
  "draw.point": "Tap the map to place: {kind}. Tap Done when finished.",
  "draw.line": "Tap the map point by point for the {kind}. Tap Finish when done.",
  "draw.polygon": "Tap the corners of the {kind}. Tap the first corner or Finish to close it.",
  "draw.finish": "Finish",
  "draw.done": "Done",
  "draw.undo_point": "Remove last point",
  "draw.cancel": "Cancel",
  "draw.note_title": "Write the note",
  "draw.note_label": "Note",
  "edit.point_hint": "Drag the symbol to its new place, then tap Save.",
  "edit.shape_hint": "Drag the round handles to reshape (the small ones add a corner), then tap Save.",
  "edit.save": "Save shape",

  // Workshop page: element panel.
  "panel.close": "Close",
  "panel.design": "Design",
  "panel.author": "Added by",
  "panel.measure": "Size",
  "panel.note": "Note",
  "panel.no_note": "No note",
  "panel.pending": "Saving… (waiting for the server)",
  "panel.edit_shape": "Edit shape",
  "panel.edit_note": "Edit note",
  "panel.change_kind": "Change kind",
  "panel.delete": "Delete",
  "panel.someone": "someone",
  "panel.you": "you",
  "panel.edit_note_title": "Edit the note",
  "panel.kind_choices": "Change to",

  // Workshop page: messages.
  "undo.nothing": "Nothing to undo.",
  "undo.gone": "That element is already gone.",
  "conflict.replaced": "Someone else changed this element. You now see their version.",
  "edit.removed_meanwhile": "This element was removed by someone else.",
  "workshop.not_found": "This workshop does not exist (any more).",
  "workshop.no_build": "No-build zone",

  // Dialogs.
  "dialog.ok": "OK",
  "dialog.cancel": "Cancel",

  // Kinds.
  "kind.tree": "Tree",
  "kind.bench": "Bench",
  "kind.lighting": "Lighting",
  "kind.sign": "Sign",
  "kind.note": "Note",
  "kind.path": "Path",
  "kind.bike_lane": "Bike lane",
  "kind.play_area": "Play area",
  "kind.green_area": "Green area",
  "kind.water": "Water",
  "kind.plaza": "Plaza",
};

const DICTIONARY = EN;
const plural = new Intl.PluralRules("en");

/** The text for `key` with {placeholders} filled in from `vars`. A missing key shows itself, to be noticed. */
export function t(key, vars = {}) {
  const template = DICTIONARY[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Like t(), choosing `${key}.one` / `${key}.other` by `count` (rules of the language in use). */
export function tn(key, count, vars = {}) {
  const form = plural.select(count);
  const chosen = `${key}.${form}` in DICTIONARY ? `${key}.${form}` : `${key}.other`;
  return t(chosen, { count, ...vars });
}

/** Whether a key exists (used to fall back to the server's message for unknown error codes). */
export function has(key) {
  return key in DICTIONARY;
}
