"""Construction supervision of an adopted design: its frozen plan, authors' access, site visits with photos,
progress and the green ledger."""
