#!/usr/bin/env python3
"""Where the bytes of a wasm file go: a small twiggy-like profile read from its name section.

Usage: size-profile.py FILE.wasm [--top N] [--depth N] [--grep TEXT]

Prints the size of every section, then the code grouped by crate and by module (the path of
the function, or of the `Self` type of a trait method, cut after --depth segments; std crates
get one segment more, so `core::slice::sort` and `alloc::collections::btree` stand apart),
with the number of functions and of distinct names (a generic function instantiated k times
shows k functions under one name), then the largest functions and the largest names summed
over their instantiations. Needs the `name` section: a cargo build's wasm, or wasm-bindgen
`--keep-debug` / wasm-opt `-g` output. Reads only the file; Python's standard library only.
"""
import re
import shutil
import subprocess
import sys
from collections import defaultdict


def uleb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def read_name(buf, pos):
    n, pos = uleb(buf, pos)
    return buf[pos:pos + n].decode("utf-8", "replace"), pos + n


def parse(buf):
    """Returns (sections [(label, size)], bodies {func index: size}, names {index: name}, data size)."""
    assert buf[:4] == b"\0asm", "not a wasm file"
    pos = 8
    sections, bodies, names = [], {}, {}
    imported_funcs = 0
    data_size = 0
    ids = {1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export",
           8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}
    while pos < len(buf):
        sid = buf[pos]
        size, body = uleb(buf, pos + 1)
        end = body + size
        label = ids.get(sid, str(sid))
        if sid == 0:
            cname, p = read_name(buf, body)
            label = "custom:" + cname
            if cname == "name":
                while p < end:
                    sub = buf[p]
                    sub_size, sp = uleb(buf, p + 1)
                    if sub == 1:
                        count, q = uleb(buf, sp)
                        for _ in range(count):
                            idx, q = uleb(buf, q)
                            names[idx], q = read_name(buf, q)
                    p = sp + sub_size
        elif sid == 2:
            count, p = uleb(buf, body)
            for _ in range(count):
                _, p = read_name(buf, p)
                _, p = read_name(buf, p)
                kind = buf[p]
                p += 1
                if kind == 0:
                    _, p = uleb(buf, p)
                    imported_funcs += 1
                elif kind == 1:  # table: reftype + limits
                    p += 1
                    flags = buf[p]
                    _, p = uleb(buf, p + 1)
                    if flags & 1:
                        _, p = uleb(buf, p)
                elif kind == 2:  # memory: limits
                    flags = buf[p]
                    _, p = uleb(buf, p + 1)
                    if flags & 1:
                        _, p = uleb(buf, p)
                elif kind == 3:  # global: valtype + mut
                    p += 2
                elif kind == 4:  # tag
                    p += 1
                    _, p = uleb(buf, p)
        elif sid == 10:
            count, p = uleb(buf, body)
            for i in range(count):
                start = p
                bsize, p = uleb(buf, p)
                p += bsize
                bodies[imported_funcs + i] = p - start
        elif sid == 11:
            data_size = size
        sections.append((label, end - pos))
        pos = end
    return sections, bodies, demangle_all(names), data_size


def demangle_all(names):
    """Demangles with GNU c++filt when it is there (binutils >= 2.36 reads Rust's legacy and v0
    manglings, generic arguments included), else with the small readers below."""
    keys = list(names)
    if shutil.which("c++filt") and keys:
        out = subprocess.run(["c++filt"], input="\n".join(names[k] for k in keys) + "\n",
                             capture_output=True, text=True).stdout.split("\n")
        if len(out) >= len(keys):
            return {k: CRATE_HASH.sub("", v) for k, v in zip(keys, out)}
    return {k: demangle(v) for k, v in names.items()}


HASH = re.compile(r"::h[0-9a-f]{16}$")
ESCAPES = {"SP": "@", "BP": "*", "RF": "&", "LT": "<", "GT": ">", "LP": "(", "RP": ")", "C": ","}


