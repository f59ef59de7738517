// Accepting or objecting to a visit or an element, with a comment (authors only: the facilitator is
// refused with `forbidden`, which is said plainly).
import { FACTS } from "../shared/facts.js";
import { askText } from "../shared/dialog.js";
import { t } from "../shared/strings.js";
import { toast } from "../shared/toast.js";
import { signOff } from "./api.js";
import { errorText } from "./errors.js";

// The server checks a sign-off's comment against the note limit, not the (shorter) workshop comment limit.
const MAX_COMMENT = FACTS.limits.note;

/**
 * Ask for the comment and send the sign-off. target: {visit_id} or {element_id}; title: the dialog's title.
 * Resolves with the recorded sign-off, or null (cancelled or refused; the reason has been shown).
 */
export async function signOffWithComment({ projectId, key, target, verdict, title, onAuthLost = () => {} }) {
  const comment = await askText({
    title,
    label: t("sv.signoff.comment_label"),
    multiline: true,
    maxLength: MAX_COMMENT,
    // An objection says what must change; an acceptance may go without words.
    allowEmpty: verdict === "accept",
  });
  if (comment === null) return null;
  try {
    const signoff = await signOff(projectId, key, { ...target, verdict, comment });
    toast(t(verdict === "accept" ? "sv.signoff.sent_accept" : "sv.signoff.sent_object"));
    return signoff;
  } catch (error) {
    toast(errorText(error, "signoff"), "error");
    if (error.code === "unauthorized") onAuthLost();
    return null;
  }
}
