// In the console's adoption form: how each author of the design appears in public (the progress page, the report,
// what is exported), asked of her by the facilitator. Her initials unless she said more (or less).
import { FACTS } from "../../shared/facts.js";
import { el } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";
import { initials } from "../../supervision/people.js";

let fieldCounter = 0;

/** The words of one choice for one author, with what it shows: "Initials (A. B.)", "Full name (Aru Bekova)". */
export function choiceText(choice, name) {
  if (choice === "name") return t("adopt.shown_as.name", { shows: name });
  if (choice === "initials") return t("adopt.shown_as.initials", { shows: initials(name) });
  return t("adopt.shown_as.author");
}

/**
 * The fieldset of the authors' choices, for the authors of one design. `read()` gives {participant_id: choice}.
 * @param {{participant_id: string, name: string}[]} authors
 */
export function publicNamesField(authors) {
  const selects = authors.map((author) => {
    const id = `adopt-shown-as-${++fieldCounter}`;
    const select = el(
      "select",
      { className: "select", id, dataset: { authorId: author.participant_id } },
      FACTS.shown_as.map((choice) =>
        el("option", { value: choice, selected: choice === FACTS.default_shown_as }, choiceText(choice, author.name)),
      ),
    );
    return {
      author,
      select,
      row: el("div", { className: "adopt__field" }, el("label", { for: id }, author.name), select),
    };
  });
  const fieldset = el(
    "fieldset",
    { className: "plain-fieldset adopt__public" },
    el("legend", {}, t("adopt.shown_as.title")),
    el("p", { className: "help" }, t("adopt.shown_as.help")),
    selects.map((entry) => entry.row),
  );
  return {
    fieldset,
    read: () => Object.fromEntries(selects.map(({ author, select }) => [author.participant_id, select.value])),
  };
}
