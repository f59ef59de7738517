"""Open city data: what the city's GIS may read, as OGC API - Features collections and GeoPackages."""
