"""`python -m cowork.authorization`: the tables as docs/security.md holds them, between its markers."""

from cowork.authorization.render import render_markdown
from cowork.authorization.visibility import VISIBILITY

print(render_markdown(), end="")
print("\n<!-- visibility table -->\n" + render_markdown(VISIBILITY), end="")
