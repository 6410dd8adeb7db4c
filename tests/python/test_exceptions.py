"""The exception classes behave as psutil's: hierarchy, attributes, text, pickling."""

import pickle

import pytest


CASES = [
    ("NoSuchProcess", (321,), {}),
    ("NoSuchProcess", (0, "foo", "bye"), {}),
    ("ZombieProcess", (321, "name", 1), {}),
    ("AccessDenied", (321,), {}),
    ("AccessDenied", (), {}),
    ("AccessDenied", (5, "x", "nope"), {}),
    ("TimeoutExpired", (5,), {}),
    ("TimeoutExpired", (5, 3, "sleep"), {}),
]


@pytest.mark.parametrize("cls,args,kwargs", CASES)
def test_same_text_and_pickle(ours, ref, cls, args, kwargs):
    a = getattr(ours, cls)(*args, **kwargs)
    b = getattr(ref, cls)(*args, **kwargs)
    assert str(a) == str(b)
    assert repr(a) == repr(b)
    for attr in ("pid", "name", "msg", "ppid", "seconds"):
        assert getattr(a, attr, None) == getattr(b, attr, None), attr
    c = pickle.loads(pickle.dumps(a))
    assert type(c) is type(a) and str(c) == str(a)


def test_hierarchy(ours):
    assert issubclass(ours.ZombieProcess, ours.NoSuchProcess)
    for name in ("NoSuchProcess", "AccessDenied", "TimeoutExpired"):
        assert issubclass(getattr(ours, name), ours.Error)
    assert str(ours.Error()) == ""
    assert repr(ours.Error()) == "psutil.Error()"


def test_bytes2human_matches_psutil(ours, ref):
    from psutil._common import bytes2human as theirs

    from psutil_rs._common import bytes2human

    for n in (0, 1, 1023, 1024, 10000, 100001221, 2**40, -5000):
        assert bytes2human(n) == theirs(n)
