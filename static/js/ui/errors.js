// Turning the API's error objects ({code, message}) into sentences people can act on.
import { has, t } from "./strings.js";

/** Readable text for an error object from the API (HTTP body or Socket.IO ack), or for a thrown Error. */
export function errorText(error) {
  const code = error?.code;
  if (code && has(`error.${code}`)) return t(`error.${code}`);
  if (error?.message) return error.message;
  return t("error.unknown", { code: code || "?" });
}
