// The facilitator's console (/w/<workshop_id>/console): the live map with everything on it (hidden
// things faded and marked) and the controls that run the workshop: phase, timer, "everyone look here",
// settings and the reveal, moderation, who is here, live tallies, views and exports. What each part shows comes
// from the view-model (console/model.js); this page wires it to the parts and sends the facilitator's requests.
import { FACTS } from "../../shared/facts.js";
import { createMap } from "../../shared/map/base-map.js";
import { ElementLayer } from "../map/element-layer.js";
import { drawSite } from "../../shared/map/site-layer.js";
import { fetchWorkshopSummary, startSession } from "../sync/api.js";
import { openDeviceStore } from "../../shared/device-store.js";
import { SyncEngine } from "../sync/engine.js";
import { resolvePageIdentity, updateIdentity } from "../sync/identity.js";
import { mayComment } from "../sync/phase.js";
import { ConnectionBadge } from "../ui/connection-status.js";
import { ConsoleDesigns } from "../console/console-designs.js";
import { consoleModel, phaseConfirmation, sharedView, timeUpDue } from "../console/model.js";
import { DESIGN_FIT, designPoints } from "../map/design-fit.js";
import { wireCopyButtons } from "../ui/copy.js";
import { Countdown } from "../ui/countdown.js";
import { DesignPanel } from "../ui/design-panel.js";
import { showEditNotices } from "../ui/edit-notices.js";
import { AdoptionPanel } from "../console/adoption-panel.js";
import { askConfirm, askText } from "../../shared/dialog.js";
import { byId, frameScheduler } from "../../shared/dom.js";
import { ElementPanel } from "../ui/element-panel.js";
import { errorText } from "../../shared/errors.js";
import { formatMeasure } from "../../shared/format.js";
import { participantJoinUrl, showJoinCode } from "../ui/join-code.js";
import { MapKey } from "../console/map-key.js";
import { PeopleList, RoomSummary } from "../console/people-list.js";
import { phaseBadge } from "../ui/phase-bar.js";
import { PhaseControl } from "../console/phase-control.js";
import { SettingsForm } from "../console/settings-form.js";
import { t } from "../../shared/strings.js";
import { TallyList } from "../ui/tally-list.js";
import { TimerControl } from "../console/timer-control.js";
import { wireDownloads } from "../console/downloads.js";
import { toast } from "../../shared/toast.js";

const workshopId = byId("console").dataset.workshopId;
const KEY_OPEN_MIN_WIDTH = 800; // px of map

class ConsolePage {
  constructor(identity) {
    this.identity = identity;
    // The console's own choices: the element selected, the design whose panel is open, the design shown on the
    // map (the others faded; null: all alike), the designs taken off the map. The view-model settles them against
    // what exists at each render.
    this.ui = { selectedId: null, openDesignId: null, shownDesignId: null, offMap: [] };
    this.siteBounds = null;
    this.siteDrawn = false;
    this.scheduleRender = frameScheduler(() => this.render());
    this.timeUpFor = null; // the timer end whose "time is up" was shown
    this.session = null; // the promise of POST /api/session
    this.sessionReady = false;

    this.map = createMap(byId("map"));
    new ResizeObserver(() => this.map.invalidateSize()).observe(byId("map"));
    this.engine = new SyncEngine(identity, { deviceStore: openDeviceStore() });
    this.elementLayer = new ElementLayer(this.map, { onTap: (id) => this.select(id), onEditLost: () => {} });
    this.map.on("click", () => this.select(null));
    this.buildParts(identity);
    // The designs' key starts folded where it would cover much of a narrow map (a 1024 px laptop, a tablet).
    byId("map-key").open = byId("map").clientWidth >= KEY_OPEN_MIN_WIDTH;

    byId("share-view").addEventListener("click", () => this.shareView());
    byId("fit-site").addEventListener("click", () => this.shareSite());
    byId("time-up-dismiss").addEventListener("click", () => (byId("time-up").hidden = true));
    byId("reveal-button").addEventListener("click", () => this.reveal());
    byId("open-data-toggle").addEventListener("change", (event) => this.setOpenData(event.target));
    byId("rotate-code").addEventListener("click", () => this.rotateCode());
    wireDownloads(
      workshopId,
      () => this.identity.token,
      () => this.engine.state.workshop?.title || this.identity.title,
    );
    for (const link of document.querySelectorAll("[data-needs-session]")) {
      link.addEventListener("click", (event) => this.openWithSession(event, link));
    }
    wireCopyButtons(byId("console-side"));

    this.engine.addEventListener("change", () => this.scheduleRender());
    this.engine.addEventListener("status", (event) => this.connection.render(event.detail));
    this.engine.addEventListener("snapshot", (event) => this.snapshotTaken(event.detail.snapshot));
    this.engine.addEventListener("signal", (event) => this.signalReceived(event.detail));
    this.engine.addEventListener("applied", ({ detail }) => {
      if (detail.type === "join_code:changed" && this.engine.state.workshop) {
        this.showWorkshop(this.engine.state.workshop);
      }
    });
    showEditNotices(this.engine);
    this.engine.addEventListener("unauthorized", () => showBlocked(t("console.token_invalid")));
  }

