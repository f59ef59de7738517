// What a person does on the live map: designs, drawing, the selected element, undo, dots, comments and the
// facilitator's moderation. Each turns a tap into edits for the editor (sync/editing.js) or a request, and
// changes this screen's choices (page.ui); the page renders after.
import { FACTS } from "../../shared/facts.js";
import { sameGeometry } from "../sync/compare.js";
import { askText } from "../../shared/dialog.js";
import { errorText } from "../../shared/errors.js";
import { historyNotice } from "../sync/history.js";
import { kindName } from "../../shared/map/kinds.js";
import { t } from "../../shared/strings.js";
import { toast } from "../../shared/toast.js";
import { commentState } from "./model.js";
import { designPoints } from "../map/design-fit.js";
import { editProps, hasProps } from "../../shared/props.js";

const MAX_NOTE = FACTS.limits.note;
const MAX_TITLE = FACTS.limits.title;

/** Ask for a note's text (a note without text is not a note). Resolves with it, or null. */
function askNote() {
  return askText({ title: t("draw.note_title"), label: t("draw.note_label"), maxLength: MAX_NOTE, multiline: true });
}

export class WorkshopActions {
  /** @param {import("../pages/workshop.js").WorkshopPage} page its ui, engine, editor, map view and screen */
  constructor(page) {
    this.page = page;
    this.editStartVersion = null; // the version a reshape started from
    this.lastPlaced = null; // the last element with details to fill in placed while drawing
  }

  get ui() {
    return this.page.ui;
  }

  get mapView() {
    return this.page.mapView;
  }

  // ------------------------------------------------------------------ designs

  /** Start a design of my own, titled in a dialog, and show it. */
  async createDesign() {
    if (!this.page.canSketch()) return;
    this.mapView.draw.stop();
    const title = await askText({
      title: t("design.new_title"),
      label: t("design.new_label"),
      value: t("design.default_title", { name: this.page.me().name || "" }).trim(),
      maxLength: MAX_TITLE,
    });
    if (!title) return;
    this.page.setCurrentDesign(this.page.editor.createDesign(title));
    this.page.scheduleRender();
  }

  /** Show another design on the map, brought into view ("Show" in the list of designs and in its panel). */
  switchDesign(id) {
    this.mapView.draw.stop();
    this.page.setCurrentDesign(id);
    this.mapView.fitDesign(designPoints(this.page.engine.view().elements, id));
    this.page.scheduleRender();
  }

  /** Open (or with null close) the details and comments of a design. */
  openDesign(id) {
    if (id && this.mapView.isEditing()) return;
    this.ui.openDesignId = id;
    if (id) this.ui.selectedId = null;
    this.page.scheduleRender();
  }

  /** Become a co-author of a design, and show it. */
  joinDesign(id) {
    if (!this.page.canSketch()) return;
    this.page.editor.joinDesign(id);
    this.page.setCurrentDesign(id);
    this.page.scheduleRender();
  }

  // ------------------------------------------------------------------ drawing new elements

  /** Pick a kind from the palette: the pen goes up, or down again on a second tap of the same kind. */
  pickKind(kind) {
    if (this.mapView.isEditing()) return;
    const draw = this.mapView.draw;
    if (draw.activeKind === kind) {
      draw.stop();
      return;
    }
    this.select(null);
    this.page.screen.designBar.closeList();
    this.lastPlaced = null;
    draw.start(kind);
  }

  /**
   * The draw mode changed (kind, or null when it ended). When drawing ends, the last thing placed that has details
   * to give (a tree's species and count, a sign's text and arrow) opens, and its panel asks for them.
   */
  drawModeChanged(kind) {
    this.page.screen.palette.setActive(kind);
    this.mapView.elementLayer.setTapsEnabled(kind === null);
    this.page.screen.showDrawing(kind);
    const placed = this.lastPlaced;
    this.lastPlaced = null;
    if (kind === null && placed && this.page.engine.view().elements.has(placed)) {
      this.select(placed);
      this.ui.placedId = placed;
    }
  }

