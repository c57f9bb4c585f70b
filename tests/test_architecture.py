"""The generator's layers: content at the bottom, then the edition layer, then downloads, then
the site. A module may import from its own folder and the folders below it, never above
(``docs/contributing/architecture.md``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.content.load import ROOT

GENERATOR = ROOT / "generator"
# Each folder and the folders it may import from (besides itself).
ALLOWED = {
    "content": set(),
    "edition": {"content"},
    "downloads": {"content"},
    "site": {"content", "edition", "downloads"},
}
# Modules at the top of the package (the command line) may import any folder.
TOP = {"cli", "__init__"}


def folder_of(module: str) -> str:
    """``content`` for ``generator.content.model``; the module's own name at the top."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(path: Path) -> list[tuple[int, str]]:
    """Every ``generator`` module ``path`` imports, absolute, with its line."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    package = package.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.startswith("generator")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
    return found


def violations(root: Path = GENERATOR) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if len(rel.parts) == 1:
            assert path.stem in TOP, f"{rel}: a module at the top of generator/ belongs in a folder"
            continue
        here = rel.parts[0]
        for line, target in imports(path):
            there = folder_of(target)
            if there and there != here and there not in ALLOWED[here]:
                out.append(f"generator/{rel}:{line}: {here} imports {target} ({there})")
    return out


def test_every_folder_is_a_layer_with_a_docstring_saying_what_it_may_import() -> None:
    folders = {p.name for p in GENERATOR.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(ALLOWED)
    for name in folders:
        doc = ast.get_docstring(ast.parse((GENERATOR / name / "__init__.py").read_text("utf-8")))
        assert doc and "import" in doc, f"generator/{name}/__init__.py must say what it may import"


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert violations() == []


def test_the_check_finds_an_import_from_a_layer_above(tmp_path: Path) -> None:
    """The check itself can fail: a content module that reaches up into the site."""
    root = tmp_path / "generator"
    for name in ALLOWED:
        (root / name).mkdir(parents=True)
        (root / name / "__init__.py").write_text('"""May import nothing."""\n')
    (root / "content" / "model.py").write_text("from ..site import render\n")
    (root / "downloads" / "pdf.py").write_text("from generator.site.render import TEMPLATES\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("tests.test_architecture.ROOT", tmp_path)
        found = violations(root)
    assert found == [
        "generator/content/model.py:1: content imports generator.site (site)",
        "generator/downloads/pdf.py:1: downloads imports generator.site.render (site)",
    ]


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_modules_stay_readable(folder: str) -> None:
    """One idea a module: the edition's parts stay under 200 lines each."""
    limit = 200 if folder == "edition" else 600
    for path in (GENERATOR / folder).glob("*.py"):
        lines = len(path.read_text("utf-8").splitlines())
        assert lines <= limit, f"generator/{folder}/{path.name} has {lines} lines (limit {limit})"


# The data walks content -> Markdown tree -> engine -> our post-build step. The hook only
# hands MkDocs what the tree says; the modules that make pages or finish HTML are not its.
HOOK = GENERATOR / "site" / "mkdocs_hook.py"
HOOK_MAY_IMPORT = {
    "generator.content.errors",
    "generator.edition",
    "generator.site.postbuild",
    "generator.site.rawhtml",
    "generator.site.tree",
}


def hook_violations(path: Path = HOOK) -> list[str]:
    return [
        f"{path.name}:{line}: {target}"
        for line, target in imports(path)
        if target not in HOOK_MAY_IMPORT
    ]


def test_the_mkdocs_hook_holds_no_generation() -> None:
    assert hook_violations() == []
    # Nor does MkDocs reach into the generator anywhere else but through the engines module.
    for path in (GENERATOR / "site").glob("*.py"):
        if path.name not in {"mkdocs_hook.py", "engines.py", "build.py", "rawhtml.py"}:
            assert "import mkdocs" not in path.read_text("utf-8"), path.name
            assert "from mkdocs" not in path.read_text("utf-8"), path.name


def test_the_hook_check_finds_generation(tmp_path: Path) -> None:
    hook = tmp_path / "generator" / "site" / "mkdocs_hook.py"
    hook.parent.mkdir(parents=True)
    hook.write_text("from generator.site.render import Renderer\nfrom generator.site import tree\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("tests.test_architecture.ROOT", tmp_path)
        assert hook_violations(hook) == [
            "mkdocs_hook.py:1: generator.site.render",
            "mkdocs_hook.py:2: generator.site",  # which module of site/ it is not said
        ]
