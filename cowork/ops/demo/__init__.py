"""The demo: a workshop ready to join, and a city of finished workshops and projects beside it."""
