// The construction-supervision workspace (/p/<project_id>/supervise): the plan on the map by status,
// progress and the green ledger, the elements, the visit form with as-built drawing, GPS and photos, the
// timeline with sign-offs. The author's key comes from #key=… (then leaves the URL) or from this device.
import { byId, el, replaceChildren } from "../../shared/dom.js";
import { toast } from "../../shared/toast.js";
import { forgetKey, resolveKey, takeKeyFromFragment } from "../access.js";
import { openDeviceStore } from "../../shared/device-store.js";
import { checkAccess, fetchProject, projectUrls, recordVisit, uploadPhoto } from "../api.js";
import { VisitOutbox } from "../outbox.js";
import { AsBuiltEditor } from "../as-built-draw.js";
import { elementId, renderElementList } from "../element-list.js";
import { errorText } from "../errors.js";
import { formatDate } from "../../shared/dates.js";
import { renderLegend } from "../legend.js";
import { elementIndex, elementsOf, elementTitle } from "../model.js";
import { openPhoto } from "../photo-viewer.js";
import { PhotoUploader } from "../photo-upload.js";
import { renderProgress, renderLedger } from "../progress-view.js";
import { ProjectMap } from "../project-map.js";
import { renderFacts, renderLinks } from "../sections.js";
import { signOffWithComment } from "../signoff.js";
import { Tabs } from "../tabs.js";
import { renderTimeline } from "../timeline.js";
import { VisitForm } from "../visit-form.js";
import { actionButton, photoPicker } from "../widgets.js";
import { t, tn } from "../../shared/strings.js";

const RELOAD_DELAY_MS = 600;

const app = byId("supervise");
const projectId = app.dataset.projectId;
// First of all: take the key out of the address bar.
let key = resolveKey(projectId);
// A newer link pasted into this tab changes only the address's fragment, which opens no new page: start again
// with its key (what was typed is kept on the device meanwhile).
window.addEventListener("hashchange", () => {
  if (takeKeyFromFragment(projectId)) location.reload();
});

/** The notice for a device without a (working) key: what happened and where to get a fresh link. */
function showAccessNotice(kind) {
  const notice = byId("access-notice");
  replaceChildren(
    notice,
    el("h2", { className: "sv-access__title" }, t(kind === "lost" ? "sv.access.lost_title" : "sv.access.no_key_title")),
    el("p", {}, t(kind === "lost" ? "sv.access.lost_text" : "sv.access.no_key_text")),
    el(
      "div",
      { className: "button-row" },
      el("a", { className: "btn btn--primary", href: "/recover" }, t("sv.access.recover_link")),
      el("a", { className: "btn", href: projectUrls(projectId).progress }, t("sv.access.public_link")),
    ),
  );
  notice.setAttribute("role", "alert");
  notice.hidden = false;
}

