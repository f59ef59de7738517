"""What a client may see of a workshop: snapshots, sync, replay events and exports, filtered by visibility."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..core import rules
from ..core.events import JoinCodeChanged
from ..core.identities import Identity
from ..errors import CoworkError, forbidden
from ..models.base import iso
from ..models.supervision import Project
from ..models.workshop import Comment, Design, DesignAuthor, Element, Event, Participant, Vote, Workshop
from ..service import Service, workshop_counts
from .serialize import element_view, workshop_view
from .snapshot_cache import SharedViewCache, SharedViews, tally

# Per process; see shared_views.py for why a workshop's views at one seq never go stale.
SHARED_VIEWS = SharedViewCache()


@dataclass
class WorkshopState:
    """A workshop's rows, read in one transaction."""

    workshop: Workshop
    designs: list[Design]
    elements: list[Element]
    comments: list[Comment]
    votes: list[Vote]

    def tallies(self) -> dict[str, int]:
        """Dots per design (designs without dots included, hidden ones left out)."""
        return tally(
            ((d.id, d.hidden_at is not None) for d in self.designs), ((v.design_id, v.count) for v in self.votes)
        )

    def comments_on(self, elements: dict[str, Element]) -> list[tuple[Comment, Element | None]]:
        """The comments not hidden whose target is shown: on a design (the caller shows its elements `elements`),
        or on one of `elements`; each with its element (None: on the design itself), oldest first."""
        return [
            (comment, elements.get(comment.element_id) if comment.element_id else None)
            for comment in self.comments
            if comment.hidden_at is None and (comment.element_id is None or comment.element_id in elements)
        ]


def load_state(session: Session, workshop: Workshop) -> WorkshopState:
    """Everything of a workshop that clients see, live elements only."""
    designs = session.scalars(
        select(Design)
        .where(Design.workshop_id == workshop.id)
        .options(selectinload(Design.authors).selectinload(DesignAuthor.participant))
        .order_by(Design.created_seq)
    ).all()
    elements = session.scalars(
        select(Element)
        .where(Element.workshop_id == workshop.id, Element.deleted_seq.is_(None))
        .order_by(Element.created_seq)
    ).all()
    comments = session.scalars(
        select(Comment)
        .where(Comment.workshop_id == workshop.id)
        .options(selectinload(Comment.author))
        .order_by(Comment.created_seq)
    ).all()
    votes = session.scalars(select(Vote).where(Vote.workshop_id == workshop.id)).all()
    return WorkshopState(workshop, list(designs), list(elements), list(comments), list(votes))


