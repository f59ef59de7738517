// "Done — next person" on a shared tablet: my edits go out first, then this device forgets me.
import { askConfirm } from "../../shared/dialog.js";
import { t, tn } from "../../shared/strings.js";
import { toast } from "../../shared/toast.js";

const FLUSH_WAIT_MS = 8000; // how long "Done — next person" waits for waiting edits to go out

/** Resolve once every edit made on this device has reached the server, or after `timeoutMs`. */
export function waitUntilFlushed(engine, timeoutMs) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      engine.removeEventListener("status", check);
      resolve();
    };
    const check = () => engine.isFlushed() && done();
    const timer = setTimeout(done, timeoutMs);
    engine.addEventListener("status", check);
    check();
  });
}

/**
 * Ask whether I am done; wait for my edits to go out; if some could not, ask again before they are lost.
 * Resolves true when the device may forget me.
 */
export async function readyToHandOver(engine) {
  const ready = await askConfirm({
    title: t("kiosk.confirm_title"),
    message: t("kiosk.confirm_message"),
    confirmLabel: t("kiosk.confirm"),
  });
  if (!ready) return false;
  if (!engine.isFlushed()) {
    toast(t("kiosk.sending"));
    await waitUntilFlushed(engine, FLUSH_WAIT_MS);
  }
  const waiting = engine.waitingCount();
  if (waiting === 0) return true;
  return askConfirm({
    title: t("kiosk.unsent_title"),
    message: tn("kiosk.unsent_message", waiting),
    confirmLabel: t("kiosk.leave_anyway"),
    cancelLabel: t("kiosk.stay"),
    danger: true,
  });
}