class SupervisePage {
  constructor() {
    this.project = null;
    this.selectedId = null;
    this.reloadTimer = null;

    this.projectMap = new ProjectMap(byId("map"), {
      onTapElement: (id) => this.select(id, { fromMap: true }),
      onTapPhoto: (photo, visit) => this.showPhoto(photo, visit),
    });
    this.editor = new AsBuiltEditor(this.projectMap.map, byId("draw-bar"), {
      onActiveChange: (active) => {
        this.projectMap.touched = true; // do not jump back to the whole site while the map grows
        this.projectMap.planLayer.setTapsEnabled(!active);
        app.classList.toggle("is-drawing", active);
      },
    });
    this.uploader = new PhotoUploader(byId("uploads"), {
      projectId,
      getKey: () => key,
      onUploaded: () => this.reloadSoon(),
      onAuthLost: () => this.authLost(),
    });
    // The last summary seen and the visits recorded with no signal are kept on the device (IndexedDB).
    this.store = openDeviceStore();
    this.outbox = this.store
      ? new VisitOutbox({
          store: this.store,
          projectId,
          recordVisit: (payload) => recordVisit(projectId, key, payload),
          uploadPhoto: (visitId, file, elementId) => uploadPhoto(projectId, visitId, key, file, { elementId }),
          onChange: () => this.renderOutbox(),
        })
      : null;
    window.addEventListener("online", () => this.sendOutbox());
    this.form = new VisitForm(byId("visit-form"), {
      projectId,
      getKey: () => key,
      editor: this.editor,
      uploader: this.uploader,
      outbox: this.outbox,
      onSaved: () => this.reload(),
      onAuthLost: () => this.authLost(),
      onShowElement: (id) => this.select(id),
      onDraftShapes: (shapes) => this.projectMap.planLayer.renderDraft(shapes),
    });
    this.tabs = new Tabs(
      byId("tabs"),
      [
        { id: "overview", label: t("sv.tabs.overview"), panel: byId("panel-overview") },
        { id: "elements", label: t("sv.tabs.elements"), panel: byId("panel-elements") },
        { id: "record", label: t("sv.tabs.record"), panel: byId("panel-record") },
        { id: "visits", label: t("sv.tabs.visits"), panel: byId("panel-visits") },
      ],
      {
        label: t("sv.tabs.label"),
        onChange: (id) => {
          byId("panel").scrollTop = 0;
          // On a phone the visit form takes most of the screen, the map a strip above it (supervise.css).
          app.classList.toggle("is-recording", id === "record");
        },
      },
    );
    renderLinks(byId("links"), projectId);
    window.addEventListener("beforeunload", (event) => {
      if (!this.uploader.busy) return;
      // Photos are still on their way: ask before leaving.
      event.preventDefault();
      event.returnValue = "";
    });
  }

  /** The device's visits waiting to be sent; whether the key still works (a dead link says so before anyone
   * types a visit); then the project. */
  async start() {
    await this.outbox?.load();
    if (!(await this.keyWorks())) return;
    await this.reload();
    this.sendOutbox();
  }

  /** Whether the server still takes this device's key. Without a signal nothing is known: work goes on offline,
   * and what is recorded waits on the device. */
  async keyWorks() {
    if (navigator.onLine === false) return true;
    try {
      if ((await checkAccess(projectId, key)).supervising) return true;
    } catch {
      return true; // not reached: nothing is known
    }
    this.authLost();
    return false;
  }

  async reload() {
    clearTimeout(this.reloadTimer);
    try {
      // With no network, straight to the copy kept on the device (a failed request would only say so).
      if (navigator.onLine === false) throw Object.assign(new Error("offline"), { code: "network" });
      this.project = await fetchProject(projectId, key);
      this.store?.put(`project.${projectId}`, this.project);
    } catch (error) {
      const kept = !this.project && error.code === "network" ? await this.store?.get(`project.${projectId}`) : null;
      if (kept) {
        this.project = kept;
        toast(t("sv.offline.kept_copy"));
      } else if (!this.project) {
        byId("loading").textContent = `${t("sv.error.load_failed")} ${errorText(error)}`;
        byId("loading").setAttribute("role", "alert");
      } else {
        toast(errorText(error), "error");
      }
      if (!kept) return;
    }
    byId("loading").hidden = true;
    this.render();
  }

  /** Send what the outbox holds, when there is a signal; the project is read again once something went. */
  async sendOutbox() {
    if (!this.outbox || navigator.onLine === false || !key) return;
    try {
      if (await this.outbox.flush()) {
        toast(t("sv.outbox.sent"));
        this.reload();
      }
    } catch (error) {
      toast(errorText(error), "error");
      if (error.code === "unauthorized") this.authLost();
    }
  }

  renderOutbox() {
    const { visits, photos } = this.outbox.counts();
    const box = byId("outbox");
    box.hidden = visits === 0;
    box.textContent = visits
      ? [tn("sv.outbox.waiting", visits), photos ? tn("sv.outbox.photos", photos) : ""].filter(Boolean).join(" · ")
      : "";
  }

