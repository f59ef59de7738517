// The form of a site visit: date, notes, conditions; per element an observation (status, count, note,
// as-built shape drawn on the map or taken from GPS fixes, photos); unplanned additions. What is typed goes
// into the draft (visit-draft.js) at once, so a lost connection or a reloaded page loses nothing.
//
// This module is the wiring: the view-model (visit-model.js) decides what is shown, the cards
// (visit-cards.js) draw it, and here taps become changes, drawing sessions, GPS fixes and the request.
import { FACTS } from "../shared/facts.js";
import { el, replaceChildren } from "../shared/dom.js";
import { t, tn } from "../shared/strings.js";
import { toast } from "../shared/toast.js";
import { recordVisit, SupervisionError } from "./api.js";
import { errorText } from "./errors.js";
import { formatAccuracy, formatCount } from "./format.js";
import { formatDate, todayIso } from "../shared/dates.js";
import { collectFixes } from "./gps.js";
import { elementIndex } from "./model.js";
import { PendingPhotos } from "./pending-photos.js";
import { observationItem } from "./timeline.js";
import { additionCard, cardSelector, gpsProgress, observationCard, renderPhotoSlot } from "./visit-cards.js";
import { emptyDraft, hasContent, loadDraft, removeDraft, setShape, storeDraft } from "./visit-draft.js";
import { FILTERS, VisitModel } from "./visit-model.js";
import { actionButton } from "./widgets.js";

const GPS_FIXES = 5;
const ROUGH_ACCURACY_M = 20; // fixes less precise than this are worth a warning
const MAX_NOTE = FACTS.limits.note;
const MAX_CONDITIONS = FACTS.limits.conditions;
const SAVE_DELAY_MS = 300;

export class VisitForm {
  /**
   * @param {HTMLElement} container
   * @param {{projectId, getKey, editor: AsBuiltEditor, uploader: PhotoUploader,
   *          onSaved: (visit) => void, onAuthLost: () => void, onShowElement: (id) => void}} options
   */
  constructor(
    container,
    {
      projectId,
      getKey,
      editor,
      uploader,
      outbox = null,
      onSaved,
      onAuthLost,
      onShowElement,
      onDraftShapes = () => {},
    },
  ) {
    this.container = container;
    this.outbox = outbox; // visits recorded with no signal wait there (outbox.js)
    this.projectId = projectId;
    this.getKey = getKey;
    this.editor = editor;
    this.uploader = uploader;
    this.onSaved = onSaved;
    this.onAuthLost = onAuthLost;
    this.onDraftShapes = onDraftShapes;
    this.saveTimer = null;

    const restored = loadDraft(projectId);
    this.model = new VisitModel(restored || emptyDraft());
    this.restored = Boolean(restored && hasContent(restored));
    // What the cards read and call (see visit-cards.js).
    this.view = {
      model: this.model,
      gps: new Map(), // element id | addition key → {done, total, controller}
      photos: new PendingPhotos(),
      save: () => this.save(),
      refresh: (key, focusSelector) => this.refreshCard(key, focusSelector),
      setStatus: (item, status) => this.setStatus(item, status),
      showElement: (id) => onShowElement(id),
      draw: (key, kind, start) => this.drawAsBuilt(key, kind, start),
      locate: (key) => this.useLocation(key),
      removeAddition: (addition) => this.removeAddition(addition),
    };
  }

  /** Show the form for the project's latest summary (drawn again only when what it shows changed). */
  setProject(project) {
    const first = this.model.project === null;
    if (!this.model.setProject(project)) return;
    this.render();
    this.onDraftShapes(this.model.draftShapes());
    if (first && this.restored) toast(t("sv.form.draft_restored"));
  }

  // ---------------------------------------------------------------- the draft

