// The live workshop map (/w/<workshop_id>): wires the sync engine to the map and the controls.
import { createMap } from "../map/base-map.js";
import { DrawController } from "../map/draw.js";
import { ElementLayer } from "../map/element-layer.js";
import { measureGeometry } from "../map/measure.js";
import { drawSite } from "../map/site-layer.js";
import { fetchWorkshopSummary } from "../sync/api.js";
import { sameGeometry } from "../sync/compare.js";
import { Editor } from "../sync/editing.js";
import { SyncEngine } from "../sync/engine.js";
import { forgetIdentity, loadIdentity, saveIdentity, updateIdentity } from "../sync/identity.js";
import { ConnectionBadge } from "../ui/connection-status.js";
import { DesignBar, isAuthor } from "../ui/design-bar.js";
import { designColour } from "../ui/design-colour.js";
import { askText } from "../ui/dialog.js";
import { byId } from "../ui/dom.js";
import { DrawBar } from "../ui/draw-bar.js";
import { ElementPanel } from "../ui/element-panel.js";
import { errorText } from "../ui/errors.js";
import { formatMeasure } from "../ui/format.js";
import { Palette } from "../ui/palette.js";
import { t } from "../ui/strings.js";
import { toast } from "../ui/toast.js";

const MAX_NOTE = 2000;
const MAX_TITLE = 200;

const workshopId =
  document.querySelector("[data-workshop-id]")?.dataset.workshopId ||
  decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
const currentDesignKey = `cowork.currentDesign.${workshopId}`;

/** The identity to use: a token in the URL fragment wins (and is moved into storage), else the stored one. */
function resolveIdentity() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get("token");
  if (token) {
    const stored = loadIdentity(workshopId);
    // Only the facilitator link carries a token in the URL (participants join by code); the first
    // snapshot confirms the role and tells us the participant id.
    const identity =
      stored && stored.token === token
        ? stored
        : saveIdentity({
            token,
            workshop_id: workshopId,
            role: "facilitator",
            name: t("new.facilitator_name"),
            title: document.getElementById("workshop-title")?.textContent.trim() || "",
          });
    // The token must not linger in the address bar, in history or in a screenshot.
    history.replaceState(null, "", location.pathname + location.search);
    return identity;
  }
  return loadIdentity(workshopId);
}

function sendHome(reason = "") {
  const query = reason ? `?${new URLSearchParams({ notice: reason })}` : "";
  location.replace(`/${query}#join`);
}

class WorkshopPage {
  constructor(identity) {
    this.identity = identity;
    this.currentDesignId = localStorage.getItem(currentDesignKey);
    this.selectedId = null;
    this.editStartVersion = null;
    this.siteDrawn = false;
    this.renderQueued = false;

    this.map = createMap(byId("map"));
    this.siteBounds = null;
    this.mapTouched = false;
    byId("map").addEventListener("pointerdown", () => (this.mapTouched = true), { passive: true });
    byId("map").addEventListener("wheel", () => (this.mapTouched = true), { passive: true });
    // The map's box changes with the layout (rotation, the top bar wrapping), not only with the window.
    // Until the person moves the map themselves, keep the whole site in view.
    new ResizeObserver(() => {
      this.map.invalidateSize();
      if (this.siteBounds && !this.mapTouched) this.map.fitBounds(this.siteBounds, { padding: [24, 24] });
    }).observe(byId("map"));
    this.engine = new SyncEngine(identity);
    this.editor = new Editor(this.engine);

    this.elementLayer = new ElementLayer(this.map, {
      onTap: (id) => this.select(id),
      onEditLost: () => {
        this.drawBar.hide();
        toast(t("edit.removed_meanwhile"), "error");
      },
    });
    this.draw = new DrawController(this.map, {
      onShape: (kind, geometry) => this.addShape(kind, geometry),
      onModeChange: (kind) => this.drawModeChanged(kind),
    });
    this.designBar = new DesignBar(
      { bar: byId("design-bar"), list: byId("design-list") },
      {
        onCreate: () => this.createDesign(),
        onSwitch: (id) => this.switchDesign(id),
        onJoin: (id) => this.joinDesign(id),
      },
    );
    this.palette = new Palette(byId("palette"), {
      onPick: (kind) => this.pickKind(kind),
      onJoin: () => this.currentDesignId && this.joinDesign(this.currentDesignId),
      onCreate: () => this.createDesign(),
    });
    this.drawBar = new DrawBar(byId("draw-bar"), {
      onFinish: () => this.draw.finish(),
      onRemoveLastPoint: () => this.draw.removeLastPoint(),
      onCancel: () => this.draw.stop(),
      onSaveShape: () => this.saveShape(),
      onCancelShape: () => this.cancelShape(),
    });
    this.panel = new ElementPanel(byId("element-panel"), {
      onClose: () => this.select(null),
      onEditShape: () => this.editShape(),
      onEditNote: () => this.editNote(),
      onChangeKind: (kind) => this.changeKind(kind),
      onDelete: () => this.deleteSelected(),
    });
    this.connection = new ConnectionBadge(byId("connection-status"));
    this.undoButton = byId("undo-button");

    this.undoButton.addEventListener("click", () => this.undo());
    this.editor.addEventListener("history", () => this.refreshUndo());
    this.map.on("click", () => {
      if (!this.draw.activeKind && !this.elementLayer.isEditing()) this.select(null);
    });

    this.engine.addEventListener("change", () => this.scheduleRender());
    this.engine.addEventListener("status", (event) => this.connection.render(event.detail));
    this.engine.addEventListener("snapshot", (event) => this.snapshotTaken(event.detail.snapshot));
    this.engine.addEventListener("rejected", (event) => {
      if (!event.detail.silent) toast(errorText(event.detail.error), "error");
    });
    this.engine.addEventListener("conflict", () => toast(t("conflict.replaced"), "error"));
    this.engine.addEventListener("unauthorized", () => {
      forgetIdentity(workshopId);
      sendHome("session_ended");
    });
    this.refreshUndo();
  }

