"""The bank's content: YAML read strictly, validated against the JSON Schemas, cross-checked,
and returned as typed dataclasses (``model.py``); the words and views that pages and downloads
share (``views.py``, ``markup.py``); the answers files a councillor exports.

The bottom layer: imports nothing else from ``generator``.
"""
