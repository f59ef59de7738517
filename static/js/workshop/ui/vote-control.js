// A dot-vote control for one design: − (take a dot back), my dots on it, + (give a dot).
// The person sees at once why + is off (no dots left, the most per design reached, their own design):
// tablet/model.js decides what may be done (voteOptions), this draws it.
import { el } from "../../shared/dom.js";
import { t, tn } from "../../shared/strings.js";

/**
 * The control for one design, as voteOptions() allows.
 * @param {{title: string, mine: number, canAdd: boolean, canRemove: boolean, busy: boolean, reason: string|null,
 *          onVote: (delta: number) => void, large?: boolean, keepReasonRoom?: boolean}} options
 *   keepReasonRoom: the line for why + is off is there even when empty, so that nothing moves when it fills
 */
export function voteControl({ title, mine, canAdd, canRemove, busy, reason, onVote, large = false, keepReasonRoom }) {
  const minus = el(
    "button",
    {
      type: "button",
      className: "btn vote-control__button vote-control__minus",
      "aria-label": t("vote.retract_label", { title }),
      disabled: busy || !canRemove,
    },
    "−",
  );
  const plus = el(
    "button",
    {
      type: "button",
      className: "btn btn--primary vote-control__button vote-control__plus",
      "aria-label": t("vote.cast_label", { title }),
      disabled: busy || !canAdd,
    },
    "+",
  );
  minus.addEventListener("click", () => onVote(-1));
  plus.addEventListener("click", () => onVote(1));
  const dots = el("span", { className: "vote-control__dots", "aria-hidden": "true" }, "●".repeat(Math.min(mine, 10)));
  const count = el(
    "span",
    { className: "vote-control__count", role: "status", "aria-label": tn("vote.mine_label", mine, { title }) },
    String(mine),
  );
  return el(
    "div",
    {
      className: `vote-control${large ? " vote-control--large" : ""}`,
      role: "group",
      "aria-label": t("vote.group_label", { title }),
    },
    minus,
    el("span", { className: "vote-control__value" }, dots, count),
    plus,
    reasonLine(reason, keepReasonRoom),
  );
}

/** Why + is off, when it is for a reason of this design ("no dots left" is said once, beside the count of dots
 * left); with `keepRoom`, an empty line otherwise. */
function reasonLine(reason, keepRoom) {
  const text = reason && reason !== "vote.none_left" ? t(reason) : "";
  return text || keepRoom ? el("span", { className: "vote-control__reason" }, text) : null;
}
