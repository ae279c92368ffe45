"""Python's cycle collector while a command loads the pipeline, and the end of a
one-shot command's process.

Loading the pipeline (spaCy, pydantic's record schemas, the families' modules and
lexicons, pymorphy3's dictionary, the NER model) creates hundreds of thousands of
objects that live as long as the process; each collection on the way traverses them
all again, 0.2-0.3 s of a ``reestr extract`` run's CPU. ``loading()`` keeps the
collector off while they are made, then ``loaded()`` freezes them (``gc.freeze``: later
collections leave them out) and turns the collector back on for the documents; at the
end of the block they are unfrozen and the collector is as it was, so a process that
runs the command more than once (tests) keeps collecting its garbage. For the documents
the youngest generation is collected every ``DOCUMENT_GC_THRESHOLD`` allocations instead
of Python's 700: a document's work makes tens of thousands of short-lived objects, and
the collections that trip every 700 of them each walk the caches the families keep
(measured over the 65 real documents: 288 collections, 0.06 s, against 89 and 0.027 s).

A one-shot command such as ``reestr extract`` ends with everything it wrote closed; what
Python's own interpreter teardown does after that is free, one by one, the objects the
pipeline loaded (pymorphy3's dictionary, the NER model, spaCy's vocabulary, the families'
caches): 0.2-0.25 s of CPU of a 65-document run, about a tenth of it, for nothing the
user can see. Such a command calls ``end_without_teardown()`` once its work is done and its
outputs are closed; the console program (``reestr.console.run``, then ``reestr.cli.run``)
flushes the standard streams and logging and ends the process with ``os._exit``. Inside another program (tests
calling ``main`` through click's runner) the request is never read, so nothing changes
there.
"""
from __future__ import annotations

import gc
import logging
import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

DOCUMENT_GC_THRESHOLD = 20_000


@contextmanager
def loading() -> Iterator[Callable[[], None]]:
    enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.disable()

    def loaded() -> None:
        gc.freeze()
        gc.set_threshold(max(DOCUMENT_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
        if enabled:
            gc.enable()

    try:
        yield loaded
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()


_TEARDOWN = {"skip": False}


def end_without_teardown() -> None:
    """Ask the console program to end this process without Python's teardown: to be
    called only when every file the command writes is complete and closed."""
    _TEARDOWN["skip"] = True


def exit_now(code: int) -> None:
    """End the process with ``code``: flush the standard streams and logging, then
    ``os._exit`` if the command asked for it; otherwise an ordinary ``sys.exit``."""
    if not _TEARDOWN["skip"]:
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (reestr extract ... | head) or stream
            code = code or 1
    os._exit(code)
