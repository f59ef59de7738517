// Small sections shared by the workspace and the public page: the project's facts and its links.
import { el, replaceChildren } from "../shared/dom.js";
import { t } from "../shared/strings.js";
import { projectUrls } from "./api.js";
import { formatDate } from "../shared/dates.js";
import { personText, publicText, readByInsider } from "./people.js";

function plannedDates(project) {
  const start = project.planned_start ? formatDate(project.planned_start) : "";
  const end = project.planned_completion ? formatDate(project.planned_completion) : "";
  if (start && end) return t("sv.project.dates_value", { start, end });
  if (start) return t("sv.project.start_only", { start });
  if (end) return t("sv.project.end_only", { end });
  return "";
}

/** Organisation, contractor, planned dates and the design with its authors, as a definition list; for the project's
 * supervisors also how the authors appear in public (as each chose at adoption). */
export function renderFacts(container, project) {
  const authors = (project.authors || []).map(personText).join(", ");
  const inPublic = readByInsider(project) ? (project.authors || []).map(publicText).join(", ") : "";
  const rows = [
    ["sv.project.organisation", project.organisation],
    ["sv.project.contractor", project.contractor],
    ["sv.project.dates", plannedDates(project)],
    [
      "sv.project.design",
      project.design_title
        ? t("sv.project.design_value", { title: project.design_title, authors: authors || t("sv.common.none") })
        : "",
    ],
    ["sv.project.in_public", inPublic],
  ].filter(([, value]) => value);
  replaceChildren(
    container,
    rows.length
      ? el(
          "dl",
          { className: "sv-facts" },
          rows.map(([label, value]) =>
            el("div", { className: "sv-facts__row" }, el("dt", {}, t(label)), el("dd", {}, value)),
          ),
        )
      : null,
  );
  return container;
}

/** Links to the public page (optional), the printable report and the downloads. */
export function renderLinks(container, projectId, { publicPage = false, workspace = false } = {}) {
  const urls = projectUrls(projectId);
  const links = [
    publicPage ? el("a", { className: "btn", href: urls.progress }, t("sv.links.public")) : null,
    workspace ? el("a", { className: "btn", href: urls.supervise }, t("sv.links.supervise")) : null,
    el("a", { className: "btn", href: urls.report, target: "_blank", rel: "noopener" }, t("sv.links.report")),
    el("a", { className: "btn", href: urls.geojson, download: "" }, t("sv.links.geojson")),
    el("a", { className: "btn", href: urls.photosZip, download: "" }, t("sv.links.photos")),
  ];
  replaceChildren(
    container,
    el("h2", { className: "sv-section__title" }, t("sv.links.title")),
    el("div", { className: "button-row" }, links),
  );
  return container;
}
