"""What plain text from a content file may hold, and how to name what it may not.

Council staff paste from Word and e-mail: a manual line break (Shift+Enter) arrives as a
vertical tab, a damaged or UTF-16 file brings NULs. Each such character is named, placed
and explained, never passed on to a page, a download or a spreadsheet.
"""

from __future__ import annotations

import re

# The most a spreadsheet cell holds (Excel's limit); longer text is cut off or refused.
CELL_LIMIT = 32_767
# Bidirectional embedding, override and isolate characters: invisible, they make the text
# after them display in another order (a council's name shown reversed in every title).
BIDI = "\u202a-\u202e\u2066-\u2069"
# Characters no content file may hold: everything YAML refuses outright, the ones it would
# quietly read as line breaks (U+0085, U+2028, U+2029), and the bidirectional controls.
FORBIDDEN_IN_FILE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{BIDI}\ud800-\udfff\ufffe\uffff]"
)
# The longest council name: the longest real one is under 50 characters, and the name is
# printed in every page title and download's properties (a Word file's title holds 255).
COUNCIL_NAME_LIMIT = 100
# Characters a single line (a title, a name, a glossary expansion) may not hold.
BREAKS_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# ... and those multi-line text may not hold (line breaks and tabs are fine there).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_NAMES = {
    "\x00": "NUL",
    "\t": "tab",
    "\n": "line break",
    "\r": "carriage return",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape character",
    "\x7f": "delete character",
    "\x85": "next-line character",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting character",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}


def describe(char: str) -> str:
    """``vertical tab (U+000B)``, or ``control character U+0007`` for the rarer ones."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    return f"{name} ({code})" if name else f"control character {code}"


def with_article(char: str) -> str:
    """``a vertical tab (U+000B)``, ``an escape character (U+001B)``."""
    text = describe(char)
    return f"{'an' if text[0] in 'aeiou' else 'a'} {text}"


def hint(char: str) -> str:
    """How to get rid of ``char``, in words an editor can act on."""
    if char == "\x0b":
        return (
            "Word's manual line break (Shift+Enter) pastes as a vertical tab: replace it with "
            "a space"
        )
    if char == "\x00":
        return (
            "the file may be damaged, or saved as UTF-16: delete the character, or save the "
            "file again as UTF-8 text"
        )
    if char in "\n\r\t\x85\u2028\u2029":
        return "replace it with a space"
    if re.fullmatch(f"[{BIDI}]", char):
        return "delete it: it is invisible and makes the text after it display in another order"
    return "delete it (it was probably pasted in from another program)"


_RUN = re.compile("[\\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(value: str) -> str:
    """``value`` with every line break, tab and control character run made one space."""
    return _RUN.sub(" ", value).strip()


def council_name_problem(name: str) -> tuple[str, str] | None:
    """What is wrong with ``name`` as a council's name, and how to fix it; None if nothing.

    The one check of a council's name, made by ``qbank new-edition`` before it writes and
    by every edition's validation before anything is built.
    """
    if not name.strip():
        return "the council's name is empty", 'give it, e.g. "Exampleshire District Council"'
    if found := BREAKS_A_LINE.search(name) or FORBIDDEN_IN_FILE.search(name):
        char = found.group()
        one = BREAKS_A_LINE.match(char)
        return (
            f"the council's name holds {with_article(char)} at character {found.start() + 1}",
            f"give it on one line: {hint(char)}" if one else hint(char),
        )
    if len(name) > COUNCIL_NAME_LIMIT:
        return (
            f"the council's name is {len(name):,} characters long; the most is "
            f"{COUNCIL_NAME_LIMIT}",
            "give the name as it is printed on the council's letters, e.g. "
            '"Exampleshire District Council"',
        )
    return None
