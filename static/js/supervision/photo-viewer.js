// A photo opened full screen in a <dialog>: the picture, what it shows, a link to the original file.
import { el } from "../shared/dom.js";
import { t } from "../shared/strings.js";
import { formatDate } from "../shared/dates.js";
import { actionButton } from "./widgets.js";

/** Open `photo` (from a visit's photos). caption: optional text (e.g. the element it shows). */
export function openPhoto(photo, { visit = null, caption = "" } = {}) {
  const title = visit ? t("sv.photo.title", { date: formatDate(visit.date) }) : caption;
  const close = actionButton(t("sv.photo.close"), { className: "btn sv-viewer__close" });
  const dialog = el(
    "dialog",
    { className: "sv-viewer", "aria-label": title },
    el(
      "figure",
      { className: "sv-viewer__figure" },
      el("img", {
        className: "sv-viewer__image",
        src: photo.url,
        alt: caption || title,
        width: photo.width || null,
        height: photo.height || null,
      }),
      el(
        "figcaption",
        { className: "sv-viewer__caption" },
        el("span", { className: "sv-viewer__title" }, title),
        caption && caption !== title ? el("span", {}, caption) : null,
        el("a", { className: "btn", href: photo.url, target: "_blank", rel: "noopener" }, t("sv.photo.open_full")),
        close,
      ),
    ),
  );
  const finish = () => {
    dialog.close();
    dialog.remove();
  };
  close.addEventListener("click", finish);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    finish();
  });
  // A tap on the dark backdrop (the dialog box itself, outside the figure) closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) finish();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  return dialog;
}
