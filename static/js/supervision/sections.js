// Small sections shared by the workspace and the public page: the project's facts and its links.
import { el, replaceChildren } from "../ui/dom.js";
import { projectUrls } from "./api.js";
import { formatDate } from "./format.js";
import { t } from "./strings.js";

function plannedDates(project) {
  const start = project.planned_start ? formatDate(project.planned_start) : "";
  const end = project.planned_completion ? formatDate(project.planned_completion) : "";
  if (start && end) return t("project.dates_value", { start, end });
  if (start) return t("project.start_only", { start });
  if (end) return t("project.end_only", { end });
  return "";
}

/** Organisation, contractor, planned dates and the design with its authors, as a definition list. */
export function renderFacts(container, project) {
  const authors = (project.authors || []).map((author) => author.name).join(", ");
  const rows = [
    ["project.organisation", project.organisation],
    ["project.contractor", project.contractor],
    ["project.dates", plannedDates(project)],
    ["project.design", project.design_title ? t("project.design_value", { title: project.design_title, authors: authors || t("common.none") }) : ""],
  ].filter(([, value]) => value);
  replaceChildren(
    container,
    rows.length ? el("dl", { className: "sv-facts" }, rows.map(([label, value]) => el("div", { className: "sv-facts__row" }, el("dt", {}, t(label)), el("dd", {}, value)))) : null,
  );
  return container;
}

/** Links to the public page (optional), the printable report and the downloads. */
export function renderLinks(container, projectId, { publicPage = false, workspace = false } = {}) {
  const urls = projectUrls(projectId);
  const links = [
    publicPage ? el("a", { className: "btn", href: urls.progress }, t("links.public")) : null,
    workspace ? el("a", { className: "btn", href: urls.supervise }, t("links.supervise")) : null,
    el("a", { className: "btn", href: urls.report, target: "_blank", rel: "noopener" }, t("links.report")),
    el("a", { className: "btn", href: urls.geojson, download: "" }, t("links.geojson")),
    el("a", { className: "btn", href: urls.photosZip, download: "" }, t("links.photos")),
  ];
  replaceChildren(container, el("h2", { className: "sv-section__title" }, t("links.title")), el("div", { className: "button-row" }, links));
  return container;
}