  /** The parts of the side column and the panels over the map, each drawn from its share of the model. */
  buildParts(identity) {
    this.connection = new ConnectionBadge(byId("connection-status"));
    this.topCountdown = new Countdown(byId("top-countdown"));
    this.phaseControl = new PhaseControl(byId("phase-control"), {
      onSet: (phase, reopen) => this.setPhase(phase, reopen),
    });
    this.timerControl = new TimerControl(byId("timer-control"), {
      onSet: (seconds) => this.setTimer(seconds),
      onStateChange: (state) => state === "up" && this.showTimeUp(this.engine.state.timer.ends_at),
    });
    this.tallies = new TallyList(byId("tally-list"));
    this.room = new RoomSummary(byId("room-summary"));
    this.people = new PeopleList(byId("people-list"), { onRemove: (person) => this.removeParticipant(person) });
    this.mapKey = new MapKey(
      { key: byId("map-key"), body: byId("map-key-body") },
      {
        onToggle: (id, onMap) =>
          this.putOnMap(onMap ? this.ui.offMap.filter((off) => off !== id) : [...this.ui.offMap, id]),
        onShowAll: () => this.putOnMap([]),
      },
    );
    this.designs = new ConsoleDesigns(byId("design-list"), {
      onShow: (id) => this.showDesign(id),
      onOpen: (id) => this.openDesign(id),
      onModerate: (id, hidden) => this.moderate("design", id, hidden),
    });
    this.settings = new SettingsForm(byId("settings-form"), { onSave: (settings) => this.saveSettings(settings) });
    this.panel = new ElementPanel(byId("element-panel"), {
      onClose: () => this.select(null),
      onModerate: (hidden) => this.ui.selectedId && this.moderate("element", this.ui.selectedId, hidden),
      onComment: (text) => Boolean(this.ui.selectedId) && this.addComment({ element_id: this.ui.selectedId }, text),
      onModerateComment: (comment, hidden) => this.moderate("comment", comment.id, hidden),
    });
    this.designPanel = new DesignPanel(byId("design-panel"), {
      onClose: () => this.openDesign(null),
      onShow: (id) => this.showDesign(id),
      onComment: (id, text) => this.addComment({ design_id: id }, text),
      onModerate: (id, hidden) => this.moderate("design", id, hidden),
      onModerateComment: (comment, hidden) => this.moderate("comment", comment.id, hidden),
    });
    this.adoption = new AdoptionPanel(byId("adoption-card"), { workshopId, token: identity.token });
    byId("adoption-card").addEventListener("adopted", () =>
      this.adoption.render(this.model().adoption, { again: true }),
    );
  }

  async start() {
    this.engine.start();
    // With no network the copy kept on the device draws the workshop (device-copy.js).
    if (navigator.onLine === false) return;
    this.ensureSession();
    try {
      this.showWorkshop(await fetchWorkshopSummary(workshopId, this.identity.token));
    } catch (error) {
      if (error.code === "not_found") byId("workshop-title").textContent = t("workshop.not_found");
    }
  }

  /** The cookie that lets this browser open the results, replay and projector pages before closing. */
  ensureSession() {
    if (!this.session) {
      this.session = startSession(this.identity.token)
        .then(() => (this.sessionReady = true))
        .catch((error) => {
          this.session = null;
          throw error;
        });
    }
    return this.session;
  }

  async openWithSession(event, link) {
    if (this.sessionReady) return; // the link opens as usual
    event.preventDefault();
    // Opened now, while the click still counts as the person's own act (pop-up blockers), filled in later.
    const target = window.open("about:blank", "_blank");
    try {
      await this.ensureSession();
      if (target) target.location.href = link.href;
      else location.assign(link.href);
    } catch (error) {
      target?.close();
      toast(errorText(error), "error");
    }
  }

  // ------------------------------------------------------------------ state → screen

