"""Results: designs ranked by votes with their figures (counts, areas, lengths), and the tallies as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..core import rules
from ..core.identities import Identity
from ..errors import CoworkError, forbidden
from ..service import Service
from .serialize import element_view, public_comment_view, workshop_view
from .state import WorkshopState, load_state

FIGURES = (
    "trees",
    "benches",
    "lights",
    "green_area_m2",
    "play_area_m2",
    "path_length_m",
    "bike_lane_length_m",
    "elements",
)
_COUNTED = {"tree": "trees", "bench": "benches", "lighting": "lights"}
_AREAS = {"green_area": "green_area_m2", "play_area": "play_area_m2"}
_LENGTHS = {"path": "path_length_m", "bike_lane": "bike_lane_length_m"}


def competition_ranks(votes: list[int]) -> list[int]:
    """Ranks for votes sorted high to low, ties sharing a rank (1, 1, 3)."""
    ranks: list[int] = []
    for index, value in enumerate(votes):
        ranks.append(ranks[-1] if index and votes[index - 1] == value else index + 1)
    return ranks


class ResultsService(Service):
    """The ranking of a workshop's designs, for the facilitator at any time and for everyone once closed."""

    def may_see(self, workshop_phase: str, identity: Identity | None, workshop_id: str) -> bool:
        """Results are public once closed; before that only the facilitator sees them."""
        is_facilitator = identity is not None and identity.is_facilitator and identity.workshop_id == workshop_id
        return workshop_phase == "closed" or is_facilitator

    def results(self, workshop_id: str, identity: Identity | None, *, with_elements: bool = False) -> dict[str, Any]:
        """`{"workshop", "phase", "total_votes", "ranking": [...]}`; `forbidden` before closing unless facilitator.

        `with_elements` adds each design's elements (as clients see them) for drawing its map."""
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            if not self.may_see(workshop.phase, identity, workshop_id):
                if identity is None:
                    raise CoworkError("unauthorized", "The results are public once the workshop is closed.")
                raise forbidden("The results are public once the workshop is closed.")
            state = load_state(session, workshop)
            return self._ranking(state, with_elements, rules.join_code_visible(identity, workshop_id))

    def _ranking(self, state: WorkshopState, with_elements: bool, join_code: bool) -> dict[str, Any]:
        workshop = state.workshop
        tallies = state.tallies()
        figures: dict[str, dict[str, float]] = {d: dict.fromkeys(FIGURES, 0) for d in tallies}
        elements_by_design: dict[str, list[dict[str, Any]]] = {d: [] for d in tallies}
        comments_by_design: dict[str, list[dict[str, Any]]] = {d: [] for d in tallies}
        shown = {e.id: e for e in state.elements if e.design_id in figures and e.hidden_at is None}
        for comment, element in state.comments_on(shown):
            if comment.design_id in comments_by_design:
                comments_by_design[comment.design_id].append(
                    public_comment_view(comment, element.kind if element is not None else None)
                )
        for element in state.elements:
            if element.design_id not in figures or element.hidden_at is not None:
                continue
            numbers = figures[element.design_id]
            numbers["elements"] += 1
            measure = element.measure
            elements_by_design[element.design_id].append(element_view(element))
            if element.kind in _COUNTED:
                # A group (12 trees at one spot, 3 benches) counts as many as its props say.
                numbers[_COUNTED[element.kind]] += (element.props or {}).get("count") or 1
            elif element.kind in _AREAS:
                numbers[_AREAS[element.kind]] += measure["area_m2"]
            elif element.kind in _LENGTHS:
                numbers[_LENGTHS[element.kind]] += measure["length_m"]
        designs = [d for d in state.designs if d.id in tallies]
        designs.sort(key=lambda d: (-tallies[d.id], d.created_seq))
        ranks = competition_ranks([tallies[d.id] for d in designs])
        ranking = []
        for rank, design in zip(ranks, designs, strict=True):
            numbers = {k: (round(v, 1) if k.endswith(("_m2", "_m")) else int(v)) for k, v in figures[design.id].items()}
            row = {
                "rank": rank,
                "design_id": design.id,
                "title": design.title,
                "authors": [a.participant.name for a in design.authors],
                "votes": tallies[design.id],
                "figures": numbers,
                "comments": comments_by_design[design.id],
            }
            if with_elements:
                row["elements"] = elements_by_design[design.id]
            ranking.append(row)
        return {
            "workshop": workshop_view(workshop, join_code=join_code),
            "phase": workshop.phase,
            "total_votes": sum(tallies.values()),
            "ranking": ranking,
        }

    def tallies_csv(self, workshop_id: str, identity: Identity | None) -> str:
        """The ranking as CSV: `rank,design_id,title,votes,authors,comments_count,comments`, the comments (not hidden
        ones, without their writers' names) one a line, those on an element after its kind: `[tree] Keep the oak`."""
        results = self.results(workshop_id, identity)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["rank", "design_id", "title", "votes", "authors", "comments_count", "comments"])
        for row in results["ranking"]:
            writer.writerow(
                [
                    row["rank"],
                    row["design_id"],
                    _csv_safe(row["title"]),
                    row["votes"],
                    _csv_safe("; ".join(row["authors"])),
                    len(row["comments"]),
                    _csv_safe("\n".join(_comment_line(comment) for comment in row["comments"])),
                ]
            )
        return out.getvalue()


def _comment_line(comment: dict[str, Any]) -> str:
    # One line per comment: a comment's own line breaks become spaces.
    text = " ".join(comment["text"].split())
    return f"[{comment['element_kind']}] {text}" if comment["element_kind"] else text


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet: make it plain text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
