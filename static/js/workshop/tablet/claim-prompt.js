// On the workshop tablet, once a design is adopted for construction: its authors are invited to see their
// personal supervision link. The card (claim-card.js) opens only on request: it shows the link this tablet kept
// for her, or says that one was made at adoption and lets her make her own here, once she confirmed it.
import { el, replaceChildren } from "../../shared/dom.js";
import { t } from "../../shared/strings.js";

export class ClaimPrompt {
  /**
   * @param {HTMLElement} container
   * @param {{token: string, links: {kept: (projectId: string) => string|null, keep: (projectId: string,
   *   link: string) => void}}} options token: the author's workshop token (new links are made with it); links:
   *   the supervision links this tablet made for her, kept with her identity
   */
  constructor(container, { token, links }) {
    this.container = container;
    this.token = token;
    this.links = links;
    this.shown = new Set(); // projects whose prompt or card is on screen
    this.cards = new Map(); // project id → its open card
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
    const kept = this.links.kept(project.id);
    const button = el(
      "button",
      { type: "button", className: "btn btn--primary" },
      t(kept ? "claim.show" : "claim.button"),
    );
    const slot = el("div", { className: "claim-prompt__card" }, button);
    button.addEventListener("click", async () => {
      button.disabled = true;
      // Loaded on demand: the supervision card (and its QR code) is needed by few tablets, once.
      const { ClaimCard } = await import("./claim-card.js");
      replaceChildren(slot);
      this.cards.get(project.id)?.dispose();
      const card = new ClaimCard(slot, {
        projectId: project.id,
        title: project.title,
        token: this.token,
        kept: this.links.kept(project.id),
        keep: (link) => this.links.keep(project.id, link),
      });
      this.cards.set(project.id, card);
    });
    return el(
      "article",
      { className: "claim-prompt" },
      el("h2", { className: "claim-prompt__title" }, t("claim.title", { title: project.title })),
      el("p", {}, t(kept ? "claim.intro_kept" : "claim.intro")),
      slot,
    );
  }
}
