// Turning the API's errors ({code, message}) into sentences people can act on.
import { has, t } from "../shared/strings.js";

// Codes whose server message names what exactly was wrong ("Observation 3: …"): shown beside ours.
const DETAILED = new Set(["invalid", "invalid_geometry", "outside_site", "not_found", "conflict"]);

/**
 * Readable text for a SupervisionError (or any error with a code). context: "signoff" | "photo" | "".
 */
export function errorText(error, context = "") {
  const code = error?.code || "unknown";
  if (context === "signoff" && code === "forbidden") return t("sv.error.forbidden_signoff");
  if (context === "photo" && code === "too_large") return t("sv.error.photo_too_large");
  if (has(`sv.error.${code}`)) {
    const text = t(`sv.error.${code}`);
    const detail = error?.detail || "";
    return DETAILED.has(code) && detail ? t("sv.error.with_detail", { text, detail }) : text;
  }
  if (error?.detail) return error.detail;
  return t("sv.error.unknown", { code });
}
