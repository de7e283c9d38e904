"""The shared cache, with each worker keeping the values it read last in its own memory.

For values whose key names their content (a plan's stamp, a digest of the code): such a value
never goes stale, so a worker may keep it as the object it is. A hit then costs a dictionary
lookup instead of reading a file and unpickling (a plan's evaluation, with its targets, took
~25 ms to unpickle). Callers must treat what they get as read-only: it is shared by the
requests of the worker's threads."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")

# a plan needs ~10 (its evaluation, overview, dashboard and program pages): 34 provinces and more
MAX_ENTRIES = 512
_MISSING = object()
_lock = threading.Lock()
_local: OrderedDict[str, tuple[float, Any]] = OrderedDict()


def memo_get_or_build(*, key: str, build: Callable[[], tuple[T, bool]], timeout: int) -> T:
    """The value under `key`: from this worker's memory, else from the shared cache, else
    made by `build()`, which says too whether to keep it (in both; `timeout` in seconds)."""
    now = time.monotonic()
    with _lock:
        found = _local.get(key)
        if found is not None and found[0] > now:
            _local.move_to_end(key)
            return found[1]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value, keep = build()
        if not keep:
            return value
        cache.set(key, value, timeout=timeout)
    with _lock:
        _local[key] = (now + timeout, value)
        _local.move_to_end(key)
        while len(_local) > MAX_ENTRIES:
            _local.popitem(last=False)
    return value


def memo_clear() -> None:
    """Forget what this worker kept (the shared cache is left as it is)."""
    with _lock:
        _local.clear()
