// The live map's controls around the map: top bar, phase bar, palette, draw bar, the element and design panels.
// Built once with the page's hooks; render(model) shows what the view-model (model.js) says, in words.
import { ClaimPrompt } from "./claim-prompt.js";
import { ConnectionBadge } from "../ui/connection-status.js";
import { Countdown } from "../ui/countdown.js";
import { DesignBar } from "./design-bar.js";
import { DesignPanel } from "../ui/design-panel.js";
import { byId } from "../../shared/dom.js";
import { DrawBar } from "../ui/draw-bar.js";
import { ElementPanel } from "../ui/element-panel.js";
import { formatMeasure } from "../../shared/format.js";
import { Palette } from "./palette.js";
import { PhaseBar } from "../ui/phase-bar.js";
import { StartCard } from "./start-card.js";
import { t } from "../../shared/strings.js";

/** An element's author in words: "Aigerim (you)", another author's name, or "someone". */
export function authorText(author) {
  if (author.you) return `${author.name} (${t("panel.you")})`;
  return author.known ? author.name : t("panel.someone");
}

/** Why commenting is closed, in words ("" while it is open). */
function closedText(closedKey) {
  return closedKey ? t(closedKey) : "";
}

export class WorkshopScreen {
  /**
   * @param {object} hooks what the person's taps do (see workshop/pages/workshop.js)
   * @param {{resultsUrl: string, token: string, links: object}} options token: the workshop token claims are made
   *   with; links: the supervision links kept on this device with the identity (see claim-prompt.js)
   */
  constructor(hooks, { resultsUrl, token, links }) {
    this.root = byId("workshop");
    this.designBar = new DesignBar(
      { bar: byId("design-bar"), list: byId("design-list") },
      {
        onCreate: hooks.createDesign,
        onSwitch: hooks.switchDesign,
        onJoin: hooks.joinDesign,
        onOpen: hooks.openDesign,
        onVote: hooks.vote,
      },
    );
    this.phaseBar = new PhaseBar(byId("phase-bar"), {
      resultsUrl,
      onShowDesigns: () => this.designBar.openList(),
      onVote: hooks.vote,
      onDone: hooks.handOver,
    });
    this.countdown = new Countdown(this.phaseBar.countdownDisplay);
    this.claimPrompt = new ClaimPrompt(byId("claim-area"), { token, links });
    this.palette = new Palette(byId("palette"), { onPick: hooks.pickKind });
    this.startCard = new StartCard(byId("start-card"), {
      onCreate: hooks.createDesign,
      onJoin: hooks.joinDesign,
      onSwitch: hooks.switchDesign,
      onShowList: () => this.designBar.openList(),
    });
    this.drawBar = new DrawBar(byId("draw-bar"), {
      onFinish: hooks.finishDrawing,
      onRemoveLastPoint: hooks.removeLastPoint,
      onCancel: hooks.stopDrawing,
      onSaveShape: hooks.saveShape,
      onCancelShape: hooks.cancelShape,
    });
    this.elementPanel = new ElementPanel(byId("element-panel"), {
      onClose: () => hooks.select(null),
      onEditShape: hooks.editShape,
      onEditNote: hooks.editNote,
      onChangeKind: hooks.changeKind,
      onDelete: hooks.deleteSelected,
      onProps: hooks.setProps,
      onModerate: hooks.moderateSelected,
      onComment: hooks.commentOnSelected,
      onModerateComment: (comment, hidden) => hooks.moderate("comment", comment.id, hidden),
    });
    this.designPanel = new DesignPanel(byId("design-panel"), {
      onClose: () => hooks.openDesign(null),
      onShow: hooks.switchDesign,
      onVote: hooks.vote,
      onComment: (id, text) => hooks.addComment({ design_id: id }, text),
      onModerate: (id, hidden) => hooks.moderate("design", id, hidden),
      onModerateComment: (comment, hidden) => hooks.moderate("comment", comment.id, hidden),
    });
    this.consoleLink = byId("console-link");
    this.connection = new ConnectionBadge(byId("connection-status"));
    this.undoButton = byId("undo-button");
    this.undoButton.addEventListener("click", hooks.undo);
    this.redoButton = byId("redo-button");
    this.redoButton.addEventListener("click", hooks.redo);
  }

  /** The workshop's title in the top bar and the window's title. */
  showTitle(title) {
    byId("workshop-title").textContent = title || "";
    if (title) document.title = `${title} · cowork`;
  }

  /** Say the workshop does not exist (a stale link). */
  showNotFound() {
    byId("workshop-title").textContent = t("workshop.not_found");
  }

  /** The bars, the palette and the undo and redo buttons as the model says. */
  render(model) {
    this.designBar.render(model.designBar);
    this.phaseBar.render(model.phaseBar);
    this.countdown.setEnd(model.timerEndsAt);
    this.consoleLink.hidden = !model.consoleLink;
    if (model.claims) this.claimPrompt.render(model.claims);

    // Drawing: only in a phase that allows it, in a design I may change, with the kinds on offer.
    this.root.classList.toggle("is-readonly", model.readonly);
    this.palette.setOffered(model.palette.offered);
    this.palette.setEnabled({
      enabled: model.palette.enabled,
      reason: model.palette.reason,
      hint: t(model.palette.hintKey),
    });
    this.startCard.render(model.start);
    this.root.classList.toggle("has-start", Boolean(model.start));
    this.setHistory({ undo: model.undoEnabled, redo: model.redoEnabled });
  }

  /** The undo and redo buttons, each on or off. */
  setHistory({ undo, redo }) {
    this.undoButton.disabled = !undo;
    this.redoButton.disabled = !redo;
  }

  /** The selected element's panel (model.elementPanel), or none. */
  renderElementPanel(panel) {
    // On a phone the palette makes way for an open panel (workshop.css), which then has the map's height.
    this.root.classList.toggle("has-element-panel", Boolean(panel));
    if (!panel) {
      this.elementPanel.hide();
      return;
    }
    this.elementPanel.show(panel.element, {
      design: panel.design,
      authorName: authorText(panel.author),
      measureText: formatMeasure(panel.measure),
      canEdit: panel.canEdit,
      canModerate: panel.canModerate,
      comments: panel.comments,
      canComment: panel.canComment,
      closedText: closedText(panel.closedKey),
      meId: panel.meId,
      offered: panel.offered,
      invite: panel.invite,
      saved: panel.saved,
    });
  }

  /** The open design's panel (model.designPanel), or none. */
  renderDesignPanel(panel) {
    if (!panel) {
      this.designPanel.hide();
      return;
    }
    const { design, closedKey, ...details } = panel;
    this.designPanel.show(design, { ...details, closedText: closedText(closedKey) });
  }

  /** While drawing a kind: its hint and buttons; null puts them away. */
  showDrawing(kind) {
    if (kind) this.drawBar.showDrawing(kind);
    else this.drawBar.hide();
  }
}
