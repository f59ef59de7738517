// The supervision map's marker icons: Leaflet DivIcons that build their content as DOM (never from an HTML
// string) and name themselves for screen readers. Built on first use: Leaflet is a global script loaded before
// our modules run.

// A marker's box is at least this many pixels square: a finger.
export const TOUCH = 44;

let SupervisionIcon = null;

function supervisionIconClass() {
  if (!SupervisionIcon) {
    SupervisionIcon = window.L.DivIcon.extend({
      createIcon(oldIcon) {
        const container = window.L.DivIcon.prototype.createIcon.call(this, oldIcon);
        container.append(this.options.build());
        if (this.options.label) container.setAttribute("aria-label", this.options.label);
        // Which element the marker stands for, so the list and the tests can find it on the map.
        if (this.options.elementId) container.dataset.elementId = this.options.elementId;
        return container;
      },
    });
  }
  return SupervisionIcon;
}

/**
 * A marker icon of `size` [w, h] pixels, centred on its position.
 * @param {{className: string, size: number[], build: () => Node, label?: string, elementId?: string}} options
 */
export function icon({ className, size, build, label, elementId }) {
  const Icon = supervisionIconClass();
  return new Icon({
    html: "",
    className,
    build,
    label,
    elementId,
    iconSize: size,
    iconAnchor: [size[0] / 2, size[1] / 2],
  });
}
