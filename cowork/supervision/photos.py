"""Photos of site visits: checked to be real images, stripped of metadata, stored by content, thumbnailed."""

from __future__ import annotations

import hashlib
import io
import logging
import math
import uuid
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from .. import untrusted
from ..core.facts import PHOTO_FORMATS
from ..core.identities import Supervisor
from ..errors import CoworkError, not_found
from ..models.base import utcnow
from ..models.supervision import Photo, Project, Visit
from ..service import Service
from .payloads import PhotoUpload
from .views import photo_view

FORMATS = PHOTO_FORMATS
THUMBNAIL_PX = 320
# Refuse decompression bombs long before they fill memory: 60 megapixels is well above any phone camera.
PIXEL_CEILING = 60_000_000
Image.MAX_IMAGE_PIXELS = PIXEL_CEILING
_GPS_IFD = 0x8825


def _gps_position(image: Image.Image) -> tuple[float, float] | None:
    """(lon, lat) from the EXIF GPS block, if the camera wrote one."""
    try:
        gps = image.getexif().get_ifd(_GPS_IFD)
    except Exception:  # malformed EXIF is common; a photo without a position is still a photo
        return None
    try:

        def degrees(value) -> float:
            d, m, s = (float(part) for part in value)
            return d + m / 60 + s / 3600

        lat, lon = degrees(gps[2]), degrees(gps[4])
        if gps.get(1) == "S":
            lat = -lat
        if gps.get(3) == "W":
            lon = -lon
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return round(lon, 7), round(lat, 7)


