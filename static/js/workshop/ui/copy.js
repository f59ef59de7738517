// Copying a link from a read-only text field, on a venue network that is often plain http.
import { t } from "../../shared/strings.js";
import { toast } from "../../shared/toast.js";

/** Copy the value of an <input>; says whether it worked. */
export async function copyField(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    toast(t("new.copied"));
    return;
  } catch {
    // The clipboard API needs a secure context; on a plain-http venue network fall back to selection.
  }
  input.focus();
  input.select();
  const copied = document.execCommand?.("copy");
  toast(copied ? t("new.copied") : t("new.copy_failed"), copied ? "info" : "error");
}

/** Wire every button with data-copy="<input id>" inside `root`. */
export function wireCopyButtons(root = document) {
  for (const button of root.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", () => {
      const input = document.getElementById(button.dataset.copy);
      if (input) copyField(input);
    });
  }
}
