// Short messages in a corner of the screen. Errors stay longer and are announced assertively.
import { el } from "./dom.js";

const DURATION_MS = { info: 3500, error: 7000 };

/** Show `message` (plain text) for a few seconds. kind: "info" | "error". */
export function toast(message, kind = "info") {
  const region = document.getElementById("toasts");
  if (!region) return;
  // The region is polite; an error interrupts (role=alert).
  const item = el("div", { className: `toast toast--${kind}`, role: kind === "error" ? "alert" : null }, message);
  region.append(item);
  // Keep at most four on screen: a burst of failures should not cover the map. A lasting list is not pushed out.
  const passing = () => region.querySelectorAll(".toast:not(.toast--lasting)");
  while (passing().length > 4) passing()[0].remove();
  setTimeout(() => item.remove(), DURATION_MS[kind] ?? DURATION_MS.info);
}

/** Show a title over a list of lines (plain text) that stays until the person closes it with `closeLabel`. */
export function lastingToast(title, lines, closeLabel) {
  const region = document.getElementById("toasts");
  if (!region) return;
  const close = el("button", { type: "button", className: "btn toast__close" }, closeLabel);
  const item = el(
    "div",
    { className: "toast toast--error toast--lasting", role: "alert" },
    el("p", { className: "toast__title" }, title),
    el(
      "ul",
      { className: "toast__lines" },
      lines.map((line) => el("li", {}, line)),
    ),
    close,
  );
  close.addEventListener("click", () => item.remove());
  region.append(item);
}
