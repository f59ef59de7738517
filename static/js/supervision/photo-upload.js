// Photo uploads, one at a time, each with its progress. A network failure (weak signal on a building site)
// is retried by itself with growing pauses, at once when the browser comes back online; the server answers
// a repeated upload of the same bytes with the photo it already has, so a retry never makes a duplicate.
// Refusals (not a picture, wrong type, too large) are shown by their code and not retried.
import { el, replaceChildren } from "../ui/dom.js";
import { t, tn } from "../ui/strings.js";
import { SupervisionError, uploadPhoto } from "./api.js";
import { errorText } from "./errors.js";
import { formatCount, formatPercent } from "./format.js";
import { newId } from "./access.js";
import { actionButton } from "./widgets.js";

const RETRY_DELAYS_S = [2, 4, 8, 15, 30, 30, 30, 60];
const DONE_SHOWN_MS = 8000;

export class PhotoUploader {
  /**
   * @param {HTMLElement} container where the queue is shown (hidden while empty)
   * @param {{projectId: string, getKey: () => string|null, onUploaded?: (photo) => void, onAuthLost?: () => void}} options
   */
  constructor(container, { projectId, getKey, onUploaded = () => {}, onAuthLost = () => {} }) {
    this.container = container;
    this.projectId = projectId;
    this.getKey = getKey;
    this.onUploaded = onUploaded;
    this.onAuthLost = onAuthLost;
    this.items = []; // {id, file, visitId, elementId, state, progress, attempt, error, retryAt, timer, created}
    this.running = false;
    window.addEventListener("online", () => this.retryWaitingNow());
  }

  /** Queue `files` for the visit (optionally of one element). */
  add(visitId, files, { elementId = null } = {}) {
    for (const file of files) {
      this.items.push({ id: newId(), file, visitId, elementId, state: "waiting", progress: 0, attempt: 0, error: null, timer: null });
    }
    this.render();
    this.pump();
  }

  get busy() {
    return this.items.some((item) => item.state === "waiting" || item.state === "uploading" || item.state === "retrying");
  }

  // ---------------------------------------------------------------- the queue

  async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const item = this.items.find((candidate) => candidate.state === "waiting");
        if (!item) break;
        await this.upload(item);
      }
    } finally {
      this.running = false;
    }
  }

  async upload(item) {
    const key = this.getKey();
    if (!key) {
      this.fail(item, new SupervisionError("unauthorized"));
      return;
    }
    item.state = "uploading";
    item.attempt += 1;
    item.progress = 0;
    this.render();
    try {
      const { photo, created } = await uploadPhoto(this.projectId, item.visitId, key, item.file, {
        elementId: item.elementId,
        onProgress: (share) => {
          item.progress = share;
          this.renderProgress(item);
        },
      });
      item.state = "done";
      item.created = created;
      item.photo = photo;
      this.render();
      this.onUploaded(photo);
      setTimeout(() => this.remove(item), DONE_SHOWN_MS);
    } catch (error) {
      if (error.code === "unauthorized") {
        this.fail(item, error);
        this.onAuthLost();
      } else if (error.retryable && item.attempt <= RETRY_DELAYS_S.length) {
        this.scheduleRetry(item, RETRY_DELAYS_S[item.attempt - 1]);
      } else {
        this.fail(item, error);
      }
    }
  }

  scheduleRetry(item, seconds) {
    item.state = "retrying";
    item.retryAt = Date.now() + seconds * 1000;
    const tick = () => {
      if (item.state !== "retrying") return;
      const left = Math.ceil((item.retryAt - Date.now()) / 1000);
      if (left <= 0) {
        item.state = "waiting";
        this.render();
        this.pump();
        return;
      }
      this.render();
      item.timer = setTimeout(tick, 1000);
    };
    tick();
  }

  retryWaitingNow() {
    for (const item of this.items) {
      if (item.state !== "retrying") continue;
      clearTimeout(item.timer);
      item.state = "waiting";
    }
    this.render();
    this.pump();
  }

  fail(item, error) {
    item.state = "failed";
    item.error = error;
    this.render();
  }

  retry(item) {
    item.state = "waiting";
    item.attempt = 0;
    item.error = null;
    this.render();
    this.pump();
  }

  remove(item) {
    clearTimeout(item.timer);
    this.items = this.items.filter((candidate) => candidate !== item);
    this.render();
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
          seconds: formatCount(Math.max(0, Math.ceil((item.retryAt - Date.now()) / 1000))),
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
    this.container.hidden = this.items.length === 0;
    if (this.items.length === 0) {
      replaceChildren(this.container);
      return;
    }
    const doneNow = this.items.filter((item) => item.state === "done").length;
    replaceChildren(
      this.container,
      el("h2", { className: "sv-uploads__title" }, t("sv.upload.title")),
      el(
        "ul",
        { className: "sv-uploads__list" },
        this.items.map((item) => {
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
            el("span", { className: "sv-upload__status", role: item.state === "failed" ? "alert" : null }, this.statusText(item)),
            item.state === "failed"
              ? el(
                  "span",
                  { className: "sv-upload__actions" },
                  // Trying again only helps when the connection was the trouble, not the file.
                  item.error?.retryable
                    ? actionButton(t("sv.upload.retry"), { className: "btn", label: t("sv.upload.retry_label", { name }), onClick: () => this.retry(item) })
                    : null,
                  actionButton("×", { className: "btn btn--icon", label: t("sv.form.remove_photo", { name }), onClick: () => this.remove(item) }),
                )
              : null,
          );
        }),
      ),
      doneNow && !this.busy ? el("p", { className: "sv-uploads__done", role: "status" }, tn("sv.upload.all_done", doneNow)) : null,
    );
  }
}