  snapshotTaken(snapshot) {
    if (snapshot.workshop) this.showWorkshop(snapshot.workshop);
    if (snapshot.you && snapshot.you.role !== "facilitator") {
      showBlocked(t("console.not_facilitator"));
      this.engine.stop(); // a participant's own journal on this device stays untouched
      return;
    }
    if (snapshot.you) {
      updateIdentity(workshopId, {
        participant_id: snapshot.you.participant_id,
        role: snapshot.you.role,
        title: snapshot.workshop?.title ?? this.identity.title,
      });
    }
    this.scheduleRender();
  }

  showWorkshop(workshop) {
    byId("workshop-title").textContent = workshop.title || "";
    if (workshop.title) document.title = `${t("console.title")} · ${workshop.title} · cowork`;
    if (workshop.join_code) {
      showJoinCode(byId("join-code"), workshop.join_code);
      byId("top-code").textContent = workshop.join_code;
      byId("join-url").value = participantJoinUrl(workshop.join_code);
    }
    if (!this.siteDrawn && workshop.boundary) {
      const { bounds } = drawSite(this.map, workshop.boundary);
      this.siteBounds = bounds;
      if (bounds) this.map.fitBounds(bounds, { padding: [24, 24], animate: false });
      this.siteDrawn = true;
    }
  }

  /** What the console shows now (console/model.js). */
  model() {
    return consoleModel({ state: this.engine.state, view: this.engine.view(), ui: this.ui });
  }

  render() {
    const model = this.model();
    this.ui = {
      selectedId: model.selectedId,
      openDesignId: model.openDesignId,
      shownDesignId: model.shownDesignId,
      offMap: model.offMap,
    };

    byId("top-phase").replaceChildren(phaseBadge(model.phase));
    this.topCountdown.setEnd(model.timerEndsAt);
    this.phaseControl.render(model.phase);
    byId("timer-card").hidden = !model.timerShown;
    this.timerControl.render(model.timerEndsAt, { enabled: model.controlsOpen });
    if (!model.timerEndsAt) byId("time-up").hidden = true;
    renderReveal(model.reveal);
    renderOpenData(model.openData);

    byId("tally-card").hidden = !model.talliesShown;
    this.tallies.render(model.tallies);
    byId("tally-visibility").textContent = t(model.tallyAudienceKey);
    this.room.render(model.room);
    this.people.render(model.people);
    this.designs.render(model.designs);
    this.settings.render(model.settings, { enabled: model.controlsOpen });

    this.mapKey.render(model.mapKey);
    this.elementLayer.render(model.elements, model.map);
    this.renderPanels(model);
    this.adoption.render(model.adoption);
  }

  renderPanels({ elementPanel, designPanel }) {
    const closedText = (key) => (key ? t(key) : "");
    if (elementPanel) {
      const { element, authorName, measure, closedKey, ...details } = elementPanel;
      this.panel.show(element, {
        ...details,
        authorName: authorName ?? t("panel.someone"),
        measureText: formatMeasure(measure),
        closedText: closedText(closedKey),
      });
    } else {
      this.panel.hide();
    }
    if (designPanel) {
      const { design, closedKey, ...details } = designPanel;
      this.designPanel.show(design, { ...details, closedText: closedText(closedKey) });
    } else {
      this.designPanel.hide();
    }
  }

  async setOpenData(toggle) {
    toggle.disabled = true;
    try {
      if (await this.send("settings:update", { open_data: toggle.checked })) toast(t("settings.saved"));
      else toggle.checked = !toggle.checked;
    } finally {
      toggle.disabled = false;
    }
  }

  // ------------------------------------------------------------------ the map

  select(id) {
    this.ui.selectedId = id;
    if (id) this.ui.openDesignId = null;
    this.scheduleRender();
  }

  openDesign(id) {
    this.ui.openDesignId = id;
    if (id) this.ui.selectedId = null;
    this.scheduleRender();
  }

  /** Which designs the map leaves out (the key's filter). */
  putOnMap(offMap) {
    this.ui.offMap = offMap;
    this.scheduleRender();
  }

  /** Highlight one design on the map and bring it into view (null: all designs alike again). */
  showDesign(id) {
    this.ui.shownDesignId = id;
    if (id) this.ui.offMap = this.ui.offMap.filter((off) => off !== id); // a design shown is on the map
    this.scheduleRender();
    if (!id) return;
    const points = designPoints(this.engine.view().elements, id);
    if (points.length) this.map.fitBounds(window.L.latLngBounds(points), DESIGN_FIT);
  }

  // ------------------------------------------------------------------ signals

  signalReceived({ type, data }) {
    if (type === "timer:expired") this.showTimeUp(data.ends_at ?? this.engine.state.timer.ends_at);
  }

  /** "Time is up", once per countdown. */
  showTimeUp(endsAt) {
    if (!timeUpDue(endsAt, { runningEndsAt: this.engine.state.timer.ends_at, saidFor: this.timeUpFor })) return;
    this.timeUpFor = endsAt;
    byId("time-up").hidden = false;
  }

