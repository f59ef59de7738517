// A small stand-in for the browser's document, enough for the renderers (el(), replaceChildren, text, styles,
// attributes, classes, listeners), and a text form of what a tree shows, to compare two renderers' output in Node.
// Not a test file itself. Listeners are left out of the text form, and the ids a renderer numbers itself
// (comment-input-3) are renumbered in order of appearance, so two renderers of the same kind compare equal.

class FakeText {
  constructor(text) {
    this.nodeType = 3;
    this.data = String(text);
    this.parentNode = null;
  }

  get textContent() {
    return this.data;
  }
}

class FakeStyle {
  setProperty(name, value) {
    this[name] = String(value);
  }

  removeProperty(name) {
    delete this[name];
  }
}

class FakeElement {
  constructor(tag) {
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.childNodes = [];
    this.parentNode = null;
    this.attributes = {};
    this.style = new FakeStyle();
    this.dataset = {};
    this.listeners = {};
    // The properties el() sets as properties (`name in node`) rather than as attributes.
    Object.assign(this, { id: "", className: "", hidden: false, disabled: false, checked: false, selected: false });
    Object.assign(this, {
      type: "",
      href: "",
      title: "",
      rows: 0,
      maxLength: -1,
      min: "",
      max: "",
      step: "",
      name: "",
    });
    Object.assign(this, { inputMode: "", autocomplete: "", placeholder: "", role: "" });
  }

  // A select's value is its chosen option's, as in a browser: setting it chooses the option.
  get value() {
    if (this.tagName !== "SELECT") return this.typedValue ?? "";
    return this.children.find((option) => option.selected)?.value ?? "";
  }

  set value(value) {
    if (this.tagName !== "SELECT") this.typedValue = String(value);
    else for (const option of this.children) option.selected = option.value === String(value);
  }

  get childElementCount() {
    return this.childNodes.filter((child) => child.nodeType === 1).length;
  }

  get children() {
    return this.childNodes.filter((child) => child.nodeType === 1);
  }

  get textContent() {
    return this.childNodes.map((child) => child.textContent).join("");
  }

  set textContent(text) {
    this.replaceChildren(String(text));
  }

  get classList() {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      contains: (name) => names().includes(name),
      add: (...added) => {
        this.className = [...new Set([...names(), ...added])].join(" ");
      },
      remove: (...removed) => {
        this.className = names()
          .filter((name) => !removed.includes(name))
          .join(" ");
      },
      toggle: (name, force) => {
        const on = force === undefined ? !names().includes(name) : Boolean(force);
        if (on) this.classList.add(name);
        else this.classList.remove(name);
        return on;
      },
    };
  }

  append(...nodes) {
    for (const node of nodes) {
      const child = typeof node === "string" ? new FakeText(node) : node;
      child.parentNode?.removeChild?.(child);
      child.parentNode = this;
      this.childNodes.push(child);
    }
  }

  replaceChildren(...nodes) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    this.append(...nodes);
  }

  removeChild(child) {
    this.childNodes = this.childNodes.filter((node) => node !== child);
    child.parentNode = null;
  }

  remove() {
    this.parentNode?.removeChild(this);
  }

  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }

  getAttribute(name) {
    return Object.hasOwn(this.attributes, name) ? this.attributes[name] : null;
  }

  removeAttribute(name) {
    delete this.attributes[name];
  }

  addEventListener(type, listener) {
    this.listeners[type] = [...(this.listeners[type] || []), listener];
  }

  removeEventListener(type, listener) {
    this.listeners[type] = (this.listeners[type] || []).filter((known) => known !== listener);
  }
}

/** Give Node a document (in the language `lang`) whose elements are FakeElements; returns it. */
export function installFakeDocument(lang = "en") {
  globalThis.document = {
    documentElement: { lang },
    activeElement: null,
    body: new FakeElement("body"),
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (_namespace, tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  return globalThis.document;
}

/** A new element to render into, as a page's container would be. */
export function container(tag = "div", id = "") {
  const node = new FakeElement(tag);
  node.id = id;
  return node;
}

const NUMBERED = /^(id|for|aria-labelledby|aria-describedby|aria-controls)$/;

/** What a tree shows, as text: tags, properties, attributes, styles, data and text, children in order. */
export function shown(node) {
  const ids = new Map();
  const renumber = (value) =>
    String(value)
      .split(" ")
      .map((id) => (id ? (ids.get(id) ?? ids.set(id, `#${ids.size + 1}`).get(id)) : id))
      .join(" ");
  const write = (item) => {
    if (item.nodeType === 3) return JSON.stringify(item.data);
    const { tagName, childNodes, parentNode, listeners, attributes, style, dataset, nodeType, ...properties } = item;
    const fields = { ...properties, ...attributes };
    for (const name of Object.keys(fields))
      if (NUMBERED.test(name) && fields[name]) fields[name] = renumber(fields[name]);
    const sorted = (object) =>
      Object.keys(object)
        .sort()
        .map((key) => `${key}=${JSON.stringify(object[key])}`);
    const head = [
      tagName,
      ...sorted(fields),
      ...sorted({ ...style }).map((s) => `style.${s}`),
      ...sorted(dataset).map((s) => `data.${s}`),
    ];
    return `<${head.join(" ")}>${childNodes.map(write).join("")}</${tagName}>`;
  };
  return write(node);
}