class StateService(Service):
    """Reading a workshop for one identity."""

    def votes_view(self, workshop: Workshop, views: SharedViews, identity: Identity) -> dict[str, Any]:
        """The `votes` part of a snapshot: my dots, how many are left, tallies where allowed, and for the facilitator
        who has a dot on some design."""
        mine = views.votes_of(identity.participant_id)
        budget = rules.settings_of(workshop)["votes_per_participant"]
        show = identity.is_facilitator or rules.tallies_visible(workshop)
        votes = {
            "mine": mine,
            "left": max(0, budget - sum(mine.values())),
            "tallies": views.tallies() if show else None,
        }
        if identity.is_facilitator:
            votes["voters"] = views.voters()  # who has voted: the facilitator's alone, as `voters:updated`
        return votes

    def shared_views(self, session: Session, workshop: Workshop) -> SharedViews:
        """What every snapshot of the workshop at its current `seq` shares, from the cache or read now."""

        def build() -> tuple[SharedViews, bool]:
            views = SharedViews.of(load_state(session, workshop))
            # PostgreSQL reads committed: each statement sees the latest commits, so the rows just read are all at
            # this seq only if it has not moved since the workshop was read. Otherwise they serve this snapshot (as
            # they did before there was a cache) but are not kept for others.
            return views, session.scalar(select(Workshop.seq).where(Workshop.id == workshop.id)) == workshop.seq

        return SHARED_VIEWS.get((str(self.db.url), workshop.id), workshop.seq, build)

    def snapshot(self, identity: Identity) -> dict[str, Any]:
        """Everything this identity may see of the workshop now, read in one consistent transaction."""
        with self.db.read() as session:
            self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id)
            views = self.shared_views(session, workshop)
            designs, elements, comments = views.visible(workshop, identity)
            snapshot = {
                "seq": workshop.seq,
                # A snapshot goes only to a member's socket (load_actor above): the code is theirs to see.
                "workshop": workshop_view(workshop, workshop_counts(session, workshop.id), join_code=True),
                "you": identity.as_you(),
                "phase": workshop.phase,
                "settings": rules.settings_of(workshop),
                "timer": {"ends_at": iso(rules.countdown_end(workshop))},
                # Lists of their own; the views in them are shared with every snapshot at this seq.
                "designs": designs,
                "elements": elements,
                "comments": comments,
                "votes": self.votes_view(workshop, views, identity),
                "projects": [
                    {"id": p.id, "title": p.title, "design_id": p.design_id}
                    for p in session.scalars(
                        select(Project).where(Project.workshop_id == workshop.id).order_by(Project.created_at)
                    )
                ],
            }
            if identity.is_facilitator:
                participants = session.scalars(
                    select(Participant).where(Participant.workshop_id == workshop.id).order_by(Participant.created_at)
                ).all()
                snapshot["participants"] = [
                    {"participant_id": p.id, "name": p.name, "role": p.role, "removed": p.removed_at is not None}
                    for p in participants
                ]
            return snapshot

    def sync(self, identity: Identity, since: int) -> dict[str, Any]:
        """The events after `since` as this identity may see them, or a snapshot when that is simpler or needed."""
        with self.db.read() as session:
            self.load_actor(session, identity)
            workshop = self.load_workshop(session, identity.workshop_id)
            current = workshop.seq
            if since <= current and current - since <= int(self.settings.SYNC_MAX_EVENTS):
                events = session.scalars(
                    select(Event).where(Event.workshop_id == workshop.id, Event.seq > since).order_by(Event.seq)
                ).all()
                if not any(e.data.get("resync") for e in events):
                    # What is hidden now stays hidden in the log too, as in a snapshot; the hiding itself goes
                    # through (it names only the id), so a tablet that showed the thing drops it.
                    hidden = set() if identity.is_facilitator else _hidden_ids(session, workshop.id)
                    return {
                        "seq": current,
                        "events": [
                            _unless_hidden(self._as_seen(e, identity), e, hidden, keep_hiding=True) for e in events
                        ],
                    }
        return {"snapshot": self.snapshot(identity)}

    def participant_ids(self, workshop_id: str) -> list[str]:
        """The ids of a workshop's participants (not the facilitator, not the removed): who gets `seq` ticks."""
        with self.db.read() as session:
            return list(
                session.scalars(
                    select(Participant.id).where(
                        Participant.workshop_id == workshop_id,
                        Participant.role != "facilitator",
                        Participant.removed_at.is_(None),
                    )
                )
            )

    @staticmethod
    def _as_seen(event: Event, identity: Identity) -> dict[str, Any]:
        audience = None if event.audience is None else frozenset(event.audience)
        # A logged join code is the facilitator's whatever audience the row holds: an imported archive sets its own.
        code_hidden = event.type == JoinCodeChanged.name and not identity.is_facilitator
        if not code_hidden and rules.sees(audience, identity.participant_id, identity.is_facilitator):
            return {"seq": event.seq, "type": event.type, "data": event.data}
        return {"seq": event.seq, "type": "seq", "data": {"seq": event.seq}}

    def replay_events(self, workshop_id: str, identity: Identity | None, since: int = 0) -> dict[str, Any]:
        """The event log for replay: the facilitator's, or everyone's (as participants saw it) once closed.

        The public log also leaves out, as ticks, every event about something the facilitator has hidden since:
        what a person may not see live, they may not download later either."""
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            is_facilitator = identity is not None and identity.facilitates(workshop_id)
            if not is_facilitator and workshop.phase != "closed":
                if identity is None:
                    raise CoworkError("unauthorized", "The replay is public once the workshop is closed.")
                raise forbidden("The replay is public once the workshop is closed.")
            events = session.scalars(
                select(Event).where(Event.workshop_id == workshop.id, Event.seq > since).order_by(Event.seq)
            ).all()
            public = Identity("", workshop_id, "", "participant")
            seen = identity if identity is not None and is_facilitator else public
            hidden = set() if is_facilitator else _hidden_ids(session, workshop.id)
            shown = []
            for event in events:
                entry = _unless_hidden(self._as_seen(event, seen), event, hidden, keep_hiding=False)
                shown.append({**entry, "at": iso(event.created_at)})
            return {"seq": workshop.seq, "events": shown}

    def export_features(self, workshop_id: str, identity: Identity | None = None) -> dict[str, Any]:
        """The workshop's elements as RFC 7946 GeoJSON with design titles and votes; hidden ones only for the
        facilitator, marked. Until it closes, only its participants and facilitator read it."""
        with self.db.read() as session:
            workshop = self.load_workshop(session, workshop_id)
            rules.require_own_until_closed(identity, workshop, "The GeoJSON export")
            state = load_state(session, workshop)
            facilitator = identity is not None and identity.facilitates(workshop_id)
            # The same rule as the live broadcast: under private sketching, only a design's authors see it.
            viewer = (
                identity
                if identity is not None and identity.workshop_id == workshop_id
                else Identity("", workshop_id, "", "participant")
            )
            designs = {
                d.id: d
                for d in state.designs
                if facilitator or rules.sees(rules.design_audience(workshop, d), viewer.participant_id, False)
            }
            tallies = defaultdict(int, state.tallies())
            shown = {e.id: e for e in state.elements if e.design_id in designs and (e.hidden_at is None or facilitator)}
            # Comments go with what they are on, never with who wrote them; hidden ones never leave.
            on_design: dict[str, list[str]] = defaultdict(list)
            on_element: dict[str, list[str]] = defaultdict(list)
            for comment, element in state.comments_on(shown):
                if element is not None:
                    on_element[element.id].append(comment.text)
                elif comment.design_id in designs:
                    on_design[comment.design_id].append(comment.text)
            features = []
            for element in shown.values():
                design = designs[element.design_id]
                view = element_view(element)
                geometry = view.pop("geometry")
                element_id = view.pop("id")
                view["design_title"] = design.title
                view["design_votes"] = tallies[design.id] if rules.tallies_visible(workshop) or facilitator else None
                if design.hidden_at is not None:
                    view["design_hidden"] = True
                view["comments"] = on_element[element.id]
                view["design_comments"] = on_design[design.id]
                features.append({"type": "Feature", "id": element_id, "geometry": geometry, "properties": view})
            return {"type": "FeatureCollection", "name": workshop.title, "features": features}