  // ------------------------------------------------------------------ facilitator requests

  /** Send one request; a refusal is said in a toast. Resolves with the ack, or null when refused. */
  async send(event, payload) {
    try {
      return await this.engine.request(event, payload);
    } catch (error) {
      toast(errorText(error), "error");
      return null;
    }
  }

  async setPhase(phase, reopen) {
    const ask = reopen ? null : phaseConfirmation(this.engine.state.phase, phase);
    if (ask) {
      const words = { phase: t(`phase.label.${phase}`) };
      const sure = await askConfirm({
        title: t(`console.${ask.key}_title`, words),
        message: t(`console.${ask.key}_message`, words),
        confirmLabel: t(`console.${ask.key}_confirm`, words),
        danger: ask.danger,
      });
      if (!sure) return;
    }
    this.phaseControl.setBusy(true);
    const ack = await this.send("phase:set", reopen ? { phase, reopen: true } : { phase });
    this.phaseControl.setBusy(false);
    if (ack) toast(t("phase.now", { phase: t(`phase.label.${phase}`) }));
  }

  async setTimer(seconds) {
    const ack = await this.send("timer:set", { seconds });
    if (ack) byId("time-up").hidden = true;
  }

  async shareView() {
    const ack = await this.send("view:share", sharedView(this.map.getCenter(), this.map.getZoom()));
    if (ack) toast(t("console.view_shared"));
  }

  /** The whole site, here and on every screen of the room (each fits it to its own size). */
  async shareSite() {
    if (this.siteBounds) this.map.fitBounds(this.siteBounds, { padding: [24, 24] });
    if (await this.send("view:share", { site: true })) toast(t("console.site_shared"));
  }

  async saveSettings(settings) {
    const ack = await this.send("settings:update", settings);
    if (ack) toast(t("settings.saved"));
    return Boolean(ack);
  }

  /** A new join code, when the old one went somewhere it should not have; whoever joined stays in. */
  async rotateCode() {
    const sure = await askConfirm({
      title: t("console.rotate_title"),
      message: t("console.rotate_message"),
      confirmLabel: t("console.rotate_confirm"),
    });
    if (!sure) return;
    if (await this.send("join_code:rotate", {})) toast(t("console.rotate_done"));
  }

  async reveal() {
    const sure = await askConfirm({
      title: t("reveal.confirm_title"),
      message: t("reveal.confirm_message"),
      confirmLabel: t("reveal.confirm"),
    });
    if (!sure) return;
    if (await this.send("settings:update", { revealed: true })) toast(t("reveal.done"));
  }

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
    const ack = await this.send("moderate", { target, id, hidden, ...(reason ? { reason } : {}) });
    if (ack) toast(hidden ? t("moderation.hidden_done") : t("moderation.restored_done"));
  }

  async removeParticipant(person) {
    const sure = await askConfirm({
      title: t("people.remove_title", { name: person.name || "" }),
      message: t("people.remove_message"),
      confirmLabel: t("people.remove"),
      danger: true,
    });
    if (!sure) return;
    if (await this.send("participant:remove", { participant_id: person.participant_id })) {
      toast(t("people.removed_done", { name: person.name || "" }));
    }
  }

  addComment(target, text) {
    if (!mayComment(this.engine.state.phase, "facilitator")) return false;
    this.engine.submit(
      "comment:add",
      { id: crypto.randomUUID(), ...target, text },
      { created_at: new Date().toISOString() },
    );
    return true;
  }
}

/** The private-sketching card (model.reveal). */
function renderReveal({ shown, statusKey, buttonShown, buttonEnabled }) {
  byId("reveal-card").hidden = !shown;
  if (!shown) return;
  byId("reveal-status").textContent = t(statusKey);
  byId("reveal-button").hidden = !buttonShown;
  byId("reveal-button").disabled = !buttonEnabled;
}

/** Whether the closed workshop is open city data (model.openData); the facilitator may change it in any phase. */
function renderOpenData({ checked, statusKey }) {
  byId("open-data-toggle").checked = checked;
  byId("open-data-status").textContent = t(statusKey);
}

function showBlocked(message) {
  byId("blocked-text").textContent = message;
  byId("console-blocked").hidden = false;
  byId("console").classList.add("is-blocked");
}

const identity = resolvePageIdentity(workshopId, {
  fallbackName: t("new.facilitator_name"),
  title: byId("workshop-title").textContent.trim(),
});
if (identity?.role !== "facilitator") {
  showBlocked(t("console.not_facilitator"));
} else {
  new ConsolePage(identity).start();
}
