"""Dot votes on designs and comments on designs and elements."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core import rules
from ..core.events import CommentAdded, Outcome, VotersUpdated, VotesUpdated
from ..core.identities import Identity
from ..errors import CoworkError, not_found
from ..models.base import utcnow
from ..models.workshop import Comment, Design, Element, Vote, Workshop
from ..service import Service
from .payloads import CommentAdd, VoteChange
from .serialize import comment_view


def _limit(message: str) -> CoworkError:
    return CoworkError("vote_limit", message)


class VotingService(Service):
    """Votes (budget and per-design cap enforced under the workshop's lock) and comments."""

    @staticmethod
    def _tallies(session: Session, workshop: Workshop) -> dict[str, int]:
        totals = dict.fromkeys(
            session.scalars(select(Design.id).where(Design.workshop_id == workshop.id, Design.hidden_at.is_(None))), 0
        )
        for vote in session.scalars(select(Vote).where(Vote.workshop_id == workshop.id)):
            if vote.design_id in totals:
                totals[vote.design_id] += vote.count
        return totals

    @staticmethod
    def _voters(session: Session, workshop: Workshop) -> list[str]:
        """Who has a dot on some design now (hidden designs too: the facilitator may restore them)."""
        return sorted(
            session.scalars(
                select(Vote.participant_id).where(Vote.workshop_id == workshop.id, Vote.count > 0).distinct()
            )
        )

    def _vote(self, identity: Identity, request: VoteChange, delta: int) -> Outcome:
        with self.db.write() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id, lock=True)
            rules.require("vote", actor.is_facilitator, workshop.phase)
            design = self.visible_design(session, workshop, actor, request.design_id)
            settings = rules.settings_of(workshop)
            hidden = set(
                session.scalars(
                    select(Design.id).where(Design.workshop_id == workshop.id, Design.hidden_at.is_not(None))
                )
            )
            own = list(session.scalars(select(Vote).where(Vote.participant_id == actor.id)))
            had_dots = any(v.count > 0 for v in own)
            # Dots on a design the facilitator hid no longer count against the budget.
            mine = {v.design_id: v for v in own if v.design_id not in hidden}
            used = sum(v.count for v in mine.values())
            current = mine.get(design.id)
            on_design = current.count if current else 0
            if delta > 0:
                if design.has_author(actor.id) and not settings["authors_may_vote_own"]:
                    raise _limit("Authors may not vote for their own design in this workshop.")
                if used >= settings["votes_per_participant"]:
                    raise _limit("You have no dots left; take one back from another design first.")
                if on_design >= settings["max_votes_per_design"]:
                    raise _limit(f"At most {settings['max_votes_per_design']} dot(s) per design.")
            elif on_design == 0:
                raise _limit("You have no dot on this design to take back.")
            if current is None:
                current = Vote(participant_id=actor.id, design_id=design.id, workshop_id=workshop.id, count=0)
                session.add(current)
            current.count += delta
            current.updated_at = utcnow()
            session.flush()
            tallies = self._tallies(session, workshop)
            audience: frozenset[str] | None = None if rules.tallies_visible(workshop) else frozenset()
            event = self.record(
                session, workshop, VotesUpdated(workshop_id=workshop.id, tallies=tallies, audience=audience), actor.id
            )
            voters = None
            if had_dots != (current.count > 0 or any(v.count > 0 for v in own if v is not current)):
                voters = self.record(
                    session,
                    workshop,
                    VotersUpdated(workshop_id=workshop.id, voters=self._voters(session, workshop)),
                    actor.id,
                )
            mine_now = {d: v.count for d, v in mine.items() if v.count > 0}
            if current.count > 0:
                mine_now[design.id] = current.count
            else:
                mine_now.pop(design.id, None)
            left = max(0, settings["votes_per_participant"] - sum(mine_now.values()))
            return Outcome.of({"votes_left": left, "mine": mine_now, "seq": event.seq}, event, voters)

    def cast(self, identity: Identity, request: VoteChange) -> Outcome:
        """Put one dot on a design, within the budget and the per-design cap."""
        return self._vote(identity, request, +1)

    def retract(self, identity: Identity, request: VoteChange) -> Outcome:
        """Take one dot back from a design."""
        return self._vote(identity, request, -1)

    def add_comment(self, identity: Identity, request: CommentAdd) -> Outcome:
        """Comment on a design or an element; a repeated id returns the comment as it is."""
        with self.db.write() as session:
            actor = self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id, lock=True)
            existing = session.scalars(
                select(Comment).where(Comment.id == request.id).options(selectinload(Comment.author))
            ).first()
            if existing is not None:
                if existing.workshop_id != workshop.id:
                    raise CoworkError("conflict", "That comment id is already used.")
                return Outcome.of({"comment": comment_view(existing), "seq": existing.created_seq})
            rules.require("comment", actor.is_facilitator, workshop.phase)
            element = None
            design_id = request.design_id
            if request.element_id is not None:
                element = session.get(Element, request.element_id)
                if element is None or element.workshop_id != workshop.id or element.deleted_seq is not None:
                    raise not_found("element")
                if element.hidden_at is not None and not actor.is_facilitator:
                    raise not_found("element")
                design_id = element.design_id
            assert design_id is not None  # a comment names its design or its element (CommentAdd.parse)
            design = self.visible_design(session, workshop, actor, design_id)
            comment = Comment(
                id=request.id,
                workshop_id=workshop.id,
                design_id=design.id,
                element_id=request.element_id,
                author_id=actor.id,
                text=request.text,
                created_seq=workshop.seq + 1,
                created_at=utcnow(),
            )
            comment.author = actor
            session.add(comment)
            audience = rules.comment_audience(workshop, design, element, comment)
            event = self.record(
                session,
                workshop,
                CommentAdded(workshop_id=workshop.id, comment=comment_view(comment), audience=audience),
                actor.id,
            )
            return Outcome.of({"comment": event.comment, "seq": event.seq}, event)
