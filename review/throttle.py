"""Login throttling in bounded memory: per key (a client address or an
account name), the first ``free`` failures cost nothing, then each attempt
must wait ``base`` seconds after the last failure, doubling up to ``cap``.
Nothing is ever locked for longer than ``cap`` seconds; keys are forgotten
``window`` seconds after their last failure, and the least recently failed
key goes first when there are more than ``max_keys``.

Only the event loop touches a Throttle (no lock needed)."""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import Callable


class Throttle:
    def __init__(self, free: int, base: float, cap: float, window: float = 900.0,
                 max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.base, self.cap, self.window = free, base, cap, window
        self.max_keys, self.clock = max_keys, clock
        self.entries: OrderedDict[str, tuple[int, float]] = OrderedDict()  # key -> (failures, last)

    def __len__(self) -> int:
        return len(self.entries)

    def delay(self, failures: int) -> float:
        if failures <= self.free:
            return 0.0
        return min(self.base * 2 ** min(failures - self.free - 1, 30), self.cap)

    def wait(self, key: str) -> float:
        """Seconds before ``key`` may try again (0.0: now)."""
        entry = self.entries.get(key)
        if entry is None:
            return 0.0
        failures, last = entry
        now = self.clock()
        if now - last >= self.window:
            del self.entries[key]
            return 0.0
        return max(0.0, last + self.delay(failures) - now)

    def failed(self, key: str) -> None:
        now = self.clock()
        failures, _last = self.entries.pop(key, (0, now))
        self.entries[key] = (failures + 1, now)
        while self.entries:
            oldest_key, (_f, oldest) = next(iter(self.entries.items()))
            if len(self.entries) <= self.max_keys and now - oldest < self.window:
                break
            del self.entries[oldest_key]

    def forgive(self, key: str) -> None:
        """Undo one failure counted in advance for an attempt that succeeded."""
        entry = self.entries.get(key)
        if entry is not None:
            if entry[0] <= 1:
                del self.entries[key]
            else:
                self.entries[key] = (entry[0] - 1, entry[1])

    def succeeded(self, key: str) -> None:
        self.entries.pop(key, None)
