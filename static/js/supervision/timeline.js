// The site visits, newest first: date, who recorded it, conditions and notes, each observation with its
// effective status and deviation, photo thumbnails (tap to open the photo), and the sign-offs of the visit.
import { kindName } from "../shared/map/kinds.js";
import { el, replaceChildren } from "../shared/dom.js";
import { t, tn } from "../shared/strings.js";
import { statusText, kindDisc } from "./element-list.js";
import { formatCount } from "./format.js";
import { formatDate } from "../shared/dates.js";
import { elementIndex, elementTitle, elementsOf } from "./model.js";
import { signoffItem, signoffTarget } from "./signoff-view.js";
import { statusChip } from "../shared/status.js";
import { actionButton } from "./widgets.js";
import { personText } from "./people.js";

/** Whether a visit holds any note: its own or one of its observations'. */
function hasNotes(visit) {
  return Boolean(visit.notes) || visit.observations.some((observation) => observation.note);
}

/** The DOM id of a visit in the timeline. */
export function visitDomId(id) {
  return `visit-${id}`;
}

/** One observation: the element, its effective status with the deviation, its count and note. */
export function observationItem(observation, elements) {
  const element = elements.get(observation.element_id);
  const name = element ? elementTitle(element) : kindName(observation.kind);
  const status = observation.effective_status || observation.status;
  return el(
    "li",
    { className: "sv-observation" },
    kindDisc(element?.kind || observation.kind, status),
    el(
      "span",
      { className: "sv-observation__body" },
      el("span", { className: "sv-observation__name" }, name),
      el(
        "span",
        { className: "sv-observation__facts" },
        statusChip(status, statusText(status, observation.deviation)),
        observation.count !== null && observation.count !== undefined
          ? el(
              "span",
              { className: "sv-element__fact" },
              t("sv.visits.count", { count: formatCount(observation.count) }),
            )
          : null,
      ),
      observation.note ? el("span", { className: "sv-observation__note" }, observation.note) : null,
    ),
  );
}

/** Thumbnails of photos, each a button that opens the photo. */
export function photoStrip(photos, { date, onOpen }) {
  return el(
    "ul",
    { className: "sv-photos" },
    photos.map((photo, index) =>
      el(
        "li",
        {},
        actionButton(el("img", { src: photo.thumbnail_url, alt: "", loading: "lazy", width: 96, height: 96 }), {
          className: "sv-thumb",
          label: t("sv.visits.open_photo", { index: formatCount(index + 1), date }),
          onClick: () => onOpen(photo),
        }),
      ),
    ),
  );
}

/**
 * Fill `container` with the timeline of `project`.
 * options: {onOpenPhoto(photo, visit), actions?(visit) → node}
 */
export function renderTimeline(container, project, { onOpenPhoto = () => {}, actions = null } = {}) {
  const elements = elementIndex(project);
  const visits = project.visits || [];
  const signoffsOf = (visitId) => (project.signoffs || []).filter((signoff) => signoff.visit_id === visitId);
  replaceChildren(
    container,
    el("h2", { className: "sv-section__title" }, t("sv.visits.title")),
    visits.length === 0
      ? el("p", { className: "help" }, t("sv.visits.none"))
      : el(
          "ol",
          { className: "sv-timeline" },
          visits.map((visit) => {
            const date = formatDate(visit.date);
            const signoffs = signoffsOf(visit.id);
            return el(
              "li",
              { className: "sv-visit", id: visitDomId(visit.id) },
              el(
                "article",
                { "aria-labelledby": `${visitDomId(visit.id)}-title` },
                el("h3", { className: "sv-visit__date", id: `${visitDomId(visit.id)}-title` }, date),
                el(
                  "p",
                  { className: "sv-visit__meta" },
                  visit.by ? t("sv.visits.by", { name: personText(visit.by) }) : null,
                  visit.by && visit.conditions ? " · " : null,
                  visit.conditions ? t("sv.visits.conditions", { conditions: visit.conditions }) : null,
                ),
                visit.notes ? el("p", { className: "sv-visit__notes" }, visit.notes) : null,
                // Read whole by the project's supervisors: say which notes the public does not read.
                visit.notes_public === false && hasNotes(visit)
                  ? el("p", { className: "sv-visit__private" }, t("sv.visits.private_notes"))
                  : null,
                visit.observations.length
                  ? el(
                      "details",
                      { className: "sv-visit__observations", open: visits.length <= 3 },
                      el("summary", {}, tn("sv.visits.observations", visit.observations.length)),
                      el(
                        "ul",
                        { className: "sv-observations" },
                        visit.observations.map((observation) => observationItem(observation, elements)),
                      ),
                    )
                  : null,
                visit.photos.length
                  ? photoStrip(visit.photos, { date, onOpen: (photo) => onOpenPhoto(photo, visit) })
                  : null,
                signoffs.length
                  ? el(
                      "ul",
                      { className: "sv-signoffs" },
                      signoffs.map((signoff) => signoffItem(signoff, null)),
                    )
                  : null,
                actions ? actions(visit) : null,
              ),
            );
          }),
        ),
  );
  return container;
}

/** Every sign-off and objection, newest first, saying what each is about. */
export function renderSignoffs(container, project) {
  const signoffs = [...(project.signoffs || [])].reverse();
  const context = {
    visits: project.visits || [],
    elements: new Map(elementsOf(project).map((item) => [item.id, item])),
  };
  replaceChildren(
    container,
    el("h2", { className: "sv-section__title" }, t("sv.signoff.title")),
    signoffs.length
      ? el(
          "ul",
          { className: "sv-signoffs" },
          signoffs.map((signoff) => signoffItem(signoff, signoffTarget(signoff, context))),
        )
      : el("p", { className: "help" }, t("sv.signoff.none")),
  );
  return container;
}
