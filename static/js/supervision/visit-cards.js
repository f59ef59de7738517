// The cards of the visit form: one per plan element (its status, and once checked its count, note, as-built
// shape and photos), one per unplanned addition, and the strip of photos waiting for the visit. What a card
// shows comes from the view-model (visit-model.js); what a tap does goes back through `view`:
//
// view: {model: VisitModel, gps: Map(key → {done, total, controller}), photos: PendingPhotos,
//        save(), refresh(key, focusSelector?), setStatus(item, status), showElement(id),
//        draw(key, kind, start), locate(key), removeAddition(addition)}
import { FACTS } from "../shared/facts.js";
import { kindName } from "../shared/map/kinds.js";
import { el, replaceChildren } from "../shared/dom.js";
import { propsControls, showFieldError } from "../shared/props-fields.js";
import { language, t, tn } from "../shared/strings.js";
import { kindDisc, statusText } from "./element-list.js";
import { formatAccuracy, formatCount } from "./format.js";
import { additionName } from "./model.js";
import { statusChip, statusName } from "../shared/status.js";
import { clearShape, MAX_COUNT, parseCount } from "./visit-draft.js";
import { actionButton, photoPicker } from "./widgets.js";

const MAX_NOTE = FACTS.limits.note;

function controlId(prefix, key) {
  return `${prefix}-${key}`;
}

/** The card of an element or addition on the page (cards carry their draft key). */
export function cardSelector(key) {
  return `[data-obs-key="${key}"]`;
}

/** "Drawn on the map." / "From 5 GPS fixes (about ±4 m)." / "Kept from the previous visit." */
function asBuiltText(entry, source) {
  if (source === "none") return t("sv.form.as_built_none");
  if (source === "gps")
    return tn("sv.form.as_built_gps", entry.gps.fixes, { accuracy: formatAccuracy(entry.gps.accuracy) });
  if (source === "previous") return t("sv.form.as_built_previous");
  return t("sv.form.as_built_drawn");
}

function optionsOf(options, label) {
  return options.map(({ value, selected }) => el("option", { value, selected }, label(value)));
}

