// The public progress page (/p/<project_id>): what was planned, what was built, the green ledger, the
// visits with their photos and the authors' sign-offs. Read only: it needs no key and shows no secret.
import { byId } from "../../shared/dom.js";
import { fetchProject } from "../api.js";
import { elementId, renderElementList } from "../element-list.js";
import { errorText } from "../errors.js";
import { renderLegend } from "../legend.js";
import { elementIndex, elementTitle } from "../model.js";
import { openPhoto } from "../photo-viewer.js";
import { renderLedger, renderProgress } from "../progress-view.js";
import { ProjectMap } from "../project-map.js";
import { renderFacts, renderLinks } from "../sections.js";
import { renderSignoffs, renderTimeline } from "../timeline.js";
import { t } from "../../shared/strings.js";

const root = byId("progress-page");
const projectId = root.dataset.projectId;

class ProgressPage {
  constructor() {
    this.project = null;
    this.selectedId = null;
    this.projectMap = new ProjectMap(byId("map"), {
      onTapElement: (id) => this.select(id, { fromMap: true }),
      onTapPhoto: (photo, visit) => this.showPhoto(photo, visit),
    });
    renderLinks(byId("links"), projectId);
  }

  async load() {
    try {
      this.project = await fetchProject(projectId);
    } catch (error) {
      byId("loading").textContent = `${t("sv.error.load_failed")} ${errorText(error)}`;
      byId("loading").setAttribute("role", "alert");
      return;
    }
    byId("loading").hidden = true;
    this.render();
  }

  render() {
    const project = this.project;
    byId("project-title").textContent = project.title;
    document.title = `${project.title} · cowork`;
    renderFacts(byId("facts"), project);
    this.projectMap.render(project, { selectedId: this.selectedId });
    renderLegend(byId("legend"), { counts: project.progress?.statuses });
    renderProgress(byId("progress"), project.progress);
    renderLedger(byId("ledger"), project.green_ledger);
    renderTimeline(byId("timeline"), project, { onOpenPhoto: (photo, visit) => this.showPhoto(photo, visit) });
    renderSignoffs(byId("signoffs"), project);
    this.renderElements();
  }

  renderElements() {
    renderElementList(byId("element-list"), this.project, {
      selectedId: this.selectedId,
      onSelect: (id) => this.select(id),
    });
  }

  select(id, { fromMap = false } = {}) {
    this.selectedId = id;
    this.projectMap.render(this.project, { selectedId: id });
    this.renderElements();
    if (fromMap) byId(elementId(id)).scrollIntoView({ block: "center", behavior: "smooth" });
    else {
      byId("map").scrollIntoView({ block: "nearest", behavior: "smooth" });
      this.projectMap.showElement(id);
    }
  }

  showPhoto(photo, visit) {
    const element = photo.element_id ? elementIndex(this.project).get(photo.element_id) : null;
    openPhoto(photo, { visit, caption: element ? elementTitle(element) : "" });
  }
}

new ProgressPage().load();
