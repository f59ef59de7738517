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
  // Keep at most four on screen: a burst of failures should not cover the map.
  while (region.children.length > 4) region.firstElementChild.remove();
  setTimeout(() => item.remove(), DURATION_MS[kind] ?? DURATION_MS.info);
}
