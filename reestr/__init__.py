"""The command line of reestr.

The NER model's matrix products run through numpy's BLAS, which by default
starts a thread per core in every process. reestr runs one process per core
itself (ingest's workers), and a document's products are small: the threads
only wait for each other (measured: 5.4 s of CPU for an ``extract`` that takes
3.4 s with one thread). So one BLAS thread per process is the default here,
set before numpy is imported; a value already in the environment wins.

pydantic looks for plugins in the entry points of every installed package when
it builds its first model; reestr's record schemas use none, and the search costs
0.02-0.04 s of CPU in every process (paired runs of ``reestr extract`` on the 65
real documents). So plugins are off by default too: ``PYDANTIC_DISABLE_PLUGINS``
set to anything else, even empty, keeps pydantic's own behaviour.
"""
import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
