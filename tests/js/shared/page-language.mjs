// Loaded first by the tests of modules that read the page's language (not a test itself). They read it from
// <html lang> when static/js/shared/strings.js is loaded; Node has no document, so this gives them one, in
// English unless COWORK_TEST_LANG says otherwise. Nothing else of the DOM is provided: a module that needs
// more at load time fails its test, which is the point.
globalThis.document ??= { documentElement: { lang: process.env.COWORK_TEST_LANG || "en" } };
