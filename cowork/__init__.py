"""cowork: co-design public spaces on a shared live map.

The application factory, `create_app`, lives in cowork/app.py and is imported on first use: a process that needs
one module of cowork (a worker reading an untrusted file) then starts without Flask, Socket.IO and SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module 'cowork' has no attribute {name!r}")
