// Small building blocks shared by the supervision pages.
import { FACTS } from "../shared/facts.js";
import { el } from "../shared/dom.js";

/** A <button type="button"> that calls `onClick`; `label` becomes its accessible name when given. */
export function actionButton(children, { className = "btn", label = null, onClick = () => {}, disabled = false } = {}) {
  const button = el("button", { type: "button", className, "aria-label": label, disabled }, children);
  button.addEventListener("click", onClick);
  return button;
}

/**
 * A file picker for photos that looks like a button: a <label> wrapping a hidden <input type="file">,
 * so the camera opens on phones (capture) and the gallery stays available. `onFiles(File[])`.
 */
export function photoPicker({ text, label, className = "btn", onFiles }) {
  const input = el("input", {
    type: "file",
    className: "sv-file-input",
    accept: FACTS.photo_media_types.join(","),
    capture: "environment",
    multiple: true,
    "aria-label": label || text,
  });
  input.addEventListener("change", () => {
    const files = [...input.files];
    input.value = ""; // the same picture may be chosen again later
    if (files.length) onFiles(files);
  });
  return el(
    "label",
    { className: `${className} sv-file-button` },
    el("span", { "aria-hidden": label ? "true" : null }, text),
    input,
  );
}
