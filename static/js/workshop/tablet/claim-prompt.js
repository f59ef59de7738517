// On the workshop tablet, once a design is adopted for construction: its authors are invited to take their
// personal supervision link. The link itself is claimed only on request (each claim makes a fresh key).
import { el, replaceChildren } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";

export class ClaimPrompt {
  /**
   * @param {HTMLElement} container
   * @param {{token: string}} options the author's workshop token (claims are made with it)
   */
  constructor(container, { token }) {
    this.container = container;
    this.token = token;
    this.shown = new Set(); // projects whose prompt or card is on screen
  }

  /** Show a prompt for every adopted project of a design this participant authored. */
  render({ projects, designs, me }) {
    const mine = [...projects.values()].filter((project) => {
      const design = designs.get(project.design_id);
      return design?.authors.some((author) => author.participant_id === me.participant_id);
    });
    const fresh = mine.filter((project) => !this.shown.has(project.id));
    if (!fresh.length) {
      this.container.hidden = this.shown.size === 0;
      return;
    }
    for (const project of fresh) {
      this.shown.add(project.id);
      this.container.append(this.prompt(project));
    }
    this.container.hidden = false;
  }

  prompt(project) {
    const button = el("button", { type: "button", className: "btn btn--primary" }, t("claim.button"));
    const slot = el("div", { className: "claim-prompt__card" }, button);
    button.addEventListener("click", async () => {
      button.disabled = true;
      // Loaded on demand: the supervision card (and its QR code) is needed by few tablets, once.
      const { showClaimCard } = await import("./claim-card.js");
      replaceChildren(slot);
      showClaimCard(slot, { projectId: project.id, title: project.title, token: this.token });
    });
    return el(
      "article",
      { className: "claim-prompt" },
      el("h2", { className: "claim-prompt__title" }, t("claim.title", { title: project.title })),
      el("p", {}, t("claim.intro")),
      slot,
    );
  }
}
