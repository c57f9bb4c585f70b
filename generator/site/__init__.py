"""The site: the bank rendered as Markdown pages (``render.py``, ``local_pages.py``), the
assets and downloads added to them (``outputs.py``), all written as one Markdown tree with its
config (``tree.py``); the engines that turn it into HTML (``engines.py``: MkDocs, ProperDocs)
and MkDocs' thin hook (``mkdocs_hook.py``, raw HTML kept out of Markdown: ``rawhtml.py``);
our step after the engine (``postbuild.py``: the page security policy of ``csp.py``, the
search index step of ``search_index.py``, footer and abbreviation fixes); the output folder
that is replaced only when a build succeeds (``build.py``, ``outdir.py``), and many editions
in one run (``editions.py``).

The top layer: may import ``generator.content``, ``generator.edition`` and
``generator.downloads``; nothing below imports it.
"""
