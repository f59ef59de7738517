"""Bearer tokens, keys and codes: made long and random, stored only as their hash."""

from __future__ import annotations

import hashlib
import hmac
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


def account_hash(secret: str, credential: str) -> str:
    """A credential's stand-in where it names an account (a limit's key, a log line): keyed by the server's secret,
    so a short organizer key cannot be found again by hashing guesses."""
    return hmac.new(secret.encode("utf-8"), credential.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


# A recovery code has about 49.5 bits (ten readable characters): its plain SHA-256 would be reversed from a
# leaked database by trying every code, in hours on a GPU. scrypt makes each try cost ~0.1 s and 16 MiB. The salt is
# fixed because codes are looked up by their hash; being random, they gain nothing from a salt per row. These
# parameters are part of what is stored: changing them needs a migration (see 0003_slow_recovery_hashes).
RECOVERY_SALT = b"cowork recovery code"
RECOVERY_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def harden(sha256_hex: str) -> str:
    """scrypt over a code's SHA-256 (so stored SHA-256 hashes can be converted in place, without the codes)."""
    return hashlib.scrypt(sha256_hex.encode("ascii"), salt=RECOVERY_SALT, **RECOVERY_SCRYPT).hex()


def recovery_hash(code: str) -> str:
    """The stored form of a recovery code: slow to try, so a leaked database does not give the codes away."""
    return harden(token_hash(code))
