// The console's "build it" panel, once the workshop is closed: adopt a design for construction, hand each author
// their supervision link and recovery code, and manage that access later (new code, revoke).
import { FACTS } from "../../shared/facts.js";
import { adoptDesign, fetchProject, listProjects, reissueAccess, revokeAccess } from "../sync/api.js";
import { copyField } from "../ui/copy.js";
import { choiceText, publicNamesField } from "./public-names.js";
import { askConfirm } from "../../shared/dialog.js";
import { el, replaceChildren } from "../../shared/dom.js";
import { errorText } from "../../shared/errors.js";
import { Redraw } from "../../shared/redraw.js";
import { t, tn } from "../../shared/strings.js";
import { toast } from "../../shared/toast.js";

let fieldCounter = 0;

function field(label, input) {
  input.id ||= `adopt-field-${++fieldCounter}`;
  return el("div", { className: "adopt__field" }, el("label", { htmlFor: input.id }, label), input);
}

function copyRow(label, value) {
  const input = el("input", {
    className: "text-input",
    type: "text",
    readOnly: true,
    value,
    id: `adopt-copy-${++fieldCounter}`,
  });
  const button = el(
    "button",
    { type: "button", className: "btn", "aria-label": t("adopt.copy_label", { what: label }) },
    t("adopt.copy"),
  );
  button.addEventListener("click", () => copyField(input));
  return el(
    "div",
    { className: "adopt__field" },
    el("label", { htmlFor: input.id }, label),
    el("div", { className: "copy-row" }, input, button),
  );
}

/** A design as the form offers it: its rank, title and dots, and whether it is adopted already. */
function optionLabel(design) {
  const label = t("adopt.option", { rank: design.rank, title: design.title, dots: tn("vote.tally", design.votes) });
  return design.adopted ? `${label} · ${t("adopt.adopted_mark")}` : label;
}

export class AdoptionPanel {
  /**
   * @param {HTMLElement} container
   * @param {{workshopId: string, token: string}} options
   */
  constructor(container, { workshopId, token }) {
    this.container = container;
    this.workshopId = workshopId;
    this.token = token;
    this.projects = [];
    this.handedOut = null; // the access of the design adopted last, shown once
    this.chosenId = null; // the design chosen in the form (or adopted last): kept when the panel is drawn again
    // Drawing fetches the projects and empties the form: only when the phase or the designs changed, or on demand.
    this.redraw = new Redraw((view) => this.draw(view));
  }

  /**
   * @param {{phase: string, designs: {id: string, title: string, votes: number, rank: number, elements: number,
   *          authors: {participant_id: string, name: string}[], adopted: boolean}[]}} view only a closed workshop can adopt; the designs it may
   *   adopt, best first (console/model.js adoptionChoices); drawn again when it changed, or with `again` (a design
   *   was just adopted)
   */
  render(view, { again = false } = {}) {
    if (again) this.redraw.forget();
    this.redraw.update(view);
  }

  async draw({ phase, designs }) {
    if (phase !== "closed") {
      this.container.hidden = true;
      return;
    }
    this.container.hidden = false;
    try {
      this.projects = (await listProjects(this.workshopId)).projects;
    } catch (error) {
      toast(errorText(error), "error");
    }
    replaceChildren(
      this.container,
      el("h2", { id: "adopt-heading" }, t("adopt.title")),
      el("p", { className: "help" }, t("adopt.intro")),
      this.handedOut ? this.accessList(this.handedOut) : null,
      designs.length ? this.form(designs) : el("p", { className: "help" }, t("adopt.no_designs")),
      this.projectList(),
    );
  }

  /** The design the form shows: the one chosen (or adopted last), else the best one not adopted yet, else the best. */
  preselected(designs) {
    return designs.find((d) => d.id === this.chosenId) || designs.find((d) => !d.adopted) || designs[0];
  }

