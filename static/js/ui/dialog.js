// A text prompt on a <dialog>, instead of window.prompt: readable on a tablet, styled, translatable,
// and it does not block the page (so live updates keep arriving while someone types).
import { el } from "./dom.js";
import { t } from "./strings.js";

/**
 * Ask for a line (or several lines) of text. Resolves with the trimmed text, or null when cancelled.
 * options: {title, label, value, maxLength, multiline, allowEmpty}
 */
export function askText({ title, label, value = "", maxLength = 200, multiline = false, allowEmpty = false }) {
  return new Promise((resolve) => {
    const inputId = `dialog-input-${Date.now()}`;
    const input = multiline
      ? el("textarea", { id: inputId, className: "dialog__input", rows: 4, maxLength })
      : el("input", { id: inputId, className: "dialog__input", type: "text", maxLength, autocomplete: "off" });
    input.value = value;
    const okButton = el("button", { type: "submit", className: "btn btn--primary" }, t("dialog.ok"));
    const cancelButton = el("button", { type: "button", className: "btn" }, t("dialog.cancel"));
    const form = el(
      "form",
      { className: "dialog__form", method: "dialog" },
      el("h2", { className: "dialog__title" }, title),
      el("label", { className: "dialog__label", for: inputId }, label),
      input,
      el("div", { className: "dialog__actions" }, cancelButton, okButton),
    );
    const dialog = el("dialog", { className: "dialog", "aria-label": title }, form);
    document.body.append(dialog);

    const refreshOk = () => {
      okButton.disabled = !allowEmpty && input.value.trim() === "";
    };
    let answered = false;
    const finish = (result) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    input.addEventListener("input", refreshOk);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!allowEmpty && text === "") return;
      finish(text);
    });
    cancelButton.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(null);
    });
    refreshOk();
    dialog.showModal();
    input.focus();
    if (!multiline) input.select();
  });
}

/**
 * Ask a yes/no question. Resolves true when confirmed, false when cancelled.
 * options: {title, message, confirmLabel, cancelLabel, danger}
 */
export function askConfirm({ title, message, confirmLabel = t("dialog.ok"), cancelLabel = t("dialog.cancel"), danger = false }) {
  return new Promise((resolve) => {
    const confirmButton = el("button", { type: "submit", className: `btn ${danger ? "btn--danger-solid" : "btn--primary"}` }, confirmLabel);
    const cancelButton = el("button", { type: "button", className: "btn" }, cancelLabel);
    const form = el(
      "form",
      { className: "dialog__form", method: "dialog" },
      el("h2", { className: "dialog__title" }, title),
      message ? el("p", { className: "dialog__message" }, message) : null,
      el("div", { className: "dialog__actions" }, cancelButton, confirmButton),
    );
    const dialog = el("dialog", { className: "dialog", "aria-label": title }, form);
    document.body.append(dialog);

    let answered = false;
    const finish = (result) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      finish(true);
    });
    cancelButton.addEventListener("click", () => finish(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    // The safe answer has the focus: Enter on a stray keyboard does not close a workshop.
    cancelButton.focus();
  });
}
