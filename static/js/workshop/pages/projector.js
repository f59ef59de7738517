// The projector view (/w/<workshop_id>/projector): the room's big screen. The map with every design, the
// join code and its QR code until the workshop closes, the countdown, and the tallies only when the room may see
// them (running tallies switched on, or the workshop closed). Read only; it follows the facilitator's "everyone
// look here" and "whole site", and shows the whole site when voting starts.
// It connects with the facilitator's token from this device, so it filters what a facilitator alone may
// see: nothing hidden by moderation, and no designs while sketching is private.
import { createMap } from "../../shared/map/base-map.js";
import { ElementLayer } from "../map/element-layer.js";
import { drawSite } from "../../shared/map/site-layer.js";
import { fetchQrCode } from "../../supervision/api.js";
import { fetchWorkshopSummary } from "../sync/api.js";
import { SyncEngine } from "../sync/engine.js";
import { resolvePageIdentity } from "../sync/identity.js";
import { privateSketchingActive } from "../sync/phase.js";
import { withoutHidden } from "../sync/view.js";
import { ConnectionBadge } from "../ui/connection-status.js";
import { Countdown } from "../ui/countdown.js";
import { byId, frameScheduler } from "../../shared/dom.js";
import { participantJoinUrl, showJoinCode } from "../ui/join-code.js";
import { phaseBadge, phaseHint } from "../ui/phase-bar.js";
import { t } from "../../shared/strings.js";
import { TallyList } from "../ui/tally-list.js";

const workshopId = byId("projector").dataset.workshopId;

class ProjectorPage {
  constructor(identity) {
    this.identity = identity;
    this.siteDrawn = false;
    this.siteBounds = null;
    this.followingView = false; // after a shared view, stay there instead of refitting the site
    this.shownPhase = null; // the phase on screen, to show the whole site when voting starts
    this.scheduleRender = frameScheduler(() => this.render());
    this.map = createMap(byId("map"));
    new ResizeObserver(() => {
      this.map.invalidateSize();
      if (this.siteBounds && !this.followingView) this.map.fitBounds(this.siteBounds, { padding: [32, 32] });
    }).observe(byId("map"));
    this.elementLayer = new ElementLayer(this.map, { onTap: () => {}, onEditLost: () => {} });
    this.countdown = new Countdown(byId("countdown"));
    this.tallies = new TallyList(byId("tally-list"));
    // The address as this browser reached the server (the server may sit behind a proxy with another name).
    byId("join-heading").textContent = t("projector.join_at", { host: location.host });
    // Without its picture the code and the address are still there: no broken-image icon on the big screen.
    const qr = byId("join-qr");
    qr.addEventListener("error", () => (qr.hidden = true));
    this.qrCode = ""; // the code the picture shows
    this.qrUrl = null;
    this.engine = identity ? new SyncEngine(identity, { journal: false }) : null;
  }

  async start() {
    this.showPhase("sketching");
    if (this.engine) {
      const connection = new ConnectionBadge(byId("connection-status"));
      this.engine.addEventListener("status", (event) => connection.render(event.detail));
      this.engine.addEventListener("change", () => this.scheduleRender());
      this.engine.addEventListener(
        "snapshot",
        (event) => event.detail.snapshot.workshop && this.showWorkshop(event.detail.snapshot.workshop),
      );
      this.engine.addEventListener("applied", ({ detail }) => {
        if (detail.type === "join_code:changed" && this.engine.state.workshop)
          this.showWorkshop(this.engine.state.workshop);
      });
      this.engine.addEventListener("signal", (event) => this.signalReceived(event.detail));
      this.engine.addEventListener("unauthorized", () => this.showNotice(t("projector.no_facilitator")));
      this.engine.start();
    } else {
      byId("connection-status").hidden = true;
      this.showNotice(t("projector.no_facilitator"));
    }
    try {
      // Only the facilitator's token brings the join code: the summary is public, and whoever reads the code can join.
      const summary = await fetchWorkshopSummary(workshopId, this.identity?.token);
      this.showWorkshop(summary);
      if (!this.engine) this.showPhase(summary.phase);
    } catch (error) {
      if (error.code === "not_found") byId("workshop-title").textContent = t("workshop.not_found");
    }
  }