  /** After every change: redraw the draft's shapes at once, store the draft a moment later. */
  save() {
    this.onDraftShapes(this.model.draftShapes());
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => storeDraft(this.projectId, this.model.draft), SAVE_DELAY_MS);
  }

  /** Store the draft now (before sending it: its id must survive whatever happens next). */
  saveNow() {
    clearTimeout(this.saveTimer);
    storeDraft(this.projectId, this.model.draft);
  }

  clearDraft() {
    clearTimeout(this.saveTimer);
    removeDraft(this.projectId);
  }

  card(key) {
    return this.container.querySelector(cardSelector(key));
  }

  // ---------------------------------------------------------------- rendering

  render() {
    if (!this.model.project) return;
    if (this.model.result) {
      this.renderResult();
      return;
    }
    const draft = this.model.draft;
    const dateInput = el("input", {
      className: "text-input",
      id: "visit-date",
      type: "date",
      value: draft.date,
      required: true,
      max: todayIso(),
    });
    dateInput.addEventListener("input", () => {
      draft.date = dateInput.value;
      this.save();
    });
    const conditionsInput = el("input", {
      className: "text-input",
      id: "visit-conditions",
      type: "text",
      value: draft.conditions,
      maxLength: MAX_CONDITIONS,
    });
    conditionsInput.addEventListener("input", () => {
      draft.conditions = conditionsInput.value;
      this.save();
    });
    const notesInput = el("textarea", { id: "visit-notes", rows: 3, maxLength: MAX_NOTE });
    notesInput.value = draft.notes;
    notesInput.addEventListener("input", () => {
      draft.notes = notesInput.value;
      this.save();
    });
    // The visit's notes (its own and each element's) are the author's unless she shows them in public.
    const publicBox = el("input", { type: "checkbox", id: "visit-notes-public", checked: Boolean(draft.notes_public) });
    publicBox.addEventListener("change", () => {
      draft.notes_public = publicBox.checked;
      this.save();
    });

    const filterSelect = el(
      "select",
      { className: "select", id: "visit-filter" },
      FILTERS.map((value) =>
        el("option", { value, selected: this.model.filter === value }, t(`sv.form.filter_${value}`)),
      ),
    );
    filterSelect.addEventListener("change", () => {
      this.model.filter = filterSelect.value;
      this.renderObservations();
    });

    this.observationList = el("ul", { className: "sv-obs-list" });
    this.additionList = el("ul", { className: "sv-obs-list" });
    this.visitPhotos = el("div", { className: "sv-pending-photos" });
    this.summary = el("p", { className: "sv-form__summary", role: "status" });
    this.errorBox = el("div", { className: "sv-form__error", hidden: true });
    this.submitButton = el("button", { type: "submit", className: "btn btn--primary btn--big" }, t("sv.form.submit"));

    const form = el(
      "form",
      { className: "sv-form", noValidate: true, "aria-labelledby": "visit-form-title" },
      el("h2", { className: "sv-section__title", id: "visit-form-title" }, t("sv.form.title")),
      el("p", { className: "help" }, t("sv.form.intro")),
      el(
        "div",
        { className: "sv-form__fields" },
        el("div", {}, el("label", { for: "visit-date" }, t("sv.form.date")), dateInput),
        el("div", {}, el("label", { for: "visit-conditions" }, t("sv.form.conditions")), conditionsInput),
      ),
      el("label", { for: "visit-notes" }, t("sv.form.notes")),
      notesInput,
      el("label", { className: "check", for: "visit-notes-public" }, publicBox, t("sv.form.notes_public")),
      el("p", { className: "help", id: "visit-notes-public-help" }, t("sv.form.notes_public_help")),
      el(
        "fieldset",
        { className: "plain-fieldset sv-form__group" },
        el("legend", { className: "sv-subtitle" }, t("sv.form.observations")),
        el(
          "div",
          { className: "sv-form__filter" },
          el("label", { for: "visit-filter" }, t("sv.form.filter")),
          filterSelect,
        ),
        this.observationList,
      ),
      el(
        "fieldset",
        { className: "plain-fieldset sv-form__group" },
        el("legend", { className: "sv-subtitle" }, t("sv.form.additions")),
        el("p", { className: "help" }, t("sv.form.additions_help")),
        this.additionList,
        actionButton(t("sv.form.add_addition"), { className: "btn", onClick: () => this.addAddition() }),
      ),
      el(
        "fieldset",
        { className: "plain-fieldset sv-form__group" },
        el("legend", { className: "sv-subtitle" }, t("sv.form.photos")),
        el("p", { className: "help" }, t("sv.form.photos_help")),
        this.visitPhotos,
      ),
      this.summary,
      // The error sits with the button, so the sticky footer never hides it.
      el("div", { className: "sv-form__submit" }, this.errorBox, this.submitButton),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    replaceChildren(this.container, form);
    this.renderObservations();
    this.renderAdditions();
    renderPhotoSlot(
      this.visitPhotos,
      "visit",
      t("sv.form.add_visit_photos"),
      t("sv.form.add_visit_photos"),
      this.view.photos,
    );
    this.renderSummary();
  }

  renderSummary() {
    const count = this.model.checkedCount();
    this.summary.textContent = count ? tn("sv.form.checked", count) : t("sv.form.nothing_checked");
    const shown = this.model.submitView();
    this.submitButton.disabled = shown.disabled;
    const labels = { submitting: t("sv.form.submitting"), retry: t("sv.form.retry"), submit: t("sv.form.submit") };
    this.submitButton.textContent = labels[shown.label];
    this.errorBox.hidden = !shown.error;
    if (shown.error) {
      const text = shown.error.offline ? t("sv.form.kept_offline") : errorText(shown.error.error);
      replaceChildren(this.errorBox, el("p", { className: "form-error", role: "alert" }, text));
    }
  }

  renderObservations() {
    replaceChildren(
      this.observationList,
      this.model.visibleElements().map((item) => observationCard(item, this.view)),
    );
  }

  renderAdditions() {
    replaceChildren(
      this.additionList,
      this.model.draft.additions.map((addition) => additionCard(addition, this.view)),
    );
  }

  /** Re-render the card of one element or addition in place (after its status or shape changed). */
  refreshCard(key, focusSelector = null) {
    const old = this.card(key);
    if (!old) return;
    const addition = this.model.addition(key);
    const card = addition ? additionCard(addition, this.view) : observationCard(this.model.element(key), this.view);
    old.replaceWith(card);
    if (focusSelector) card.querySelector(focusSelector)?.focus();
    this.renderSummary();
  }

  // ---------------------------------------------------------------- changes

  setStatus(item, status) {
    this.model.setStatus(item.id, status);
    this.save();
    this.refreshCard(item.id, "select");
  }

  addAddition() {
    this.model.addAddition();
    this.save();
    this.renderAdditions();
    this.renderSummary();
    this.additionList.lastElementChild?.querySelector("select")?.focus();
  }

  removeAddition(addition) {
    this.model.removeAddition(addition);
    this.view.photos.drop(addition.key);
    this.save();
    this.renderAdditions();
    this.renderSummary();
  }

  async drawAsBuilt(key, kind, start) {
    const entry = this.model.entryOf(key);
    if (!entry) return;
    const geometry = await this.editor.edit(kind, entry.asBuilt || start);
    const current = this.model.entryOf(key); // the draft may have been sent or discarded meanwhile
    if (!geometry || current !== entry) return;
    setShape(entry, geometry, "drawn");
    this.save();
    this.reveal(key);
    this.refreshCard(key);
  }

  async useLocation(key) {
    const gps = this.view.gps;
    const entry = this.model.entryOf(key);
    if (!entry || gps.has(key)) return;
    const controller = new AbortController();
    const collecting = { done: 0, total: GPS_FIXES, controller };
    gps.set(key, collecting);
    this.refreshCard(key);
    try {
      const result = await collectFixes({
        count: GPS_FIXES,
        signal: controller.signal,
        onFix: (done) => {
          collecting.done = done;
          this.card(key)?.querySelector(".sv-gps")?.replaceWith(gpsProgress(collecting));
        },
      });
      setShape(entry, result.geometry, "gps", { fixes: result.fixes, accuracy: result.accuracy });
      this.save();
      const accuracy = formatAccuracy(result.accuracy);
      if (result.partial)
        toast(t("sv.gps.partial", { count: formatCount(result.fixes), total: formatCount(GPS_FIXES) }));
      if (result.accuracy > ROUGH_ACCURACY_M) toast(t("sv.gps.rough", { accuracy }), "error");
      else toast(tn("sv.gps.done", result.fixes, { accuracy }));
    } catch (error) {
      toast(t(`sv.gps.${error.code}`), error.code === "cancelled" ? "info" : "error");
    } finally {
      gps.delete(key);
      this.refreshCard(key);
    }
  }

  /** Show an element's card (a tap on the map while recording): scroll to it and hint it. */
  reveal(id) {
    if (this.model.result || !this.model.project) return;
    let card = this.card(id);
    if (!card && this.model.showAll()) {
      this.render();
      card = this.card(id);
    }
    if (!card) return;
    card.scrollIntoView({ block: "center", behavior: "smooth" });
    card.classList.remove("is-flashing");
    void card.offsetWidth; // restart the animation
    card.classList.add("is-flashing");
  }

  // ---------------------------------------------------------------- sending

  async submit() {
    const model = this.model;
    if (model.sending) return;
    if (this.editor.active) {
      toast(t("sv.form.busy_drawing"), "error");
      return;
    }
    const problem = model.validate();
    if (problem) {
      model.refuse(t(problem.detail, problem.vars));
      this.renderSummary();
      if (problem.field === "date") this.container.querySelector("#visit-date")?.focus();
      else this.card(problem.key)?.scrollIntoView({ block: "center" });
      return;
    }
    const key = this.getKey();
    if (!key) {
      this.onAuthLost();
      return;
    }
    this.saveNow();
    const payload = model.beginSend();
    this.renderSummary();
    let visit;
    try {
      // The device knows it has no network: keep the visit without a request that can only fail.
      if (navigator.onLine === false && this.outbox) throw new SupervisionError("network");
      visit = await recordVisit(this.projectId, key, payload);
    } catch (error) {
      if (error.code === "network" && this.outbox) {
        await this.keepForLater(payload);
        return;
      }
      model.sendFailed(error);
      this.renderSummary();
      if (error.code === "unauthorized") this.onAuthLost();
      return;
    }
    this.afterSaved(visit);
  }

  /** No signal: the visit and its photos wait on the device (outbox.js) and the form is free for the next one. */
  async keepForLater(payload) {
    const photos = this.view.photos.takeAll();
    try {
      await this.outbox.add(this.model.draft, payload, photos);
    } catch {
      for (const [key, files] of photos) this.view.photos.add(key, files);
      this.model.sendFailed(null);
      this.model.refuse(t("sv.outbox.full", { mb: Math.round(this.outbox.budget / 1048576) }));
      this.renderSummary();
      return;
    }
    this.model.sendFailed(null);
    this.model.draft = emptyDraft();
    this.clearDraft();
    this.onDraftShapes([]);
    this.render();
    toast(t("sv.outbox.kept"));
  }

  afterSaved(visit) {
    const targets = this.model.saved(visit);
    for (const [key, files] of this.view.photos.takeAll()) {
      this.uploader.add(visit.id, files, { elementId: targets.get(key) || null });
    }
    this.clearDraft();
    this.onDraftShapes([]);
    this.render();
    this.container.querySelector("#visit-result-title")?.focus();
    this.onSaved(visit);
  }

  renderResult() {
    const visit = this.model.result;
    const elements = elementIndex(this.model.project);
    replaceChildren(
      this.container,
      el(
        "section",
        { className: "sv-result", "aria-labelledby": "visit-result-title" },
        el(
          "h2",
          { className: "sv-section__title", id: "visit-result-title", tabIndex: -1 },
          t("sv.result.title", { date: formatDate(visit.date) }),
        ),
        visit.observations.length
          ? el(
              "ul",
              { className: "sv-observations" },
              visit.observations.map((observation) => observationItem(observation, elements)),
            )
          : el("p", { className: "help" }, t("sv.result.none")),
        actionButton(t("sv.form.discard"), {
          className: "btn btn--primary",
          onClick: () => {
            this.model.startNew();
            this.render();
            this.container.querySelector("#visit-date")?.focus();
          },
        }),
      ),
    );
  }
}
