// Turning the API's error objects ({code, message}) into sentences people can act on, in the page's
// language: the server's message is English, so the text is chosen by the code (catalogue keys error.<code>).
import { has, language, t } from "./strings.js";

/** Readable text for an error object from the API (HTTP body or Socket.IO ack), or for a thrown Error. */
export function errorText(error) {
  const code = error?.code;
  if (code && has(`error.${code}`)) return t(`error.${code}`, { code });
  // A code this page does not know yet: the server's English words are better than none on an English
  // page; on a Kazakh or Russian page a short translated sentence with the code is.
  if (error?.message && language === "en") return error.message;
  return t("error.unknown", { code: code || "?" });
}
