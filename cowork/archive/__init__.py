"""The workshop archive: everything of a workshop (and its supervision) as JSON, and its import into another
instance."""
