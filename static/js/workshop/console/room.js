// The console's view of the people in the room, DOM-free (tests/js/workshop/console-model.test.mjs): everyone who
// joined, in one list with who is online and where, and the room at a glance: how many are here, who has not drawn
// anything yet, who has not voted and how many dots are cast. The facilitator's own screens are never counted.
//
// Names are given as they are (null when someone gave none): the renderer says "someone" in the page's language.

/** The ids of the workshop's facilitators: the console's own, and any the snapshot or presence calls one. */
export function facilitatorIds({ you, participants, online }) {
  const ids = new Set();
  if (you?.role === "facilitator" && you.participant_id) ids.add(you.participant_id);
  for (const person of [...participants.values(), ...online]) {
    if (person?.role === "facilitator" && person.participant_id) ids.add(person.participant_id);
  }
  return ids;
}

/**
 * Everyone who joined (participants, never the facilitator, even as a design's author), gathered from the snapshot's
 * participants, who is online and the designs' authors: [{participant_id, name, removed, online, where}], `where`
 * the title of the design an online person is on (null: looking around, or offline); those still in first, by name.
 */
export function peopleRows({ participants, online, designs, facilitators }) {
  const people = new Map();
  const add = (person) => {
    if (!person?.participant_id || person.role === "facilitator" || facilitators.has(person.participant_id)) return;
    people.set(person.participant_id, { ...people.get(person.participant_id), ...person });
  };
  for (const design of designs.values()) for (const author of design.authors || []) add({ ...author });
  for (const person of participants.values()) add(person);
  const where = new Map();
  for (const person of online) {
    if (!person?.participant_id) continue;
    add({ participant_id: person.participant_id, name: person.name, role: person.role });
    // A person with two tabs is on the design of the first that is on one.
    if (!where.get(person.participant_id)) where.set(person.participant_id, person.design_id || null);
  }
  return [...people.values()]
    .sort(
      (a, b) => Number(Boolean(a.removed)) - Number(Boolean(b.removed)) || (a.name || "").localeCompare(b.name || ""),
    )
    .map((person) => {
      const designId = where.get(person.participant_id);
      return {
        participant_id: person.participant_id,
        name: person.name || "",
        removed: Boolean(person.removed),
        online: where.has(person.participant_id) && !person.removed,
        where: designId ? (designs.get(designId)?.title ?? null) : null,
      };
    });
}

/**
 * The room at a glance, from the people (peopleRows), the elements and the votes:
 * {present, online, notDrawn, notVoted, dots}: what the facilitator can still act on in this phase. `notDrawn`
 * (names, while sketching) lists those still in who have drawn nothing; `notVoted` (names, in voting and once closed,
 * when the facilitator's snapshot says who voted) those with no dot; `dots` {cast, of} the dots on the designs and the
 * room's budget. Each is null when it does not apply.
 */
export function roomSummary({ people, elements, votes, settings, phase }) {
  const present = people.filter((person) => !person.removed);
  const drew = new Set([...elements.values()].map((element) => element.author_id));
  const voting = phase === "voting" || phase === "closed";
  const voters = voting && Array.isArray(votes.voters) ? new Set(votes.voters) : null;
  const cast = Object.values(votes.tallies || {}).reduce((sum, count) => sum + count, 0);
  return {
    present: present.length,
    online: present.filter((person) => person.online).length,
    notDrawn:
      phase === "sketching"
        ? present.filter((person) => !drew.has(person.participant_id)).map((person) => person.name || null)
        : null,
    notVoted: voters
      ? present.filter((person) => !voters.has(person.participant_id)).map((person) => person.name || null)
      : null,
    dots: voting && votes.tallies ? { cast, of: present.length * (settings.votes_per_participant ?? 0) } : null,
  };
}
