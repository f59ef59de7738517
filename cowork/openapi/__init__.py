"""The OpenAPI 3.0 document of the whole HTTP API (GET /api/openapi.json), written as data."""
