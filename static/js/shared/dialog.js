// A text prompt on a <dialog>, instead of window.prompt: readable on a tablet, styled, translatable,
// and it does not block the page (so live updates keep arriving while someone types).
import { el } from "./dom.js";
import { t } from "./strings.js";

/**
 * Show a modal form and resolve with its answer: `submit()` gives the answer of the submit button (undefined keeps
 * the dialog open), cancelling (the button, Escape) gives `cancelValue`. Returns the dialog, already shown.
 */
function modalForm({ title, parts, cancelButton, cancelValue, submit, resolve }) {
  const form = el(
    "form",
    { className: "dialog__form", method: "dialog" },
    el("h2", { className: "dialog__title" }, title),
    ...parts,
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
    const result = submit();
    if (result !== undefined) finish(result);
  });
  cancelButton.addEventListener("click", () => finish(cancelValue));
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    finish(cancelValue);
  });
  dialog.showModal();
  return dialog;
}

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
    const refreshOk = () => {
      okButton.disabled = !allowEmpty && input.value.trim() === "";
    };
    input.addEventListener("input", refreshOk);
    refreshOk();
    modalForm({
      title,
      parts: [
        el("label", { className: "dialog__label", for: inputId }, label),
        input,
        el("div", { className: "dialog__actions" }, cancelButton, okButton),
      ],
      cancelButton,
      cancelValue: null,
      submit: () => {
        const text = input.value.trim();
        return !allowEmpty && text === "" ? undefined : text;
      },
      resolve,
    });
    input.focus();
    if (!multiline) input.select();
  });
}

/**
 * Ask a yes/no question. Resolves true when confirmed, false when cancelled.
 * options: {title, message, confirmLabel, cancelLabel, danger}
 */
export function askConfirm({
  title,
  message,
  confirmLabel = t("dialog.ok"),
  cancelLabel = t("dialog.cancel"),
  danger = false,
}) {
  return new Promise((resolve) => {
    const confirmButton = el(
      "button",
      { type: "submit", className: `btn ${danger ? "btn--danger-solid" : "btn--primary"}` },
      confirmLabel,
    );
    const cancelButton = el("button", { type: "button", className: "btn" }, cancelLabel);
    modalForm({
      title,
      parts: [
        message ? el("p", { className: "dialog__message" }, message) : null,
        el("div", { className: "dialog__actions" }, cancelButton, confirmButton),
      ],
      cancelButton,
      cancelValue: false,
      submit: () => true,
      resolve,
    });
    // The safe answer has the focus: Enter on a stray keyboard does not close a workshop.
    cancelButton.focus();
  });
}
