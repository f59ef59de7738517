"""Photos carrying every kind of metadata, built in code, and readers of the segments and chunks a served file
holds (walked byte by byte: what Pillow's `info` shows is not proof of what the file carries)."""

from __future__ import annotations

import io
import struct

from PIL import Image, PngImagePlugin

SECRET = b"SECRET-"  # every piece of metadata below carries it, so a leak is found in the bytes too
GREY = (128, 128, 128)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def linear_rgb_profile() -> bytes:
    """An ICC v2 display profile with sRGB's primaries and a linear curve (gamma 1.0): its mid grey 128 is sRGB's
    188, so a photo that kept its look after conversion is told from one whose profile was merely dropped."""

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + _s15(x) + _s15(y) + _s15(z)

    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 256) + bytes(2)
    name = SECRET + b"camera profile\0"
    description = b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(4 + 4 + 2 + 1 + 67)
    tags = [
        (b"desc", description),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    start = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", start + len(body), len(data))
        body += data
    header = struct.pack(">I", start + len(body)) + bytes(4) + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
    header += bytes(12) + b"acsp" + bytes(28) + _s15(0.9642) + _s15(1.0) + _s15(0.8249)
    return header + bytes(128 - len(header)) + struct.pack(">I", len(tags)) + table + body


def _exif_with_gps(lon: float, lat: float) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = (SECRET + b"PhoneMaker").decode()
    exif[0x0131] = (SECRET + b"Software").decode()

    def dms(value: float) -> tuple[int, int, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4)

    exif.get_ifd(0x8825).update({1: "N", 2: dms(lat), 3: "E", 4: dms(lon)})
    return exif


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>' + SECRET + b"xmp</rdf:RDF></x:xmpmeta>"


def jpeg_with_everything(lon: float, lat: float, profile: bytes | None = None) -> bytes:
    """A grey JPEG with a comment (COM), EXIF with GPS, XMP, an ICC profile (APP2) and IPTC (APP13)."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), GREY).save(
        out,
        format="JPEG",
        quality=95,
        comment=SECRET + b"comment",
        exif=_exif_with_gps(lon, lat),
        xmp=XMP,
        icc_profile=linear_rgb_profile() if profile is None else profile,
    )
    data = out.getvalue()
    iptc = b"Photoshop 3.0\0" + SECRET + b"iptc"
    return data[:2] + b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc + data[2:]


def png_with_everything(lon: float, lat: float) -> bytes:
    """A grey PNG with iCCP, tEXt, zTXt, iTXt, XMP (iTXt), eXIf and pHYs chunks."""
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", (SECRET + b"tEXt").decode())
    text.add_text("Author", (SECRET + b"zTXt").decode(), zip=True)
    text.add_itxt("Description", (SECRET + b"iTXt").decode())
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new("RGB", (200, 150), GREY).save(
        out,
        format="PNG",
        pnginfo=text,
        exif=_exif_with_gps(lon, lat),
        icc_profile=linear_rgb_profile(),
        dpi=(300, 300),
    )
    return out.getvalue()


def webp_with_everything(lon: float, lat: float) -> bytes:
    """A grey WebP with ICCP, EXIF and XMP chunks."""
    out = io.BytesIO()
    Image.new("RGB", (200, 150), GREY).save(
        out, format="WEBP", quality=95, exif=_exif_with_gps(lon, lat), xmp=XMP, icc_profile=linear_rgb_profile()
    )
    return out.getvalue()


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """The markers of a JPEG with their payloads, in order, up to EOI (entropy-coded data skipped)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    segments: list[tuple[int, bytes]] = [(0xD8, b"")]
    at = 2
    while at < len(data):
        assert data[at] == 0xFF, f"no marker at {at}"
        while data[at] == 0xFF:  # fill bytes
            at += 1
        marker = data[at]
        at += 1
        if marker == 0xD9:
            segments.append((marker, b""))
            return segments
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            segments.append((marker, b""))
            continue
        (length,) = struct.unpack(">H", data[at : at + 2])
        segments.append((marker, data[at + 2 : at + length]))
        at += length
        if marker == 0xDA:  # scan data runs to the next marker that is neither a stuffed 0xFF nor a restart
            while not (data[at] == 0xFF and data[at + 1] != 0x00 and not 0xD0 <= data[at + 1] <= 0xD7):
                at += 1
    raise AssertionError("no EOI")


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG, with their data."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


def webp_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a WebP (RIFF) file, with their data."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
    chunks, at = [], 12
    while at < len(data):
        kind, length = struct.unpack("<4sI", data[at : at + 8])
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 8 + length + length % 2
    return chunks


# What an encoder needs to draw the picture, and nothing else.
JPEG_NEEDED = {0xD8, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA, 0xD9, *range(0xD0, 0xD8)}
PNG_NEEDED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_NEEDED = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def metadata_left(data: bytes) -> list[str]:
    """Every segment or chunk of a JPEG, PNG or WebP file that is not needed to draw it (empty: a clean file). A
    JPEG's APP0 is allowed as JFIF only."""
    if data[:2] == b"\xff\xd8":
        return [
            f"{marker:02X}:{payload[:16]!r}"
            for marker, payload in jpeg_segments(data)
            if marker not in JPEG_NEEDED and not (marker == 0xE0 and payload.startswith(b"JFIF\0"))
        ]
    if data[:4] == b"RIFF":
        return [kind.decode() for kind, _ in webp_chunks(data) if kind not in WEBP_NEEDED]
    return [kind.decode() for kind, _ in png_chunks(data) if kind not in PNG_NEEDED]
