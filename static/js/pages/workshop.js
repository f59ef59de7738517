// The live workshop map (/w/<workshop_id>): wires the sync engine to the map and the controls.
import { FACTS } from "../facts.js";
import { createMap } from "../map/base-map.js";
import { DrawController } from "../map/draw.js";
import { ElementLayer } from "../map/element-layer.js";
import { KINDS } from "../map/kinds.js";
import { measureGeometry } from "../map/measure.js";
import { drawSite } from "../map/site-layer.js";
import { fetchWorkshopSummary } from "../sync/api.js";
import { sameGeometry } from "../sync/compare.js";
import { Editor } from "../sync/editing.js";
import { SyncEngine } from "../sync/engine.js";
import { forgetIdentity, rememberKioskCode, resolvePageIdentity, updateIdentity } from "../sync/identity.js";
import { mayComment, maySketch, mayVote, offeredKinds, privateSketchingActive } from "../sync/phase.js";
import { ConnectionBadge } from "../ui/connection-status.js";
import { Countdown } from "../ui/countdown.js";
import { DesignBar, isAuthor } from "../ui/design-bar.js";
import { designColour } from "../ui/design-colour.js";
import { DesignPanel } from "../ui/design-panel.js";
import { askConfirm, askText } from "../ui/dialog.js";
import { byId, frameScheduler } from "../ui/dom.js";
import { DrawBar } from "../ui/draw-bar.js";
import { ElementPanel } from "../ui/element-panel.js";
import { errorText } from "../ui/errors.js";
import { formatMeasure } from "../ui/format.js";
import { Palette } from "../ui/palette.js";
import { ClaimPrompt } from "../ui/claim-prompt.js";
import { PhaseBar } from "../ui/phase-bar.js";
import { t, tn } from "../ui/strings.js";
import { toast } from "../ui/toast.js";
import { voteOptions } from "../ui/vote-control.js";

const MAX_NOTE = FACTS.limits.note;
const MAX_TITLE = FACTS.limits.title;
const FLUSH_WAIT_MS = 8000; // how long "Done — next person" waits for waiting edits to go out

const workshopId =
  document.querySelector("[data-workshop-id]")?.dataset.workshopId ||
  decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
const currentDesignKey = `cowork.currentDesign.${workshopId}`;
const ALL_KINDS = Object.keys(KINDS);

function sendHome(reason = "", code = "") {
  const params = new URLSearchParams();
  if (reason) params.set("notice", reason);
  if (code) params.set("code", code);
  const query = params.toString() ? `?${params}` : "";
  location.replace(`/${query}#join`);
}

/** Comments oldest first, as the view keeps them (in the order the server numbered them). */
function commentsWhere(comments, test) {
  return [...comments.values()].filter(test);
}