def _hidden_ids(session: Session, workshop_id: str) -> set[str]:
    """Ids of what is hidden now: designs, elements (also deleted ones, and those of hidden designs), comments."""
    # Ids and flags only: a sync or a replay needs no geometry, text or authors to know what to leave out.
    designs = {
        d
        for (d,) in session.execute(
            select(Design.id).where(Design.workshop_id == workshop_id, Design.hidden_at.is_not(None))
        )
    }
    elements = session.execute(
        select(Element.id, Element.design_id, Element.hidden_at).where(Element.workshop_id == workshop_id)
    ).all()
    hidden = designs | {e.id for e in elements if e.hidden_at is not None or e.design_id in designs}
    comments = session.execute(
        select(Comment.id, Comment.design_id, Comment.element_id, Comment.hidden_at).where(
            Comment.workshop_id == workshop_id
        )
    ).all()
    hidden |= {c.id for c in comments if c.hidden_at is not None or c.design_id in hidden or c.element_id in hidden}
    return hidden


def _unless_hidden(entry: dict[str, Any], event: Event, hidden: set[str], *, keep_hiding: bool) -> dict[str, Any]:
    """A log entry as seen, or a bare `seq` tick when it names something hidden now (`keep_hiding`: except the
    `moderated` event that hides it, which carries no content)."""
    if not hidden or entry["type"] == "seq" or not _mentions(event, hidden):
        return entry
    if keep_hiding and event.type == "moderated" and event.data.get("hidden"):
        return entry
    return {"seq": event.seq, "type": "seq", "data": {"seq": event.seq}}


def _mentions(event: Event, hidden: set[str]) -> bool:
    """Whether a logged event names something in `hidden` (its design, element or comment, or a restored one)."""
    data = event.data
    named = {data.get("id")}
    for key in ("design", "element", "comment"):
        thing = data.get(key)
        if isinstance(thing, dict):
            named |= {thing.get("id"), thing.get("design_id"), thing.get("element_id")}
    return bool(named & hidden)
