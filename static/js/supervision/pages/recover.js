// The recovery page (/recover): an author who lost their supervision link types the recovery code from
// their paper, gets a fresh key (the old link stops working) and goes on to the workspace.
import { applyTextLimits, byId } from "../../shared/dom.js";
import { saveKey } from "../access.js";
import { recoverAccess } from "../api.js";
import { errorText } from "../errors.js";
import { t } from "../../shared/strings.js";

applyTextLimits();
const form = byId("recover-form");
const input = byId("recover-code");
const submit = byId("recover-submit");
const errorBox = byId("recover-error");
const done = byId("recover-done");

/** What the server matches: letters and digits only, in capitals (people type spaces, dashes, lower case). */
function normalise(code) {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = false;
  input.setAttribute("aria-invalid", "true");
  input.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  errorBox.hidden = true;
  input.removeAttribute("aria-invalid");
  const code = normalise(input.value);
  if (!code) {
    showError(t("sv.recover.empty"));
    return;
  }
  submit.disabled = true;
  submit.textContent = t("sv.recover.checking");
  try {
    const access = await recoverAccess(code);
    saveKey(access.project_id, access.key);
    done.textContent = t("sv.recover.done");
    done.hidden = false;
    // The key is stored on this device; the workspace reads it from there (it is never put in the URL).
    location.assign(`/p/${encodeURIComponent(access.project_id)}/supervise`);
  } catch (error) {
    submit.disabled = false;
    submit.textContent = t("sv.recover.submit");
    // A code too short or too long for any code is as unknown as a wrong one.
    showError(error.code === "not_found" || error.code === "invalid" ? t("sv.recover.unknown") : errorText(error));
  }
});

input.focus();
