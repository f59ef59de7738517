// Every piece of text of the construction-supervision pages (supervise, public progress, recover, the
// claim card), in one English dictionary to be merged into the translated catalogue. Placeholders are {name}.

const EN = {
  // Errors, by the API's error code (docs/api.md).
  "error.invalid": "Something in that request was not accepted. Please check and try again.",
  "error.invalid_geometry": "That shape cannot be used: it may cross itself, be too small or not match the kind.",
  "error.outside_site": "That shape is outside the site or inside a no-build zone.",
  "error.unauthorized": "This supervision link no longer works: it was replaced by a newer one or revoked.",
  "error.forbidden": "You are not allowed to do that.",
  "error.forbidden_signoff": "Only the authors of the design can accept or object. This key may record visits, but not sign off.",
  "error.not_found": "Not found: it may have been removed.",
  "error.conflict": "That id is already used for something else. Please try again.",
  "error.too_large": "That is too large to send.",
  "error.phase": "Not possible at this stage.",
  "error.not_an_image": "That file is not a picture.",
  "error.unsupported_type": "Only JPEG, PNG and WebP pictures can be uploaded.",
  "error.photo_too_large": "That picture is too large to upload.",
  "error.network": "The server could not be reached. Check the connection and try again.",
  "error.unknown": "Something went wrong ({code}).",
  "error.with_detail": "{text} ({detail})",
  "error.load_failed": "The project could not be loaded.",

  // Access (the key of an author).
  "access.no_key_title": "This device has no supervision key for this project",
  "access.no_key_text": "Open the personal link you received when the design was adopted, or get a fresh one with your recovery code.",
  "access.lost_title": "Your supervision link no longer works",
  "access.lost_text": "It was replaced by a newer link (claimed on another device or recovered with your code) or revoked by the facilitator. Nothing you had recorded is lost.",
  "access.recover_link": "Get a fresh link with my recovery code",
  "access.public_link": "See the public progress page",

  // Statuses of plan elements.
  "status.planned": "Planned",
  "status.in_progress": "In progress",
  "status.built": "Built",
  "status.built_with_deviation": "Built with deviation",
  "status.missing": "Missing",
  "status.removed": "Removed",
  "status.unchecked": "Not checked on this visit",
  "status.with_deviation": "{status}: {deviation}",

  // Deviations.
  "deviation.offset": "{metres} off",
  "deviation.line": "up to {metres} off, length {percent}",
  "deviation.area": "overlap {overlap}, area {percent}, up to {metres} off",

  // The map and its key.
  "map.label": "Map of the site with the plan and what was built",
  "map.key": "Key",
  "map.key_title": "Map key",
  "map.design": "Design (as drawn at the workshop)",
  "map.as_built": "As built (measured on site)",
  "map.unplanned": "Built but not in the design",
  "map.draft": "Marked on this visit, not saved yet",
  "map.photo": "Photo taken here",
  "map.photo_label": "Photo of {date}",
  "map.element_label": "{kind}: {status}",
  "map.element_label_unplanned": "{kind} (not in the design): {status}",

  // Project header.
  "project.organisation": "Organisation",
  "project.contractor": "Contractor",
  "project.dates": "Planned",
  "project.dates_value": "{start} to {end}",
  "project.start_only": "from {start}",
  "project.end_only": "until {end}",
  "project.design": "Design",
  "project.design_value": "{title}, by {authors}",

  // Links.
  "links.title": "Share and download",
  "links.public": "Public progress page",
  "links.public_short": "Public page",
  "links.report": "Printable report",
  "links.geojson": "GeoJSON export",
  "links.photos": "All photos (zip)",
  "links.supervise": "Supervision workspace",

  // Tabs of the workspace.
  "tabs.label": "Sections",
  "tabs.overview": "Progress",
  "tabs.elements": "Elements",
  "tabs.record": "Record visit",
  "tabs.visits": "Visits",

  // Progress and the green ledger.
  "progress.title": "Progress",
  "progress.overall": "{percent} built",
  "progress.overall_detail": "{built} of {total} planned elements built",
  "progress.bar_label": "Overall progress",
  "progress.kind": "{built} of {total}",
  "progress.kind_label": "{kind}: {built} of {total} built",
  "progress.additions.one": "{count} unplanned addition",
  "progress.additions.other": "{count} unplanned additions",
  "ledger.title": "Green ledger",
  "ledger.intro": "Trees and green area the design requires, against what was planted and what is alive at the latest visit.",
  "ledger.required": "Required",
  "ledger.planted": "Planted",
  "ledger.alive": "Alive",
  "ledger.shortfall": "Shortfall",
  "ledger.trees": "Trees",
  "ledger.green": "Green area",
  "ledger.chart_trees": "Trees alive at each visit, against the trees required",
  "ledger.chart_green": "Green area alive at each visit, against the area required",
  "ledger.chart_summary": "{title}. Required: {required}. {points}.",
  "ledger.chart_point": "{date}: {value}",
  "ledger.chart_alive": "alive",
  "ledger.chart_required": "required",
  "ledger.chart_table_date": "Visit",
  "ledger.chart_table_value": "Alive",
  "ledger.no_history": "No visits yet: the chart starts with the first visit.",

  // Elements.
  "elements.title": "Plan elements",
  "elements.additions": "Built but not in the design",
  "elements.none": "The plan has no elements.",
  "elements.show_on_map": "Show {name} on the map",
  "elements.measure": "Design: {measure}",
  "elements.count": "Count: {count}",
  "elements.signoffs": "Sign-offs",

  // Sign-offs.
  "signoff.accept": "Accept",
  "signoff.object": "Object",
  "signoff.accept_visit_title": "Accept the visit of {date}",
  "signoff.object_visit_title": "Object to the visit of {date}",
  "signoff.accept_element_title": "Accept: {name}",
  "signoff.object_element_title": "Object: {name}",
  "signoff.comment_label": "Comment (what you checked, what must change)",
  "signoff.sent_accept": "Your acceptance is recorded.",
  "signoff.sent_object": "Your objection is recorded.",
  "signoff.verdict_accept": "Accepted",
  "signoff.verdict_object": "Objection",
  "signoff.on_visit": "on the visit of {date}",
  "signoff.on_element": "on {name}",
  "signoff.title": "Authors' sign-offs and objections",
  "signoff.none": "No sign-offs yet.",
  "signoff.accept_label": "Accept {target}",
  "signoff.object_label": "Object to {target}",
  "signoff.visit_target": "the visit of {date}",

  // Visits (timeline).
  "visits.title": "Site visits",
  "visits.none": "No site visits recorded yet.",
  "visits.by": "Recorded by {name}",
  "visits.conditions": "Conditions: {conditions}",
  "visits.observations.one": "{count} observation",
  "visits.observations.other": "{count} observations",
  "visits.open_photo": "Open photo {index} of the visit of {date}",
  "visits.add_photos": "Add photos",
  "visits.add_photos_label": "Add photos to the visit of {date}",
  "visits.photo_of": "Photos show",
  "visits.photo_of_visit": "The visit in general",
  "visits.count": "×{count}",

  // The visit form.
  "form.title": "Record a site visit",
  "form.intro": "Walk the site, then set the status of each element you checked. Elements you leave as “Not checked” keep their status.",
  "form.date": "Date of the visit",
  "form.notes": "Notes",
  "form.conditions": "Conditions (weather, access)",
  "form.observations": "Elements",
  "form.filter": "Show",
  "form.filter_all": "All elements",
  "form.filter_open": "Not built yet",
  "form.filter_checked": "Checked on this visit",
  "form.status": "Status of {name}",
  "form.count": "How many",
  "form.count_label": "How many: {name}",
  "form.note": "Note",
  "form.note_label": "Note on {name}",
  "form.as_built": "As built",
  "form.as_built_none": "No shape measured: the design is assumed.",
  "form.as_built_drawn": "Drawn on the map.",
  "form.as_built_previous": "Kept from the previous visit.",
  "form.as_built_gps": "From {count} GPS fixes (about ±{accuracy}).",
  "form.draw_as_built": "Draw as built",
  "form.redraw_as_built": "Redraw as built",
  "form.use_location": "Use my location",
  "form.clear_as_built": "Clear shape",
  "form.draw_label": "Draw {name} as built on the map",
  "form.location_label": "Use my location for {name}",
  "form.clear_label": "Clear the as-built shape of {name}",
  "form.add_photo": "Photo",
  "form.add_photo_label": "Add photos of {name}",
  "form.remove_photo": "Remove photo {name}",
  "form.photos": "Photos of the visit",
  "form.photos_help": "Photos are sent after the visit is saved. Photos of one element: use the Photo button of that element.",
  "form.add_visit_photos": "Add photos",
  "form.additions": "Built but not in the design",
  "form.additions_help": "Something the contractor built that the design did not have: pick its kind and mark it on the map.",
  "form.add_addition": "Add something built that was not planned",
  "form.addition_kind": "What was built",
  "form.addition_name": "Unplanned {kind}",
  "form.addition_needs_shape": "Mark where it is: draw it or use your location.",
  "form.remove_addition": "Remove",
  "form.remove_addition_label": "Remove the unplanned {kind}",
  "form.submit": "Save visit",
  "form.submitting": "Saving…",
  "form.retry": "Send again",
  "form.discard": "Start a new visit",
  "form.kept_offline": "Not sent: the server could not be reached. The visit is kept on this device; send it again when the connection is back.",
  "form.draft_restored": "An unsent visit was restored on this device.",
  "form.nothing_checked": "No element is checked: the visit will be saved with its notes only.",
  "form.checked.one": "{count} element checked",
  "form.checked.other": "{count} elements checked",
  "form.date_required": "Please give the date of the visit.",
  "form.busy_drawing": "Finish the shape being drawn first.",

  // The result of a saved visit.
  "result.title": "Visit of {date} saved",
  "result.none": "No element was checked on this visit.",

  // Drawing on the map.
  "draw.hint_point": "Tap the map where it stands, or drag the marker.",
  "draw.hint_edit": "Drag the corners to where it was built. Tap a small middle handle to add a corner.",
  "draw.hint_line": "Tap the map to place the points of the line, then Done.",
  "draw.hint_polygon": "Tap the map to place the corners, then Done.",
  "draw.done": "Done",
  "draw.cancel": "Cancel",
  "draw.undo_point": "Remove last point",
  "draw.too_few": "Place more points first.",

  // Location.
  "gps.collecting": "Getting your location: fix {done} of {total}…",
  "gps.cancel": "Stop",
  "gps.done": "Location from {count} fixes (about ±{accuracy}).",
  "gps.partial": "Only {count} of {total} fixes came in; the average of those is used.",
  "gps.rough": "The location is rough (±{accuracy}). Consider drawing it on the map instead.",
  "gps.unsupported": "This browser cannot tell its location.",
  "gps.insecure": "The browser gives the location only to pages served over https. Draw it on the map instead.",
  "gps.denied": "Location is not allowed for this page. Allow it in the browser's settings, or draw it on the map.",
  "gps.unavailable": "The location could not be found. Step outside, away from buildings, and try again, or draw it on the map.",
  "gps.timeout": "The location took too long. Try again in the open, or draw it on the map.",
  "gps.cancelled": "Location stopped.",
  "gps.progress_label": "Location fixes",

  // Photo uploads.
  "upload.title": "Photo uploads",
  "upload.waiting": "Waiting",
  "upload.uploading": "Uploading {percent}",
  "upload.retrying": "No connection: trying again in {seconds} s (attempt {attempt})",
  "upload.done": "Uploaded",
  "upload.duplicate": "Already uploaded",
  "upload.failed": "Not uploaded: {reason}",
  "upload.retry": "Try again",
  "upload.retry_label": "Try uploading {name} again",
  "upload.progress_label": "Upload of {name}",
  "upload.all_done.one": "{count} photo uploaded.",
  "upload.all_done.other": "{count} photos uploaded.",

  // The photo viewer.
  "photo.close": "Close",
  "photo.title": "Photo of the visit of {date}",
  "photo.open_full": "Open the full-size picture",

  // Recover page.
  "recover.title": "Get a fresh supervision link",
  "recover.intro": "Type the recovery code from the paper you were given when the design was adopted. You get a new personal link on this device; the old link stops working.",
  "recover.label": "Recovery code",
  "recover.help": "Ten letters and digits. Spaces, dashes and small letters are fine.",
  "recover.placeholder": "ABCDE FGHJK",
  "recover.submit": "Continue",
  "recover.checking": "Checking…",
  "recover.unknown": "Unknown or revoked code. Check it against the paper you were given, or ask the facilitator for a new one.",
  "recover.empty": "Please type your recovery code.",
  "recover.done": "Access restored. Opening the project…",

  // Claim card (the author's tablet at adoption).
  "claim.title": "Your supervision link for {title}",
  "claim.loading": "Getting your personal link…",
  "claim.intro": "With this link you follow the construction of your design: record site visits, add photos and accept or object to what was built.",
  "claim.advice": "Photograph this QR code or save the link now: it is shown only here. A new link replaces the old one.",
  "claim.link_label": "Your personal supervision link",
  "claim.copy": "Copy link",
  "claim.copied": "Link copied.",
  "claim.copy_failed": "Could not copy; select the link and copy it by hand.",
  "claim.qr_alt": "QR code of your personal supervision link",
  "claim.qr_failed": "The QR code could not be made; copy the link instead.",
  "claim.retry": "Try again",
  "claim.not_author": "Only the authors of the adopted design get a supervision link.",

  // Misc.
  "common.loading": "Loading…",
  "common.none": "—",
};

const DICTIONARY = EN;
const plural = new Intl.PluralRules("en");

/** The text for `key` with {placeholders} filled in from `params`. A missing key shows itself, to be noticed. */
export function t(key, params = {}) {
  const template = DICTIONARY[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Like t(), choosing `${key}.one` / `${key}.other` by `count`. */
export function tn(key, count, params = {}) {
  const form = plural.select(count);
  const chosen = `${key}.${form}` in DICTIONARY ? `${key}.${form}` : `${key}.other`;
  return t(chosen, { count, ...params });
}

/** Whether a key exists. */
export function has(key) {
  return key in DICTIONARY;
}
