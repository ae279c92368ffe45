"""Python's cycle collector while a command loads the pipeline.

Loading the pipeline (spaCy, pydantic's record schemas, the families' modules and
lexicons, pymorphy3's dictionary, the NER model) creates hundreds of thousands of
objects that live as long as the process; each collection on the way traverses them
all again, 0.2-0.3 s of a ``reestr extract`` run's CPU. ``loading()`` keeps the
collector off while they are made, then ``loaded()`` freezes them (``gc.freeze``: later
collections leave them out) and turns the collector back on for the documents; at the
end of the block they are unfrozen and the collector is as it was, so a process that
runs the command more than once (tests) keeps collecting its garbage.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def loading() -> Iterator[Callable[[], None]]:
    enabled = gc.isenabled()
    gc.disable()

    def loaded() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield loaded
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
