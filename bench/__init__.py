"""cowork's benchmark harness: the server under test against a bare relay, measured in the same run."""
