"""net_connections(), pids() and pid_exists() against psutil 7.2.2.

- live: sockets this test opens (TCP listener, connected TCP pair, UDP, Unix) must be
  reported identically by both libraries; the machine's whole socket set must match too
  (other processes open and close sockets, so that comparison retries a few times);
- fixture: both read the same /proc/net tree through PROCFS_PATH (the captured
  debian12-6.18 tree, which has no /proc/<pid>/fd, so every pid is None and fd -1);
- arguments: bad kinds and odd pids raise what psutil raises, with its message.
"""

import contextlib
import os
import pathlib
import socket
import subprocess
import sys
import threading

import pytest

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "linux"
KINDS = ["inet", "inet4", "inet6", "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "unix",
         "all"]
RETRIES = 5  # whole-machine socket sets move: attempts before a mismatch counts


@contextlib.contextmanager
def procfs(ours, ref, path):
    old = ours.PROCFS_PATH, ref.PROCFS_PATH
    ours.PROCFS_PATH = ref.PROCFS_PATH = str(path)
    try:
        yield
    finally:
        ours.PROCFS_PATH, ref.PROCFS_PATH = old


def key(c):
    """A sortable identity for a connection, with the types of its parts."""
    return tuple((type(x).__name__, repr(x)) for x in c)


def typed_set(conns):
    return sorted(key(c) for c in conns)


@pytest.fixture(scope="module")
def my_sockets(tmp_path_factory):
    """Sockets of every kind held by this process during the module."""
    socks = []
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    cli = socket.create_connection(lst.getsockname())
    srv, _ = lst.accept()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    socks += [lst, cli, srv, udp]
    if socket.has_ipv6:
        with contextlib.suppress(OSError):
            u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            u6.bind(("::1", 0))
            socks.append(u6)
            t6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            t6.bind(("::", 0))
            t6.listen()
            socks.append(t6)
    path = str(tmp_path_factory.mktemp("sock") / "s")
    un = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    un.bind(path)
    un.listen()
    a, b = socket.socketpair()
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    abstract.bind(b"\0psutil-rs-test-%d" % os.getpid())
    socks += [un, a, b, abstract]
    yield socks
    for s in socks:
        s.close()


def mine(conns):
    return [c for c in conns if c.pid == os.getpid()]


@pytest.mark.parametrize("kind", KINDS)
def test_own_sockets_match_psutil(ours, ref, my_sockets, kind):
    got, want = mine(ours.net_connections(kind)), mine(ref.net_connections(kind))
    assert got, kind
    assert typed_set(got) == typed_set(want)
    assert len(got) == len(set(got))


def test_own_sockets_shape(ours, my_sockets):
    conns = mine(ours.net_connections("all"))
    fds = {s.fileno() for s in my_sockets}
    assert {c.fd for c in conns} == fds
    for c in conns:
        assert type(c).__name__ == "sconn"
        assert isinstance(c.family, socket.AddressFamily)
        assert isinstance(c.type, socket.SocketKind)
        if c.family == socket.AF_UNIX:
            assert isinstance(c.laddr, str) and c.raddr == ""
            assert c.status == ours.CONN_NONE
        else:
            assert type(c.laddr).__name__ == "addr"
            assert c.raddr == () or type(c.raddr).__name__ == "addr"
    lst = my_sockets[0]
    (c,) = [c for c in conns if c.fd == lst.fileno()]
    assert c.laddr == lst.getsockname() and c.raddr == ()
    assert c.status == ours.CONN_LISTEN == "LISTEN"
    cli = my_sockets[1]
    (c,) = [c for c in conns if c.fd == cli.fileno()]
    assert c.raddr == lst.getsockname() and c.status == ours.CONN_ESTABLISHED
    assert any(c.laddr == "@psutil-rs-test-%d" % os.getpid() for c in conns)


@pytest.mark.parametrize("kind", ["all", "inet"])
def test_whole_machine_matches_psutil(ours, ref, my_sockets, kind):
    for _ in range(RETRIES):
        a = typed_set(ours.net_connections(kind))
        b = typed_set(ref.net_connections(kind))
        if a == b:
            return
    assert a == b


@pytest.mark.parametrize("kind", KINDS)
def test_fixture_procfs_matches_psutil(ours, ref, kind):
    with procfs(ours, ref, FIXTURES / "debian12-6.18" / "proc"):
        got, want = ours.net_connections(kind), ref.net_connections(kind)
    assert typed_set(got) == typed_set(want)
    assert all(c.pid is None and c.fd == -1 for c in got)


@pytest.mark.parametrize("kind", ["x", "INET", 1, None, b"inet", [], "inet "])
def test_bad_kind(ours, ref, kind):
    with pytest.raises(ValueError) as a:
        ours.net_connections(kind)
    with pytest.raises(ValueError) as b:
        ref.net_connections(kind)
    assert str(a.value) == str(b.value)


# --- pids / pid_exists ---


def test_pids_match_psutil(ours, ref):
    for _ in range(RETRIES):
        a, b = ours.pids(), ref.pids()
        if a == b:
            break
    assert a == b
    assert a == sorted(a) and os.getpid() in a and all(type(p) is int for p in a)


def test_pids_on_fixture(ours, ref, tmp_path):
    for name in ["1", "42", "7", "self", "12a", "thread-self", "0042x", "100000"]:
        (tmp_path / name).mkdir()
    with procfs(ours, ref, tmp_path):
        assert ours.pids() == ref.pids() == [1, 7, 42, 100000]


def dead_pid():
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def thread_id():
    ids, done = [], threading.Event()

    def run():
        ids.append(threading.get_native_id())
        done.wait()

    t = threading.Thread(target=run)
    t.start()
    while not ids:
        pass
    return ids[0], done, t


def test_pid_exists_matches_psutil(ours, ref):
    tid, done, t = thread_id()
    try:
        cases = [1, os.getpid(), os.getppid(), True, 0, -1, -(2**70), dead_pid(), tid,
                 2**31 - 1, 2**22 + 1]
        for pid in cases:
            assert ours.pid_exists(pid) is ref.pid_exists(pid), pid
        assert ours.pid_exists(os.getpid()) and not ours.pid_exists(tid)
    finally:
        done.set()
        t.join()


@pytest.mark.parametrize("pid", [2**31, 2**63, 2**64, 1.5, 1.0, "1", None, [1]])
def test_pid_exists_bad_argument(ours, ref, pid):
    with pytest.raises(Exception) as b:
        ref.pid_exists(pid)
    with pytest.raises(type(b.value)) as a:
        ours.pid_exists(pid)
    assert type(a.value) is type(b.value)
    assert str(a.value) == str(b.value)
