// The author's card at adoption, on the workshop tablet: claim the personal supervision link with the
// workshop token, show it as text and as a QR code to photograph, and say that it is shown only here.
// The key is not stored on the tablet (venue tablets are shared); the author takes the link away.
//
// Each claim issues a fresh key and the previous one stops working: show the card once per author.
import { claimAccess, fetchQrCode } from "../../supervision/api.js";
import { errorText } from "../../supervision/errors.js";
import { actionButton } from "../../supervision/widgets.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";

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

/**
 * Fill `container` with the claim card of a project.
 * @param {HTMLElement} container
 * @param {{projectId: string, title: string, token: string}} options token: the author's workshop token
 * @returns {{dispose: () => void}} call dispose() when the card goes away (frees the QR image)
 */
export function showClaimCard(container, { projectId, title, token }) {
  cardCount += 1;
  const ids = { title: `claim-title-${cardCount}`, link: `claim-link-${cardCount}` };
  let qrUrl = null;
  let disposed = false;

  const card = el("section", { className: "sv-claim", "aria-labelledby": ids.title });
  const status = el("p", { className: "help", role: "status" });
  replaceChildren(container, card);

  const dispose = () => {
    disposed = true;
    if (qrUrl) URL.revokeObjectURL(qrUrl);
    qrUrl = null;
  };

  const heading = () => el("h2", { className: "sv-claim__title", id: ids.title }, t("sv.claim.title", { title }));

  const showError = (error) => {
    const text = error.code === "forbidden" ? t("sv.claim.not_author") : errorText(error);
    replaceChildren(
      card,
      heading(),
      el("p", { className: "form-error", role: "alert" }, text),
      error.code === "forbidden"
        ? null
        : actionButton(t("sv.claim.retry"), { className: "btn btn--primary", onClick: () => load() }),
    );
  };

  const showLink = (link) => {
    const input = el("input", {
      className: "text-input sv-claim__link",
      id: ids.link,
      type: "text",
      readOnly: true,
      value: link,
    });
    input.addEventListener("focus", () => input.select());
    const qr = el("div", { className: "sv-claim__qr-box" });
    replaceChildren(
      card,
      heading(),
      el("p", {}, t("sv.claim.intro")),
      qr,
      el("p", { className: "sv-claim__advice", role: "note" }, t("sv.claim.advice")),
      el("label", { for: ids.link }, t("sv.claim.link_label")),
      el(
        "div",
        { className: "copy-row" },
        input,
        actionButton(t("sv.claim.copy"), { className: "btn", onClick: () => copyText(input, status) }),
      ),
      status,
    );
    fetchQrCode(link)
      .then((blob) => {
        if (disposed) return;
        // The SVG is shown only as an image from a blob: URL, never parsed into the page.
        qrUrl = URL.createObjectURL(blob);
        replaceChildren(
          qr,
          el("img", { className: "sv-claim__qr", src: qrUrl, alt: t("sv.claim.qr_alt"), width: 280, height: 280 }),
        );
      })
      .catch(() => {
        if (!disposed) replaceChildren(qr, el("p", { className: "help" }, t("sv.claim.qr_failed")));
      });
  };

  const load = async () => {
    replaceChildren(card, heading(), el("p", { role: "status" }, t("sv.claim.loading")));
    try {
      const access = await claimAccess(projectId, token);
      if (disposed) return;
      showLink(new URL(access.link, location.origin).href);
    } catch (error) {
      if (!disposed) showError(error);
    }
  };

  load();
  return { dispose };
}
