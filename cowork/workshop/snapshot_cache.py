"""The part of a workshop's snapshot that is the same for everyone, built once per `seq` and kept in memory.

Every change to designs, elements, comments or votes is logged under the workshop's next `seq` in the same
transaction (`Service.record`), so a workshop's views at one `seq` never change: the cache is keyed by it and
needs no invalidation of its own. Each process keeps its own, and reads the current `seq` from the database for
every snapshot, so an edit committed by any process makes the next snapshot miss. What differs per identity
(who sees what, `you`, my votes, the facilitator's lists) is applied to these views for each join.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..core import rules
from ..core.identities import Identity
from ..models.workshop import Workshop
from .serialize import comment_view, design_view, element_view


def tally(designs: Iterable[tuple[str, bool]], votes: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Dots per design from (design id, hidden) and (design id, count) pairs: every visible design, hidden ones
    left out."""
    totals = {design_id: 0 for design_id, hidden in designs if not hidden}
    for design_id, count in votes:
        if design_id in totals:
            totals[design_id] += count
    return totals


def _given(authors: Iterable[str]) -> Callable[[], Iterable[str]]:
    """Authors already read, as `rules.design_audience_of` asks for them."""
    return lambda: authors


@dataclass(frozen=True)
class SharedViews:
    """A workshop's designs, live elements, comments and votes at one `seq`, as client views with what visibility
    needs beside each. The view dictionaries are shared by every snapshot built from them: read-only."""

    seq: int
    designs: tuple[tuple[dict[str, Any], bool, frozenset[str]], ...]  # view, hidden, author ids
    elements: tuple[tuple[dict[str, Any], str, bool], ...]  # view, design id, hidden
    comments: tuple[tuple[dict[str, Any], str, str | None, bool], ...]  # view, design id, element id, hidden
    votes: tuple[tuple[str, str, int], ...]  # design id, participant id, count

    @classmethod
    def of(cls, state: Any) -> SharedViews:
        """Views of a `WorkshopState` (rows of one transaction)."""
        return cls(
            seq=state.workshop.seq,
            designs=tuple(
                (design_view(d), d.hidden_at is not None, frozenset(a.participant_id for a in d.authors))
                for d in state.designs
            ),
            elements=tuple((element_view(e), e.design_id, e.hidden_at is not None) for e in state.elements),
            comments=tuple(
                (comment_view(c), c.design_id, c.element_id, c.hidden_at is not None) for c in state.comments
            ),
            votes=tuple((v.design_id, v.participant_id, v.count) for v in state.votes),
        )

    def visible(self, workshop: Workshop, identity: Identity) -> tuple[list[dict], list[dict], list[dict]]:
        """The designs, elements and comments this identity may see (the same rules as the live broadcasts)."""
        facilitator = identity.is_facilitator
        designs = []
        design_ids = set()
        for view, hidden, authors in self.designs:
            audience = rules.design_audience_of(workshop, hidden, _given(authors))
            if rules.sees(audience, identity.participant_id, facilitator):
                designs.append(view)
                design_ids.add(view["id"])
        elements = [
            view for view, design_id, hidden in self.elements if design_id in design_ids and (facilitator or not hidden)
        ]
        element_ids = {view["id"] for view in elements}
        comments = [
            view
            for view, design_id, element_id, hidden in self.comments
            if design_id in design_ids
            and (element_id is None or element_id in element_ids)
            and (facilitator or not hidden)
        ]
        return designs, elements, comments

    def tallies(self) -> dict[str, int]:
        """Dots per design (designs without dots included, hidden ones left out)."""
        return tally(
            ((view["id"], hidden) for view, hidden, _ in self.designs),
            ((design_id, count) for design_id, _, count in self.votes),
        )

    def voters(self) -> list[str]:
        """Who has a dot on some design (hidden designs too), as `voters:updated` says it."""
        return sorted({voter for _, voter, count in self.votes if count > 0})

    def votes_of(self, participant_id: str) -> dict[str, int]:
        """One participant's dots per design (dots on hidden designs are given back)."""
        hidden = {view["id"] for view, is_hidden, _ in self.designs if is_hidden}
        return {
            design_id: count
            for design_id, voter, count in self.votes
            if voter == participant_id and count > 0 and design_id not in hidden
        }


class SharedViewCache:
    """The latest `SharedViews` of the most recently used workshops (one entry per workshop: a newer `seq`
    replaces the older). Bounded, because a big workshop's views take tens of megabytes."""

    LIMIT = 16

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, SharedViews] = OrderedDict()
        self._lock = threading.Lock()
        self.builds = 0  # how many times views were built rather than found (tests read it)

    def get(self, key: tuple, seq: int, build: Callable[[], tuple[SharedViews, bool]]) -> SharedViews:
        """The views of workshop `key` at `seq`: cached, or built by `build`, which also says whether what it read
        was all at `seq` (only then are the views kept)."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found.seq == seq:
                self._entries.move_to_end(key)
                return found
        self.builds += 1
        views, consistent = build()
        if not consistent:
            return views
        with self._lock:
            current = self._entries.get(key)
            # Two joins may build at once, or a slow build finish after a newer one: keep the newest.
            if current is None or current.seq <= views.seq:
                self._entries[key] = views
                self._entries.move_to_end(key)
            while len(self._entries) > self.LIMIT:
                self._entries.popitem(last=False)
        return views

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
