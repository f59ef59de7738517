// The live workshop map (/w/<workshop_id>): wires the sync engine, the view-model (tablet/model.js), the map
// (tablet/map-view.js), the controls around it (tablet/screen.js) and what taps do (tablet/actions.js).
import { fetchWorkshopSummary } from "../sync/api.js";
import { Editor } from "../sync/editing.js";
import { openDeviceStore } from "../../shared/device-store.js";
import { SyncEngine } from "../sync/engine.js";
import { ConnectionStatus } from "../sync/socket.js";
import {
  forgetIdentity,
  keepSupervisionLink,
  keptSupervisionLink,
  rememberKioskCode,
  resolvePageIdentity,
  updateIdentity,
} from "../sync/identity.js";
import { maySketch } from "../sync/phase.js";
import { designColour } from "../ui/design-colour.js";
import { byId, frameScheduler } from "../../shared/dom.js";
import { showEditNotices } from "../ui/edit-notices.js";
import { t } from "../../shared/strings.js";
import { toast } from "../../shared/toast.js";
import { WorkshopActions } from "../tablet/actions.js";
import { readyToHandOver } from "../tablet/hand-over.js";
import { WorkshopMap } from "../tablet/map-view.js";
import { undoAvailable, whoAmI, workshopModel } from "../tablet/model.js";
import { WorkshopScreen } from "../tablet/screen.js";

const workshopId =
  document.querySelector("[data-workshop-id]")?.dataset.workshopId ||
  decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
const currentDesignKey = `cowork.currentDesign.${workshopId}`;
const seenCommentsKey = `cowork.seenComments.${workshopId}`;

