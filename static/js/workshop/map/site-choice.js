// The polygons of an uploaded site file (the answer of POST /api/sites/parse) and which one the facilitator
// picks as the site: the largest at first. DOM-free, so the new-workshop page only draws what this says.

/**
 * The choice among a parsed file's candidates. `parsed` is `{boundary, name, area_m2, candidates: [{boundary,
 * name, area_m2, simplified_m}], skipped}`; `fileName` names the file for labels of polygons that have no name.
 * `simplified_m`: the tolerance in metres the server simplified a too-detailed polygon by to fit a site, or null.
 */
export class SiteChoice {
  constructor(parsed, fileName = "") {
    const candidates =
      Array.isArray(parsed?.candidates) && parsed.candidates.length
        ? parsed.candidates
        : [{ boundary: parsed?.boundary, name: parsed?.name ?? null, area_m2: parsed?.area_m2 ?? 0 }];
    this.fileName = fileName;
    this.candidates = candidates.map((candidate, index) => ({
      index,
      boundary: candidate.boundary,
      name: typeof candidate.name === "string" && candidate.name.trim() ? candidate.name.trim() : null,
      areaM2: Number(candidate.area_m2) || 0,
      simplifiedM: Number.isFinite(candidate.simplified_m) ? candidate.simplified_m : null,
    }));
    this.skipped = Array.isArray(parsed?.skipped) ? parsed.skipped.length : 0;
    this.chosenIndex = 0;
    this.filledName = null; // the site name this choice last wrote into the form
  }

  /** The chosen candidate. */
  get chosen() {
    return this.candidates[this.chosenIndex];
  }

  /** The most any candidate was simplified by, in metres, to fit a site's vertex cap; null when none was. */
  get simplifiedM() {
    const tolerances = this.candidates.map((candidate) => candidate.simplifiedM).filter((m) => m !== null);
    return tolerances.length ? Math.max(...tolerances) : null;
  }

  /** Whether the file offers a choice at all (more than one polygon). */
  get hasChoice() {
    return this.candidates.length > 1;
  }

  /** Choose the candidate at `index`; false (and nothing changes) for an index that is none of them. */
  choose(index) {
    const wanted = Number(index);
    if (!Number.isInteger(wanted) || wanted < 0 || wanted >= this.candidates.length) return false;
    this.chosenIndex = wanted;
    return true;
  }

  /** What the list and the map show: every candidate, largest first, with whether it is the chosen one. */
  items() {
    return this.candidates.map((candidate) => ({ ...candidate, chosen: candidate.index === this.chosenIndex }));
  }

  /**
   * The site name the form should hold after a pick, given what it holds now: the chosen polygon's name when the
   * field is empty or still holds the name an earlier pick wrote; what the person typed otherwise.
   */
  siteNameFor(current) {
    const typed = String(current ?? "").trim();
    const name = this.chosen.name;
    if (name && (!typed || typed === this.filledName)) {
      this.filledName = name;
      return name;
    }
    return String(current ?? "");
  }
}
