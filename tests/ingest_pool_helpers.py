"""Worker functions for the pool tests (importable by spawned workers)."""
from __future__ import annotations

import os
import signal
import time


def init_light() -> str:
    return "state"


def init_hungry() -> str:
    bytearray(1024 * 2**20)  # more than the test's memory cap
    return "state"


def behave(state: str, task: str) -> str:
    """A task string says what the worker does with it."""
    if task.startswith("sleep"):
        time.sleep(float(task.split(":")[1].split("#")[0]))
    elif task == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    elif task == "hog":
        bytearray(1024 * 2**20)
    elif task.startswith("child:"):  # start a program, note its pid, then hang
        import subprocess

        child = subprocess.Popen(["sleep", "120"])
        with open(task.split(":", 1)[1], "w", encoding="utf-8") as handle:
            handle.write(str(child.pid))
        time.sleep(120)
    return f"{state}:{task}:{os.getpid()}"
