# remotesync helper: runs on the host under python3 -I -S (stdlib only,
# Python 3.6 or later). Installed once per version in <store>/bin by
# remotesync (helper.go), which documents the protocol. Usage:
#   probe STORE KEY             print the base manifest id and its entry digests
#                               ("-" without a base, "0" for an empty store)
#   have STORE                  read hashes (gzip) from stdin, print the missing ones
#   put STORE                   store framed objects from stdin; print "+hash"
#                               for each stored, "=hash" for each already there
#   apply STORE DEST ID BASE KEY LINK   store framed objects from stdin up to
#       the line "manifest", then rebuild manifest ID (from BASE and a diff,
#       or whole when BASE is -; gzip, the rest of stdin), fill DEST, record
#       ID as KEY's latest
import errno
import hashlib
import os
import shutil
import stat
import sys
import zlib

HEADER = b"azureml-go snapshot v1"
SEALED = 1000000000  # mtime of a sealed (verified, read-only) object
EXIT_BASE = 3  # the base manifest is gone or the diff does not give ID
EXIT_MISSING = 4  # objects are missing; their hashes are on stdout


def obj(store, h):
    return os.path.join(store, b"objects", h[:2], h)


def parse(data):
    f = data.split(b"\0")
    if f[0] != HEADER or len(f) % 6 != 2:
        raise ValueError("remotesync helper: bad manifest encoding")
    return [tuple(f[i:i + 6]) for i in range(1, len(f) - 1, 6)]


def encode(entries):
    out = [HEADER]
    for e in entries:
        out.extend(e)
    return b"\0".join(out) + b"\0"


def manifest(store, mid):
    return os.path.join(store, b"manifests", mid + b".canon")


def publish(path, data, mode=0o444):
    d = os.path.dirname(path)
    os.makedirs(d, exist_ok=True)
    tmp = os.path.join(d, b".tmp-" + os.path.basename(path)[:16] + str(os.getpid()).encode())
    with open(tmp, "wb") as f:
        f.write(data)
    os.chmod(tmp, mode)
    os.rename(tmp, path)


def latest(store, key):
    try:
        with open(os.path.join(store, b"latest", key), "rb") as f:
            mid = f.readline().strip()
        if os.path.exists(manifest(store, mid)):
            return mid
    except OSError:
        pass
    best = None
    try:
        names = os.listdir(os.path.join(store, b"manifests"))
    except OSError:
        return None
    for n in names:
        if n.endswith(b".canon") and len(n) == 70:
            t = os.stat(os.path.join(store, b"manifests", n)).st_mtime
            if best is None or t > best[0]:
                best = (t, n[:64])
    return best and best[1]


def probe(store, key):
    out = sys.stdout.buffer
    mid = latest(store, key)
    if mid is None:
        try:
            empty = not os.listdir(os.path.join(store, b"objects"))
        except FileNotFoundError:
            empty = True
        out.write(b"0\n" if empty else b"-\n")  # 0: not even an object
        return
    with open(manifest(store, mid), "rb") as f:
        out.write(answer(mid, parse(f.read())))


def answer(mid, entries):
    """The probe's answer: the id, a newline, each entry's 4-byte digest."""
    return mid + b"\n" + b"".join(hashlib.sha256(b"\0".join(e) + b"\0").digest()[:4] for e in entries)


def seal(path):
    os.chmod(path, 0o444)
    os.utime(path, (SEALED, SEALED))


def have(store):
    for h in zlib.decompress(sys.stdin.buffer.read(), 31).split():
        if not os.path.exists(obj(store, h)):
            sys.stdout.buffer.write(h + b"\n")


BUF = memoryview(bytearray(1 << 20))  # reused: fresh buffers cost page faults


def copyn(inp, fd, size):
    """Copy size bytes of inp to the file descriptor fd (None: drop them)."""
    while size > 0:
        n = inp.readinto(BUF[:min(size, len(BUF))])
        if not n:
            raise EOFError("remotesync helper: input ends inside an object")
        if fd is not None:
            view = BUF[:n]
            while view:
                view = view[os.write(fd, view):]
        size -= n


def skip(inp, size):
    copyn(inp, None, size)
    inp.read(1)


def receive(inp, store, h, size):
    d = os.path.join(store, b"objects", h[:2])
    if not os.path.isdir(d):
        os.makedirs(d, exist_ok=True)
    tmp = os.path.join(d, b".tmp-" + h[:16] + b"-" + str(os.getpid()).encode())
    done = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            copyn(inp, fd, size)
        finally:
            os.close(fd)
        mark = inp.read(1)
        if mark == b"+":
            seal(tmp)
            os.rename(tmp, obj(store, h))
            done = True
        elif mark != b"-":
            raise EOFError("remotesync helper: object without its end mark")
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return done


