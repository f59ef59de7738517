"""The database tables, one module per capability that owns them, on one declarative base (base.py)."""
