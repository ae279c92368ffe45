"""Pure extractors, one module per field family.

Each family module exposes ``NAME``, ``find(doc) -> list[Mention]`` and
``build(doc, mentions) -> records``. They import ``schemas`` and third-party
libraries only, never the pipeline runner, the CLI, the database or the web app.
"""
