// Telling the person about their edits that did not happen as they made them (notices.js decides what to
// say): the refusals and conflicts that come while a journal is being sent are gathered, then shown together.
import { kindName } from "../../shared/map/kinds.js";
import { editNotice, noticeBoard } from "./notices.js";
import { errorText } from "../../shared/errors.js";
import { t, tn } from "../../shared/strings.js";
import { lastingToast, toast } from "../../shared/toast.js";

// How long to wait for more refusals of a journal being sent before showing them.
const GATHER_MS = 800;

/** One notice line as text: the thing it is about, what happened, and how many later edits of it fell too. */
function noticeText(line) {
  const text = line.key === "notice.refused" ? errorText(line.error) : t(line.key);
  const more = line.lost > 0 ? ` ${tn("notice.more", line.lost)}` : "";
  return (line.kind ? t("notice.line", { thing: kindName(line.kind), text }) : text) + more;
}

/** Show what the sync engine's "rejected" and "conflict" events say of this device's edits. */
export function showEditNotices(engine) {
  let lines = [];
  let timer = null;
  const show = () => {
    const board = noticeBoard(lines);
    lines = [];
    if (!board) return;
    const texts = board.lines.map(noticeText);
    if (board.lasting) lastingToast(tn("notice.title", board.count), texts, t("dialog.ok"));
    else toast(texts[0], "error");
  };
  const gather = (event) => {
    const line = editNotice(event.detail);
    if (!line) return;
    lines.push(line);
    clearTimeout(timer);
    timer = setTimeout(show, GATHER_MS);
  };
  engine.addEventListener("rejected", gather);
  engine.addEventListener("conflict", gather);
}