  /** A shape was drawn: add it to the shown design (a note asks for its text first). */
  async addShape(kind, geometry) {
    const designId = this.ui.currentDesignId;
    if (!designId) return;
    let note;
    if (kind === "note") {
      note = await askNote();
      if (!note) return;
    }
    const id = this.page.editor.addElement({ designId, kind, geometry, note });
    if (hasProps(kind)) this.lastPlaced = id;
  }

  // ------------------------------------------------------------------ the selected element

  /** Select an element (null: none), unless a reshape is in progress. */
  select(id) {
    if (this.mapView.isEditing()) return;
    if (id !== this.ui.selectedId) Object.assign(this.ui, { placedId: null, propsEdited: null });
    this.ui.selectedId = id;
    if (id) this.ui.openDesignId = null;
    this.page.screen.designBar.closeList();
    this.page.scheduleRender();
  }

  selectedElement() {
    return this.ui.selectedId ? this.page.engine.view().elements.get(this.ui.selectedId) : null;
  }

  /** Start reshaping the selected element on the map. */
  editShape() {
    const element = this.selectedElement();
    if (!element || !this.mapView.elementLayer.startEdit(element.id)) return;
    this.editStartVersion = element.version;
    this.page.screen.elementPanel.hide();
    this.page.screen.drawBar.showEditing(element.geometry.type);
  }

  /** Keep the reshaped shape (if it changed). */
  saveShape() {
    const edited = this.mapView.elementLayer.finishEdit();
    this.page.screen.drawBar.hide();
    const before = edited && this.page.engine.view().elements.get(edited.id);
    if (edited && before && !sameGeometry(before.geometry, edited.geometry)) {
      // Based on the version the person started from: if someone else changed it meanwhile, the server
      // answers conflict and we show theirs, rather than silently overwriting it.
      this.page.editor.updateElement(edited.id, { geometry: edited.geometry }, { baseVersion: this.editStartVersion });
    }
    this.page.scheduleRender();
  }

  /** Put the shape back as it was. */
  cancelShape() {
    this.mapView.elementLayer.cancelEdit();
    this.page.screen.drawBar.hide();
    this.page.scheduleRender();
  }

  /** Change the selected element's note in a dialog (a note-kind element must keep some text). */
  async editNote() {
    const element = this.selectedElement();
    if (!element) return;
    const note = await askText({
      title: t("panel.edit_note_title"),
      label: t("panel.note"),
      value: element.note || "",
      maxLength: MAX_NOTE,
      multiline: true,
      allowEmpty: element.kind !== "note",
    });
    if (note === null || note === (element.note || "")) return;
    this.page.editor.updateElement(element.id, { note });
  }

  /** Make the selected element another kind of the same geometry (a note needs its text). */
  async changeKind(kind) {
    const element = this.selectedElement();
    if (!element || element.kind === kind) return;
    if (kind === "note" && !element.note) {
      const note = await askNote();
      if (!note) return;
      this.page.editor.updateElement(element.id, { kind, note });
      return;
    }
    this.page.editor.updateElement(element.id, { kind });
  }

  /**
   * Give the selected element these props (the whole object, checked by the panel's form against its kind); `field`:
   * the one changed, under which the panel says it was saved.
   */
  setProps(props, field) {
    const element = this.selectedElement();
    if (!element) return;
    this.ui.propsEdited = { id: element.id, field };
    this.page.editor.updateElement(element.id, { props });
  }

  /** A sign's arrow turned on the map by its handle: the bearing saved as if typed in the panel. */
  setBearing(id, bearing) {
    const element = this.page.engine.view().elements.get(id);
    if (!element || id !== this.ui.selectedId) return;
    const answer = editProps(element.kind, element.props, "bearing", String(bearing));
    if (answer.props) this.setProps(answer.props, "bearing");
    else this.page.scheduleRender(); // the same bearing: the handle goes back to it
  }

