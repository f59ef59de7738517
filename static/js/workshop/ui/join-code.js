// The join code, spaced in threes with one box per character, so it can be read aloud and copied by eye.
import { t } from "../../shared/strings.js";

/** Fill `container` with the code's characters (class join-code__char; a gap before the fourth). */
export function showJoinCode(container, code) {
  const characters = [...String(code || "")];
  container.replaceChildren(
    ...characters.map((character, index) => {
      const span = document.createElement("span");
      span.className = index === 3 ? "join-code__char join-code__char--gap" : "join-code__char";
      span.textContent = character;
      return span;
    }),
  );
  container.setAttribute("aria-label", t("new.code_label", { code: characters.join(" ") }));
}

/** The link a participant opens: the front door with the code filled in. */
export function participantJoinUrl(code) {
  return new URL(`/?code=${encodeURIComponent(code || "")}`, location.origin).href;
}