/** The comments this device has shown (so a mark on my design says only what is new), kept across reloads. */
function loadSeenComments() {
  try {
    const ids = JSON.parse(localStorage.getItem(seenCommentsKey) || "[]");
    return new Set(Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

function sendHome(reason = "", code = "") {
  const params = new URLSearchParams();
  if (reason) params.set("notice", reason);
  if (code) params.set("code", code);
  const query = params.toString() ? `?${params}` : "";
  location.replace(`/${query}#join`);
}

export class WorkshopPage {
  constructor(identity) {
    this.identity = identity;
    // This screen's choices, which the view-model reads and settles on each render.
    this.ui = {
      currentDesignId: localStorage.getItem(currentDesignKey),
      selectedId: null,
      openDesignId: null, // the design whose details and comments are open
      shownPhase: null, // to announce a change of phase once
      votingBusy: new Set(), // designs with a vote on the wire
      seenComments: loadSeenComments(), // comments shown on this device: no mark for them
      placedId: null, // the element just placed: its panel opens and asks for its details
      propsEdited: null, // {id, field} of the props last changed here: the cue that it was saved
    };
    this.keptInSight = null; // the selected element the map was last panned for
    this.leaving = false;
    this.scheduleRender = frameScheduler(() => this.render());
    this.engine = new SyncEngine(identity, { deviceStore: openDeviceStore() });
    this.editor = new Editor(this.engine);
    this.actions = new WorkshopActions(this);
    const hooks = this.actions.hooks();

    this.mapView = new WorkshopMap(byId("map"), {
      onTap: hooks.select,
      onEditLost: () => {
        this.screen.drawBar.hide();
        toast(t("edit.removed_meanwhile"), "error");
      },
      onShape: (kind, geometry) => this.actions.addShape(kind, geometry),
      onModeChange: (kind) => this.actions.drawModeChanged(kind),
      onBackgroundTap: () => this.actions.select(null),
      onTurnSign: (id, bearing) => this.actions.setBearing(id, bearing),
    });
    this.screen = new WorkshopScreen(
      { ...hooks, handOver: () => this.handOver() },
      {
        resultsUrl: `/w/${encodeURIComponent(workshopId)}/results`,
        token: identity.token,
        links: {
          kept: (projectId) => keptSupervisionLink(workshopId, projectId),
          keep: (projectId, link) => keepSupervisionLink(workshopId, projectId, link),
        },
      },
    );

    this.editor.addEventListener("history", () => this.refreshUndo());
    this.engine.addEventListener("change", () => this.scheduleRender());
    this.engine.addEventListener("status", (event) => {
      this.screen.connection.render(event.detail);
      this.scheduleRender(); // a saved cue says "kept on this tablet" offline
    });
    this.engine.addEventListener("snapshot", (event) => this.snapshotTaken(event.detail.snapshot));
    showEditNotices(this.engine);
    this.engine.addEventListener("unauthorized", () => this.leave({ notice: "session_ended" }));
    this.engine.addEventListener("applied", (event) => this.changeApplied(event.detail));
    this.engine.addEventListener("signal", (event) => this.signalReceived(event.detail));
    this.refreshUndo();
  }

  async start() {
    this.engine.start();
    // With no network the copy kept on the device draws the site (device-copy.js); online, the public summary
    // draws it at once, even before the socket is up.
    if (navigator.onLine === false) return;
    try {
      this.showWorkshop(await fetchWorkshopSummary(workshopId, this.identity.token));
    } catch (error) {
      if (error.code === "not_found") this.screen.showNotFound();
    }
  }

  // ------------------------------------------------------------------ state → screen

  snapshotTaken(snapshot) {
    if (snapshot.workshop) this.showWorkshop(snapshot.workshop);
    if (snapshot.you) {
      this.identity =
        updateIdentity(workshopId, {
          participant_id: snapshot.you.participant_id,
          name: snapshot.you.name,
          role: snapshot.you.role,
          title: snapshot.workshop?.title ?? this.identity.title,
        }) || this.identity;
    }
    this.scheduleRender();
  }

  showWorkshop(workshop) {
    this.screen.showTitle(workshop.title);
    this.mapView.showSite(workshop.boundary);
  }

  /** Who I am now (the snapshot's word, else what this device remembers). */
  me() {
    return whoAmI(this.engine.state.you, this.identity);
  }

  /** Whether the phase lets me sketch at all (draw, edit, start or join designs). */
  canSketch() {
    return maySketch(this.engine.state.phase, this.me().role);
  }

  /** The view-model of this moment, with this screen's choices settled into `ui`. */
  model() {
    const model = workshopModel({
      state: this.engine.state,
      view: this.engine.view(),
      identity: this.identity,
      ui: {
        ...this.ui,
        editing: this.mapView.isEditing(),
        drawingKind: this.mapView.draw.activeKind,
        canUndo: this.editor.canUndo(),
        canRedo: this.editor.canRedo(),
        online: this.engine.status === ConnectionStatus.CONNECTED,
      },
    });
    if (model.currentDesignId !== this.ui.currentDesignId) this.setCurrentDesign(model.currentDesignId);
    if (model.seenComments.size !== this.ui.seenComments.size) {
      this.ui.seenComments = model.seenComments;
      localStorage.setItem(seenCommentsKey, JSON.stringify([...model.seenComments]));
    }
    Object.assign(this.ui, {
      selectedId: model.selectedId,
      openDesignId: model.openDesignId,
      shownPhase: model.shownPhase,
    });
    return model;
  }

  render() {
    if (this.leaving) return;
    let model = this.model();
    if (model.announce) {
      toast(t("phase.now", { phase: t(`phase.label.${model.announce.phase}`) }));
      if (model.announce.openList) this.screen.designBar.openList();
      if (model.announce.fitSite) this.mapView.fitSite();
    }
    if (model.stopEditing) {
      this.actions.cancelShape();
      toast(t("phase.edit_stopped"), "error");
      model = this.model(); // the panels come back now that no shape is being reshaped
    }
    this.screen.render(model);
    this.mapView.setFrameColour(designColour(model.current));
    if (model.stopDrawing) this.mapView.draw.stop();
    this.mapView.render(model.elements, {
      currentDesignId: model.currentDesignId,
      selectedId: model.selectedId,
      highlightAll: model.currentDesignId === null, // in nobody's design, no design is faded
    });
    this.screen.renderElementPanel(model.elementPanel);
    this.mapView.renderBearingHandle(model.bearingHandle);
    this.keepSelectedInSight(model.selectedId, Boolean(model.elementPanel));
    this.screen.renderDesignPanel(model.designPanel);
    this.engine.setPresenceDesign(model.currentDesignId);
  }

  /** Once per selection: the map pans so that its panel does not hide the element tapped (after the layout). */
  keepSelectedInSight(selectedId, shown) {
    if (selectedId === this.keptInSight) return;
    this.keptInSight = selectedId;
    if (!selectedId || !shown) return;
    requestAnimationFrame(() => {
      const element = this.engine.view().elements.get(selectedId);
      const panel = byId("element-panel");
      if (!element || panel.hidden || this.ui.selectedId !== selectedId) return;
      // A sign keeps room for its handle around it.
      this.mapView.keepInSight(element.geometry, panel.getBoundingClientRect(), element.kind === "sign" ? 100 : 40);
    });
  }

  /** Remember the design shown on this device, so reopening the tablet shows it again. */
  setCurrentDesign(id) {
    this.ui.currentDesignId = id;
    if (id) localStorage.setItem(currentDesignKey, id);
    else localStorage.removeItem(currentDesignKey);
  }

  refreshUndo() {
    const facts = { phase: this.engine.state.phase, role: this.me().role };
    this.screen.setHistory({
      undo: undoAvailable({ ...facts, canUndo: this.editor.canUndo() }),
      redo: undoAvailable({ ...facts, canUndo: this.editor.canRedo() }),
    });
  }

  // ------------------------------------------------------------------ changes and signals from the server

  changeApplied({ type, data }) {
    if (type === "participant:removed" && data.participant_id && data.participant_id === this.me().participant_id) {
      this.leave({ notice: "removed" });
    }
  }

  signalReceived({ type, data }) {
    if (type !== "view") return;
    const shown = this.mapView.showSharedView(data);
    if (shown) toast(t(shown === "site" ? "view.shared_site" : "view.shared"));
  }

  // ------------------------------------------------------------------ leaving this device

  /** "Done — next person": forget me on this shared tablet, after my edits went out, and open the join page. */
  async handOver() {
    if (await readyToHandOver(this.engine)) this.leave({ kiosk: true });
  }

  /** Forget this identity on the device (journal included) and go to the front door. */
  leave({ notice = "", kiosk = false } = {}) {
    if (this.leaving) return;
    this.leaving = true;
    const code = this.engine.state.workshop?.join_code || "";
    if (kiosk) rememberKioskCode(code);
    this.mapView.draw.stop();
    this.engine.forgetDevice();
    this.editor.discard();
    forgetIdentity(workshopId);
    localStorage.removeItem(currentDesignKey);
    localStorage.removeItem(seenCommentsKey);
    sendHome(notice, kiosk ? code : "");
  }
}

const identity = resolvePageIdentity(workshopId, {
  fallbackName: t("new.facilitator_name"),
  title: document.getElementById("workshop-title")?.textContent.trim() || "",
});
if (!identity) {
  sendHome();
} else {
  new WorkshopPage(identity).start();
}
