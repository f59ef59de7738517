// The city map (/city): every published site and adopted project on one map, with the layers a person turns
// on and off, and the city's figures — the cycle network, the compensatory green spaces, the signs to review.
// Read only and public: it reads GET /api/city once.
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
import { fetchCity } from "../api.js";
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
    let city;
    try {
      city = await fetchCity();
    } catch (error) {
      byId("loading").textContent = `${t("city.load_failed")} ${errorText(error)}`;
      byId("loading").setAttribute("role", "alert");
      return;
    }
    byId("loading").hidden = true;
    this.render(city);
  }

  render(city) {
    byId("summary").textContent = summaryText(city);
    byId("generated").textContent = generatedText(city);
    this.cityMap.render(city);
    this.cityMap.setLayers(this.layers);
    renderSwitches(byId("layers"), layerSwitches(city, this.layers), { onToggle: (key) => this.toggle(key) });
    renderCycle(byId("cycle"), cycleFigures(city), {
      onShowGap: (gap) => this.show(() => this.cityMap.showGap(gap.a, gap.b), "gaps"),
    });
    renderGreen(byId("green"), { rows: greenRows(city.green), chart: greenChart(city), projects: projectRows(city) });
    renderSigns(byId("signs"), signFigures(city), {
      onShow: (sign) => this.show(() => this.cityMap.showPoint(sign.position), "signs"),
    });
    document.body.dataset.cityReady = "true";
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