  reloadSoon() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), RELOAD_DELAY_MS);
  }

  render() {
    const project = this.project;
    byId("project-title").textContent = project.title;
    document.title = `${project.title} · cowork`;
    this.projectMap.render(project, { selectedId: this.selectedId });
    renderLegend(byId("legend-body"), { counts: project.progress?.statuses, draft: true });
    renderFacts(byId("facts"), project);
    renderProgress(byId("progress"), project.progress);
    renderLedger(byId("ledger"), project.green_ledger);
    this.renderElements();
    renderTimeline(byId("timeline"), project, {
      onOpenPhoto: (photo, visit) => this.showPhoto(photo, visit),
      actions: (visit) => this.visitActions(visit),
    });
    this.form.setProject(project);
  }

  renderElements() {
    renderElementList(byId("element-list"), this.project, {
      selectedId: this.selectedId,
      onSelect: (id) => this.select(id),
      actions: (item) => (item.unplanned ? null : this.signoffButtons({ element_id: item.id }, elementTitle(item))),
    });
  }

  // ---------------------------------------------------------------- selection

  select(id, { fromMap = false } = {}) {
    this.selectedId = id;
    this.projectMap.render(this.project, { selectedId: id });
    this.renderElements();
    if (fromMap) {
      if (this.tabs.current === "record") {
        this.form.reveal(id);
        return;
      }
      this.tabs.select("elements");
      byId(elementId(id)).scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else {
      this.projectMap.showElement(id);
    }
  }

  showPhoto(photo, visit) {
    const element = photo.element_id ? elementIndex(this.project).get(photo.element_id) : null;
    openPhoto(photo, { visit, caption: element ? elementTitle(element) : "" });
  }

  // ---------------------------------------------------------------- actions of the author

  signoffButtons(target, targetName) {
    const send = async (verdict) => {
      if (!key) {
        this.authLost();
        return;
      }
      const visit = target.visit_id ? this.project.visits.find((candidate) => candidate.id === target.visit_id) : null;
      const date = visit ? formatDate(visit.date) : "";
      const title = visit
        ? t(verdict === "accept" ? "sv.signoff.accept_visit_title" : "sv.signoff.object_visit_title", { date })
        : t(verdict === "accept" ? "sv.signoff.accept_element_title" : "sv.signoff.object_element_title", {
            name: targetName,
          });
      const signoff = await signOffWithComment({
        projectId,
        key,
        target,
        verdict,
        title,
        onAuthLost: () => this.authLost(),
      });
      if (signoff) this.reload();
    };
    return el(
      "div",
      { className: "button-row sv-actions" },
      actionButton(t("sv.signoff.accept"), {
        className: "btn",
        label: t("sv.signoff.accept_label", { target: targetName }),
        onClick: () => send("accept"),
      }),
      actionButton(t("sv.signoff.object"), {
        className: "btn btn--danger",
        label: t("sv.signoff.object_label", { target: targetName }),
        onClick: () => send("object"),
      }),
    );
  }

  visitActions(visit) {
    const date = formatDate(visit.date);
    const selectId = `photo-target-${visit.id}`;
    const target = el(
      "select",
      { className: "select", id: selectId },
      el("option", { value: "" }, t("sv.visits.photo_of_visit")),
      elementsOf(this.project)
        .filter(
          (item) => !item.unplanned || visit.observations.some((observation) => observation.element_id === item.id),
        )
        .map((item) => el("option", { value: item.id }, elementTitle(item))),
    );
    return el(
      "div",
      { className: "sv-visit__actions" },
      el(
        "div",
        { className: "sv-visit__photo-row" },
        el("label", { for: selectId }, t("sv.visits.photo_of")),
        target,
        photoPicker({
          text: t("sv.visits.add_photos"),
          label: t("sv.visits.add_photos_label", { date }),
          onFiles: (files) => this.uploader.add(visit.id, files, { elementId: target.value || null }),
        }),
      ),
      this.signoffButtons({ visit_id: visit.id }, t("sv.signoff.visit_target", { date })),
    );
  }

  /** The key stopped working (replaced by a newer link, or revoked): say so, and how to get a new one, in place
   * of the workspace (nothing there works without a key; what was typed stays on the device for the new link). */
  authLost() {
    if (app.classList.contains("is-locked")) return;
    forgetKey(projectId);
    key = null;
    app.classList.add("is-locked");
    byId("workspace").hidden = true;
    showAccessNotice("lost");
  }
}

if (!key) {
  byId("workspace").hidden = true;
  showAccessNotice("missing");
} else {
  const page = new SupervisePage();
  page.start();
}
