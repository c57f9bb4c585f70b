"""PDF downloads: tagged (PDF/UA-1) A4 checklists and threat briefings, made with WeasyPrint.

Each document is rendered from its own print template (``templates/print/``) with its own A4
stylesheet; rendering a whole Material page gives blank pages and loses content.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from ..model import COLUMNS, Audience, Bank, Threat
from ..render import TEMPLATES, Renderer
from . import Download
from . import content as c
from .stamp import Stamp, download

STYLESHEET = TEMPLATES / "print" / "a4.css"


@cache
def _weasyprint() -> Any:
    # Imported on first use: WeasyPrint loads Pango and fonts, which a site without PDFs
    # (or a `qbank validate`) should not wait for.
    import weasyprint

    return weasyprint


def render_pdf(bank: Bank, template: str, identifier: str, **ctx: Any) -> bytes:
    """Render ``templates/print/<template>`` to a tagged A4 PDF.

    ``identifier`` (a stable name such as the download's path) becomes the PDF's file
    identifier, and the metadata dates come from the build stamp, so a rebuild of the same
    content is byte-identical.
    """
    stamp = Stamp.of(bank)
    html = (
        Renderer(bank)
        .env.get_template(f"print/{template}")
        .render(bank=bank, stamp=stamp, c=c, columns=COLUMNS, **ctx)
    )
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(TEMPLATES / "print"))
    pdf: bytes = document.write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))],
        pdf_variant="pdf/ua-1",
        pdf_identifier=f"{bank.version}/{identifier}".encode(),
    )
    return pdf


def checklist_pdf(
    bank: Bank,
    audience: Audience,
    meeting: c.Meeting,
    threats: tuple[Threat, ...] = (),
    contacts: bool = False,
    identifier: str = "",
    answers: Mapping[str, Any] | None = None,
    threat_questions: bool = False,
) -> bytes:
    """An audience's checklist; with ``threats`` and ``contacts``, a meeting pack.

    ``answers`` (``answers.Answer`` by question ID) tick questions and print their answers;
    ``threat_questions`` lists each briefing's questions, as the site's pack page does.
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
        answers=answers or {},
        threat_questions=threat_questions,
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


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """One PDF checklist per audience and one PDF briefing per threat."""
    council = bank.edition.council
    checklists = [
        download(
            f"{a.name} checklist (PDF)",
            c.audience_path(a, "pdf"),
            "PDF",
            checklist_pdf(bank, a, c.Meeting(council, a.name)),
            audience_id=a.id,
        )
        for a in bank.audiences
    ]
    briefings = [
        download(
            f"{t.name} threat briefing (PDF)",
            c.threat_path(t, "pdf"),
            "PDF",
            threat_pdf(bank, t),
            threat_id=t.id,
        )
        for t in bank.threats
    ]
    return checklists + briefings
