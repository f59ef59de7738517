"""Bearer tokens, keys and codes: made long and random, stored only as their hash."""

from __future__ import annotations

import hashlib
import secrets

# Easy to read aloud and to type: no 0/O, no 1/I/L. Join codes and recovery codes use it.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_token() -> str:
    """A long random bearer token (256 bits)."""
    return secrets.token_urlsafe(32)


def new_code(length: int) -> str:
    """A short random code from the readable alphabet."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, so a database leak reveals no usable token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