class WorkshopPage {
  constructor(identity) {
    this.identity = identity;
    this.currentDesignId = localStorage.getItem(currentDesignKey);
    this.selectedId = null;
    this.openDesignId = null; // the design whose details and comments are open
    this.editStartVersion = null;
    this.siteDrawn = false;
    this.scheduleRender = frameScheduler(() => this.render());
    this.shownPhase = null; // to announce a change of phase once
    this.votingBusy = new Set(); // designs with a vote on the wire
    this.leaving = false;

    this.map = createMap(byId("map"));
    this.siteBounds = null;
    this.mapTouched = false;
    byId("map").addEventListener("pointerdown", () => (this.mapTouched = true), { passive: true });
    byId("map").addEventListener("wheel", () => (this.mapTouched = true), { passive: true });
    // The map's box changes with the layout (rotation, the top bar wrapping), not only with the window.
    // Until the person moves the map themselves, keep the whole site in view.
    new ResizeObserver(() => {
      this.map.invalidateSize();
      if (this.siteBounds && !this.mapTouched) this.map.fitBounds(this.siteBounds, { padding: [24, 24], animate: false });
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
        onOpen: (id) => this.openDesign(id),
        onVote: (id, delta) => this.vote(id, delta),
      },
    );
    this.phaseBar = new PhaseBar(byId("phase-bar"), {
      resultsUrl: `/w/${encodeURIComponent(workshopId)}/results`,
      onShowDesigns: () => this.designBar.openList(),
      onVote: (id, delta) => this.vote(id, delta),
      onDone: () => this.handOver(),
    });
    this.countdown = new Countdown(this.phaseBar.countdownDisplay);
    this.claimPrompt = new ClaimPrompt(byId("claim-area"), { token: identity.token });
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
      onModerate: (hidden) => this.selectedId && this.moderate("element", this.selectedId, hidden),
      onComment: (text) => Boolean(this.selectedId) && this.addComment({ element_id: this.selectedId }, text),
      onModerateComment: (comment, hidden) => this.moderate("comment", comment.id, hidden),
    });
    this.designPanel = new DesignPanel(byId("design-panel"), {
      onClose: () => this.openDesign(null),
      onShow: (id) => this.switchDesign(id),
      onVote: (id, delta) => this.vote(id, delta),
      onComment: (id, text) => this.addComment({ design_id: id }, text),
      onModerate: (id, hidden) => this.moderate("design", id, hidden),
      onModerateComment: (comment, hidden) => this.moderate("comment", comment.id, hidden),
    });
    this.consoleLink = byId("console-link");
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
    this.engine.addEventListener("unauthorized", () => this.leave({ notice: "session_ended" }));
    this.engine.addEventListener("applied", (event) => this.changeApplied(event.detail));
    this.engine.addEventListener("signal", (event) => this.signalReceived(event.detail));
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
      if (bounds) this.map.fitBounds(bounds, { padding: [24, 24], animate: false }); // first fit: no zoom in flight
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

  /** Whether the phase lets me sketch at all (draw, edit, start or join designs). */
  canSketch() {
    return maySketch(this.engine.state.phase, this.me().role);
  }

  render() {
    if (this.leaving) return;
    const view = this.engine.view();
    const state = this.engine.state;
    this.settleCurrentDesign(view.designs);
    const current = this.currentDesignId ? view.designs.get(this.currentDesignId) : null;
    const me = this.me();
    const phase = state.phase;
    const canSketch = this.canSketch();
    const voting = mayVote(phase, me.role);
    this.announcePhase(phase);

    const counts = new Map();
    for (const element of view.elements.values()) counts.set(element.design_id, (counts.get(element.design_id) || 0) + 1);
    const commentCounts = new Map();
    for (const comment of view.comments.values()) {
      if (!comment.element_id) commentCounts.set(comment.design_id, (commentCounts.get(comment.design_id) || 0) + 1);
    }
    const votes = voting ? new Map([...view.designs.values()].map((design) => [design.id, this.voteState(design)])) : null;
    this.designBar.render({
      designs: view.designs,
      currentId: this.currentDesignId,
      me,
      counts,
      canCreate: canSketch,
      votes,
      votesLeft: state.votes.left,
      tallies: state.votes.tallies,
      commentCounts,
    });
    byId("map").style.setProperty("--design-colour", designColour(current));
    this.phaseBar.render({
      phase,
      role: me.role,
      privateActive: privateSketchingActive(phase, state.settings),
      showDone: me.role !== "facilitator",
      voting: voting ? { left: state.votes.left, design: current, vote: current ? votes.get(current.id) : null } : null,
    });
    this.countdown.setEnd(state.timer.ends_at);
    this.consoleLink.hidden = me.role !== "facilitator";
    if (me.role !== "facilitator") this.claimPrompt.render({ projects: state.projects, designs: view.designs, me });

    // Drawing: only in a phase that allows it, in a design I may change, with the kinds on offer.
    byId("workshop").classList.toggle("is-readonly", !canSketch);
    this.palette.setOffered(offeredKinds(state.settings, ALL_KINDS));
    const canDraw = canSketch && this.canEditDesign(current);
    const reason = canDraw ? null : !canSketch ? "phase" : current ? "not-author" : "no-design";
    this.palette.setEnabled({ enabled: canDraw, reason, hint: t(`phase.${phase}.hint`) });
    if (!canDraw && this.draw.activeKind) this.draw.stop();
    if (this.draw.activeKind && !offeredKinds(state.settings, ALL_KINDS).includes(this.draw.activeKind)) this.draw.stop();
    if (!canSketch && this.elementLayer.isEditing()) {
      this.cancelShape();
      toast(t("phase.edit_stopped"), "error");
    }
    this.refreshUndo();

    this.elementLayer.render(view.elements, { currentDesignId: this.currentDesignId, selectedId: this.selectedId });
    this.renderPanel(view);
    this.renderDesignPanel(view, { counts, voting });
    this.engine.setPresenceDesign(this.currentDesignId);
  }

  /** A change of phase is said once, in words; voting opens the list of designs to vote on. */
  announcePhase(phase) {
    if (this.shownPhase === phase || !this.engine.state.loaded) return;
    const before = this.shownPhase;
    this.shownPhase = phase;
    if (before === null) return; // the page just opened: the phase bar says it
    toast(t("phase.now", { phase: t(`phase.label.${phase}`) }));
    if (phase === "voting" && mayVote(phase, this.me().role)) {
      this.openDesignId = null;
      this.designBar.openList();
    }
  }

  /** My dot-vote control's state for one design. */
  voteState(design) {
    const { votes, settings } = this.engine.state;
    const mine = Number(votes.mine?.[design.id]) || 0;
    const options = voteOptions({ mine, left: votes.left, settings, isOwn: isAuthor(design, this.me().participant_id) });
    return { mine, ...options, busy: this.votingBusy.has(design.id) };
  }

  /** Where commenting is closed, why. */
  commentState() {
    const { phase } = this.engine.state;
    const canComment = mayComment(phase, this.me().role);
    return { canComment, closedText: canComment ? "" : t(`comments.closed_${phase}`) };
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
    const me = this.me();
    this.panel.show(element, {
      design,
      authorName: this.authorName(element.author_id, view.designs),
      measureText: formatMeasure(measure),
      canEdit: this.canSketch() && this.canEditDesign(design),
      canModerate: me.role === "facilitator" && this.engine.state.phase !== "closed",
      comments: commentsWhere(view.comments, (comment) => comment.element_id === element.id),
      ...this.commentState(),
      meId: me.participant_id,
      offered: offeredKinds(this.engine.state.settings, ALL_KINDS),
    });
  }

  renderDesignPanel(view, { counts, voting }) {
    const design = this.openDesignId ? view.designs.get(this.openDesignId) : null;
    if (!design || this.elementLayer.isEditing()) {
      if (this.openDesignId && !design && this.engine.state.loaded) this.openDesignId = null;
      this.designPanel.hide();
      return;
    }
    const me = this.me();
    const tallies = this.engine.state.votes.tallies;
    this.designPanel.show(design, {
      elementCount: counts.get(design.id) || 0,
      tally: tallies ? tallies[design.id] ?? 0 : null,
      vote: voting ? this.voteState(design) : null,
      isCurrent: design.id === this.currentDesignId,
      canModerate: me.role === "facilitator" && this.engine.state.phase !== "closed",
      comments: commentsWhere(view.comments, (comment) => comment.design_id === design.id && !comment.element_id),
      ...this.commentState(),
      meId: me.participant_id,
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
    this.undoButton.disabled = !this.editor.canUndo() || !this.canSketch();
  }

  // ------------------------------------------------------------------ changes and signals from the server

  changeApplied({ type, data }) {
    if (type === "participant:removed" && data.participant_id && data.participant_id === this.me().participant_id) {
      this.leave({ notice: "removed" });
    }
  }

  signalReceived({ type, data }) {
    if (type === "view" && Array.isArray(data.center)) {
      const [lon, lat] = data.center;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
      this.mapTouched = true; // the facilitator's choice stays until the person moves the map
      this.map.flyTo([lat, lon], Number.isFinite(data.zoom) ? data.zoom : this.map.getZoom(), { duration: 1.2 });
      toast(t("view.shared"));
    }
  }

  // ------------------------------------------------------------------ voting, comments, moderation

  async vote(designId, delta) {
    if (this.votingBusy.has(designId)) return;
    this.votingBusy.add(designId);
    this.scheduleRender();
    try {
      await this.engine.vote(designId, delta);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      this.votingBusy.delete(designId);
      this.scheduleRender();
    }
  }

  /** Post a comment on {design_id} or {element_id}. Returns whether it was taken (sent or waiting). */
  addComment(target, text) {
    if (!this.commentState().canComment) return false;
    const payload = { id: crypto.randomUUID(), ...target, text };
    this.engine.submit("comment:add", payload, { created_at: new Date().toISOString() });
    return true;
  }

  /** The facilitator hides (asking for a reason, which may stay empty) or restores something. */
  async moderate(target, id, hidden) {
    let reason = null;
    if (hidden) {
      reason = await askText({ title: t(`moderation.hide_${target}_title`), label: t("moderation.reason"), maxLength: FACTS.limits.reason, allowEmpty: true });
      if (reason === null) return;
    }
    try {
      await this.engine.request("moderate", { target, id, hidden, ...(reason ? { reason } : {}) });
      toast(hidden ? t("moderation.hidden_done") : t("moderation.restored_done"));
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  // ------------------------------------------------------------------ leaving this device

  /** "Done — next person": forget me on this shared tablet, after my edits went out, and open the join page. */
  async handOver() {
    const ready = await askConfirm({
      title: t("kiosk.confirm_title"),
      message: t("kiosk.confirm_message"),
      confirmLabel: t("kiosk.confirm"),
    });
    if (!ready) return;
    if (!this.engine.isFlushed()) {
      toast(t("kiosk.sending"));
      await this.waitUntilFlushed(FLUSH_WAIT_MS);
    }
    const waiting = this.engine.waitingCount();
    if (waiting > 0) {
      const lose = await askConfirm({
        title: t("kiosk.unsent_title"),
        message: tn("kiosk.unsent_message", waiting),
        confirmLabel: t("kiosk.leave_anyway"),
        cancelLabel: t("kiosk.stay"),
        danger: true,
      });
      if (!lose) return;
    }
    this.leave({ kiosk: true });
  }

  waitUntilFlushed(timeoutMs) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.engine.removeEventListener("status", check);
        resolve();
      };
      const check = () => this.engine.isFlushed() && done();
      const timer = setTimeout(done, timeoutMs);
      this.engine.addEventListener("status", check);
      check();
    });
  }

  /** Forget this identity on the device (journal included) and go to the front door. */
  leave({ notice = "", kiosk = false } = {}) {
    if (this.leaving) return;
    this.leaving = true;
    const code = this.engine.state.workshop?.join_code || "";
    if (kiosk) rememberKioskCode(code);
    this.draw.stop();
    this.engine.forgetDevice();
    forgetIdentity(workshopId);
    localStorage.removeItem(currentDesignKey);
    sendHome(notice, kiosk ? code : "");
  }

  // ------------------------------------------------------------------ designs

  async createDesign() {
    if (!this.canSketch()) return;
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

  /** Open (or with null close) the details and comments of a design. */
  openDesign(id) {
    if (id && this.elementLayer.isEditing()) return;
    this.openDesignId = id;
    if (id) this.selectedId = null;
    this.scheduleRender();
  }

  joinDesign(id) {
    if (!this.canSketch()) return;
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
    if (id) this.openDesignId = null;
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
    if (!this.canSketch()) return;
    if (this.elementLayer.isEditing()) this.cancelShape();
    const result = this.editor.undo();
    if (result === "gone") toast(t("undo.gone"));
    else if (result === "nothing") toast(t("undo.nothing"));
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