  async start() {
    this.engine.start();
    // The public summary draws the site at once, even before the socket is up.
    try {
      const summary = await fetchWorkshopSummary(workshopId);
      this.showWorkshop(summary);
    } catch (error) {
      if (error.code === "not_found") {
        byId("workshop-title").textContent = t("workshop.not_found");
      }
    }
  }

  // ------------------------------------------------------------------ state → screen

  snapshotTaken(snapshot) {
    if (snapshot.workshop) this.showWorkshop(snapshot.workshop);
    if (snapshot.you) {
      this.identity = updateIdentity(workshopId, {
        participant_id: snapshot.you.participant_id,
        name: snapshot.you.name,
        role: snapshot.you.role,
        title: snapshot.workshop?.title ?? this.identity.title,
      }) || this.identity;
    }
    this.scheduleRender();
  }

  showWorkshop(workshop) {
    byId("workshop-title").textContent = workshop.title || "";
    if (workshop.title) document.title = `${workshop.title} · cowork`;
    if (!this.siteDrawn && workshop.boundary) {
      const { bounds } = drawSite(this.map, workshop.boundary);
      this.siteBounds = bounds;
      if (bounds) this.map.fitBounds(bounds, { padding: [24, 24] });
      this.siteDrawn = true;
    }
  }

  me() {
    const you = this.engine.state.you;
    return {
      participant_id: you?.participant_id ?? this.identity.participant_id,
      name: you?.name ?? this.identity.name,
      role: you?.role ?? this.identity.role,
    };
  }

  canEditDesign(design) {
    const me = this.me();
    return Boolean(design) && (me.role === "facilitator" || isAuthor(design, me.participant_id));
  }

  scheduleRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  render() {
    const view = this.engine.view();
    this.settleCurrentDesign(view.designs);
    const current = this.currentDesignId ? view.designs.get(this.currentDesignId) : null;
    const me = this.me();

    const counts = new Map();
    for (const element of view.elements.values()) counts.set(element.design_id, (counts.get(element.design_id) || 0) + 1);
    this.designBar.render({ designs: view.designs, currentId: this.currentDesignId, me, counts });
    byId("map").style.setProperty("--design-colour", designColour(current?.id));

    const canDraw = this.canEditDesign(current);
    this.palette.setEnabled({ enabled: canDraw, reason: canDraw ? null : current ? "not-author" : "no-design" });
    if (!canDraw && this.draw.activeKind) this.draw.stop();

    this.elementLayer.render(view.elements, { currentDesignId: this.currentDesignId, selectedId: this.selectedId });
    this.renderPanel(view);
  }

  /** Keep a sensible design shown: the chosen one if it exists, else one of mine, else the newest. */
  settleCurrentDesign(designs) {
    if (this.currentDesignId && designs.has(this.currentDesignId)) return;
    if (!this.engine.state.loaded && this.currentDesignId) return; // not known yet: wait for the snapshot
    const all = [...designs.values()];
    const me = this.me();
    const mine = all.filter((design) => isAuthor(design, me.participant_id));
    const chosen = mine[mine.length - 1] || all[all.length - 1] || null;
    this.setCurrentDesign(chosen?.id ?? null);
  }

  setCurrentDesign(id) {
    this.currentDesignId = id;
    if (id) localStorage.setItem(currentDesignKey, id);
    else localStorage.removeItem(currentDesignKey);
  }

