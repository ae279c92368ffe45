"""The command line of reestr.

The NER model's matrix products run through numpy's BLAS, which by default
starts a thread per core in every process. reestr runs one process per core
itself (ingest's workers), and a document's products are small: the threads
only wait for each other (measured: 5.4 s of CPU for an ``extract`` that takes
3.4 s with one thread). So one BLAS thread per process is the default here,
set before numpy is imported; a value already in the environment wins.
"""
import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
