// What the person is told about their own edits that did not happen as they made them: most often edits queued
// while the tablet was offline, of elements someone else deleted or changed meanwhile. DOM-free and
// language-free: it says which sentence (a catalogue key), about which kind of thing, and how many later edits of
// the same element fell with it; the page turns that into text.
//
// Every edit the server refused or overrode gets a line, except those that need none: an edit that fell with an
// earlier one (counted in that one's line) and a delete of something already gone (what the person wanted).

/**
 * The line for an engine "rejected" or "conflict" event's detail ({op, error?, element?, silent?, lost?}), or
 * null when nothing needs saying. A line: {key, kind, lost, error?}; `error` (the server's {code, message}) when the
 * key is "notice.refused", whose text is the error's own.
 */
export function editNotice({ op, error, element, silent, lost = 0 }) {
  if (silent) return null;
  const kind = op.payload?.kind || element?.kind || op.kind || null;
  const line = (key) => ({ key, kind, lost: lost || 0 });
  if (element) return line(op.event === "element:delete" ? "notice.delete_changed" : "notice.changed");
  if (error?.deleted) return line(op.event === "element:add" ? "notice.added_then_deleted" : "notice.deleted");
  return { ...line("notice.refused"), error: error || { code: "unknown" } };
}

/**
 * The lines gathered while the journal was being sent, as one notice: null when there are none; a single line is
 * shown as it is, for a few seconds (`lasting` false); several together stay, under a title with their count, in
 * the order the edits were made, until the person closes them (a burst of short messages would hide most).
 */
export function noticeBoard(lines) {
  const shown = lines.filter(Boolean);
  if (shown.length === 0) return null;
  return { count: shown.length, lines: shown, lasting: shown.length > 1 };
}
