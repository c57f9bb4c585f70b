"""The site: the bank rendered as Markdown pages (``render.py``, ``local_pages.py``), the
assets and downloads added to them (``outputs.py``), and the MkDocs build around them: the
thin hook (``mkdocs_hook.py``), the output folder that is replaced only when a build succeeds
(``build.py``, ``outdir.py``), the page security policy (``csp.py``), raw HTML kept out of
Markdown (``rawhtml.py``), the search index step (``search_index.py``), and many editions in
one run (``editions.py``).

The top layer: may import ``generator.content``, ``generator.edition`` and
``generator.downloads``; nothing below imports it.
"""
