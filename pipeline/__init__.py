"""The pipeline package: spaCy pipeline, runner, records, evaluation.

spaCy, when something imports it, comes without its command line.
``spacy/__init__`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and
that pulls in the whole CLI (typer, weasel, httpx, requests, every
``spacy.cli`` command): about 0.3 s of CPU, a third of ``import spacy``, in
every process that extracts. A one-shot import hook, installed here, waits for
``import spacy`` (importing this package imports nothing of spaCy, so
``reestr --help`` stays quick); for the length of that import a stand-in
``spacy.cli.info`` is registered whose ``info`` imports the real one when
called. Afterwards the stand-in is gone, so a later ``import spacy.cli``
(``python -m spacy``, ``spacy.cli.download``) gets the real package with every
command. Nothing else of spaCy changes.
"""
from __future__ import annotations

import sys
import types
from contextlib import contextmanager
from importlib.machinery import PathFinder

CLI_INFO = "spacy.cli.info"


@contextmanager
def cli_info_stand_in():
    stand_in = types.ModuleType(CLI_INFO)

    def info(*args, **kwargs):
        from spacy.cli.info import info as real  # the stand-in is gone by now

        return real(*args, **kwargs)

    stand_in.info = info
    sys.modules[CLI_INFO] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(CLI_INFO) is stand_in:
            del sys.modules[CLI_INFO]


class SpacyWithoutCli:
    """A meta path finder for ``spacy`` alone: finds it where Python would and
    runs its ``__init__`` with the stand-in in place; then leaves ``sys.meta_path``."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "spacy":
            return None
        uninstall()
        spec = PathFinder.find_spec(name, path)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        exec_module = loader.exec_module

        def exec_without_cli(module) -> None:
            del loader.exec_module  # this loader is spaCy's alone; back to its own method
            with cli_info_stand_in():
                exec_module(module)

        loader.exec_module = exec_without_cli
        return spec


def uninstall() -> None:
    if SpacyWithoutCli in sys.meta_path:
        sys.meta_path.remove(SpacyWithoutCli)


if "spacy" not in sys.modules and SpacyWithoutCli not in sys.meta_path:
    sys.meta_path.insert(0, SpacyWithoutCli)
