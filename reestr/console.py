"""The entry point of the ``reestr`` console program.

Importing the command line (click, pydantic with the record schemas, the commands)
makes tens of thousands of objects that live as long as the process. Python's cycle
collector, tripping every 700 allocations, walks them again and again while they are
being made: 80-odd collections and ~14 ms of CPU before ``reestr extract`` reaches its
first file (measured with ``gc.callbacks`` over the 65 real documents). So the collector
is off while the command line is imported, and what the import made is then frozen
(``gc.freeze``: later collections leave it out), as ``reestr.startup.loading`` does for
the pipeline. The objects frozen here are module-level ones; the few temporary cycles an
import may leave are kept, not collected.
"""
from __future__ import annotations

import gc


def run() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        from reestr.cli import run as run_command_line

        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    run_command_line()
