"""What a PDF would cost ``qbank extract`` to read, weighed by pypdf without drawing a page:
its pages, each page's drawing instructions (content streams and the forms they draw, a
stream shared by many pages decoded once), and its encryption. A locked, damaged or too
costly file is refused with what is wrong; a page too heavy to read is left out, with a
warning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .limits import Limits, size


def damaged(path: Path, exc: object) -> ValueError:
    return ValueError(f"{path} could not be read as a PDF ({exc}): is it damaged?")


def check_pdf(path: Path, limits: Limits) -> tuple[set[int], list[str]]:
    """Open ``path`` with pypdf and weigh it: the pages too heavy to read (0-based) and the
    warnings saying so. Raises ValueError (saying exactly what is wrong) for a locked,
    damaged or too costly file."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    broken = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError)
    try:
        reader = PdfReader(path)
        # An owner password (printing or copying restricted) opens with the empty password.
        locked = reader.is_encrypted and not reader.decrypt("")
        # The count the file declares, first: flattening a huge page tree is itself slow.
        tree: Any = None if locked else reader.root_object["/Pages"].get_object()
        declared = tree.get("/Count", 0) if tree is not None else 0
        pages = declared if isinstance(declared, int) and declared > limits.pages else 0
        pages = pages or (0 if locked else len(reader.pages))
    except DependencyError as exc:
        raise ValueError(
            f"{path} is encrypted in a way this installation cannot undo ({exc}): run "
            "`make install` again, which installs the `cryptography` package pypdf needs"
        ) from None
    except FileNotDecryptedError:
        raise ValueError(f"{path} is protected by a password: save an unprotected copy") from None
    except broken as exc:
        raise damaged(path, exc) from None
    if locked:
        raise ValueError(
            f"{path} is protected by a password that opening it needs: save an unprotected "
            "copy (in a PDF reader, print it to PDF) and extract that"
        )
    if pages > limits.pages:
        raise ValueError(
            f"{path} has {pages:,} pages; extract reads at most {limits.pages:,}. Extract the "
            "strategy alone (save its pages as a PDF of their own), or use the Word original"
        )
    heavy: set[int] = set()
    warnings: list[str] = []
    total = 0
    weights: dict[int, int] = {}  # a stream shared by pages is decoded once
    try:
        for number, page in enumerate(reader.pages):
            weight = _drawing(page.get("/Contents"), weights, 0)
            weight += _forms(page.get("/Resources"), weights, 0)
            if weight > limits.page_drawing:
                heavy.add(number)
                warnings.append(
                    f"page {number + 1} is left out: it holds {size(weight)} of drawing "
                    f"instructions (the limit is {size(limits.page_drawing)} a page), as a map "
                    "or chart may; if a quote comes from it, extract the Word original"
                )
                continue
            total += weight
            if total > limits.drawing:
                raise ValueError(
                    f"{path} is refused: its pages hold more than {size(limits.drawing)} of "
                    f"drawing instructions (by page {number + 1}), far more than a strategy's "
                    "text needs; this file may be made to exhaust the computer. Use the Word "
                    "original, or print the PDF to a new PDF and extract that"
                )
    except broken as exc:
        raise damaged(path, exc) from None
    return heavy, warnings


def _drawing(contents: Any, weights: dict[int, int], depth: int) -> int:
    """The decoded size of a page's content streams (an array of them, or one)."""
    if contents is None or depth > 4:
        return 0
    ref = getattr(contents, "idnum", None)
    if ref is not None and ref in weights:
        return weights[ref]
    obj = contents.get_object()
    if isinstance(obj, list):
        weight = sum(_drawing(item, weights, depth + 1) for item in obj)
    else:
        weight = len(obj.get_data()) if hasattr(obj, "get_data") else 0
    if ref is not None:
        weights[ref] = weight
    return weight


def _forms(resources: Any, weights: dict[int, int], depth: int) -> int:
    """The decoded size of the drawings (form XObjects) a page's resources name."""
    if resources is None or depth > 4:
        return 0
    objects = resources.get_object().get("/XObject")
    if objects is None:
        return 0
    total = 0
    for ref in objects.get_object().values():
        form = ref.get_object()
        if form.get("/Subtype") != "/Form":
            continue
        key = getattr(ref, "idnum", None)
        if key is not None and key in weights:
            total += weights[key]
            continue
        weights[key if key is not None else id(form)] = 0  # a form that draws itself
        weight = len(form.get_data()) + _forms(form.get("/Resources"), weights, depth + 1)
        if key is not None:
            weights[key] = weight
        total += weight
    return total
