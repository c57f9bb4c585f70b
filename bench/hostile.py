"""Small files built to exhaust ``qbank extract``, as a security probe found them: a Word
package whose one part inflates a thousandfold, and a PDF whose pages all draw one shared
stream of drawing instructions. Used by the tests and by ``bench/extract.py``."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def inflating_docx(path: Path, inflated: int) -> Path:
    """A .docx whose ``word/document.xml`` inflates to about ``inflated`` bytes of
    paragraphs (about 1 MB of file for each GB)."""
    paragraph = b"<w:p><w:r><w:t>" + b"a" * 4000 + b"</w:t></w:r></w:p>"
    chunk = paragraph * (1024 * 1024 // len(paragraph))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(max(1, inflated // len(chunk))):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return path


def shared_stream_pdf(path: Path, pages: int, stream_bytes: int = 2_000_000) -> Path:
    """A PDF of ``pages`` pages that each draw one shared content stream of
    ``stream_bytes`` bytes of text instructions (2,000 pages make about 320 KB)."""
    op = b"BT /F1 9 Tf 10 10 Td (ab) Tj ET\n"
    packed = zlib.compress(op * (stream_bytes // len(op)), 9)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
