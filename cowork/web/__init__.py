"""HTTP: the JSON API, the pages and the vendored browser libraries."""
