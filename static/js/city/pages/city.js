// The city map (/city): every published site and adopted project on one map, with the layers a person turns
// on and off, and the city's figures — the cycle network, the compensatory green spaces, the signs to review.
// Read only and public: it reads the figures (GET /api/city) once, then the layers of the view on screen
// (GET /api/city/layers) and again each time the map comes to rest elsewhere; a late answer of an older view is
// ignored.
import { CityMap } from "../city-map.js";
import { renderCycle, renderGreen, renderSigns } from "../figures.js";
import {
  cycleFigures,
  defaultLayers,
  generatedText,
  greenChart,
  greenRows,
  layerSwitches,
  projectRows,
  signFigures,
  summaryText,
  toggled,
} from "../model.js";
import { ShapeCard } from "../shape-card.js";
import { renderSwitches } from "../switches.js";
import { fetchCity, fetchLayers } from "../api.js";
import { cityInView, debounce, Latest, VIEW_DELAY_MS, viewQuery } from "../view.js";
import { byId } from "../../shared/dom.js";
import { errorText } from "../../shared/errors.js";
import { t } from "../../shared/strings.js";

class CityPage {
  constructor() {
    this.layers = defaultLayers();
    this.card = new ShapeCard(byId("shape-info"));
    this.cityMap = new CityMap(byId("map"), {
      onShape: (info, how) => this.card.open(info, how),
      onEmpty: () => this.card.close(),
    });
    byId("print").addEventListener("click", () => window.print());
  }

  async load() {
    let figures;
    try {
      figures = await fetchCity();
    } catch (error) {
      this.failed(error);
      return;
    }
    this.figures = figures;
    this.latest = new Latest();
    this.renderFigures(cityInView(figures, null));
    this.cityMap.setLayers(this.layers);
    this.cityMap.onMove(debounce(() => this.loadView(), VIEW_DELAY_MS));
    this.cityMap.fitCity(figures.bbox);
    await this.loadView();
  }

  /** The layers of the view on screen, drawn unless a later view was asked for meanwhile. */
  async loadView() {
    const { box, zoom } = this.cityMap.view();
    const query = viewQuery(box, zoom);
    // The map came to rest where it was asked for last (a fit's own move, a resize that moved nothing): no call.
    if (query === this.asked) return;
    this.asked = query;
    const asked = this.latest.next();
    let answer;
    try {
      answer = await fetchLayers(query);
    } catch (error) {
      if (this.latest.isLatest(asked)) {
        this.asked = null; // the same view is asked for again at the next rest
        this.failed(error);
      }
      return;
    }
    if (!this.latest.isLatest(asked)) return;
    byId("loading").hidden = true;
    const city = cityInView(this.figures, answer);
    this.cityMap.draw(city);
    // Every sign in view: the list follows the map.
    renderSigns(byId("signs"), signFigures(city), {
      onShow: (sign) => this.show(() => this.cityMap.showPoint(sign.position), "signs"),
    });
    document.body.dataset.cityReady = "true";
  }

  failed(error) {
    byId("loading").hidden = false;
    byId("loading").textContent = `${t("city.load_failed")} ${errorText(error)}`;
    byId("loading").setAttribute("role", "alert");
  }

  /** The figures (they do not change with the view) and the switches. */
  renderFigures(city) {
    byId("summary").textContent = summaryText(city);
    byId("generated").textContent = generatedText(city);
    renderSwitches(byId("layers"), layerSwitches(city, this.layers), { onToggle: (key) => this.toggle(key) });
    renderCycle(byId("cycle"), cycleFigures(city), {
      onShowGap: (gap) => this.show(() => this.cityMap.showGap(gap.a, gap.b), "gaps"),
    });
    renderGreen(byId("green"), { rows: greenRows(city.green), chart: greenChart(city), projects: projectRows(city) });
    renderSigns(byId("signs"), signFigures(city), {
      onShow: (sign) => this.show(() => this.cityMap.showPoint(sign.position), "signs"),
    });
  }

  toggle(key) {
    this.layers = toggled(this.layers, key);
    this.cityMap.setLayers(this.layers);
  }

  /** Bring something of a layer into view on the map, turning its layer on if it was off. */
  show(move, layer) {
    if (!this.layers[layer]) {
      byId(`layer-${layer}`).click();
    }
    byId("map").scrollIntoView({ block: "nearest" });
    // The map goes elsewhere: a card of what was tapped before would cover what is now shown.
    this.card.close();
    move();
  }
}

new CityPage().load();
