// The form of a site visit: date, notes, conditions; per element an observation (status, count, note,
// as-built shape drawn on the map or taken from GPS fixes, photos); unplanned additions. What is typed goes
// into the draft (visit-draft.js) at once, so a lost connection or a reloaded page loses nothing.
import { FACTS } from "../facts.js";
import { KINDS, kindName } from "../map/kinds.js";
import { el, replaceChildren } from "../ui/dom.js";
import { language, t, tn } from "../ui/strings.js";
import { toast } from "../ui/toast.js";
import { newId } from "./access.js";
import { recordVisit } from "./api.js";
import { emptyDraft, hasContent, loadDraft, removeDraft, SHAPED, storeDraft, visitPayload } from "./visit-draft.js";
import { kindDisc, statusText } from "./element-list.js";
import { errorText } from "./errors.js";
import { formatAccuracy, formatCount, formatDate, todayIso } from "./format.js";
import { collectFixes } from "./gps.js";
import { additionName, elementIndex, elementsOf } from "./model.js";
import { BUILT_STATUSES, STATUSES, statusChip, statusName } from "./status.js";
import { observationItem } from "./timeline.js";
import { actionButton, photoPicker } from "./widgets.js";

const GPS_FIXES = 5;
const MAX_NOTE = FACTS.limits.note;
const MAX_CONDITIONS = FACTS.limits.conditions;
const SAVE_DELAY_MS = 300;

/** "Drawn on the map." / "From 5 GPS fixes (about ±4 m)." / "Kept from the previous visit." */
function asBuiltText(entry) {
  if (!entry.asBuilt) return t("sv.form.as_built_none");
  if (entry.asBuiltSource === "gps" && entry.gps) {
    return tn("sv.form.as_built_gps", entry.gps.fixes, { accuracy: formatAccuracy(entry.gps.accuracy) });
  }
  if (entry.asBuiltSource === "previous") return t("sv.form.as_built_previous");
  return t("sv.form.as_built_drawn");
}

function controlId(prefix, key) {
  return `${prefix}-${key}`;
}

export class VisitForm {
  /**
   * @param {HTMLElement} container
   * @param {{projectId, getKey, editor: AsBuiltEditor, uploader: PhotoUploader,
   *          onSaved: (visit) => void, onAuthLost: () => void, onShowElement: (id) => void}} options
   */
  constructor(container, { projectId, getKey, editor, uploader, onSaved, onAuthLost, onShowElement, onDraftShapes = () => {} }) {
    this.container = container;
    this.projectId = projectId;
    this.getKey = getKey;
    this.editor = editor;
    this.uploader = uploader;
    this.onSaved = onSaved;
    this.onAuthLost = onAuthLost;
    this.onShowElement = onShowElement;
    this.onDraftShapes = onDraftShapes;
    this.project = null;
    this.filter = "all";
    this.photos = new Map(); // "visit" | element id | addition key → [{file, url}]
    this.gps = new Map(); // element id | addition key → {done, total, controller}
    this.sending = false;
    this.sendError = null;
    this.result = null; // the saved visit, shown until a new visit is started
    this.saveTimer = null;

    const restored = loadDraft(projectId);
    this.draft = restored || emptyDraft();
    this.restored = Boolean(restored && hasContent(restored));
  }

  setProject(project) {
    const first = this.project === null;
    this.project = project;
    this.elements = elementsOf(project);
    // A draft made for elements that are gone keeps what still exists.
    const known = new Set(this.elements.map((item) => item.id));
    for (const id of Object.keys(this.draft.observations)) if (!known.has(id)) delete this.draft.observations[id];
    // Re-render only when what the form shows changed: a new photo elsewhere must not take the focus
    // away from someone typing a note.
    const signature = this.elements.map((item) => `${item.id}:${item.status}:${item.asBuilt ? 1 : 0}`).join("|");
    if (signature === this.signature && !first) return;
    this.signature = signature;
    this.render();
    this.onDraftShapes(this.draftShapes());
    if (first && this.restored) toast(t("sv.form.draft_restored"));
  }