def _in_srgb(image: Image.Image) -> Image.Image:
    """The image with its colours turned from its embedded profile (a phone's Display P3, say) into sRGB, so it
    looks the same once the profile is dropped; as it is when it has none, or one that cannot be read."""
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    alpha = image.getchannel("A") if image.mode in ("RGBA", "LA", "PA") else None
    try:
        converted = ImageCms.profileToProfile(
            image.convert("RGB") if alpha is not None else image,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a damaged or unusable profile: the pixels as they are, the profile dropped below
    if converted is None:  # typing: only an in-place conversion returns None
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _pixels_only(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """The image in a plain mode (RGB, RGBA, L or an opaque palette) with an empty `info`: no comment, profile,
    EXIF, XMP, text, dpi or transparency key left for an encoder to write."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if keep_alpha and transparent:
        plain = image if image.mode == "RGBA" else image.convert("RGBA")
    elif image.mode in ("RGB", "L") or (image.mode == "P" and not transparent):
        plain = image
    else:
        plain = image.convert("RGB")
    plain = plain.copy() if plain is image else plain  # never empty the caller's info
    plain.info = {}
    return plain


def jpeg_without_metadata(data: bytes) -> bytes:
    """The JPEG with its comments and APPn segments (all but JFIF's APP0) cut out, byte for byte otherwise: the
    picture is not decoded, so nothing of it is lost. Every segment before the scan has a length; the scan is kept
    whole."""
    out, at = bytearray(data[:2]), 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:
            break
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        jfif = marker == 0xE0 and data[at + 4 : at + 9] == b"JFIF\0"
        if not (marker == 0xFE or (0xE0 <= marker <= 0xEF and not jfif)):
            out += data[at:end]
        at = end
    return bytes(out + data[at:])


class PhotoService(Service):
    """Uploads and serving of photos; the files live under the upload folder, named by their SHA-256."""

    @property
    def folder(self) -> Path:
        """Where photo files are kept."""
        return Path(self.settings.upload_dir)

    def _path(self, sha256: str, extension: str, suffix: str = "") -> Path:
        return self.folder / sha256[:2] / f"{sha256}{suffix}.{extension}"

    def upload(self, supervisor: Supervisor, request: PhotoUpload) -> tuple[dict[str, Any], bool]:
        """Store a photo of a visit; returns its view and whether it is new (a retried upload is not)."""
        visit_id, element_id, data = request.visit_id, request.element_id, request.content
        if len(data) > int(self.settings.MAX_PHOTO_BYTES):
            raise CoworkError(
                "too_large", f"A photo may be at most {int(self.settings.MAX_PHOTO_BYTES) // (1024 * 1024)} MB."
            )
        upload_sha = hashlib.sha256(data).hexdigest()
        with self.db.read() as session:
            visit = session.get(Visit, visit_id)
            if visit is None or visit.project_id != supervisor.project_id:
                raise not_found("visit")
            project = session.get_one(Project, supervisor.project_id)
            if (
                element_id
                and element_id not in {e.element_id for e in project.plan}
                and element_id not in {o.element_id for o in visit.observations}
            ):
                raise not_found("element of this project")
            existing = session.scalars(
                select(Photo).where(
                    Photo.visit_id == visit_id,
                    Photo.element_id == (element_id or ""),
                    Photo.upload_sha256 == upload_sha,
                )
            ).first()
            if existing is not None:
                return photo_view(existing), False
        # Pillow decodes a stranger's bytes: in a worker process, within the budget for untrusted work.
        meta, (stored, thumbnail) = cleaned(
            *untrusted.run(
                "cowork.supervision.photos:clean_job",
                data,
                {"max_pixels": int(self.settings.MAX_PHOTO_PIXELS)},
                untrusted.Budget.of(self.settings),
            )
        )
        stored_sha = hashlib.sha256(stored).hexdigest()
        media_type, extension = FORMATS[meta["format"]]
        self._write(self._path(stored_sha, extension), stored)
        self._write(self._path(stored_sha, "jpg", ".thumb"), thumbnail)
        photo = Photo(
            id=str(uuid.uuid4()),
            project_id=supervisor.project_id,
            visit_id=visit_id,
            element_id=element_id or "",
            upload_sha256=upload_sha,
            stored_sha256=stored_sha,
            media_type=media_type,
            width=meta["width"],
            height=meta["height"],
            size_bytes=len(stored),
            lon=meta["position"][0] if meta["position"] else None,
            lat=meta["position"][1] if meta["position"] else None,
            created_at=utcnow(),
        )
        try:
            with self.db.write() as session:
                session.add(photo)
        except IntegrityError:  # the same upload raced in through a retry: return the one that won
            with self.db.read() as session:
                winner = session.scalars(
                    select(Photo).where(
                        Photo.visit_id == visit_id,
                        Photo.element_id == (element_id or ""),
                        Photo.upload_sha256 == upload_sha,
                    )
                ).one()
                return photo_view(winner), False
        return photo_view(photo), True

    @staticmethod
    def _clean(data: bytes, max_pixels: int) -> tuple[bytes, bytes, dict[str, Any]]:
        """Check the bytes are a JPEG, PNG or WebP image within the pixel budget; return it without metadata, a
        thumbnail, and its facts."""
        try:
            with Image.open(io.BytesIO(data)) as probe:
                # The header says how big the picture is before a single pixel is decoded: a small file can
                # unpack to gigabytes (a decompression bomb), so the budget is checked here, not after load().
                if probe.width * probe.height > max_pixels:
                    raise CoworkError(
                        "too_large", f"A photo may have at most {max_pixels // 1_000_000} million pixels."
                    )
                probe.verify()  # structure check; the image must be reopened afterwards
            image = Image.open(io.BytesIO(data))
            image.load()
        except Image.DecompressionBombError:  # Pillow's own, far beyond our budget
            raise CoworkError(
                "too_large", f"A photo may have at most {max_pixels // 1_000_000} million pixels."
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise CoworkError("not_an_image", "The file is not a readable image.") from None
        if image.format not in FORMATS:
            raise CoworkError("unsupported_type", f"Photos must be JPEG, PNG or WebP, not {image.format}.")
        image_format = image.format
        position = _gps_position(image)
        upright = ImageOps.exif_transpose(image)  # keep the camera's orientation, then drop every tag
        clean = _pixels_only(_in_srgb(upright), keep_alpha=image_format != "JPEG")
        out = io.BytesIO()
        save_options: dict[str, dict[str, Any]] = {
            "JPEG": {"quality": 90, "optimize": True},
            "PNG": {"optimize": True},
            "WEBP": {"quality": 90},
        }
        # Nothing but the pixels and these options reach the encoder: Pillow would otherwise copy a comment or a
        # colour profile over from `info`, which _pixels_only emptied.
        clean.save(out, format=image_format, **save_options[image_format])
        thumb = clean.convert("RGB")
        thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        thumb_out = io.BytesIO()
        thumb.save(thumb_out, format="JPEG", quality=80)
        return (
            out.getvalue(),
            thumb_out.getvalue(),
            {"format": image_format, "width": clean.width, "height": clean.height, "position": position},
        )

    def scrub_stored(self) -> dict[str, int]:
        """Rewrite the photos earlier versions stored with metadata left in (a JPEG's comment in the photo and its
        thumbnail; a PNG's colour profile), renaming them after their new content; returns how many files were
        looked at and how many rewritten. Run once after upgrading: a clean file is left as it is."""
        with self.db.read() as session:
            stored = sorted(set(session.execute(select(Photo.stored_sha256, Photo.media_type)).tuples()))
        rewritten = 0
        for sha, media_type in stored:
            extension = next(ext for media, ext in FORMATS.values() if media == media_type)
            path, thumb_path = self._path(sha, extension), self._path(sha, "jpg", ".thumb")
            if media_type == "image/webp" or not path.exists():
                continue  # no version wrote metadata into a WebP, and encoding one again would lose detail
            data, old_thumbnail = path.read_bytes(), thumb_path.read_bytes() if thumb_path.exists() else b""
            if media_type == "image/jpeg":
                photo, thumbnail = jpeg_without_metadata(data), jpeg_without_metadata(old_thumbnail)
            else:  # a PNG is lossless: cleaned again from its pixels, its colour profile turned into sRGB
                try:
                    photo, thumbnail, _facts = self._clean(data, PIXEL_CEILING)  # accepted once: no new budget
                except CoworkError:
                    continue  # a file damaged since: left for the operator, not a reason to stop the others
            if (photo, thumbnail) == (data, old_thumbnail):
                continue
            new_sha = hashlib.sha256(photo).hexdigest()
            self._write(self._path(new_sha, extension), photo, replace=True)
            if thumbnail:
                self._write(self._path(new_sha, "jpg", ".thumb"), thumbnail, replace=True)
            with self.db.write() as session:
                session.execute(
                    update(Photo).where(Photo.stored_sha256 == sha).values(stored_sha256=new_sha, size_bytes=len(photo))
                )
            if new_sha != sha:  # no row names the old files any more
                path.unlink(missing_ok=True)
                thumb_path.unlink(missing_ok=True)
            rewritten += 1
        return {"photos": len(stored), "rewritten": rewritten}

    @staticmethod
    def _write(path: Path, data: bytes, *, replace: bool = False) -> None:
        if path.exists() and not replace:
            return  # content-addressed: the same bytes are already there
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(path.suffix + f".{uuid.uuid4().hex}.part")
        temporary.write_bytes(data)
        temporary.replace(path)

    def file_of(self, project_id: str, photo_id: str, thumbnail: bool) -> tuple[Path, str]:
        """The stored file of a photo (or its thumbnail) and its media type."""
        with self.db.read() as session:
            photo = session.get(Photo, photo_id)
            if photo is None or photo.project_id != project_id:
                raise not_found("photo")
            if thumbnail:
                return self._path(photo.stored_sha256, "jpg", ".thumb"), "image/jpeg"
            extension = next(ext for media, ext in FORMATS.values() if media == photo.media_type)
            return self._path(photo.stored_sha256, extension), photo.media_type


def clean_job(data: bytes, args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """The worker's side of an upload: the photo without metadata and its thumbnail, and its facts."""
    stored, thumbnail, meta = PhotoService._clean(data, int(args["max_pixels"]))
    return meta, [stored, thumbnail]


def cleaned(meta: dict[str, Any], blobs: list[bytes]) -> tuple[dict[str, Any], tuple[bytes, bytes]]:
    """The worker's answer to clean_job, checked before anything of it is stored (a worker taken over by a hostile
    file could answer anything): a known format, whole positive sizes, a position of two finite numbers or none,
    the photo and its thumbnail."""
    position = meta.get("position")
    sound = (
        len(blobs) == 2
        and all(blobs)
        and meta.get("format") in FORMATS
        and all(
            isinstance(meta.get(k), int) and not isinstance(meta.get(k), bool) and meta[k] > 0
            for k in ("width", "height")
        )
        and (
            position is None
            or (
                isinstance(position, list)
                and len(position) == 2
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in position)
            )
        )
    )
    if not sound:
        logging.getLogger(__name__).error(
            "the photo worker's answer is not sound: %s, %d blobs", str(meta)[:500], len(blobs)
        )
        raise CoworkError("internal", "The photo could not be read: an error of ours, logged.")
    return meta, (blobs[0], blobs[1])
