"""A council's local edition, layered over the national bank without changing it.

An edition folder holds ``edition.yml`` and the files it names (logo, the council's own
documents as text). The layer yields the same :class:`Bank` the renderer knows: bodies
carry their local names, local questions sit among the national ones marked ``local``,
left-out bodies are gone, threats follow the local priorities, and edition notes join the
editorial notes. Templates and exporters then ask the data ("is this question local?"),
never "is there an edition?". The national files are read as they are, never written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import model as m
from .edition_files import check_logo, contrast, inside, url_problem
from .errors import ContentError, Problem, display_path
from .schemas import check
from .yamlsafe import Document, read_yaml

WHITE = "#ffffff"
AA_RATIO = 4.5
# The pages an edition adds, for notes' ``page:`` references.
LOCAL_PAGES = {"strategy": "local/strategy", "action_plan": "local/action-plan"}


def fold(text: str) -> str:
    """Text as compared with a source: emphasis marks dropped, quotes and spaces evened."""
    text = text.replace("*", "").replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def apply_edition(bank: m.Bank, folder: Path, root: Path | None = None) -> m.Bank:
    """Return ``bank`` with the edition in ``folder`` on top; raise ContentError on bad input."""
    path = folder / "edition.yml"
    shown = display_path(path, Path.cwd())
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "edition folder has no edition.yml",
                    "create edition.yml with at least 'council:'",
                )
            ]
        )
    doc, problems = read_yaml(path, shown)
    if doc is not None and not problems:
        problems = check(doc, "edition")
    if problems or doc is None:
        raise ContentError(problems)
    layer = _Layer(bank, doc, folder, root)
    new = layer.build()
    if layer.problems:
        raise ContentError(layer.problems)
    return new


def _hint_choice(value: str, choices: list[str], kind: str) -> str:
    guess = difflib.get_close_matches(value, choices, n=1)
    return f"did you mean '{guess[0]}'?" if guess else f"{kind}: {', '.join(choices)}"


class _Layer:
    """Checks one edition against the bank, collecting every problem, and builds the result."""

    def __init__(self, bank: m.Bank, doc: Document, folder: Path, root: Path | None) -> None:
        self.bank, self.doc, self.folder, self.root = bank, doc, folder, root
        self.d: dict[str, Any] = doc.data
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}  # edition source id -> folded text

    def problem(self, where: tuple[str | int, ...], message: str, hint: str = "") -> None:
        self.problems.append(self.doc.problem(where, message, hint))

    # Identity ---------------------------------------------------------------------------

    def identity(self) -> dict[str, Any]:
        d = self.d
        logo = ""
        if "logo" in d:
            path, problem = check_logo(self.folder, d["logo"])
            if problem:
                self.problem(("logo",), problem, "give the image's path relative to edition.yml")
            logo = str(path) if path else ""
        for key in ("site_url", "national_site"):
            if key in d and (problem := url_problem(d[key])):
                self.problem(
                    (key,),
                    f"'{key}' {problem}",
                    "write the full address, e.g. https://www.council.gov.uk/soc-questions/",
                )
        colour = d.get("brand_colour", "").lower()
        if colour and (ratio := contrast(WHITE, colour)) < AA_RATIO:
            self.problem(
                ("brand_colour",),
                f"brand colour {colour} gives white header text a contrast ratio of "
                f"{ratio:.2f}:1, below the {AA_RATIO}:1 that WCAG AA needs",
                "choose a darker shade of the colour",
            )
        for i, c in enumerate(d.get("contacts", ())):
            self._contact(("contacts", i), c)
        return {"logo": logo, "brand_colour": colour}

    def _contact(self, where: tuple[str | int, ...], c: dict[str, Any]) -> m.Contact:
        if "url" in c and (problem := url_problem(c["url"])):
            self.problem((*where, "url"), f"'url' {problem}", "write the full https:// address")
        return m.Contact(
            c["role"], c.get("name", ""), c.get("email", ""), c.get("phone", ""), c.get("url", "")
        )

    # Sources and quotes -----------------------------------------------------------------

    def sources(self) -> tuple[m.Source, ...]:
        national = {s.id for s in self.bank.sources}
        out = []
        for i, s in enumerate(self.d.get("sources", ())):
            where: tuple[str | int, ...] = ("sources", i)
            if s["id"] in national or s["id"] in self.texts:
                self.problem(
                    (*where, "id"),
                    f"source id '{s['id']}' is already used",
                    "give the council's document its own id, e.g. 'local-strategy'",
                )
                continue
            path, problem = inside(self.folder, s["file"], "source file")
            text = ""
            if path is None:
                self.problem((*where, "file"), str(problem), "put a plain-text copy beside it")
            else:
                try:
                    text = path.read_text("utf-8")
                except (UnicodeDecodeError, OSError):
                    self.problem(
                        (*where, "file"), "source file is not UTF-8 text", "save it as UTF-8"
                    )
            self.texts[s["id"]] = fold(text)
            out.append(
                m.Source(s["id"], s["title"], s["publisher"], s["date"], Path(s["file"]).name)
            )
        return tuple(out)

    def quoted(self, where: tuple[str | int, ...], document: str, words: str) -> bool:
        """Whether ``words`` occur in the source ``document``; a problem is recorded if not."""
        if document not in self.texts:
            self.problem(
                where,
                f"unknown source document '{document}'",
                _hint_choice(document, sorted(self.texts), "sources in this edition")
                if self.texts
                else "list the document under 'sources:' first",
            )
            return False
        if fold(words) not in self.texts[document]:
            self.problem(
                where,
                f"not found word for word in source '{document}': {words[:60]!r}",
                "copy the words exactly from the source's text file",
            )
            return False
        return True

    def ref(self, where: tuple[str | int, ...], s: dict[str, Any]) -> m.SourceRef:
        self.quoted((*where, "quote"), s["document"], s["quote"])
        return m.SourceRef(s["document"], s["section"], "", fold(s["quote"]))

    # Bodies and questions -----------------------------------------------------------------

    def audiences(self) -> tuple[tuple[m.Audience, ...], tuple[m.LeftOut, ...]]:
        bodies: dict[str, Any] = self.d.get("bodies", {})
        known = [a.id for a in self.bank.audiences]
        for key in bodies:
            if key not in known:
                self.problem(
                    ("bodies", key),
                    f"unknown body '{key}'",
                    _hint_choice(key, known, "bodies in the national bank"),
                )
        local = self.local_questions(bodies)
        audiences, left = [], []
        for a in self.bank.audiences:
            body = bodies.get(a.id, {})
            if "source" in body:
                self.ref(("bodies", a.id, "source"), body["source"])
            if "leave_out" in body:
                left.append(m.LeftOut(a.id, a.name, body["leave_out"]["asked_at"], a.slug))
                continue
            contacts = tuple(
                self._contact(("bodies", a.id, "contacts", i), c)
                for i, c in enumerate(body.get("contacts", ()))
            )
            name = body.get("name", a.name)
            audiences.append(
                replace(
                    a,
                    name=name,
                    national_name=a.name if name != a.name else "",
                    local_contacts=contacts,
                    questions=a.questions + tuple(local.get(a.id, ())),
                )
            )
        return tuple(audiences), tuple(left)

    def local_questions(self, bodies: dict[str, Any]) -> dict[str, list[m.Question]]:
        national = {q.id for q in self.bank.questions}
        known = [a.id for a in self.bank.audiences]
        threats = [t.id for t in self.bank.threats]
        themes = [t.id for t in self.bank.themes]
        seen: set[str] = set()
        out: dict[str, list[m.Question]] = {}
        for i, q in enumerate(self.d.get("local_questions", ())):
            where: tuple[str | int, ...] = ("local_questions", i)
            qid = q["id"]
            if qid in national or qid in seen:
                self.problem(
                    (*where, "id"),
                    f"local question ID '{qid}' collides with "
                    + ("a national question" if qid in national else "another local question"),
                    "give each local question its own ID, e.g. L-CSP-01, L-CSP-02",
                )
            seen.add(qid)
            body = q["body"]
            if body not in known:
                self.problem(
                    (*where, "body"),
                    f"unknown body '{body}' for local question {qid}",
                    _hint_choice(body, known, "bodies in the national bank"),
                )
                continue
            if "leave_out" in bodies.get(body, {}):
                self.problem(
                    (*where, "body"),
                    f"local question {qid} is for '{body}', which this edition leaves out",
                    "put it on a body the edition keeps, or keep the body",
                )
            for key, vocab in (("threats", threats), ("themes", themes)):
                for j, value in enumerate(q[key]):
                    if value not in vocab:
                        self.problem(
                            (*where, key, j),
                            f"unknown {key[:-1]} '{value}' in local question {qid}",
                            _hint_choice(value, vocab, f"{key} in the bank"),
                        )
            out.setdefault(body, []).append(
                m.Question(
                    id=qid,
                    audience_id=body,
                    text=q["text"],
                    items=tuple(q.get("items", ())),
                    threats=tuple(q["threats"]),
                    strands=tuple(s for s in m.STRAND_ORDER if s in q["strands"]),
                    themes=tuple(q["themes"]),
                    corrections=(),
                    source=self.ref((*where, "source"), q["source"]),
                    local=True,
                    expectation=q["expectation"],
                )
            )
        return out

    # Strategy, plan, priorities, notes ------------------------------------------------------

    def strategy(self) -> m.Strategy | None:
        s = self.d.get("strategy")
        if s is None:
            return None
        doc = s["source"]
        here: tuple[str | int, ...] = ("strategy",)

        def passage(key: str) -> m.Passage | None:
            if key not in s:
                return None
            self.quoted((*here, key, "text"), doc, s[key]["text"])
            return m.Passage(s[key]["section"], fold(s[key]["text"]))

        def listing(key: str) -> m.Listing | None:
            if key not in s:
                return None
            for i, item in enumerate(s[key]["items"]):
                self.quoted((*here, key, "items", i), doc, item)
            return m.Listing(s[key]["section"], tuple(fold(x) for x in s[key]["items"]))

        review = None
        if "review" in s:
            r = s["review"]
            self.quoted((*here, "review", "text"), doc, r["text"])
            review = m.Review(r["section"], fold(r["text"]), r["adopted"], r["years"])
        aim, actions, line = passage("aim"), listing("council_actions"), passage("reporting_line")
        assert aim and actions and line  # required by the schema
        return m.Strategy(
            source=doc,
            aim=aim,
            council_actions=actions,
            reporting_line=line,
            member_actions=listing("member_actions"),
            single_point_of_contact=passage("single_point_of_contact"),
            further_information=passage("further_information"),
            review=review,
        )

    def action_plan(self, strategy: m.Strategy | None) -> tuple[m.PlanRow, ...]:
        rows = []
        for i, r in enumerate(self.d.get("action_plan", ())):
            if strategy is not None:  # a plan drawn from the strategy is checked against it
                for key in ("recommendation", "milestone", "ownership", "review", "status"):
                    if key in r:
                        self.quoted(("action_plan", i, key), strategy.source, r[key])
            cells = {k: fold(v) for k, v in r.items() if k != "strand"}
            rows.append(m.PlanRow(strand=r["strand"], **cells))
        order = {s: i for i, s in enumerate(m.STRAND_ORDER)}
        return tuple(sorted(rows, key=lambda row: order[row.strand]))

    def threats(self, strategy: m.Strategy | None) -> tuple[m.Threat, ...]:
        known = [t.id for t in self.bank.threats]
        ranked: dict[str, tuple[int, str]] = {}
        for i, p in enumerate(self.d.get("priorities", ())):
            where: tuple[str | int, ...] = ("priorities", i)
            if p["threat"] not in known:
                self.problem(
                    (*where, "threat"),
                    f"unknown threat '{p['threat']}'",
                    _hint_choice(p["threat"], known, "threats in the bank"),
                )
                continue
            if p["threat"] in ranked:
                self.problem((*where, "threat"), f"threat '{p['threat']}' is ranked twice")
            if strategy is not None:
                self.quoted((*where, "reason"), strategy.source, p["reason"])
            ranked.setdefault(p["threat"], (len(ranked) + 1, fold(p["reason"])))
        threats = [
            replace(t, priority_rank=ranked[t.id][0], priority_reason=ranked[t.id][1])
            if t.id in ranked
            else t
            for t in self.bank.threats
        ]
        # Ranked threats first, in the edition's order; the rest keep the national order.
        return tuple(sorted(threats, key=lambda t: t.priority_rank or len(known) + 1))

    def notes(self, bank: m.Bank, pages: set[str]) -> tuple[m.EditorialNote, ...]:
        refs = {f"audience:{a.id}" for a in bank.audiences}
        refs |= {f"question:{q.id}" for q in bank.questions}
        refs |= {f"threat:{t.id}" for t in bank.threats}
        refs |= {f"page:{p}" for p in pages}
        ids = {n.id for n in self.bank.notes}
        out = []
        for i, n in enumerate(self.d.get("notes", ())):
            if n["id"] in ids:
                self.problem(
                    ("notes", i, "id"), f"note id '{n['id']}' is already used", "rename it"
                )
            ids.add(n["id"])
            if n.get("checked", n["date"]) < n["date"]:  # as for national notes (crosscheck)
                self.problem(
                    ("notes", i, "checked"),
                    f"note '{n['id']}' was checked ({n['checked']}) before it was written "
                    f"({n['date']})",
                    "set checked to the day you last confirmed the note against its sources",
                )
            for j, ref in enumerate(n["applies_to"]):
                if ref not in refs:
                    self.problem(
                        ("notes", i, "applies_to", j),
                        f"note '{n['id']}' applies to '{ref}', which this edition does not have",
                        _hint_choice(ref, sorted(refs), "for example"),
                    )
            sources = tuple(
                m.NoteSource(s["title"], s["publisher"], s["date"], s["url"])
                for s in n.get("sources", ())
            )
            out.append(
                m.EditorialNote(
                    n["id"],
                    n["date"],
                    n["title"],
                    n["text"],
                    tuple(n["applies_to"]),
                    n.get("checked", ""),
                    n.get("status", ""),
                    n.get("topic", ""),
                    sources,
                    edition_note=True,
                )
            )
        return tuple(out)

    def _pages(self, edition: m.Edition) -> set[str]:
        pages = set(m.GENERATED_PAGES)
        if self.root is not None:
            docs = self.root / "docs"
            pages |= {p.relative_to(docs).with_suffix("").as_posix() for p in docs.rglob("*.md")}
        if edition.strategy:
            pages.add(LOCAL_PAGES["strategy"])
        if edition.action_plan:
            pages.add(LOCAL_PAGES["action_plan"])
        return pages

    def accessibility(self) -> m.Accessibility | None:
        a = self.d.get("accessibility")
        if a is None:
            return None
        contact = self._contact(("accessibility", "contact"), a["contact"])
        return m.Accessibility(contact, a.get("enforcement", ""), a.get("tested", ""))

    # The whole layer --------------------------------------------------------------------

    def build(self) -> m.Bank:
        d = self.d
        ident = self.identity()
        sources = self.sources()
        audiences, left = self.audiences()
        strategy = self.strategy()
        edition = m.Edition(
            council=d["council"],
            logo=ident["logo"],
            site_url=d.get("site_url", ""),
            contacts=tuple(m.Contact(**c) for c in d.get("contacts", ())),
            brand_colour=ident["brand_colour"],
            national_site=d.get("national_site", ""),
            left_out=left,
            strategy=strategy,
            action_plan=self.action_plan(strategy),
            accessibility=self.accessibility(),
            local_sources=tuple(s.id for s in sources),
        )
        bank = replace(
            self.bank,
            sources=self.bank.sources + sources,
            audiences=audiences,
            threats=self.threats(strategy),
            edition=edition,
        )
        bank = _without_left_out_questions(bank)
        return replace(bank, notes=bank.notes + self.notes(bank, self._pages(edition)))


def _without_left_out_questions(bank: m.Bank) -> m.Bank:
    """The bank's links (search words, guidance pages, what editorial notes are shown with)
    without the bodies the edition leaves out and their questions: a link to a checklist
    that is not there would be dead."""
    present = {q.id for q in bank.questions}
    bodies = {a.id for a in bank.audiences}

    def kept(ref: str) -> bool:
        kind, _, value = ref.partition(":")
        if kind == "audience":
            return value in bodies
        return kind != "question" or value in present

    words = tuple(replace(w, see=tuple(r for r in w.see if kept(r))) for w in bank.words)
    guidance = tuple(
        replace(g, questions=tuple(q for q in g.questions if q in present)) for g in bank.guidance
    )
    notes = tuple(
        replace(n, applies_to=tuple(r for r in n.applies_to if kept(r))) for n in bank.notes
    )
    return replace(bank, words=words, guidance=guidance, notes=notes)
