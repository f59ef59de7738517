// Accessible tabs (WAI-ARIA tabs pattern): buttons with role="tab" switch panels; arrow keys, Home and End
// move between tabs. The workspace uses them to fit a lot on a phone.
import { el, replaceChildren } from "../shared/dom.js";

export class Tabs {
  /**
   * @param {HTMLElement} list the tab list container
   * @param {{id: string, label: string, panel: HTMLElement}[]} tabs
   * @param {{label: string, onChange?: (id: string) => void}} options
   */
  constructor(list, tabs, { label, onChange = () => {} }) {
    this.list = list;
    this.tabs = tabs;
    this.onChange = onChange;
    this.current = null;
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", label);
    this.buttons = new Map();
    for (const tab of tabs) {
      const button = el(
        "button",
        { type: "button", className: "sv-tab", role: "tab", id: `tab-${tab.id}`, "aria-controls": tab.panel.id },
        tab.label,
      );
      button.addEventListener("click", () => this.select(tab.id, { focus: false }));
      button.addEventListener("keydown", (event) => this.onKey(event, tab.id));
      tab.panel.setAttribute("role", "tabpanel");
      tab.panel.setAttribute("aria-labelledby", button.id);
      tab.panel.tabIndex = -1;
      this.buttons.set(tab.id, button);
    }
    replaceChildren(list, [...this.buttons.values()]);
    this.select(tabs[0].id, { focus: false, silent: true });
  }

  select(id, { focus = false, silent = false } = {}) {
    for (const tab of this.tabs) {
      const selected = tab.id === id;
      const button = this.buttons.get(tab.id);
      button.setAttribute("aria-selected", selected ? "true" : "false");
      button.tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
    }
    const changed = this.current !== id;
    this.current = id;
    if (focus) this.buttons.get(id).focus();
    if (changed && !silent) this.onChange(id);
  }

  onKey(event, id) {
    const index = this.tabs.findIndex((tab) => tab.id === id);
    let next = null;
    if (event.key === "ArrowRight") next = (index + 1) % this.tabs.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + this.tabs.length) % this.tabs.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = this.tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    this.select(this.tabs[next].id, { focus: true });
  }
}