def put(store, inp, stop=None):
    """Store framed objects from inp until its end or the line stop."""
    out = sys.stdout.buffer
    while True:
        line = inp.readline()
        if not line or line == stop:
            return
        h, size = line.split()
        if len(h) != 64 or h.strip(b"0123456789abcdef"):
            raise ValueError("remotesync helper: bad object name %r" % h)
        if os.path.exists(obj(store, h)):
            skip(inp, int(size))
            out.write(b"=" + h + b"\n")
        elif receive(inp, store, h, int(size)):
            out.write(b"+" + h + b"\n")
        out.flush()


def rebuild(store, base, data):
    if base == b"-":
        return data
    try:
        with open(manifest(store, base), "rb") as f:
            old = parse(f.read())
    except OSError:
        sys.exit(EXIT_BASE)
    nl = data.index(b"\n")
    drops = set(int(x) for x in data[:nl].split())
    new = [e for i, e in enumerate(old) if i not in drops]
    f = data[nl + 1:].split(b"\0")
    new.extend(tuple(f[i:i + 6]) for i in range(0, len(f) - 1, 6))
    new.sort(key=lambda e: e[1])
    return encode(new)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest().encode()


def check(store, entries):
    """Return the hashes of missing objects; verify and seal unsealed ones
    (stored over SFTP, or touched since), removing any that do not match."""
    missing, seen = [], set()
    for kind, _, _, _, h, _ in entries:
        if kind != b"file" or h in seen:
            continue
        seen.add(h)
        p = obj(store, h)
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            missing.append(h)
            continue
        if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o444 and int(st.st_mtime) == SEALED:
            continue
        if stat.S_ISREG(st.st_mode) and sha256_file(p) == h:
            seal(p)
        else:
            os.unlink(p)
            missing.append(h)
    return missing


def copy(src, dst, mode):
    with open(src, "rb") as s:
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(fd, "wb") as d:
            n = os.fstat(s.fileno()).st_size
            try:
                while n > 0:
                    c = os.copy_file_range(s.fileno(), fd, n)
                    if c == 0:
                        break
                    n -= c
            except (AttributeError, OSError):
                shutil.copyfileobj(s, d, 1 << 20)
            os.fchmod(fd, mode)


def variant(store, h, mode):
    """The sealed read-only inode holding object h with mode (no write bits)."""
    if mode == 0o444:
        return obj(store, h)
    p = os.path.join(store, b"links", h[:2], h + b".%o" % mode)
    try:
        st = os.lstat(p)
        if stat.S_IMODE(st.st_mode) == mode and int(st.st_mtime) == SEALED:
            return p
        os.unlink(p)
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(p), exist_ok=True)
    tmp = p + b".tmp" + str(os.getpid()).encode()
    copy(obj(store, h), tmp, mode)
    os.utime(tmp, (SEALED, SEALED))
    os.rename(tmp, p)
    return p


def clear(p):
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(p)
    else:
        os.unlink(p)


def place(store, dest, entries, link):
    fresh = not os.path.exists(dest)
    os.makedirs(dest, exist_ok=True)
    made = set()
    for kind, path, mode, _, h, target in entries:
        p = os.path.join(dest, path)
        d = os.path.dirname(p)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        if not fresh:
            clear(p)
        if kind == b"symlink":
            os.symlink(target, p)
            continue
        m = int(mode, 8)
        if link and m & 0o444 == 0o444 and not m & 0o7000:
            try:
                os.link(variant(store, h, m & ~0o222), p)
                continue
            except OSError as e:
                if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                    raise
                link = False
        copy(obj(store, h), p, m)


def apply(store, dest, mid, base, key, link):
    inp = sys.stdin.buffer
    put(store, inp, b"manifest\n")
    data = zlib.decompress(inp.read(), 31)
    canon = rebuild(store, base, data)
    if hashlib.sha256(canon).hexdigest().encode() != mid:
        sys.exit(EXIT_BASE if base != b"-" else "remotesync helper: manifest does not match its id")
    entries = parse(canon)
    missing = check(store, entries)
    if missing:
        sys.stdout.buffer.write(b"\n".join(missing) + b"\n")
        sys.exit(EXIT_MISSING)
    publish(manifest(store, mid), canon)
    place(store, dest, entries, link == b"link" and os.getuid() != 0)
    # The probe's answer for KEY, ready for cat.
    publish(os.path.join(store, b"latest", key), answer(mid, entries), 0o644)


def main():
    args = [os.fsencode(a) for a in sys.argv[1:]]
    os.umask(0o022)
    if args[0] == b"probe":
        probe(args[1], args[2])
    elif args[0] == b"have":
        have(args[1])
    elif args[0] == b"put":
        put(args[1], sys.stdin.buffer)
    elif args[0] == b"apply":
        apply(*args[1:])
    else:
        sys.exit("remotesync helper: unknown command %r" % args[0])


main()
