// Photo uploads, one at a time, each with its progress: the queue and its retries are upload-queue.js;
// this shows it (hidden while empty) and sends each photo over HTTP. Refusals (not a picture, wrong type,
// too large) are shown by their code; a failed upload may be tried again by hand when the connection was
// the trouble.
import { el, replaceChildren } from "../shared/dom.js";
import { t, tn } from "../shared/strings.js";
import { uploadPhoto } from "./api.js";
import { errorText } from "./errors.js";
import { formatCount, formatPercent } from "./format.js";
import { UploadQueue } from "./upload-queue.js";
import { actionButton } from "./widgets.js";

export class PhotoUploader {
  /**
   * @param {HTMLElement} container where the queue is shown (hidden while empty)
   * @param {{projectId: string, getKey: () => string|null, onUploaded?: (photo) => void, onAuthLost?: () => void}} options
   */
  constructor(container, { projectId, getKey, onUploaded = () => {}, onAuthLost = () => {} }) {
    this.container = container;
    this.queue = new UploadQueue({
      send: (item, key, onProgress) =>
        uploadPhoto(projectId, item.visitId, key, item.file, { elementId: item.elementId, onProgress }),
      getKey,
      onChange: () => this.render(),
      onProgress: (item) => this.renderProgress(item),
      onUploaded,
      onAuthLost,
    });
    window.addEventListener("online", () => this.queue.retryWaitingNow());
  }

  /** Queue `files` for the visit (optionally of one element). */
  add(visitId, files, { elementId = null } = {}) {
    this.queue.add(visitId, files, { elementId });
  }

  /** Whether photos are still on their way. */
  get busy() {
    return this.queue.busy;
  }

  // ---------------------------------------------------------------- showing it

  statusText(item) {
    switch (item.state) {
      case "waiting":
        return t("sv.upload.waiting");
      case "uploading":
        return t("sv.upload.uploading", { percent: formatPercent(item.progress * 100) });
      case "retrying":
        return t("sv.upload.retrying", {
          seconds: formatCount(this.queue.secondsLeft(item)),
          attempt: formatCount(item.attempt + 1),
        });
      case "done":
        return item.created ? t("sv.upload.done") : t("sv.upload.duplicate");
      default:
        return t("sv.upload.failed", { reason: errorText(item.error, "photo") });
    }
  }

  renderProgress(item) {
    const row = this.container.querySelector(`[data-upload="${item.id}"]`);
    if (!row) return;
    const bar = row.querySelector("progress");
    if (bar) bar.value = item.progress;
    row.querySelector(".sv-upload__status").textContent = this.statusText(item);
  }

  render() {
    const items = this.queue.items;
    this.container.hidden = items.length === 0;
    if (items.length === 0) {
      replaceChildren(this.container);
      return;
    }
    const doneNow = this.queue.doneCount;
    replaceChildren(
      this.container,
      el("h2", { className: "sv-uploads__title" }, t("sv.upload.title")),
      el(
        "ul",
        { className: "sv-uploads__list" },
        items.map((item) => {
          const name = item.file.name || t("sv.upload.unnamed");
          return el(
            "li",
            { className: `sv-upload sv-upload--${item.state}`, dataset: { upload: item.id } },
            el("span", { className: "sv-upload__name" }, name),
            item.state === "failed"
              ? null
              : el("progress", {
                  className: "sv-upload__bar",
                  max: 1,
                  value: item.state === "done" ? 1 : item.progress,
                  "aria-label": t("sv.upload.progress_label", { name }),
                }),
            el(
              "span",
              { className: "sv-upload__status", role: item.state === "failed" ? "alert" : null },
              this.statusText(item),
            ),
            item.state === "failed"
              ? el(
                  "span",
                  { className: "sv-upload__actions" },
                  // Trying again only helps when the connection was the trouble, not the file.
                  item.error?.retryable
                    ? actionButton(t("sv.upload.retry"), {
                        className: "btn",
                        label: t("sv.upload.retry_label", { name }),
                        onClick: () => this.queue.retry(item),
                      })
                    : null,
                  actionButton("×", {
                    className: "btn btn--icon",
                    label: t("sv.form.remove_photo", { name }),
                    onClick: () => this.queue.remove(item),
                  }),
                )
              : null,
          );
        }),
      ),
      doneNow && !this.busy
        ? el("p", { className: "sv-uploads__done", role: "status" }, tn("sv.upload.all_done", doneNow))
        : null,
    );
  }
}
