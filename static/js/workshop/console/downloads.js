// The console's downloads: the archive button and the GeoJSON and CSV links, each fetched with the facilitator's
// token (a plain link sends none, and until the close a workshop's exports answer only its own people).
import { byId } from "../../shared/dom.js";
import { errorText } from "../../shared/errors.js";
import { fetchDownload } from "../sync/api.js";
import { fileSlug } from "./model.js";
import { toast } from "../../shared/toast.js";

/** Save a Blob as a file through a temporary object URL. */
function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Fetch one download with the token and save it under the server's file name (else `fallback`); a refusal is a toast. */
async function download(workshopId, name, token, fallback) {
  try {
    const { blob, filename } = await fetchDownload(workshopId, name, token);
    saveBlob(blob, filename || fallback);
  } catch (error) {
    toast(errorText(error), "error");
  }
}

/**
 * Wire the archive button and the export links. `token()` is the facilitator's token at the time of the click;
 * `title()` names the archive when the server suggests no name.
 */
export function wireDownloads(workshopId, token, title) {
  const button = byId("archive-button");
  button.addEventListener("click", async () => {
    button.disabled = true;
    await download(workshopId, "archive", token(), `cowork-${fileSlug(title())}-archive.json`);
    button.disabled = false;
  });
  for (const link of [byId("link-geojson"), byId("link-csv")]) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const name = link.getAttribute("href").split("/").pop();
      download(workshopId, name, token(), name);
    });
  }
}