  // ---------------------------------------------------------------- the draft

  /** After every change: redraw the draft's shapes at once, store the draft a moment later. */
  save() {
    this.onDraftShapes(this.draftShapes());
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => storeDraft(this.projectId, this.draft), SAVE_DELAY_MS);
  }

  /** Store the draft now (before sending it: its id must survive whatever happens next). */
  saveNow() {
    clearTimeout(this.saveTimer);
    storeDraft(this.projectId, this.draft);
  }

  clearDraft() {
    clearTimeout(this.saveTimer);
    removeDraft(this.projectId);
  }

  /** The as-built shapes of this draft that will be sent: [{kind, geometry}]. */
  draftShapes() {
    const shapes = [];
    for (const [id, entry] of Object.entries(this.draft.observations)) {
      const item = this.elements?.find((candidate) => candidate.id === id);
      if (item && entry.asBuilt && entry.asBuiltSource !== "previous" && SHAPED.has(entry.status)) shapes.push({ kind: item.kind, geometry: entry.asBuilt });
    }
    for (const addition of this.draft.additions) if (addition.asBuilt) shapes.push({ kind: addition.kind, geometry: addition.asBuilt });
    return shapes;
  }

  entryOf(key) {
    return this.draft.observations[key] || this.draft.additions.find((addition) => addition.key === key) || null;
  }

  checkedCount() {
    return Object.keys(this.draft.observations).length + this.draft.additions.length;
  }

  // ---------------------------------------------------------------- rendering

  render() {
    if (!this.project) return;
    if (this.result) {
      this.renderResult();
      return;
    }
    const draft = this.draft;
    const dateInput = el("input", { className: "text-input", id: "visit-date", type: "date", value: draft.date, required: true, max: todayIso() });
    dateInput.addEventListener("input", () => {
      draft.date = dateInput.value;
      this.save();
    });
    const conditionsInput = el("input", { className: "text-input", id: "visit-conditions", type: "text", value: draft.conditions, maxLength: MAX_CONDITIONS });
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

    const filterSelect = el(
      "select",
      { className: "select", id: "visit-filter" },
      ["all", "open", "checked"].map((value) => el("option", { value, selected: this.filter === value }, t(`sv.form.filter_${value}`))),
    );
    filterSelect.addEventListener("change", () => {
      this.filter = filterSelect.value;
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
      el("div", { className: "sv-form__fields" },
        el("div", {}, el("label", { for: "visit-date" }, t("sv.form.date")), dateInput),
        el("div", {}, el("label", { for: "visit-conditions" }, t("sv.form.conditions")), conditionsInput),
      ),
      el("label", { for: "visit-notes" }, t("sv.form.notes")),
      notesInput,
      el(
        "fieldset",
        { className: "plain-fieldset sv-form__group" },
        el("legend", { className: "sv-subtitle" }, t("sv.form.observations")),
        el("div", { className: "sv-form__filter" }, el("label", { for: "visit-filter" }, t("sv.form.filter")), filterSelect),
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
    this.renderPhotoSlot(this.visitPhotos, "visit", t("sv.form.add_visit_photos"), t("sv.form.add_visit_photos"));
    this.renderSummary();
  }

  renderSummary() {
    const count = this.checkedCount();
    this.summary.textContent = count ? tn("sv.form.checked", count) : t("sv.form.nothing_checked");
    this.submitButton.disabled = this.sending;
    this.submitButton.textContent = this.sending ? t("sv.form.submitting") : this.sendError?.code === "network" ? t("sv.form.retry") : t("sv.form.submit");
    this.errorBox.hidden = !this.sendError;
    if (this.sendError) {
      const text = this.sendError.code === "network" ? t("sv.form.kept_offline") : errorText(this.sendError);
      replaceChildren(this.errorBox, el("p", { className: "form-error", role: "alert" }, text));
    }
  }

  visibleElements() {
    const plan = this.elements;
    if (this.filter === "open") return plan.filter((item) => !BUILT_STATUSES.has(item.status) || this.draft.observations[item.id]);
    if (this.filter === "checked") return plan.filter((item) => this.draft.observations[item.id]);
    return plan;
  }

  renderObservations() {
    replaceChildren(this.observationList, this.visibleElements().map((item) => this.observationCard(item)));
  }

  renderAdditions() {
    replaceChildren(this.additionList, this.draft.additions.map((addition) => this.additionCard(addition)));
  }

  /** Re-render the card of one element or addition in place (after its status or shape changed). */
  refreshCard(key, focusSelector = null) {
    const old = this.container.querySelector(`[data-obs-key="${key}"]`);
    if (!old) return;
    const addition = this.draft.additions.find((candidate) => candidate.key === key);
    const card = addition ? this.additionCard(addition) : this.observationCard(this.elements.find((item) => item.id === key));
    old.replaceWith(card);
    if (focusSelector) card.querySelector(focusSelector)?.focus();
    this.renderSummary();
  }

  observationCard(item) {
    const entry = this.draft.observations[item.id] || null;
    const selectId = controlId("obs-status", item.id);
    const select = el(
      "select",
      { className: "select sv-obs__status", id: selectId },
      el("option", { value: "", selected: !entry }, t("sv.status.unchecked")),
      STATUSES.map((status) => el("option", { value: status, selected: entry?.status === status }, statusName(status))),
    );
    select.addEventListener("change", () => this.setStatus(item, select.value));
    return el(
      "li",
      { className: `sv-obs${entry ? " is-checked" : ""}`, id: controlId("obs", item.id), dataset: { obsKey: item.id } },
      el(
        "div",
        { className: "sv-obs__head" },
        actionButton([kindDisc(item.kind, item.status)], {
          className: "sv-obs__locate",
          label: t("sv.elements.show_on_map", { name: item.name }),
          onClick: () => this.onShowElement(item.id),
        }),
        el(
          "span",
          { className: "sv-obs__names" },
          el("span", { className: "sv-element__name" }, item.name),
          item.note ? el("span", { className: "sv-element__note" }, item.note) : null,
          statusChip(item.status, statusText(item.status, item.deviation)),
        ),
      ),
      el("label", { className: "visually-hidden", for: selectId }, t("sv.form.status", { name: item.name })),
      select,
      entry ? this.details(item.id, item.kind, entry, { name: item.name, start: item.design || item.asBuilt }) : null,
    );
  }

  additionCard(addition) {
    const kindId = controlId("add-kind", addition.key);
    const statusId = controlId("add-status", addition.key);
    const kindSelect = el(
      "select",
      { className: "select", id: kindId },
      Object.keys(KINDS).map((kind) => el("option", { value: kind, selected: addition.kind === kind }, kindName(kind))),
    );
    kindSelect.addEventListener("change", () => {
      const sameShape = KINDS[kindSelect.value].geometry === KINDS[addition.kind].geometry;
      addition.kind = kindSelect.value;
      if (!sameShape) {
        addition.asBuilt = null; // a point cannot stand for a path
        addition.asBuiltSource = null;
      }
      this.save();
      this.refreshCard(addition.key, "select");
    });
    const statusSelect = el(
      "select",
      { className: "select", id: statusId },
      STATUSES.map((status) => el("option", { value: status, selected: addition.status === status }, statusName(status))),
    );
    statusSelect.addEventListener("change", () => {
      addition.status = statusSelect.value;
      this.save();
    });
    const name = additionName(kindName(addition.kind));
    return el(
      "li",
      { className: "sv-obs sv-obs--addition is-checked", dataset: { obsKey: addition.key } },
      el(
        "div",
        { className: "sv-form__fields" },
        el("div", {}, el("label", { for: kindId }, t("sv.form.addition_kind")), kindSelect),
        el("div", {}, el("label", { for: statusId }, t("sv.form.status", { name })), statusSelect),
      ),
      this.details(addition.key, addition.kind, addition, { name, start: null, addition: true }),
      addition.asBuilt ? null : el("p", { className: "help sv-obs__needs" }, t("sv.form.addition_needs_shape")),
      actionButton(t("sv.form.remove_addition"), {
        className: "btn btn--danger",
        label: t("sv.form.remove_addition_label", { kind: kindName(addition.kind).toLocaleLowerCase(language) }),
        onClick: () => this.removeAddition(addition),
      }),
    );
  }

  /**
   * Count, note, as-built shape and photos of one checked element or addition. `start` is where drawing
   * begins (the design); an addition always needs its shape.
   */
  details(key, kind, entry, { name, start, addition = false }) {
    const isPoint = KINDS[kind]?.geometry === "Point";
    const parts = [];
    const row = [];
    if (isPoint) {
      const countId = controlId("obs-count", key);
      const count = el("input", {
        className: "text-input sv-obs__count",
        id: countId,
        type: "number",
        min: 0,
        step: 1,
        inputMode: "numeric",
        value: entry.count ?? "",
        "aria-label": t("sv.form.count_label", { name }),
      });
      count.addEventListener("input", () => {
        const value = Number.parseInt(count.value, 10);
        entry.count = Number.isFinite(value) && value >= 0 ? value : null;
        this.save();
      });
      row.push(el("div", { className: "sv-obs__count-field" }, el("label", { for: countId }, t("sv.form.count")), count));
    }
    const noteId = controlId("obs-note", key);
    const note = el("input", {
      className: "text-input",
      id: noteId,
      type: "text",
      maxLength: MAX_NOTE,
      value: entry.note || "",
      "aria-label": t("sv.form.note_label", { name }),
    });
    note.addEventListener("input", () => {
      entry.note = note.value;
      this.save();
    });
    row.push(el("div", { className: "sv-obs__note-field" }, el("label", { for: noteId }, t("sv.form.note")), note));
    parts.push(el("div", { className: "sv-form__fields sv-form__fields--tight" }, row));

    if (addition || SHAPED.has(entry.status)) {
      const collecting = this.gps.get(key);
      const buttons = [
        actionButton(t(entry.asBuilt ? "sv.form.redraw_as_built" : "sv.form.draw_as_built"), {
          className: "btn",
          label: t("sv.form.draw_label", { name }),
          onClick: () => this.drawAsBuilt(key, kind, start),
          disabled: Boolean(collecting),
        }),
      ];
      if (isPoint) {
        buttons.push(
          actionButton(t("sv.form.use_location"), {
            className: "btn",
            label: t("sv.form.location_label", { name }),
            onClick: () => this.useLocation(key),
            disabled: Boolean(collecting),
          }),
        );
      }
      if (entry.asBuilt) {
        buttons.push(
          actionButton(t("sv.form.clear_as_built"), {
            className: "btn btn--danger",
            label: t("sv.form.clear_label", { name }),
            onClick: () => {
              entry.asBuilt = null;
              entry.asBuiltSource = null;
              entry.gps = null;
              this.save();
              this.refreshCard(key);
            },
          }),
        );
      }
      parts.push(
        el(
          "div",
          { className: "sv-obs__shape" },
          el("p", { className: "sv-obs__shape-text" }, el("strong", {}, `${t("sv.form.as_built")}: `), asBuiltText(entry)),
          collecting ? this.gpsProgress(key, collecting) : null,
          el("div", { className: "button-row" }, buttons),
        ),
      );
    }
    const photoSlot = el("div", { className: "sv-pending-photos" });
    this.renderPhotoSlot(photoSlot, key, t("sv.form.add_photo"), t("sv.form.add_photo_label", { name }));
    parts.push(photoSlot);
    return el("div", { className: "sv-obs__details" }, parts);
  }

  gpsProgress(key, collecting) {
    return el(
      "div",
      { className: "sv-gps", role: "status" },
      el("progress", { max: collecting.total, value: collecting.done, "aria-label": t("sv.gps.progress_label") }),
      el("span", {}, t("sv.gps.collecting", { done: formatCount(Math.min(collecting.done + 1, collecting.total)), total: formatCount(collecting.total) })),
      actionButton(t("sv.gps.cancel"), { className: "btn", onClick: () => collecting.controller.abort() }),
    );
  }

  renderPhotoSlot(slot, key, text, label) {
    const pending = this.photos.get(key) || [];
    replaceChildren(
      slot,
      pending.length
        ? el(
            "ul",
            { className: "sv-photos sv-photos--pending" },
            pending.map((entry) =>
              el(
                "li",
                { className: "sv-pending" },
                el("img", { src: entry.url, alt: "", width: 72, height: 72 }),
                actionButton("×", {
                  className: "sv-pending__remove",
                  label: t("sv.form.remove_photo", { name: entry.file.name || t("sv.upload.unnamed") }),
                  onClick: () => {
                    URL.revokeObjectURL(entry.url);
                    this.photos.set(key, (this.photos.get(key) || []).filter((candidate) => candidate !== entry));
                    this.renderPhotoSlot(slot, key, text, label);
                  },
                }),
              ),
            ),
          )
        : null,
      photoPicker({
        text,
        label,
        onFiles: (files) => {
          const list = this.photos.get(key) || [];
          for (const file of files) list.push({ file, url: URL.createObjectURL(file) });
          this.photos.set(key, list);
          this.renderPhotoSlot(slot, key, text, label);
        },
      }),
    );
  }

  // ---------------------------------------------------------------- changes

  setStatus(item, status) {
    if (!status) {
      delete this.draft.observations[item.id];
    } else {
      const entry = this.draft.observations[item.id] || { status, count: null, note: "", asBuilt: null, asBuiltSource: null };
      entry.status = status;
      // The shape measured at an earlier visit stays true until redrawn: keep it, so the deviation holds.
      if (SHAPED.has(status) && !entry.asBuilt && item.asBuilt) {
        entry.asBuilt = item.asBuilt;
        entry.asBuiltSource = "previous";
      }
      this.draft.observations[item.id] = entry;
    }
    this.save();
    this.refreshCard(item.id, "select");
  }

  addAddition() {
    const addition = { key: newId(), kind: "tree", status: "built", count: null, note: "", asBuilt: null, asBuiltSource: null };
    this.draft.additions.push(addition);
    this.save();
    this.renderAdditions();
    this.renderSummary();
    this.additionList.lastElementChild?.querySelector("select")?.focus();
  }

  removeAddition(addition) {
    this.draft.additions = this.draft.additions.filter((candidate) => candidate !== addition);
    for (const entry of this.photos.get(addition.key) || []) URL.revokeObjectURL(entry.url);
    this.photos.delete(addition.key);
    this.save();
    this.renderAdditions();
    this.renderSummary();
  }

  async drawAsBuilt(key, kind, start) {
    const entry = this.entryOf(key);
    if (!entry) return;
    const geometry = await this.editor.edit(kind, entry.asBuilt || start);
    const current = this.entryOf(key); // the draft may have been sent or discarded meanwhile
    if (!geometry || current !== entry) return;
    entry.asBuilt = geometry;
    entry.asBuiltSource = "drawn";
    entry.gps = null;
    this.save();
    this.reveal(key);
    this.refreshCard(key);
  }

  async useLocation(key) {
    const entry = this.entryOf(key);
    if (!entry || this.gps.has(key)) return;
    const controller = new AbortController();
    const collecting = { done: 0, total: GPS_FIXES, controller };
    this.gps.set(key, collecting);
    this.refreshCard(key);
    try {
      const result = await collectFixes({
        count: GPS_FIXES,
        signal: controller.signal,
        onFix: (done) => {
          collecting.done = done;
          const box = this.container.querySelector(`[data-obs-key="${key}"] .sv-gps`);
          box?.replaceWith(this.gpsProgress(key, collecting));
        },
      });
      entry.asBuilt = result.geometry;
      entry.asBuiltSource = "gps";
      entry.gps = { fixes: result.fixes, accuracy: result.accuracy };
      this.save();
      const accuracy = formatAccuracy(result.accuracy);
      if (result.partial) toast(t("sv.gps.partial", { count: formatCount(result.fixes), total: formatCount(GPS_FIXES) }));
      if (result.accuracy > 20) toast(t("sv.gps.rough", { accuracy }), "error");
      else toast(tn("sv.gps.done", result.fixes, { accuracy }));
    } catch (error) {
      toast(t(`sv.gps.${error.code}`), error.code === "cancelled" ? "info" : "error");
    } finally {
      this.gps.delete(key);
      this.refreshCard(key);
    }
  }

  /** Show an element's card (a tap on the map while recording): scroll to it and hint it. */
  reveal(id) {
    if (this.result || !this.project) return;
    let card = this.container.querySelector(`[data-obs-key="${id}"]`);
    if (!card && this.filter !== "all") {
      this.filter = "all";
      this.render();
      card = this.container.querySelector(`[data-obs-key="${id}"]`);
    }
    if (!card) return;
    card.scrollIntoView({ block: "center", behavior: "smooth" });
    card.classList.remove("is-flashing");
    void card.offsetWidth; // restart the animation
    card.classList.add("is-flashing");
  }

  // ---------------------------------------------------------------- sending

  async submit() {
    if (this.sending) return;
    if (this.editor.active) {
      toast(t("sv.form.busy_drawing"), "error");
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.draft.date || "")) {
      this.sendError = { code: "invalid", detail: t("sv.form.date_required") };
      this.renderSummary();
      this.container.querySelector("#visit-date")?.focus();
      return;
    }
    const missingShape = this.draft.additions.find((addition) => !addition.asBuilt);
    if (missingShape) {
      this.sendError = { code: "invalid", detail: t("sv.form.addition_needs_shape") };
      this.renderSummary();
      this.container.querySelector(`[data-obs-key="${missingShape.key}"]`)?.scrollIntoView({ block: "center" });
      return;
    }
    const key = this.getKey();
    if (!key) {
      this.onAuthLost();
      return;
    }
    this.saveNow();
    const payload = visitPayload(this.draft);
    this.sending = true;
    this.sendError = null;
    this.renderSummary();
    let visit;
    try {
      visit = await recordVisit(this.projectId, key, payload);
    } catch (error) {
      this.sending = false;
      this.sendError = error;
      this.renderSummary();
      if (error.code === "unauthorized") this.onAuthLost();
      return;
    }
    this.sending = false;
    this.afterSaved(visit);
  }

  afterSaved(visit) {
    // Additions got their element ids from the server, in the order they were sent (after plan elements).
    const planCount = Object.keys(this.draft.observations).length;
    const idOf = new Map(Object.keys(this.draft.observations).map((id) => [id, id]));
    this.draft.additions.forEach((addition, index) => {
      const observation = visit.observations[planCount + index];
      if (observation) idOf.set(addition.key, observation.element_id);
    });
    for (const [key, entries] of this.photos) {
      const files = entries.map((entry) => entry.file);
      for (const entry of entries) URL.revokeObjectURL(entry.url);
      if (!files.length) continue;
      this.uploader.add(visit.id, files, { elementId: key === "visit" ? null : idOf.get(key) || null });
    }
    this.photos.clear();
    this.clearDraft();
    this.draft = emptyDraft();
    this.onDraftShapes([]);
    this.result = visit;
    this.render();
    this.container.querySelector("#visit-result-title")?.focus();
    this.onSaved(visit);
  }

  renderResult() {
    const visit = this.result;
    const elements = elementIndex(this.project);
    replaceChildren(
      this.container,
      el(
        "section",
        { className: "sv-result", "aria-labelledby": "visit-result-title" },
        el("h2", { className: "sv-section__title", id: "visit-result-title", tabIndex: -1 }, t("sv.result.title", { date: formatDate(visit.date) })),
        visit.observations.length
          ? el("ul", { className: "sv-observations" }, visit.observations.map((observation) => observationItem(observation, elements)))
          : el("p", { className: "help" }, t("sv.result.none")),
        actionButton(t("sv.form.discard"), {
          className: "btn btn--primary",
          onClick: () => {
            this.result = null;
            this.sendError = null;
            this.render();
            this.container.querySelector("#visit-date")?.focus();
          },
        }),
      ),
    );
  }
}
