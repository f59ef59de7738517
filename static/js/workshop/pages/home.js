// The front door (/): join by code and name, or continue as someone this device already is.
import { ApiError } from "../../shared/http.js";
import { fetchWorkshopSummary, joinWorkshop } from "../sync/api.js";
import { forgetIdentity, kioskCode, listIdentities, saveIdentity } from "../sync/identity.js";
import { applyTextLimits, byId, el, replaceChildren } from "../../shared/dom.js";
import { errorText } from "../../shared/errors.js";
import { t } from "../../shared/strings.js";

const form = byId("join-form");
const codeInput = byId("join-code");
const nameInput = byId("join-name");
const errorBox = byId("join-error");
const submitButton = byId("join-submit");
const submitLabel = submitButton.textContent;

/** Upper case, and only the characters a code can hold plus the spaces and dashes people type between them. */
function tidyCode(value) {
  return value.toUpperCase().replace(/[^A-Z0-9 -]/g, "");
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function renderContinueLinks() {
  const identities = listIdentities();
  const section = byId("continue");
  section.hidden = identities.length === 0;
  const items = identities.map((identity) => {
    const label = identity.title
      ? t("home.continue", { name: identity.name || "?", title: identity.title })
      : t("home.continue_untitled", { name: identity.name || "?" });
    const link = el(
      "a",
      { className: "btn btn--big continue__link", href: `/w/${encodeURIComponent(identity.workshop_id)}` },
      label,
      identity.role === "facilitator" ? ` ${t("home.facilitator_suffix")}` : "",
    );
    const forget = el(
      "button",
      {
        type: "button",
        className: "btn",
        "aria-label": t("home.forget_label", { name: identity.name || "?", title: identity.title || "" }),
      },
      t("home.forget"),
    );
    forget.addEventListener("click", () => {
      forgetIdentity(identity.workshop_id);
      renderContinueLinks();
    });
    return el("li", { className: "continue__item" }, link, forget);
  });
  replaceChildren(byId("continue-list"), items);
}

async function join(event) {
  event.preventDefault();
  const code = codeInput.value.trim();
  const name = nameInput.value.trim();
  const missing = !code ? [codeInput, "home.field_code"] : !name ? [nameInput, "home.field_name"] : null;
  if (missing) {
    showError(t("error.required", { field: t(missing[1]) }));
    missing[0].focus();
    return;
  }
  showError("");
  submitButton.disabled = true;
  submitButton.textContent = t("home.joining");
  try {
    const joined = await joinWorkshop({ code, name });
    let title = "";
    try {
      title = (await fetchWorkshopSummary(joined.workshop_id, joined.token)).title || "";
    } catch {
      // The title only labels the "continue" link; joining worked without it.
    }
    saveIdentity({ ...joined, title });
    location.assign(`/w/${encodeURIComponent(joined.workshop_id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") showError(t("home.code_not_found"));
    else showError(error instanceof ApiError ? errorText(error) : t("error.network"));
    submitButton.disabled = false;
    submitButton.textContent = submitLabel;
  }
}

codeInput.addEventListener("input", () => {
  const start = codeInput.selectionStart;
  codeInput.value = tidyCode(codeInput.value);
  codeInput.setSelectionRange(start, start);
});
form.addEventListener("submit", join);

const params = new URLSearchParams(location.search);
// A shared tablet remembers the workshop's code ("Done — next person"): the next person only types a name.
const presetCode = params.get("code") || kioskCode();
if (presetCode) codeInput.value = tidyCode(presetCode);
const NOTICES = { session_ended: "home.session_ended", removed: "home.removed" };
if (NOTICES[params.get("notice")]) {
  const notice = byId("notice");
  notice.textContent = t(NOTICES[params.get("notice")]);
  notice.hidden = false;
}
applyTextLimits();
renderContinueLinks();
if (location.hash === "#join" || presetCode) (codeInput.value ? nameInput : codeInput).focus();
