"""The pipeline package: spaCy pipeline, runner, records, evaluation.

Importing it first imports spaCy without its command line. ``spacy/__init__``
imports ``spacy.cli.info`` only to offer ``spacy.info``, and that pulls in the
whole CLI (typer, weasel, httpx, requests, every ``spacy.cli`` command): about
0.3 s of CPU, a third of ``import spacy``, in every ``reestr`` process. For the
length of that one import a stand-in ``spacy.cli.info`` is registered whose
``info`` imports the real one when called; afterwards it is removed, so a later
``import spacy.cli`` (``python -m spacy``, ``spacy.cli.download``) gets the
real package with every command. Nothing else of spaCy changes.
"""
from __future__ import annotations

import sys
import types


def import_spacy_without_cli() -> None:
    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real  # the stand-in is gone by now

        return real(*args, **kwargs)

    stand_in.info = info
    sys.modules["spacy.cli.info"] = stand_in
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("spacy.cli.info") is stand_in:
            del sys.modules["spacy.cli.info"]


import_spacy_without_cli()