  form(designs) {
    const chosen = this.preselected(designs);
    const design = el(
      "select",
      { className: "select", required: true },
      designs.map((d) => el("option", { value: d.id, selected: d.id === chosen.id }, optionLabel(d))),
    );
    const title = el("input", {
      className: "text-input",
      type: "text",
      maxLength: FACTS.limits.title,
      required: true,
      value: chosen.title,
    });
    const adoptedNote = el("p", { className: "hint adopt__adopted", hidden: !chosen.adopted }, t("adopt.already"));
    // How each author of the chosen design appears in public, asked at adoption (her initials by default).
    const authorsOf = (id) => designs.find((d) => d.id === id)?.authors || [];
    let names = publicNamesField(authorsOf(design.value));
    design.addEventListener("change", () => {
      const picked = designs.find((d) => d.id === design.value);
      this.chosenId = design.value;
      title.value = picked?.title || title.value;
      adoptedNote.hidden = !picked?.adopted;
      const shown = publicNamesField(authorsOf(design.value));
      names.fieldset.replaceWith(shown.fieldset);
      names = shown;
    });
    const organisation = el("input", { className: "text-input", type: "text", maxLength: FACTS.limits.title });
    const contractor = el("input", { className: "text-input", type: "text", maxLength: FACTS.limits.title });
    const start = el("input", { className: "text-input", type: "date" });
    const completion = el("input", { className: "text-input", type: "date" });
    const submit = el("button", { type: "submit", className: "btn btn--primary" }, t("adopt.submit"));
    const form = el(
      "form",
      { className: "adopt__form", noValidate: true },
      field(t("adopt.design"), design),
      adoptedNote,
      field(t("adopt.project_title"), title),
      field(t("adopt.organisation"), organisation),
      field(t("adopt.contractor"), contractor),
      field(t("adopt.start"), start),
      field(t("adopt.completion"), completion),
      names.fieldset,
      submit,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const picked = designs.find((d) => d.id === design.value);
      if (!picked) return;
      if (!title.value.trim()) {
        title.focus();
        return;
      }
      // Adoption cannot be undone: say what it does, naming the design, before doing it.
      const sure = await askConfirm({
        title: t("adopt.confirm_title", { title: picked.title }),
        message: t("adopt.confirm_message", {
          project: title.value.trim(),
          elements: tn("adopt.confirm_elements", picked.elements),
          authors: picked.authors.map((author) => author.name).join(", ") || "—",
        }),
        confirmLabel: t("adopt.submit"),
      });
      if (!sure) return;
      this.chosenId = picked.id;
      submit.disabled = true;
      try {
        const project = await adoptDesign(this.workshopId, this.token, {
          design_id: design.value,
          title: title.value.trim(),
          organisation: organisation.value.trim(),
          contractor: contractor.value.trim(),
          planned_start: start.value || undefined,
          planned_completion: completion.value || undefined,
          shown_as: names.read(),
        });
        // The facilitator supervises too: their token opens the workspace of this project on this device.
        localStorage.setItem(`cowork.supervision.${project.id}`, this.token);
        this.handedOut = project;
        toast(t("adopt.done", { title: project.title }));
        this.container.dispatchEvent(new CustomEvent("adopted", { detail: project }));
      } catch (error) {
        toast(errorText(error), "error");
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  accessList(project) {
    const origin = window.location.origin;
    return el(
      "section",
      { className: "adopt__access", "aria-label": t("adopt.access_title", { title: project.title }) },
      el("h3", {}, t("adopt.access_title", { title: project.title })),
      el("p", { className: "warning" }, t("adopt.access_warning")),
      project.access.map((access) =>
        el(
          "div",
          { className: "adopt__author" },
          el("p", { className: "adopt__author-name" }, access.name),
          access.shown_as
            ? el(
                "p",
                { className: "help" },
                t("adopt.shown_as.chosen", { choice: choiceText(access.shown_as, access.name) }),
              )
            : null,
          copyRow(t("adopt.link"), origin + access.link),
          copyRow(t("adopt.recovery_code"), access.recovery_code),
        ),
      ),
    );
  }

  projectList() {
    if (!this.projects.length) return null;
    const list = el("ul", { className: "adopt__projects" });
    for (const project of this.projects) {
      const authors = el("div", { className: "adopt__authors" });
      const workspace = el("a", { href: `/p/${project.id}/supervise`, className: "btn" }, t("adopt.open_workspace"));
      workspace.addEventListener("click", () => this.rememberKey(project.id));
      const item = el(
        "li",
        { className: "adopt__project" },
        el("p", { className: "adopt__project-title" }, project.title),
        el(
          "p",
          { className: "adopt__links" },
          workspace,
          el("a", { href: `/p/${project.id}`, className: "btn" }, t("adopt.open_public")),
          el("a", { href: `/api/projects/${project.id}/report`, className: "btn" }, t("adopt.open_report")),
        ),
        authors,
      );
      list.append(item);
      this.fillAuthors(project.id, authors);
    }
    return el("section", {}, el("h3", {}, t("adopt.projects_title")), list);
  }

  rememberKey(projectId) {
    localStorage.setItem(`cowork.supervision.${projectId}`, this.token);
  }

  async fillAuthors(projectId, container) {
    let summary;
    try {
      summary = await fetchProject(projectId, this.token); // names whole: the facilitator hands out access
    } catch (error) {
      container.append(el("p", { className: "help" }, errorText(error)));
      return;
    }
    for (const author of summary.authors) {
      const code = el("output", { className: "adopt__code" });
      const reissue = el("button", { type: "button", className: "btn" }, t("adopt.reissue"));
      reissue.setAttribute("aria-label", t("adopt.reissue_for", { name: author.name }));
      reissue.addEventListener("click", async () => {
        try {
          code.textContent = t("adopt.new_code", {
            code: (await reissueAccess(projectId, author.participant_id, this.token)).recovery_code,
          });
        } catch (error) {
          toast(errorText(error), "error");
        }
      });
      const revoke = el("button", { type: "button", className: "btn btn--danger" }, t("adopt.revoke"));
      revoke.setAttribute("aria-label", t("adopt.revoke_for", { name: author.name }));
      revoke.addEventListener("click", async () => {
        const sure = await askConfirm({
          title: t("adopt.revoke_title", { name: author.name }),
          message: t("adopt.revoke_message"),
          danger: true,
        });
        if (!sure) return;
        try {
          await revokeAccess(projectId, author.participant_id, this.token);
          code.textContent = t("adopt.revoked");
        } catch (error) {
          toast(errorText(error), "error");
        }
      });
      container.append(
        el("div", { className: "adopt__author-row" }, el("span", {}, author.name), reissue, revoke, code),
      );
    }
  }
}
