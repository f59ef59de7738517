// How the people of a project read (docs/api.md, "In public"): a person is {name, shown_as, number} (and, for the
// project's supervisors, public_name): her name or initials as she chose at adoption, "Author 2", or the facilitator.
import { t } from "../shared/strings.js";

// The parts of a name whose first letters are its initials (as the server's cowork/supervision/public.py).
const PARTS = /[\s-]+/u;
const LETTER = /^[\p{L}\p{N}]/u;

/** `Aru Bekova` → `A. B.`: the first letter of each part (three at most), upper case, each with a full stop. */
export function initials(name) {
  return String(name || "")
    .trim()
    .split(PARTS)
    .filter((part) => LETTER.test(part))
    .slice(0, 3)
    .map((part) => `${[...part][0].toUpperCase()}.`)
    .join(" ");
}

/** The words for a person: her name (or initials) as given, "Author 2" / "The author", or "Facilitator". */
export function personText(person) {
  if (!person) return "";
  if (typeof person === "string") return person; // a summary kept on a device before people were persons
  if (person.shown_as === "facilitator") return t("sv.people.facilitator");
  if (person.name) return person.name;
  return person.number ? t("sv.people.author_n", { number: person.number }) : t("sv.people.author");
}

/** How a person reads in public; the same as personText where the reader is the public already. */
export function publicText(person) {
  if (person && typeof person === "object" && "public_name" in person) {
    return personText({ ...person, name: person.public_name });
  }
  return personText(person);
}

/** Whether the summary was read by one of the project's supervisors (names whole, with how each shows in public). */
export function readByInsider(project) {
  return (project.authors || []).some((author) => author && typeof author === "object" && "public_name" in author);
}
