// Every page registers the offline shell's worker (static/js/shared/shell/service-worker.js, served as /sw.js) so
// that the pages a tablet has seen load again with no network. Where there is no service worker (plain HTTP
// to another machine than this one: not a secure context, docs/deploy.md) pages simply need the network; the
// op queue still survives in localStorage.
if ("serviceWorker" in navigator) {
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  // A new build's worker took this page over: load it again, so it runs the new build's files only.
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadWorker) location.reload();
  });
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // Refused (a browser setting, storage full): the page works online as before.
  });
}
