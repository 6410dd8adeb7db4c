"""psutil's ``wrap_numbers()`` (``psutil._common.wrap_numbers``, re-exported by
``_common``): counters that wrap around corrected from one call to the next, with the
history it keeps per caller name."""

import collections
import itertools
import operator
import threading

_NOTHING = object()


class _CounterHistory:
    """The memory of :func:`wrap_numbers`: per caller name, the previous input, the
    amount added to each counter, and which counters went backwards.

    ``last_seen[name]`` is the dict of the previous call; ``offsets[name][(key, i)]``
    the amount added to field *i* of *key* (an entry for every field compared so far);
    ``wrapped[name][key]`` the ``(key, i)`` of the fields of *key* that went back at
    least once. When a key disappears, its wrapped fields are forgotten, so a device
    that comes back starts afresh.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.last_seen = {}
        self.offsets = {}
        self.wrapped = {}
        # name -> {key: n}: offsets[name] holds (key, 0) ... (key, n - 1). Only lets
        # calls without anything new skip the per-field work.
        self.filled = {}

    def info(self):
        return (self.last_seen, self.offsets, self.wrapped)

    def forget(self, name=None):
        with self.lock:
            for table in (self.last_seen, self.offsets, self.wrapped, self.filled):
                if name is None:
                    table.clear()
                else:
                    table.pop(name, None)

    def adjust(self, counters, name, as_is=False):
        # as_is: the values are tuples of ints, given back as they are when nothing is
        # added to them (adding 0 would make an equal tuple)
        with self.lock:
            previous = self.last_seen.get(name, _NOTHING)
            if previous is _NOTHING:
                self.last_seen[name] = counters
                self.offsets[name] = collections.defaultdict(int)
                self.wrapped[name] = collections.defaultdict(set)
                self.filled[name] = {}
                return counters
            offsets = self.offsets[name]
            wrapped = self.wrapped[name]
            filled = self.filled.setdefault(name, {})
            if not wrapped and previous.keys() == counters.keys():
                # the usual call: the same keys, nothing ever wrapped; when nothing
                # went back either, every offset is 0 (checked in bulk)
                if self._nothing_to_add(counters, previous, filled):
                    if as_is:
                        out = dict(counters)
                    else:
                        out = {key: _plus_zero(values) for key, values in counters.items()}
                    self.last_seen[name] = counters
                    return out
            if wrapped and previous.keys() != counters.keys():
                # keys gone since the previous call lose their wrapped fields
                for gone in previous.keys() - counters.keys():
                    if gone in wrapped:
                        for slot in wrapped.pop(gone):
                            offsets.pop(slot, None)
                        filled.pop(gone, None)
            out = {}
            for key, values in counters.items():
                before = previous.get(key, _NOTHING)
                if before is _NOTHING:  # new key: as it is
                    out[key] = values
                    continue
                width = len(values)
                if (key not in wrapped and width <= len(before)
                        and not any(map(operator.lt, values, before))):
                    # nothing wrapped, now or before: every offset is 0
                    if filled.get(key, 0) < width:
                        for i in range(width):
                            offsets[(key, i)] += 0
                        filled[key] = width
                    out[key] = values if as_is else _plus_zero(values)
                    continue
                out[key] = self._slow(key, values, before, offsets, wrapped)
                if filled.get(key, 0) < width:
                    filled[key] = width
            self.last_seen[name] = counters
            return out

    @staticmethod
    def _nothing_to_add(counters, previous, filled):
        # every key has as many fields as before, all already in offsets (at 0), and
        # no value is smaller than the previous one
        olds = list(map(previous.__getitem__, counters))
        widths = list(map(len, counters.values()))
        return (widths == list(map(len, olds))
                and all(map(operator.ge, map(filled.get, counters, itertools.repeat(0)),
                            widths))
                and not any(map(operator.lt, itertools.chain.from_iterable(counters.values()),
                                itertools.chain.from_iterable(olds))))

    @staticmethod
    def _slow(key, values, before, offsets, wrapped):
        # field by field: a value smaller than the previous one wrapped, and the
        # previous one joins that field's offset
        adjusted = []
        for i, value in enumerate(values):
            slot = (key, i)
            last = before[i]
            if value < last:
                offsets[slot] += last
                wrapped[key].add(slot)
            adjusted.append(value + offsets[slot])
        return tuple(adjusted)


def _plus_zero(values):
    # what adding an offset of 0 to each value gives (a tuple; bools become ints)
    return tuple(map(operator.add, values, itertools.repeat(0)))


_history = _CounterHistory()


def wrap_numbers(input_dict, name):
    """Corrects counters that wrap around (restart from zero) between calls.

    *input_dict* maps keys (devices, NICs) to tuples of counters; *name* identifies the
    caller (``'psutil.disk_io_counters'``). A counter smaller than in the previous call
    with the same *name* wrapped: the previous value is added to it from then on, so
    the returned numbers never go backwards. The first call returns *input_dict*
    itself; later ones a new dict of tuples. ``wrap_numbers.cache_clear(name=None)``
    forgets one caller (or all), ``wrap_numbers.cache_info()`` gives the state.
    """
    return _history.adjust(input_dict, name)


wrap_numbers.cache_clear = _history.forget
wrap_numbers.cache_info = _history.info


def _wrap_int_tuples(rows, name):
    # wrap_numbers() for the package's own counters (tuples of ints)
    return _history.adjust(rows, name, as_is=True)
