"""OGC API - Features at /ogcapi: its documents, its query and its OpenAPI definition, over the open-data service."""
