"""PNG and JPEG logos, decoded whole and written again before they reach a site.

A file that starts like a PNG may carry anything after its header: HTML after the image's
end, script in a text chunk, a second file appended (a "polyglot" that a browser or a
server guessing types from content could treat as a page). Checking the first bytes proves
nothing, so a logo is decoded in full with Pillow (a truncated or damaged one is refused)
and the site gets a fresh file holding the pixels only: no metadata, no text chunks, no
trailing bytes. A colour profile is applied to the pixels (sRGB, as the web assumes) and
dropped; the camera's rotation is applied too. Pillow writes the same bytes from the same
pixels, so a build stays reproducible.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PIL import Image, ImageCms, ImageFile, ImageOps, JpegImagePlugin, UnidentifiedImageError

# A header logo is shown a few dozen pixels high: this is generous, and keeps a 1 MB file
# from unpacking into gigabytes of pixels (Pillow's own limit is far higher).
MAX_SIDE = 4096
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


@contextmanager
def _truncated_refused() -> Iterator[None]:
    """Pillow's own strictness for the block: WeasyPrint, once imported, tells Pillow to
    fill in what a truncated image lacks (``ImageFile.LOAD_TRUNCATED_IMAGES``), which
    would let half a logo through in a build that also makes PDFs."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _open(data: bytes, suffix: str) -> Image.Image:
    """The decoded image; raises ValueError saying what is wrong with it."""
    kind = FORMATS[suffix]
    try:
        image = Image.open(io.BytesIO(data), formats=[kind])
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"is not a readable {kind} image ({exc})") from None
    width, height = image.size
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValueError(
            f"is {width} by {height} pixels: a logo may be at most {MAX_SIDE} pixels a side"
        )
    try:
        with _truncated_refused():
            image.load()  # every pixel: a truncated or damaged file fails here
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValueError(f"is a damaged or incomplete {kind} image ({exc})") from None
    return image


def raster_problem(data: bytes, suffix: str) -> str | None:
    """Why ``data`` is not a whole, readable image of the type its ``suffix`` names, or None."""
    try:
        clean_raster(data, suffix)
    except ValueError as exc:
        return str(exc)
    return None


def _to_srgb(image: Image.Image) -> Image.Image:
    """The pixels in sRGB when the file carries a colour profile; the profile is dropped."""
    profile = image.info.get("icc_profile")
    if image.mode == "CMYK":
        # Browsers show CMYK JPEGs inconsistently: the site gets RGB.
        target_mode = "RGB"
    elif image.mode in ("RGB", "RGBA") and profile:
        target_mode = image.mode
    else:
        return image
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=target_mode
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: use the pixels as they are
    return image.convert(target_mode)


def clean_raster(data: bytes, suffix: str) -> bytes:
    """The image in ``data`` written afresh: its pixels and nothing else.

    Raises ValueError (worded to follow the logo's name) when it cannot be decoded whole.
    """
    image = _open(data, suffix)
    save: dict[str, Any] = {}
    if isinstance(image, JpegImagePlugin.JpegImageFile):
        # The file's own quantisation tables and chroma subsampling: the new file looks
        # like the old one, and is about its size.
        save["qtables"] = image.quantization
        save["subsampling"] = JpegImagePlugin.get_sampling(image)
        if save["subsampling"] == -1:
            del save["subsampling"]
    transparency = image.info.get("transparency")
    pixels = ImageOps.exif_transpose(image)
    pixels = _to_srgb(pixels)
    fresh = pixels.copy()
    fresh.info = {}  # no text, EXIF, XMP, profile or time chunks carried over
    if transparency is not None and fresh.mode == image.mode:
        save["transparency"] = transparency
    out = io.BytesIO()
    if FORMATS[suffix] == "PNG":
        fresh.save(out, "PNG", optimize=False, icc_profile=None, **save)
    else:
        fresh.save(out, "JPEG", icc_profile=None, exif=b"", **save)
    return out.getvalue()
