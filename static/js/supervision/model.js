// Reading a project summary (GET /api/projects/<id>) the way the pages need it: one list of everything
// built or to be built, each with a name people can tell apart ("Tree 2"), its latest count and sign-offs.
import { kindName } from "../shared/map/kinds.js";
import { defaultProps } from "../shared/props.js";
import { language, t } from "../shared/strings.js";

/**
 * Plan elements then unplanned additions, in plan order:
 * {id, kind, name, note, status, design, asBuilt, deviation, measure, unplanned, count, props, planProps, signoffs};
 * props: what the latest observation found (props.as_found: nothing when it said nothing of them), over the plan's
 * field by field; planProps: the plan's alone (an addition's: its kind's defaults).
 */
export function elementsOf(project) {
  // The latest observation of each element, as the server's latest_observations: visits come newest first, and
  // within a visit the later observation of an element is the newer.
  const latest = new Map();
  for (const visit of project.visits || []) {
    for (const observation of [...(visit.observations || [])].reverse()) {
      if (!latest.has(observation.element_id)) latest.set(observation.element_id, observation);
    }
  }
  const signoffs = new Map();
  for (const signoff of project.signoffs || []) {
    if (!signoff.element_id) continue;
    if (!signoffs.has(signoff.element_id)) signoffs.set(signoff.element_id, []);
    signoffs.get(signoff.element_id).push(signoff);
  }
  const items = [
    ...project.plan.map((element) => ({
      id: element.element_id,
      kind: element.kind,
      note: element.note || "",
      status: element.status,
      design: element.geometry,
      asBuilt: element.as_built,
      deviation: element.deviation,
      measure: element.measure || {},
      planProps: element.props || {},
      unplanned: false,
    })),
    ...(project.additions || []).map((addition) => ({
      id: addition.element_id,
      kind: addition.kind,
      note: addition.note || "",
      status: addition.effective_status,
      design: null,
      asBuilt: addition.as_built,
      deviation: null,
      measure: {},
      // What an addition was found over its kind's defaults, as the city map shows it (a lane is painted unless said).
      planProps: defaultProps(addition.kind),
      unplanned: true,
    })),
  ];
  // Number the kinds that occur more than once, separately for the plan and for additions.
  const totals = new Map();
  for (const item of items) {
    const group = `${item.unplanned}|${item.kind}`;
    totals.set(group, (totals.get(group) || 0) + 1);
  }
  const seen = new Map();
  for (const item of items) {
    const group = `${item.unplanned}|${item.kind}`;
    const index = (seen.get(group) || 0) + 1;
    seen.set(group, index);
    const base = totals.get(group) > 1 ? `${kindName(item.kind)} ${index}` : kindName(item.kind);
    item.name = item.unplanned ? additionName(base) : base;
    const observation = latest.get(item.id);
    item.count = observation?.count ?? null;
    item.props = { ...item.planProps, ...(observation?.props || {}) };
    item.signoffs = signoffs.get(item.id) || [];
  }
  return items;
}

/**
 * The name of something built but not planned, from its kind's name ("Bench 2"): "Unplanned bench 2",
 * "Скамейка 2 вне проекта", "Жобадан тыс орындық 2". The kind goes in lower case, wherever the language
 * puts it, and the name starts with a capital like every other name.
 */
export function additionName(kindText) {
  const name = t("sv.form.addition_name", { kind: kindText.toLocaleLowerCase(language) });
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/**
 * How many a group holds as found (a tree group's badge): the latest visit's count when it gave one (0 included),
 * else the count of its props as found, else one; the server's props.group_count, checked with it against
 * tests/data/as-found.json.
 */
export function groupCount(item) {
  return item.count ?? item.props?.count ?? 1;
}

/** id → element, for looking names up in visits and sign-offs. */
export function elementIndex(project) {
  return new Map(elementsOf(project).map((item) => [item.id, item]));
}

/**
 * A name for an element in a sentence: "Tree 2 (Oak)". An addition's note is what the visit said about
 * it, shown beside the observation already, so its name stands alone.
 */
export function elementTitle(item) {
  return item.note && !item.unplanned ? `${item.name} (${item.note})` : item.name;
}