/** The card of a plan element: the element, its current status, and the status this visit gives it. */
export function observationCard(item, view) {
  const entry = view.model.entryOf(item.id);
  const selectId = controlId("obs-status", item.id);
  const select = el(
    "select",
    { className: "select sv-obs__status", id: selectId },
    optionsOf(view.model.statusOptions(entry), (status) => (status ? statusName(status) : t("sv.status.unchecked"))),
  );
  select.addEventListener("change", () => view.setStatus(item, select.value));
  return el(
    "li",
    { className: `sv-obs${entry ? " is-checked" : ""}`, id: controlId("obs", item.id), dataset: { obsKey: item.id } },
    el(
      "div",
      { className: "sv-obs__head" },
      actionButton([kindDisc(item.kind, item.status)], {
        className: "sv-obs__locate",
        label: t("sv.elements.show_on_map", { name: item.name }),
        onClick: () => view.showElement(item.id),
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
    entry ? details(item.id, item.kind, entry, { name: item.name, start: item.design || item.asBuilt }, view) : null,
  );
}

/** The card of something built that was not planned: its kind, status, shape (always needed) and photos. */
export function additionCard(addition, view) {
  const kindId = controlId("add-kind", addition.key);
  const statusId = controlId("add-status", addition.key);
  const kindSelect = el(
    "select",
    { className: "select", id: kindId },
    optionsOf(view.model.kindOptions(addition), kindName),
  );
  kindSelect.addEventListener("change", () => {
    view.model.changeAdditionKind(addition, kindSelect.value);
    view.save();
    view.refresh(addition.key, "select");
  });
  const statusSelect = el(
    "select",
    { className: "select", id: statusId },
    optionsOf(view.model.statusOptions(addition, { addition: true }), statusName),
  );
  statusSelect.addEventListener("change", () => {
    addition.status = statusSelect.value;
    view.save();
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
    details(addition.key, addition.kind, addition, { name, start: null, addition: true }, view),
    addition.asBuilt ? null : el("p", { className: "help sv-obs__needs" }, t("sv.form.addition_needs_shape")),
    actionButton(t("sv.form.remove_addition"), {
      className: "btn btn--danger",
      label: t("sv.form.remove_addition_label", { kind: kindName(addition.kind).toLocaleLowerCase(language) }),
      onClick: () => view.removeAddition(addition),
    }),
  );
}

/**
 * A labelled text input of a card; each change goes into the draft through `onInput(value)`.
 * field: {prefix (of the control's id), className (of the wrapper), label, attributes (of the input)}
 */
function draftField(key, { prefix, className, label, attributes }, onInput, view) {
  const id = controlId(prefix, key);
  const input = el("input", { id, ...attributes });
  input.addEventListener("input", () => {
    onInput(input.value);
    view.save();
  });
  return el("div", { className }, el("label", { for: id }, label), input);
}

function countField(key, entry, name, view) {
  const attributes = {
    className: "text-input sv-obs__count",
    type: "number",
    min: 0,
    max: MAX_COUNT,
    step: 1,
    inputMode: "numeric",
    value: entry.count ?? "",
    "aria-label": t("sv.form.count_label", { name }),
  };
  const field = { prefix: "obs-count", className: "sv-obs__count-field", label: t("sv.form.count"), attributes };
  return draftField(key, field, (value) => (entry.count = parseCount(value)), view);
}

function noteField(key, entry, name, view) {
  const attributes = {
    className: "text-input",
    type: "text",
    maxLength: MAX_NOTE,
    value: entry.note || "",
    "aria-label": t("sv.form.note_label", { name }),
  };
  const field = { prefix: "obs-note", className: "sv-obs__note-field", label: t("sv.form.note"), attributes };
  return draftField(key, field, (value) => (entry.note = value), view);
}

/** The as-built props of a checked card (species planted, a lane's facility...), or null for a kind without any. */
function propsBox(key, view) {
  const shown = view.model.propsView(key);
  if (!shown.form.length) return null;
  const controls = propsControls(shown.form, {
    idPrefix: controlId("obs-props", key),
    eager: true,
    onChange: (name, raw) => {
      showFieldError(controls, name, view.model.setProp(key, name, raw));
      view.save();
    },
  });
  for (const [name, error] of Object.entries(shown.errors)) showFieldError(controls, name, error);
  return el(
    "fieldset",
    { className: "plain-fieldset sv-obs__props" },
    el("legend", { className: "sv-obs__props-title" }, t("sv.form.props")),
    controls.root,
  );
}

function shapeBox(key, kind, entry, { name, start }, shown, collecting, view) {
  const button = (text, className, label, onClick, disabled = false) =>
    actionButton(text, { className, label, onClick, disabled });
  const clear = () => {
    clearShape(entry);
    view.save();
    view.refresh(key);
  };
  // Null where a button does not apply (a line has no GPS position, a shape not drawn yet nothing to clear).
  const buttons = [
    // Each button's name for a screen reader starts with the words it shows (WCAG 2.5.3), then says whose shape.
    button(
      t(entry.asBuilt ? "sv.form.redraw_as_built" : "sv.form.draw_as_built"),
      "btn",
      t(entry.asBuilt ? "sv.form.redraw_label" : "sv.form.draw_label", { name }),
      () => view.draw(key, kind, start),
      shown.busy,
    ),
    shown.locate
      ? button(
          t("sv.form.use_location"),
          "btn",
          t("sv.form.location_label", { name }),
          () => view.locate(key),
          shown.busy,
        )
      : null,
    shown.clear
      ? button(t("sv.form.clear_as_built"), "btn btn--danger", t("sv.form.clear_label", { name }), clear)
      : null,
  ];
  return el(
    "div",
    { className: "sv-obs__shape" },
    el(
      "p",
      { className: "sv-obs__shape-text" },
      el("strong", {}, `${t("sv.form.as_built")}: `),
      asBuiltText(entry, shown.source),
    ),
    collecting ? gpsProgress(collecting) : null,
    el("div", { className: "button-row" }, buttons),
  );
}

/**
 * Count, note, as-built shape and photos of one checked element or addition. `start` is where drawing
 * begins (the design); an addition always needs its shape.
 */
function details(key, kind, entry, { name, start, addition = false }, view) {
  const collecting = view.gps.get(key);
  const shown = view.model.detailsView(kind, entry, { addition, collecting });
  const parts = [];
  const row = [];
  if (shown.count) row.push(countField(key, entry, name, view));
  row.push(noteField(key, entry, name, view));
  parts.push(el("div", { className: "sv-form__fields sv-form__fields--tight" }, row));
  parts.push(propsBox(key, view));
  if (shown.shape) parts.push(shapeBox(key, kind, entry, { name, start }, shown, collecting, view));
  const photoSlot = el("div", { className: "sv-pending-photos" });
  renderPhotoSlot(photoSlot, key, t("sv.form.add_photo"), t("sv.form.add_photo_label", { name }), view.photos);
  parts.push(photoSlot);
  return el("div", { className: "sv-obs__details" }, parts);
}

/** Fixes collected so far for a point, with a button to stop. collecting: {done, total, controller}. */
export function gpsProgress(collecting) {
  return el(
    "div",
    { className: "sv-gps", role: "status" },
    el("progress", { max: collecting.total, value: collecting.done, "aria-label": t("sv.gps.progress_label") }),
    el(
      "span",
      {},
      t("sv.gps.collecting", {
        done: formatCount(Math.min(collecting.done + 1, collecting.total)),
        total: formatCount(collecting.total),
      }),
    ),
    actionButton(t("sv.gps.cancel"), { className: "btn", onClick: () => collecting.controller.abort() }),
  );
}

/** Fill `slot` with the photos waiting for `key` (each removable) and a picker for more. */
export function renderPhotoSlot(slot, key, text, label, photos) {
  const pending = photos.list(key);
  const again = () => renderPhotoSlot(slot, key, text, label, photos);
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
                  photos.remove(key, entry);
                  again();
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
        photos.add(key, files);
        again();
      },
    }),
  );
}
