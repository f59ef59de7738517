// The replay (/w/<workshop_id>/replay): the workshop's event log on a time slider. Each position redraws
// the map as it was after that event, with the same updaters as the live map. Public once the workshop is
// closed; before that it needs the facilitator's token from this device.
import { createMap } from "../../shared/map/base-map.js";
import { ElementLayer } from "../map/element-layer.js";
import { kindName } from "../../shared/map/kinds.js";
import { drawSite } from "../../shared/map/site-layer.js";
import { fetchEvents, fetchWorkshopSummary } from "../sync/api.js";
import { loadIdentity } from "../sync/identity.js";
import { describeEvent, Replayer } from "../sync/replay.js";
import { buildView } from "../sync/view.js";
import { designColour } from "../ui/design-colour.js";
import { byId, el, frameScheduler, replaceChildren } from "../../shared/dom.js";
import { errorText } from "../../shared/errors.js";
import { formatClock, formatCount } from "../../shared/format.js";
import { phaseBadge } from "../ui/phase-bar.js";
import { t, tn } from "../../shared/strings.js";
import { TallyList } from "../ui/tally-list.js";

const workshopId = byId("replay").dataset.workshopId;
const PLAYBACK_MS = 30000; // a whole replay takes about this long…
const STEP_MS = { min: 60, max: 600 }; // …with each event shown at least this briefly, at most this long

/** One line about what an event did (describeEvent's key and values), in the page's language. */
function describe(event, state, removed) {
  const { key, values } = describeEvent(event, state, removed);
  return t(key, {
    ...values,
    ...("kind" in values ? { kind: kindName(values.kind) } : {}),
    ...("phase" in values ? { phase: t(`phase.label.${values.phase}`) } : {}),
    ...("title" in values ? { title: values.title ?? t("replay.a_design") } : {}),
    ...("name" in values ? { name: values.name ?? t("panel.someone") } : {}),
  });
}

class ReplayPage {
  constructor() {
    this.map = createMap(byId("map"));
    this.siteBounds = null;
    new ResizeObserver(() => this.map.invalidateSize()).observe(byId("map"));
    this.elementLayer = new ElementLayer(this.map, { onTap: () => {}, onEditLost: () => {} });
    this.tallies = new TallyList(byId("replay-tally-list"));
    this.slider = byId("replay-slider");
    this.playButton = byId("replay-play");
    this.replayer = new Replayer([]);
    this.playTimer = null;
    this.scheduleRender = frameScheduler(() => this.render());
    this.createdAt = null;

    this.slider.addEventListener("input", () => {
      this.pause();
      this.scheduleRender();
    });
    this.playButton.addEventListener("click", () => (this.playTimer ? this.pause() : this.play()));
  }

  async start() {
    let summary;
    try {
      summary = await fetchWorkshopSummary(workshopId);
      byId("workshop-title").textContent = summary.title || "";
      if (summary.title) document.title = `${t("replay.title")} · ${summary.title} · cowork`;
      this.createdAt = summary.created_at;
      const { bounds } = drawSite(this.map, summary.boundary);
      this.siteBounds = bounds;
      if (bounds) this.map.fitBounds(bounds, { padding: [24, 24], animate: false });
    } catch (error) {
      this.showNotice(error.code === "not_found" ? t("workshop.not_found") : errorText(error));
      return;
    }
    const identity = loadIdentity(workshopId);
    const token = identity?.role === "facilitator" ? identity.token : undefined;
    if (!token && summary.phase !== "closed") {
      this.showNotice(t("replay.not_yet")); // asking would only be refused
      return;
    }
    let log;
    try {
      log = await fetchEvents(workshopId, { since: 0, token });
    } catch (error) {
      const closedOnly = error.code === "forbidden" || error.code === "unauthorized";
      this.showNotice(closedOnly ? t("replay.not_yet") : errorText(error));
      return;
    }
    // Ticks for changes the public may not see change nothing on screen: the slider skips them.
    const events = (log?.events || []).filter((event) => event.type !== "seq");
    this.replayer = new Replayer(events);
    this.slider.max = String(events.length);
    this.slider.value = String(events.length);
    this.slider.disabled = events.length === 0;
    this.playButton.disabled = events.length === 0;
    if (!events.length) this.showNotice(t("replay.empty"));
    this.render();
  }

  showNotice(text) {
    const notice = byId("replay-notice");
    notice.textContent = text;
    notice.hidden = !text;
  }

  // ------------------------------------------------------------------ playing

  play() {
    const total = this.replayer.events.length;
    if (!total) return;
    if (Number(this.slider.value) >= total) this.slider.value = "0"; // from the start again
    const stepMs = Math.min(STEP_MS.max, Math.max(STEP_MS.min, PLAYBACK_MS / total));
    this.playTimer = setInterval(() => {
      const next = Number(this.slider.value) + 1;
      this.slider.value = String(next);
      this.scheduleRender();
      if (next >= total) this.pause();
    }, stepMs);
    this.playButton.textContent = t("replay.pause");
    this.scheduleRender();
  }

  pause() {
    if (!this.playTimer) return;
    clearInterval(this.playTimer);
    this.playTimer = null;
    this.playButton.textContent = t("replay.play");
  }

  // ------------------------------------------------------------------ drawing a moment

  render() {
    const state = this.replayer.seek(Number(this.slider.value));
    const view = buildView(state, [], { showHidden: false });
    this.elementLayer.render(view.elements, { currentDesignId: null, selectedId: null, highlightAll: true });
    byId("replay-phase").replaceChildren(phaseBadge(state.phase));

    const event = this.replayer.current();
    const total = this.replayer.events.length;
    const position = this.replayer.position;
    const when = formatClock(event ? event.at : this.createdAt, { seconds: true });
    const moment = event
      ? t("replay.moment", {
          step: formatCount(position),
          total: formatCount(total),
          seq: event.seq,
          time: when,
          what: describe(event, state, this.replayer.removed),
        })
      : t("replay.start", { total: formatCount(total), time: when });
    byId("replay-moment").textContent = moment;
    this.slider.setAttribute("aria-valuetext", moment);

    const counts = new Map();
    for (const element of view.elements.values())
      counts.set(element.design_id, (counts.get(element.design_id) || 0) + 1);
    replaceChildren(
      byId("replay-designs"),
      [...view.designs.values()].map((design) => {
        const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
        swatch.style.backgroundColor = designColour(design);
        return el(
          "li",
          { className: "replay__design" },
          swatch,
          el("span", { className: "replay__design-title" }, design.title),
          el("span", { className: "muted" }, tn("design.count", counts.get(design.id) || 0)),
        );
      }),
      view.designs.size ? null : el("li", { className: "muted" }, t("design.none_yet")),
    );
    const tallies = state.votes.tallies;
    byId("replay-tallies").hidden = !tallies;
    if (tallies) this.tallies.render({ designs: view.designs, tallies });
  }
}

new ReplayPage().start();
