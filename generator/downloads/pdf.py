"""PDF downloads: tagged (PDF/UA-1) A4 checklists and threat briefings, made with WeasyPrint.

Each document is rendered from its own print template (``templates/print/``) with its own A4
stylesheet; rendering a whole Material page gives blank pages and loses content.

Every document in a process shares one font configuration and one parsed stylesheet:
making them afresh for each PDF cost about a quarter of its time (``make bench``), and the
bytes are the same either way (``tests/test_parallel_downloads.py``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import views as c
from ..content.markup import TEMPLATES, Abbreviator, make_env
from ..content.model import COLUMNS, Audience, Bank, Threat
from ..content.pack_meeting import PrintedAnswers
from . import Download, by_audience_and_threat
from .stamp import Stamp, download

STYLESHEET = TEMPLATES / "print" / "a4.css"


@cache
def _weasyprint() -> Any:
    # Imported on first use: WeasyPrint loads Pango and fonts, which a site without PDFs
    # (or a `qbank validate`) should not wait for.
    import weasyprint

    return weasyprint


@cache
def _fonts() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(css: str) -> Any:
    # Keyed by the stylesheet's text, so an edit under `make serve` is seen at once.
    return _weasyprint().CSS(string=css, base_url=str(STYLESHEET), font_config=_fonts())


def render_pdf(bank: Bank, template: str, identifier: str, **ctx: Any) -> bytes:
    """Render ``templates/print/<template>`` to a tagged A4 PDF.

    ``identifier`` (a stable name such as the download's path) becomes the PDF's file
    identifier, and the metadata dates come from the build stamp, so a rebuild of the same
    content is byte-identical.
    """
    stamp = Stamp.of(bank)
    html = (
        make_env(TEMPLATES, Abbreviator(bank))
        .get_template(f"print/{template}")
        .render(bank=bank, stamp=stamp, c=c, columns=COLUMNS, **ctx)
    )
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES / "print"))
    pdf: bytes = document.write_pdf(
        stylesheets=[_stylesheet(STYLESHEET.read_text("utf-8"))],
        font_config=_fonts(),
        pdf_variant="pdf/ua-1",
        pdf_identifier=f"{bank.version}/{identifier}".encode(),
        finisher=scope_table_headers,
    )
    return pdf


def scope_table_headers(document: Any, pdf: Any) -> None:
    """Give every table header cell (``/TH``) a ``/Scope``, which WeasyPrint leaves out.

    PDF/UA asks for it so that a screen reader knows which cells a header heads: a header
    in a table's head row heads its column; one in a body row heads its row. Runs as
    WeasyPrint's finisher, on the structure tree just before the file is written.
    """
    elements: dict[Any, Any] = {
        getattr(obj, "reference", None): obj
        for obj in pdf.objects
        if isinstance(obj, dict) and obj.get("Type") == "/StructElem"
    }
    for element in elements.values():
        if element.get("S") != "/TH":
            continue
        row = elements.get(element.get("P"))
        group = elements.get(row.get("P")) if row is not None else None
        in_body = group is not None and group.get("S") == "/TBody"
        element.setdefault("A", {})["Scope"] = "/Row" if in_body else "/Column"


def checklist_pdf(
    bank: Bank,
    audience: Audience,
    meeting: c.Meeting,
    threats: tuple[Threat, ...] = (),
    contacts: bool = False,
    identifier: str = "",
    printed: PrintedAnswers | None = None,
    threat_questions: bool = False,
    footer: str = "",
) -> bytes:
    """An audience's checklist; with ``threats`` and ``contacts``, a meeting pack.

    ``printed`` (from an answers file) ticks questions and prints their answers, last
    time's, and with ``ticked_only`` only the ticked questions; ``threat_questions`` lists
    each briefing's questions, as the site's pack page does; ``footer`` (a pack's council,
    body, meeting and date) is printed at the foot of every page.
    """
    return render_pdf(
        bank,
        "checklist.html.jinja",
        identifier or c.audience_path(audience, "pdf"),
        title=c.checklist_title(audience),
        subject=c.subject(audience),
        audience=audience,
        meeting=meeting,
        threats=threats,
        contacts=contacts,
        printed=printed,
        threat_questions=threat_questions,
        footer=footer,
    )


def threat_pdf(bank: Bank, threat: Threat) -> bytes:
    """One threat briefing: the four columns, resources and notes from the guidance."""
    return render_pdf(
        bank,
        "threat.html.jinja",
        c.threat_path(threat, "pdf"),
        title=f"Threat briefing: {threat.name}",
        subject=f"Serious and organised crime threat briefing for councillors: {threat.name}",
        threat=threat,
    )


def audience_downloads(bank: Bank, audience: Audience) -> list[tuple[Download, bytes]]:
    """One audience's PDF checklist: a part the registry makes and caches on its own."""
    meeting = c.Meeting(bank.edition.council, audience.name)
    return [
        download(
            f"{audience.name} checklist (PDF)",
            c.audience_path(audience, "pdf"),
            "PDF",
            lambda: checklist_pdf(bank, audience, meeting),
            audience_id=audience.id,
        )
    ]


def threat_downloads(bank: Bank, threat: Threat) -> list[tuple[Download, bytes]]:
    """One threat's PDF briefing: a part the registry makes and caches on its own."""
    return [
        download(
            f"{threat.name} threat briefing (PDF)",
            c.threat_path(threat, "pdf"),
            "PDF",
            lambda: threat_pdf(bank, threat),
            threat_id=threat.id,
        )
    ]


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """One PDF checklist per audience and one PDF briefing per threat."""
    return by_audience_and_threat(bank, audience_downloads, threat_downloads)