def demangle(sym):
    """Rust's legacy mangling (`_ZN...E`, what the name section holds before wasm-bindgen
    demangles it) to `a::b::<T as c::D>::f::h0123...`; other names are returned as they are."""
    if sym.startswith("_R"):
        return demangle_v0(sym)
    if not sym.startswith("_ZN"):
        return sym
    i, parts = 3, []
    while i < len(sym) and sym[i].isdigit():
        j = i
        while sym[j].isdigit():
            j += 1
        n = int(sym[i:j])
        ident = sym[j:j + n]
        i = j + n
        if ident.startswith("_$"):
            ident = ident[1:]
        ident = re.sub(r"\$([A-Z]+|u[0-9a-f]+)\$",
                       lambda m: ESCAPES.get(m.group(1)) or (chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" else m.group(0)),
                       ident).replace("..", "::")
        parts.append(ident)
    return "::".join(parts) if parts else sym

STD = {"core", "alloc", "std"}


def strip_hash(name):
    return HASH.sub("", name)


def demangle_v0(sym):
    """A rough reading of Rust's v0 mangling (the precompiled std uses it): the identifiers in
    order, joined by `::`, which is enough to tell the crate and module apart."""
    out, i = [], 2
    while i < len(sym):
        c = sym[i]
        if c.isdigit():
            j = i
            while j < len(sym) and sym[j].isdigit():
                j += 1
            n = int(sym[i:j])
            if j < len(sym) and sym[j] == "_":
                j += 1
            out.append(sym[j:j + n])
            i = j + n
        elif c in "sB":  # disambiguator / back-reference: base-62 number ending in '_'
            j = sym.find("_", i)
            i = len(sym) if j < 0 else j + 1
        else:
            i += 1
    return "::".join(x for x in out if x) or sym


CRATE_HASH = re.compile(r"\[[0-9a-f]{16}\]")


def primary_path(name):
    """The path a function belongs to: for `<A as B>::f` the path of A (or of B when A is a
    reference, tuple or slice of std types), else the name itself. Generic arguments dropped."""
    n = name
    while n.startswith("<"):
        depth, i, cut = 0, 0, None
        while i < len(n):
            c = n[i]
            if c == "<":
                depth += 1
            elif c == ">":
                depth -= 1
                if depth == 0:
                    cut = cut or i
                    break
            elif depth == 1 and n.startswith(" as ", i) and cut is None:
                cut = i
            i += 1
        inner = n[1:cut] if cut else n[1:]
        inner = inner.lstrip("&*").replace("mut ", "").replace("const ", "").replace("dyn ", "")
        head = inner.split("<")[0]
        if "::" not in head and not (cut and n.startswith(" as ", cut)):
            inner = "core::primitive::" + head  # `<str>::f`, `<[T]>::f`: inherent impls in std
        elif "::" not in head and cut and n.startswith(" as ", cut):
            inner = n[cut + 4:i]  # `<T as Trait>`: a blanket impl, filed under the trait
        if inner.startswith("[") or inner.startswith("("):
            # `<[T] as ..>` / `<(A, B) as ..>`: take the trait's path, or the element's
            if cut and n.startswith(" as ", cut):
                inner = n[cut + 4:i]
            else:
                inner = inner.strip("[(")
        n = inner
    return re.sub(r"<.*", "", n)


def module_of(name, depth):
    segs = [s for s in primary_path(strip_hash(name)).split("::") if s]
    if not segs:
        return "?"
    d = depth + 1 if segs[0] in STD else depth
    keep = []
    for s in segs[:d]:
        if s.startswith("{{") or s.startswith("_{{"):
            break
        keep.append(s)
    return "::".join(keep) or segs[0]


def kb(n):
    return f"{n / 1024:,.1f} KB"


def table(title, rows, total, limit):
    print(f"\n## {title}\n")
    print(f"{'bytes':>10} {'share':>6} {'funcs':>6} {'names':>6}  name")
    for key, (size, funcs, distinct) in rows[:limit]:
        print(f"{size:>10,} {100 * size / total:>5.1f}% {funcs:>6} {distinct:>6}  {key}")


def main(argv):
    args = [a for a in argv[1:]]
    top, depth, grep = 40, 2, None
    if "--top" in args:
        i = args.index("--top"); top = int(args[i + 1]); del args[i:i + 2]
    if "--depth" in args:
        i = args.index("--depth"); depth = int(args[i + 1]); del args[i:i + 2]
    if "--grep" in args:
        i = args.index("--grep"); grep = args[i + 1]; del args[i:i + 2]
    if len(args) != 1:
        print(__doc__)
        return 2
    path = args[0]
    buf = open(path, "rb").read()
    sections, bodies, names, data_size = parse(buf)
    code = sum(bodies.values())
    print(f"# {path}: {len(buf):,} bytes, code {kb(code)} in {len(bodies)} functions, data {kb(data_size)}, "
          f"{len(names)} names\n")
    print(f"{'bytes':>10}  section")
    for label, size in sections:
        print(f"{size:>10,}  {label}")
    if not names:
        print("\n(no name section: build with names kept; see scripts/size-profile.sh)")
        return 0

    def nm(i):
        return names.get(i, f"func[{i}]")

    if grep:
        hits = sorted(((s, strip_hash(nm(i))) for i, s in bodies.items() if grep in nm(i)), reverse=True)
        print(f"\n## functions matching {grep!r}: {len(hits)}, {sum(s for s, _ in hits):,} bytes\n")
        for s, n in hits[:top]:
            print(f"{s:>10,}  {n}")
        return 0

    for title, key_fn, limit in (
        ("by crate", lambda n: module_of(n, 1), 30),
        (f"by module (depth {depth})", lambda n: module_of(n, depth), top),
    ):
        agg = defaultdict(lambda: [0, 0, set()])
        for i, s in bodies.items():
            a = agg[key_fn(nm(i))]
            a[0] += s
            a[1] += 1
            a[2].add(strip_hash(nm(i)))
        rows = sorted(((k, (v[0], v[1], len(v[2]))) for k, v in agg.items()), key=lambda r: -r[1][0])
        table(title, rows, code, limit)

    by_name = defaultdict(lambda: [0, 0])
    for i, s in bodies.items():
        a = by_name[strip_hash(nm(i))]
        a[0] += s
        a[1] += 1
    print(f"\n## largest functions\n\n{'bytes':>10}  name")
    for s, i in sorted(((s, i) for i, s in bodies.items()), reverse=True)[:top]:
        print(f"{s:>10,}  {strip_hash(nm(i))[:160]}")
    print(f"\n## most instantiated names (generic code: copies × bytes)\n\n{'bytes':>10} {'copies':>6}  name")
    multi = sorted(((v[0], v[1], k) for k, v in by_name.items() if v[1] > 1), reverse=True)
    for s, c, k in multi[:top]:
        print(f"{s:>10,} {c:>6}  {k[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