  showWorkshop(workshop) {
    byId("workshop-title").textContent = workshop.title || "";
    if (workshop.title) document.title = `${t("projector.title")} · ${workshop.title} · cowork`;
    if (workshop.join_code) {
      showJoinCode(byId("join-code"), workshop.join_code);
      this.showQr(workshop.join_code);
    }
    if (!this.siteDrawn && workshop.boundary) {
      const { bounds } = drawSite(this.map, workshop.boundary);
      this.siteBounds = bounds;
      if (bounds) this.map.fitBounds(bounds, { padding: [32, 32], animate: false });
      this.siteDrawn = true;
    }
  }

  /** The QR code of the participant link: a new code, a new picture. Made from the body of a POST, so the code
   * goes into no URL. */
  async showQr(code) {
    if (code === this.qrCode) return;
    this.qrCode = code;
    const qr = byId("join-qr");
    try {
      const blob = await fetchQrCode(participantJoinUrl(code));
      if (code !== this.qrCode) return; // a newer code came meanwhile
      if (this.qrUrl) URL.revokeObjectURL(this.qrUrl);
      this.qrUrl = URL.createObjectURL(blob);
      qr.src = this.qrUrl;
      qr.hidden = false;
    } catch {
      if (code === this.qrCode) this.qrCode = ""; // try again with the next snapshot
    }
  }

  showNotice(text) {
    const notice = byId("map-notice");
    notice.textContent = text;
    notice.hidden = !text;
  }

  showPhase(phase) {
    if (phase === this.shownPhase) return;
    // Every design is voted on: the room sees the whole site, wherever "look here" had taken the map.
    if (phase === "voting" && this.shownPhase !== null) this.fitSite();
    this.shownPhase = phase;
    byId("projector").dataset.phase = phase;
    byId("phase-badge").replaceChildren(phaseBadge(phase, "phase-badge projector__badge"));
    byId("phase-hint").textContent = phaseHint(phase, { role: "participant" });
    // Once closed, nobody joins any more: the code and its QR code leave the big screen (they come back on reopening).
    byId("join-box").hidden = phase === "closed";
  }

  /** The whole site, kept in view as the screen's box changes, until the next shared view. */
  fitSite() {
    this.followingView = false;
    if (this.siteBounds) this.map.fitBounds(this.siteBounds, { padding: [32, 32] });
  }

  render() {
    const state = this.engine.state;
    if (!state.loaded) return;
    const phase = state.phase;
    this.showPhase(phase);
    this.countdown.setEnd(state.timer.ends_at);

    // What the room may see: never what moderation hid, and no one's designs while sketching is private.
    const view = withoutHidden(this.engine.view());
    const isPrivate = privateSketchingActive(phase, state.settings);
    this.elementLayer.render(isPrivate ? new Map() : view.elements, {
      currentDesignId: null,
      selectedId: null,
      highlightAll: true,
    });
    this.showNotice(isPrivate ? t("projector.private") : "");

    const talliesShown = Boolean(state.votes.tallies) && (phase === "closed" || state.settings.show_running_tallies);
    byId("tally-box").hidden = !talliesShown;
    byId("tally-heading").textContent = phase === "closed" ? t("projector.results") : t("projector.running");
    if (talliesShown) this.tallies.render({ designs: view.designs, tallies: state.votes.tallies });
  }

  signalReceived({ type, data }) {
    if (type !== "view") return;
    if (data.site === true) {
      this.fitSite();
      return;
    }
    if (!Array.isArray(data.center)) return;
    const [lon, lat] = data.center;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    this.followingView = true;
    this.map.flyTo([lat, lon], Number.isFinite(data.zoom) ? data.zoom : this.map.getZoom(), { duration: 1.5 });
  }
}

const stored = resolvePageIdentity(workshopId, { fallbackName: t("new.facilitator_name") });
new ProjectorPage(stored?.role === "facilitator" ? stored : null).start();