  /** Delete the selected element. */
  deleteSelected() {
    const element = this.selectedElement();
    if (!element) return;
    this.ui.selectedId = null;
    this.page.editor.deleteElement(element.id);
  }

  /** Undo my last edit (a reshape in progress is dropped first), and say what was undone. */
  undo() {
    this.turn("undo");
  }

  /** Make my last undone edit again, and say what. */
  redo() {
    this.turn("redo");
  }

  turn(direction) {
    if (!this.page.canSketch()) return;
    if (this.mapView.isEditing()) this.cancelShape();
    const done = direction === "undo" ? this.page.editor.undo() : this.page.editor.redo();
    if (done.outcome === "gone") toast(t("undo.gone"));
    else if (done.outcome === "nothing") toast(t(`${direction}.nothing`));
    else {
      const notice = historyNotice(direction, done);
      toast(t(notice.key, { kind: kindName(notice.kind), what: notice.whatKey ? t(notice.whatKey) : "" }));
    }
  }

  // ------------------------------------------------------------------ voting, comments, moderation

  /** Give (delta +1) or take back (-1) one of my dots; one request per design at a time. */
  async vote(designId, delta) {
    const busy = this.ui.votingBusy;
    if (busy.has(designId)) return;
    busy.add(designId);
    this.page.scheduleRender();
    try {
      await this.page.engine.vote(designId, delta);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      busy.delete(designId);
      this.page.scheduleRender();
    }
  }

  /** Post a comment on {design_id} or {element_id}. Returns whether it was taken (sent or waiting). */
  addComment(target, text) {
    if (!commentState(this.page.engine.state.phase, this.page.me().role).canComment) return false;
    const payload = { id: crypto.randomUUID(), ...target, text };
    this.page.engine.submit("comment:add", payload, { created_at: new Date().toISOString() });
    return true;
  }

  /** A comment on the selected element. */
  commentOnSelected(text) {
    return Boolean(this.ui.selectedId) && this.addComment({ element_id: this.ui.selectedId }, text);
  }

  /** The facilitator hides (asking for a reason, which may stay empty) or restores something. */
  async moderate(target, id, hidden) {
    let reason = null;
    if (hidden) {
      reason = await askText({
        title: t(`moderation.hide_${target}_title`),
        label: t("moderation.reason"),
        maxLength: FACTS.limits.reason,
        allowEmpty: true,
      });
      if (reason === null) return;
    }
    try {
      await this.page.engine.request("moderate", { target, id, hidden, ...(reason ? { reason } : {}) });
      toast(hidden ? t("moderation.hidden_done") : t("moderation.restored_done"));
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  /** Hide or restore the selected element. */
  moderateSelected(hidden) {
    if (this.ui.selectedId) this.moderate("element", this.ui.selectedId, hidden);
  }

  /** The hooks the screen and the map call, bound to these actions. */
  hooks() {
    const draw = () => this.mapView.draw;
    return {
      createDesign: () => this.createDesign(),
      switchDesign: (id) => this.switchDesign(id),
      openDesign: (id) => this.openDesign(id),
      joinDesign: (id) => this.joinDesign(id),
      pickKind: (kind) => this.pickKind(kind),
      finishDrawing: () => draw().finish(),
      removeLastPoint: () => draw().removeLastPoint(),
      stopDrawing: () => draw().stop(),
      select: (id) => this.select(id),
      editShape: () => this.editShape(),
      saveShape: () => this.saveShape(),
      cancelShape: () => this.cancelShape(),
      editNote: () => this.editNote(),
      changeKind: (kind) => this.changeKind(kind),
      setProps: (props, field) => this.setProps(props, field),
      deleteSelected: () => this.deleteSelected(),
      undo: () => this.undo(),
      redo: () => this.redo(),
      vote: (id, delta) => this.vote(id, delta),
      addComment: (target, text) => this.addComment(target, text),
      commentOnSelected: (text) => this.commentOnSelected(text),
      moderate: (target, id, hidden) => this.moderate(target, id, hidden),
      moderateSelected: (hidden) => this.moderateSelected(hidden),
    };
  }
}
