"""Socket.IO packets decoded at the door: a message that is not a well-formed event still gets its refused ack.

python-socketio decodes each message itself, through the packet class and the JSON module given to the server (its
documented `serializer` and `json` options). Ours decodes JSON with `strict_json.loads` (bounded depth, finite numbers,
Unicode text), and turns an event it cannot read (bad JSON, nesting too deep, no event name, binary attachments,
which cowork never uses, or an event named as the server's own `connect` and `disconnect` are, whose handlers a
client could otherwise run) into the event `MALFORMED`, whose handler refuses it with `invalid` in the ack the client
asked for: the packet's ack id is read before its JSON, so even an unreadable event can be answered.
"""

from __future__ import annotations

from typing import Any

import socketio
from socketio import packet

from ..core import strict_json

# The event an unreadable one becomes, with the reason as its data. A client may send it too: it is refused alike.
MALFORMED = "malformed"
NOT_AN_EVENT = "A message must be an event: a list whose first item is the event's name."
BINARY = "Binary messages are not accepted."
RESERVED = "That event name is reserved."


class CoworkPacket(packet.Packet):
    """python-socketio's packet, decoding client JSON strictly and refusing unreadable events in their ack."""

    json = strict_json

    def decode(self, encoded_packet: Any) -> int:
        """Decode as python-socketio does; an event that cannot be read becomes `[MALFORMED, reason]`."""
        try:
            attachments = super().decode(encoded_packet)
        except strict_json.MalformedJSON as error:
            if self.packet_type not in (packet.EVENT, packet.BINARY_EVENT):
                raise
            return self._malformed(str(error))
        if self.packet_type == packet.BINARY_EVENT:
            return self._malformed(BINARY)
        if self.packet_type == packet.EVENT and not (
            isinstance(self.data, list) and self.data and isinstance(self.data[0], str)
        ):
            return self._malformed(NOT_AN_EVENT)
        if self.packet_type == packet.EVENT and self.data[0] in socketio.Server.reserved_events:
            return self._malformed(RESERVED)
        return attachments

    def _malformed(self, reason: str) -> int:
        self.packet_type = packet.EVENT
        self.data = [MALFORMED, reason]
        return 0