  renderPanel(view) {
    if (!this.selectedId || this.elementLayer.isEditing()) {
      this.panel.hide();
      return;
    }
    const element = view.elements.get(this.selectedId);
    if (!element) {
      this.selectedId = null;
      this.panel.hide();
      return;
    }
    const design = view.designs.get(element.design_id) || null;
    const measure = element.pending || !element.measure ? measureGeometry(element.geometry) : element.measure;
    this.panel.show(element, {
      design,
      authorName: this.authorName(element.author_id, view.designs),
      measureText: formatMeasure(measure),
      canEdit: this.canEditDesign(design),
    });
  }

  authorName(participantId, designs) {
    const me = this.me();
    if (participantId && participantId === me.participant_id) return `${me.name} (${t("panel.you")})`;
    for (const design of designs.values()) {
      const author = design.authors?.find((candidate) => candidate.participant_id === participantId);
      if (author) return author.name;
    }
    return t("panel.someone");
  }

  refreshUndo() {
    this.undoButton.disabled = !this.editor.canUndo();
  }

  // ------------------------------------------------------------------ designs

  async createDesign() {
    this.draw.stop();
    const title = await askText({
      title: t("design.new_title"),
      label: t("design.new_label"),
      value: t("design.default_title", { name: this.me().name || "" }).trim(),
      maxLength: MAX_TITLE,
    });
    if (!title) return;
    this.setCurrentDesign(this.editor.createDesign(title));
    this.scheduleRender();
  }

  switchDesign(id) {
    this.draw.stop();
    this.setCurrentDesign(id);
    this.scheduleRender();
  }

  joinDesign(id) {
    this.editor.joinDesign(id);
    this.setCurrentDesign(id);
    this.scheduleRender();
  }

  // ------------------------------------------------------------------ drawing new elements

  pickKind(kind) {
    if (this.elementLayer.isEditing()) return;
    if (this.draw.activeKind === kind) {
      this.draw.stop(); // a second tap on the same kind puts the pen down
      return;
    }
    this.select(null);
    this.designBar.closeList();
    this.draw.start(kind);
  }

  drawModeChanged(kind) {
    this.palette.setActive(kind);
    this.elementLayer.setTapsEnabled(kind === null);
    if (kind) this.drawBar.showDrawing(kind);
    else this.drawBar.hide();
  }

  async addShape(kind, geometry) {
    const designId = this.currentDesignId;
    if (!designId) return;
    let note;
    if (kind === "note") {
      note = await askText({ title: t("draw.note_title"), label: t("draw.note_label"), maxLength: MAX_NOTE, multiline: true });
      if (!note) return; // a note without text is not a note
    }
    this.editor.addElement({ designId, kind, geometry, note });
  }

  // ------------------------------------------------------------------ the selected element

  select(id) {
    if (this.elementLayer.isEditing()) return;
    this.selectedId = id;
    this.designBar.closeList();
    this.scheduleRender();
  }

  selectedElement() {
    return this.selectedId ? this.engine.view().elements.get(this.selectedId) : null;
  }

  editShape() {
    const element = this.selectedElement();
    if (!element || !this.elementLayer.startEdit(element.id)) return;
    this.editStartVersion = element.version;
    this.panel.hide();
    this.drawBar.showEditing(element.geometry.type);
  }

  saveShape() {
    const edited = this.elementLayer.finishEdit();
    this.drawBar.hide();
    const before = edited && this.engine.view().elements.get(edited.id);
    if (edited && before && !sameGeometry(before.geometry, edited.geometry)) {
      // Based on the version the person started from: if someone else changed it meanwhile, the server
      // answers conflict and we show theirs, rather than silently overwriting it.
      this.editor.updateElement(edited.id, { geometry: edited.geometry }, { baseVersion: this.editStartVersion });
    }
    this.scheduleRender();
  }

  cancelShape() {
    this.elementLayer.cancelEdit();
    this.drawBar.hide();
    this.scheduleRender();
  }

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
    this.editor.updateElement(element.id, { note });
  }

  async changeKind(kind) {
    const element = this.selectedElement();
    if (!element || element.kind === kind) return;
    if (kind === "note" && !element.note) {
      const note = await askText({ title: t("draw.note_title"), label: t("draw.note_label"), maxLength: MAX_NOTE, multiline: true });
      if (!note) return;
      this.editor.updateElement(element.id, { kind, note });
      return;
    }
    this.editor.updateElement(element.id, { kind });
  }

  deleteSelected() {
    const element = this.selectedElement();
    if (!element) return;
    this.selectedId = null;
    this.editor.deleteElement(element.id);
  }

  undo() {
    if (this.elementLayer.isEditing()) this.cancelShape();
    const result = this.editor.undo();
    if (result === "gone") toast(t("undo.gone"));
    else if (result === "nothing") toast(t("undo.nothing"));
  }
}

const identity = resolveIdentity();
if (!identity) {
  sendHome();
} else {
  new WorkshopPage(identity).start();
}
