// The facilitator's settings (docs/api.md "Settings"): the kinds on offer, the dot budget, and who sees
// what. Shows the workshop's settings until someone starts changing the form; "Save" sends the form as
// one settings:update.
import { FACTS } from "../../shared/facts.js";
import { KINDS, kindName, kindSymbol } from "../../shared/map/kinds.js";
import { DEFAULT_SETTINGS } from "../sync/phase.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";

const ALL_KINDS = Object.keys(KINDS);
// The ranges the server accepts for the two dot budgets: [least, most].
const VOTES = FACTS.limits.votes.votes_per_participant;
const PER_DESIGN = FACTS.limits.votes.max_votes_per_design;

export class SettingsForm {
  /**
   * @param {HTMLElement} container
   * @param {{onSave: (settings: object) => Promise<boolean>}} hooks onSave resolves true when accepted
   */
  constructor(container, { onSave }) {
    this.dirty = false;
    this.kindBoxes = new Map();
    const kindItems = ALL_KINDS.map((kind) => {
      const box = el("input", { type: "checkbox", id: `setting-kind-${kind}`, value: kind });
      this.kindBoxes.set(kind, box);
      const symbol = kindSymbol(kind, "settings__kind-symbol");
      symbol.style.color = KINDS[kind].colour;
      return el("label", { className: "check settings__kind", for: box.id }, box, symbol, kindName(kind));
    });
    this.votes = numberField("setting-votes", ...VOTES);
    this.perDesign = numberField("setting-per-design", ...PER_DESIGN);
    this.ownVotes = el("input", { type: "checkbox", id: "setting-own" });
    this.tallies = el("input", { type: "checkbox", id: "setting-tallies" });
    this.privateSketching = el("input", { type: "checkbox", id: "setting-private" });
    this.error = el("p", { className: "form-error", role: "alert", hidden: true });
    this.saveButton = el("button", { type: "submit", className: "btn btn--primary" }, t("settings.save"));
    this.resetButton = el("button", { type: "button", className: "btn", hidden: true }, t("settings.discard"));

    this.form = el(
      "form",
      { className: "settings", novalidate: true },
      el(
        "fieldset",
        { className: "settings__palette" },
        el("legend", {}, t("settings.palette")),
        el("div", { className: "settings__kinds" }, kindItems),
      ),
      el(
        "div",
        { className: "settings__numbers" },
        el("div", {}, el("label", { for: this.votes.id }, t("settings.votes_per_participant")), this.votes),
        el("div", {}, el("label", { for: this.perDesign.id }, t("settings.max_votes_per_design")), this.perDesign),
      ),
      el("label", { className: "check", for: this.ownVotes.id }, this.ownVotes, t("settings.authors_may_vote_own")),
      el("label", { className: "check", for: this.tallies.id }, this.tallies, t("settings.show_running_tallies")),
      el(
        "label",
        { className: "check", for: this.privateSketching.id },
        this.privateSketching,
        t("settings.private_sketching"),
      ),
      this.error,
      el("div", { className: "button-row" }, this.saveButton, this.resetButton),
    );
    replaceChildren(container, this.form);

    this.form.addEventListener("input", () => this.setDirty(true));
    this.resetButton.addEventListener("click", () => {
      this.setDirty(false);
      this.fill(this.shown);
    });
    this.form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const settings = this.read();
      if (!settings) return;
      this.saveButton.disabled = true;
      try {
        if (await onSave(settings)) this.setDirty(false);
      } finally {
        this.saveButton.disabled = false;
      }
    });
  }

  setDirty(dirty) {
    this.dirty = dirty;
    this.resetButton.hidden = !dirty;
    if (!dirty) this.showError("");
  }

  /** Show the workshop's settings, unless the facilitator is in the middle of changing them. */
  render(settings, { enabled = true } = {}) {
    this.shown = settings;
    for (const control of this.form.elements) control.disabled = !enabled;
    if (!this.dirty) this.fill(settings);
  }

  fill(settings) {
    if (!settings) return;
    const offered = Array.isArray(settings.palette) ? settings.palette : ALL_KINDS;
    for (const [kind, box] of this.kindBoxes) box.checked = offered.includes(kind);
    this.votes.value = String(settings.votes_per_participant ?? DEFAULT_SETTINGS.votes_per_participant);
    this.perDesign.value = String(settings.max_votes_per_design ?? DEFAULT_SETTINGS.max_votes_per_design);
    this.ownVotes.checked = settings.authors_may_vote_own !== false;
    this.tallies.checked = Boolean(settings.show_running_tallies);
    this.privateSketching.checked = Boolean(settings.private_sketching);
  }

  /** The form as a settings object, or null (with the reason shown) when something is out of range. */
  read() {
    const palette = ALL_KINDS.filter((kind) => this.kindBoxes.get(kind).checked);
    if (!palette.length) return this.showError(t("settings.palette_empty"));
    const votes = wholeNumber(this.votes.value, ...VOTES);
    if (votes === null)
      return this.showError(
        t("settings.range", { field: t("settings.votes_per_participant"), min: VOTES[0], max: VOTES[1] }),
      );
    const perDesign = wholeNumber(this.perDesign.value, ...PER_DESIGN);
    if (perDesign === null)
      return this.showError(
        t("settings.range", { field: t("settings.max_votes_per_design"), min: PER_DESIGN[0], max: PER_DESIGN[1] }),
      );
    this.showError("");
    return {
      palette,
      votes_per_participant: votes,
      max_votes_per_design: perDesign,
      authors_may_vote_own: this.ownVotes.checked,
      show_running_tallies: this.tallies.checked,
      private_sketching: this.privateSketching.checked,
    };
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
    return null;
  }
}

function numberField(id, min, max) {
  return el("input", {
    id,
    className: "text-input settings__number",
    type: "number",
    min,
    max,
    step: 1,
    inputMode: "numeric",
    required: true,
  });
}

function wholeNumber(text, min, max) {
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}
