// The author's card at adoption, on the workshop tablet: her personal supervision link as text and as a QR code
// to photograph. The link this tablet made is kept with her identity (forgotten with it by "Done, next person"),
// so the card shows the same one again; making a new one is asked first, saying what stops working
// (claim-model.js decides what the card shows; this draws it and turns taps into changes).
import { checkAccess, fetchQrCode, replaceAccess } from "../../supervision/api.js";
import { errorText } from "../../supervision/errors.js";
import { actionButton } from "../../supervision/widgets.js";
import { askConfirm } from "../../shared/dialog.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { Redraw } from "../../shared/redraw.js";
import { t } from "../../shared/strings.js";
import {
  checked,
  claimCardView,
  initialClaimState,
  keyOfLink,
  linkMade,
  makeFailed,
  makeStarted,
  qrMade,
  qrPending,
  qrWanted,
} from "./claim-model.js";

let cardCount = 0;

async function copyText(input, status) {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = t("sv.claim.copied");
    return;
  } catch {
    // No clipboard API on a plain-http venue network: select the text and use the old command.
  }
  input.focus();
  input.select();
  const copied = document.execCommand?.("copy");
  status.textContent = copied ? t("sv.claim.copied") : t("sv.claim.copy_failed");
}

export class ClaimCard {
  /**
   * @param {HTMLElement} container
   * @param {{projectId: string, title: string, token: string, kept: string|null, keep: (link: string) => void}}
   *   options token: the author's workshop token; kept: the link this tablet made for her before (or null);
   *   keep: keeps a new link with her identity on this tablet
   */
  constructor(container, { projectId, title, token, kept, keep }) {
    cardCount += 1;
    this.ids = { title: `claim-title-${cardCount}`, link: `claim-link-${cardCount}` };
    this.projectId = projectId;
    this.token = token;
    this.keep = keep;
    this.disposed = false;
    this.card = el("section", { className: "sv-claim", "aria-labelledby": this.ids.title });
    replaceChildren(container, this.card);
    this.redraw = new Redraw((view) => this.draw(view));
    this.set(initialClaimState(title, kept));
    if (kept) this.checkKept(kept);
  }

  set(state) {
    if (this.disposed) return;
    this.state = state;
    const view = claimCardView(state);
    this.redraw.update({ title: state.title, ...view });
    if (qrWanted(state, view)) this.makeQr(view.link);
  }

  /** Ask the server whether the kept link's key still works (a newer one may have been made since). */
  async checkKept(link) {
    try {
      this.set(checked(this.state, (await checkAccess(this.projectId, keyOfLink(link))).supervising));
    } catch {
      this.set(checked(this.state, null)); // not reached: nothing is known, the kept link stays shown
    }
  }

  async makeQr(link) {
    if (this.state.qr?.url) URL.revokeObjectURL(this.state.qr.url); // the image of a link no longer shown
    this.state = qrPending(this.state, link); // asked once per link
    try {
      const blob = await fetchQrCode(link);
      if (this.disposed) return;
      // The SVG is shown only as an image from a blob: URL, never parsed into the page.
      this.set(qrMade(this.state, link, URL.createObjectURL(blob)));
    } catch {
      this.set(qrMade(this.state, link, null));
    }
  }

  /** A new link, once the author confirmed what stops working. */
  async make(confirm) {
    const sure = await askConfirm({
      title: t(confirm.titleKey),
      message: t(confirm.messageKey),
      confirmLabel: t(confirm.confirmKey),
      danger: true,
    });
    if (!sure || this.disposed) return;
    this.set(makeStarted(this.state));
    try {
      const access = await replaceAccess(this.projectId, this.token);
      const link = new URL(access.link, location.origin).href;
      this.keep(link);
      this.set(linkMade(this.state, link));
    } catch (error) {
      this.set(makeFailed(this.state, error.code));
    }
  }

  draw(view) {
    const notes = view.notes.map((note) =>
      el(
        "p",
        {
          className: `sv-claim__note sv-claim__note--${note.tone}`,
          role: note.tone === "info" ? null : "alert",
        },
        t(note.key),
      ),
    );
    replaceChildren(
      this.card,
      el("h2", { className: "sv-claim__title", id: this.ids.title }, t("sv.claim.title", { title: view.title })),
      el("p", {}, t("sv.claim.intro")),
      ...notes,
      view.link ? this.linkPart(view) : null,
      view.busy ? el("p", { role: "status" }, t("sv.claim.loading")) : null,
      view.error ? el("p", { className: "form-error", role: "alert" }, errorText({ code: view.error })) : null,
      view.make
        ? actionButton(t(view.make.labelKey), {
            className: view.make.primary ? "btn btn--primary" : "btn",
            disabled: view.busy,
            onClick: () => this.make(view.confirm),
          })
        : null,
    );
  }

  linkPart(view) {
    const input = el("input", {
      className: "text-input sv-claim__link",
      id: this.ids.link,
      type: "text",
      readOnly: true,
      value: view.link,
    });
    input.addEventListener("focus", () => input.select());
    const status = el("p", { className: "help", role: "status" });
    let qr = null;
    if (view.qr?.url) {
      qr = el("img", {
        className: "sv-claim__qr",
        src: view.qr.url,
        alt: t("sv.claim.qr_alt"),
        width: 280,
        height: 280,
      });
    } else if (view.qr) {
      qr = el("p", { className: "help" }, t("sv.claim.qr_failed"));
    }
    return el(
      "div",
      { className: "sv-claim__body" },
      el("div", { className: "sv-claim__qr-box" }, qr),
      el("p", { className: "sv-claim__advice", role: "note" }, t("sv.claim.advice")),
      el("label", { for: this.ids.link }, t("sv.claim.link_label")),
      el(
        "div",
        { className: "copy-row" },
        input,
        actionButton(t("sv.claim.copy"), { className: "btn", onClick: () => copyText(input, status) }),
      ),
      status,
    );
  }

  /** The card goes away: free the QR code's image. */
  dispose() {
    this.disposed = true;
    if (this.state.qr?.url) URL.revokeObjectURL(this.state.qr.url);
  }
}
