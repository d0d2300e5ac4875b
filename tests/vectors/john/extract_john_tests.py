#!/usr/bin/env python3
"""Extract known-answer vectors from a John the Ripper (bleeding-jumbo) tree.

Usage:
    python3 extract_john_tests.py JOHN_DIR [COMMIT]

JOHN_DIR must contain src/ (the *_fmt_plug.c / *_fmt.c format sources and
dynamic_preloads.c) and run/dynamic.conf.  Writes, next to this script:

  john.jsonl     the `struct fmt_tests` arrays of the formats in FORMATS
  dynamic.jsonl  dynamic_N test vectors, from src/dynamic_preloads.c (the
                 built-in dynamic_0..dynamic_999) and run/dynamic.conf
                 ([List.Generic:dynamic_NNNN] sections, Test= lines)

Strings are kept exactly as JtR has them (after C string-literal decoding);
"hash" is JtR's ciphertext string, "password" the plaintext.  When a
plaintext is not valid UTF-8 it is written as latin-1 text and
"password_hex" gives the exact bytes (password_hex is always present).

Entries guarded by preprocessor conditionals are kept and annotated with
"cpp_condition" (e.g. "#ifdef DEBUG"); entries inside "#if 0" are dropped.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# FORMAT_LABELs to extract (case-sensitive, as JtR spells them).
FORMATS = [
    # crypt(3)-style / unix
    "descrypt",
    "bsdicrypt",
    "md5crypt",
    "md5crypt-long",
    "bcrypt",
    "sha256crypt",
    "sha512crypt",
    "sha1crypt",
    "SunMD5",
    "scrypt",
    "argon2",
    # web apps / CMS
    "phpass",
    "Drupal7",
    "Django",
    "django-scrypt",
    "PHPS",
    "PHPS2",
    "md5ns",
    "osc",
    "ipb2",
    "wbb3",
    "MediaWiki",
    "EPiServer",
    "hMailServer",
    "Palshop",
    "FormSpring",
    "cq",
    "dahua",
    "MongoDB",
    "Citrix_NS10",
    # databases
    "mysql",
    "mysqlna",
    "mysql-sha1",
    "mssql",
    "mssql05",
    "mssql12",
    "oracle",
    "oracle11",
    "Oracle12C",
    "postgres",
    "SybaseASE",
    "Sybase-PROP",
    # windows
    "LM",
    "NT",
    "mscash",
    "mscash2",
    "netntlm-naive",
    "netntlmv2",
    "netlmv2",
    # LDAP / directory / OS
    "Salted-SHA1",
    "SSHA512",
    "xsha",
    "xsha512",
    "aix-ssha1",
    "aix-ssha256",
    "aix-ssha512",
    "OpenVMS",
    "qnx",
    "RACF",
    "as400-des",
    "as400-ssha1",
    # network devices
    "pix-md5",
    "asa-md5",
    "Fortigate",
    "Fortigate256",
    "sapb",
    "sapg",
    # generic KDFs / raw
    "PBKDF2-HMAC-SHA1",
    "PBKDF2-HMAC-SHA256",
    "PBKDF2-HMAC-SHA512",
    "PBKDF2-HMAC-MD5",
    "PBKDF2-HMAC-MD4",
    "Raw-MD4",
    "Raw-MD5",
    "Raw-MD5u",
    "Raw-SHA1",
    "Raw-SHA224",
    "Raw-SHA256",
    "Raw-SHA384",
    "Raw-SHA512",
    "Raw-SHA3",
    "Raw-Keccak",
    "Raw-Keccak-256",
    "skein-256",
    "skein-512",
    "Snefru-256",
    "Snefru-128",
    "whirlpool",
    "whirlpool0",
    "whirlpool1",
    "HMAC-MD5",
    "HMAC-SHA1",
    "HMAC-SHA256",
    "HMAC-SHA512",
    # misc legacy
    "lotus5",
    "dominosec",
    "dominosec8",
    "PST",
    "CRC32",
    "solarwinds",
    "sspr",
    "Stribog-256",
    "Stribog-512",
    "gost",
    "Tiger",
    "has-160",
    "MD2",
    "mdc2",
    "Panama",
    "tripcode",
    "AFS",
]

SIMPLE_ESC = {
    "n": 10,
    "t": 9,
    "r": 13,
    "a": 7,
    "b": 8,
    "f": 12,
    "v": 11,
    "\\": 92,
    "'": 39,
    '"': 34,
    "?": 63,
    "0": 0,
}


def c_unescape(body):
    """Decode the body of a C string literal into bytes."""
    out = bytearray()
    i = 0
    b = body.encode("latin-1") if isinstance(body, str) else body
    n = len(b)
    while i < n:
        c = b[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        i += 1
        e = chr(b[i])
        if e == "x":
            j = i + 1
            while j < n and chr(b[j]) in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(b[i + 1 : j], 16) & 0xFF)
            i = j
        elif e in "01234567":
            j = i
            while j < n and j < i + 3 and chr(b[j]) in "01234567":
                j += 1
            out.append(int(b[i:j], 8) & 0xFF)
            i = j
        elif e in SIMPLE_ESC:
            out.append(SIMPLE_ESC[e])
            i += 1
        else:
            out.append(b[i])
            i += 1
    return bytes(out)


TOKEN_RE = re.compile(
    r'''(?P<pp>^[ \t]*\#[^\n]*(?:\\\n[^\n]*)*)
      |(?P<ws>[ \t\r]+|\n)
      |(?P<comment>//[^\n]*|/\*.*?\*/)
      |(?P<str>"(?:[^"\\\n]|\\.)*")
      |(?P<chr>'(?:[^'\\\n]|\\.)+')
      |(?P<id>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<num>[0-9][0-9a-zA-Z_.]*)
      |(?P<punct>.)''',
    re.S | re.M | re.X)


def tokenize(text):
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        yield kind, m.group(kind)


def string_macros(text):
    """#define NAME "literal" ["literal" | NAME ...] -> bytes."""
    macros = {}
    for m in re.finditer(
        r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+(.+?)[ \t]*(?://.*|/\*.*)?$", text, re.M
    ):
        name, body = m.group(1), m.group(2)
        parts = []
        ok = True
        for kind, tok in tokenize(body):
            if kind == "str":
                parts.append(("s", c_unescape(tok[1:-1].encode("latin-1"))))
            elif kind == "id":
                parts.append(("m", tok))
            else:
                ok = False
                break
        if ok and parts and any(p[0] == "s" for p in parts):
            macros[name] = parts
    resolved = {}

    def resolve(name, depth=0):
        if name in resolved:
            return resolved[name]
        if name not in macros or depth > 10:
            return None
        acc = b""
        for kind, v in macros[name]:
            if kind == "s":
                acc += v
            else:
                r = resolve(v, depth + 1)
                if r is None:
                    return None
                acc += r
        resolved[name] = acc
        return acc

    for name in macros:
        resolve(name)
    return resolved


class CondTracker:
    """Tracks #if/#ifdef nesting while scanning tokens."""

    def __init__(self):
        self.stack = []   # list of [text, disabled]

    def feed(self, line):
        s = re.sub(r"\s+", " ", line.strip().lstrip("#").strip())
        s = re.sub(r"\s*(//.*|/\*.*)$", "", s)
        word = s.split(" ", 1)[0]
        if word in ("if", "ifdef", "ifndef"):
            self.stack.append(["#" + s, s == "if 0"])
        elif word in ("elif", "else") and self.stack:
            prev = self.stack[-1]
            self.stack[-1] = ["#" + s + " (of " + prev[0] + ")",
                              s == "elif 0" or (word == "else" and not prev[1] and prev[0] == "#if 1")]
        elif word == "endif" and self.stack:
            self.stack.pop()

    def disabled(self):
        return any(x[1] for x in self.stack)

    def condition(self):
        return " && ".join(x[0] for x in self.stack) if self.stack else None


def parse_tests_arrays(text, macros):
    """Return {array_name: [entry,...]} for every `struct fmt_tests X[] = {...}`."""
    arrays = {}
    toks = list(tokenize(text))
    i = 0
    n = len(toks)
    while i < n:
        if (
            toks[i] == ("id", "struct")
            and i + 5 < n
            and toks[i + 1] == ("id", "fmt_tests")
            and toks[i + 2][0] == "id"
            and toks[i + 3] == ("punct", "[")
        ):
            name = toks[i + 2][1]
            j = i + 3
            while j < n and toks[j] != ("punct", "="):
                if toks[j] == ("punct", ";"):
                    break
                j += 1
            if j >= n or toks[j] != ("punct", "="):
                i += 1
                continue
            j += 1
            assert toks[j] == ("punct", "{"), (name, toks[j])
            j += 1
            cond = CondTracker()
            entries = []
            depth = 1
            cur = None  # current entry: list of elements
            elem = None  # current element: list of parts (bytes) or None
            field_mode = False
            fields = []
            bad = False
            while j < n and depth > 0:
                kind, tok = toks[j]
                if kind == "pp":
                    cond.feed(tok)
                    j += 1
                    continue
                if tok == "{" and kind == "punct":
                    depth += 1
                    if depth == 2:
                        cur = {
                            "elems": [],
                            "fields": None,
                            "cond": cond.condition(),
                            "disabled": cond.disabled(),
                            "bad": False,
                        }
                        elem = []
                    elif depth == 3:
                        field_mode = True
                        fields = []
                        elem = []
                elif tok == "}" and kind == "punct":
                    if depth == 3:
                        if elem:
                            fields.append(elem)
                        cur["fields"] = fields
                        field_mode = False
                        elem = None
                    elif depth == 2:
                        if elem:
                            cur["elems"].append(elem)
                        entries.append(cur)
                        cur = None
                        elem = None
                    depth -= 1
                elif tok == "," and kind == "punct":
                    if depth == 2 and elem is not None:
                        if elem:
                            cur["elems"].append(elem)
                        elem = []
                    elif depth == 3:
                        if elem:
                            fields.append(elem)
                        elem = []
                elif depth >= 2:
                    if kind == "str":
                        elem.append(c_unescape(tok[1:-1].encode("latin-1")))
                    elif kind == "id" and tok in macros:
                        elem.append(macros[tok])
                    elif kind == "id" and tok == "NULL":
                        elem.append(None)
                    elif cur is not None:
                        cur["bad"] = "unsupported token %r" % tok
                j += 1
            arrays[name] = entries
            i = j
            continue
        i += 1
    return arrays


def join_elem(elem):
    if elem is None or any(p is None for p in elem):
        return None
    return b"".join(elem)


def fmt_main_blocks(text, macros):
    """Yield (variable, label, tests_array_name) for each struct fmt_main."""
    for m in re.finditer(r"struct\s+fmt_main\s+(\w+)\s*=\s*\{\s*\{", text):
        depth = 1
        label = b""
        label_done = False
        last_id = None
        for kind, tok in tokenize(text[m.end(): m.end() + 20000]):
            if kind == "pp":
                continue
            if kind == "punct" and tok == "{":
                depth += 1
            elif kind == "punct" and tok == "}":
                depth -= 1
                if depth == 0:
                    break
            if not label_done:
                if kind == "str":
                    label += c_unescape(tok[1:-1].encode("latin-1"))
                    continue
                if kind == "id" and tok in macros:
                    label += macros[tok]
                    continue
                label_done = True
            if depth == 1 and kind == "id":
                last_id = tok
        yield m.group(1), (label.decode("latin-1") if label else None), last_id


def text_and_hex(b):
    try:
        return b.decode("utf-8"), b.hex(), None
    except UnicodeDecodeError:
        return b.decode("latin-1"), b.hex(), "latin-1"


def extract_formats(john, commit):
    src = os.path.join(john, "src")
    files = sorted(
        f
        for f in os.listdir(src)
        if (f.endswith("_fmt_plug.c") or f.endswith("_fmt.c"))
        and "opencl" not in f
        and "dynamic" not in f
    )
    wanted = set(FORMATS)
    out = []
    found = {}

    # tests arrays may live in shared headers / *_common_plug.c files
    all_arrays = {}     # name -> [(file, entries), ...]
    for fn in sorted(os.listdir(src)):
        if not (fn.endswith(".c") or fn.endswith(".h")) or "opencl" in fn:
            continue
        with open(os.path.join(src, fn), "rb") as fh:
            text = fh.read().decode("latin-1")
        if "fmt_tests" not in text:
            continue
        for name, entries in parse_tests_arrays(text, string_macros(text)).items():
            all_arrays.setdefault(name, []).append((fn, entries))

    for fn in files:
        path = os.path.join(src, fn)
        with open(path, "rb") as fh:
            text = fh.read().decode("latin-1")
        macros = string_macros(text)
        for var, label, tests in fmt_main_blocks(text, macros):
            if label not in wanted or tests is None or tests not in all_arrays:
                continue
            if label in found:  # same label in two files: keep first
                continue
            cands = all_arrays[tests]
            includes = set(re.findall(r'^[ \t]*#[ \t]*include[ \t]+"([^"]+)"', text, re.M))
            pick = ([c for c in cands if c[0] == fn] or [c for c in cands if c[0] in includes]
                    or (cands if len(cands) == 1 else []))
            if not pick:
                print("warning: %s: cannot tell which %s[] array is meant" % (fn, tests), file=sys.stderr)
                continue
            tfile, entries = pick[0]
            found[label] = fn if tfile == fn else "%s (tests in %s)" % (fn, tfile)
            for e in entries:
                if e["disabled"] or e["bad"] or len(e["elems"]) < 2:
                    continue
                ct = join_elem(e["elems"][0])
                pt = join_elem(e["elems"][1])
                if ct is None or pt is None:
                    continue
                pw, pw_hex, pw_enc = text_and_hex(pt)
                rec = {
                    "format": label,
                    "password": pw,
                    "password_hex": pw_hex,
                    "hash": text_and_hex(ct)[0],
                    "expect": True,
                    "source": "john src/%s @ %s" % (tfile, commit),
                }
                if pw_enc:
                    rec["password_encoding"] = pw_enc
                if any(c > 0x7E or c < 0x20 for c in ct):
                    rec["hash_hex"] = ct.hex()
                if e["fields"]:
                    flds = [
                        None if join_elem(f) is None else join_elem(f).decode("latin-1")
                        for f in e["fields"]
                    ]
                    rec["fields"] = flds
                    if flds and flds[0]:
                        rec["username"] = flds[0]
                if e["cond"]:
                    rec["cpp_condition"] = e["cond"]
                out.append(rec)
    missing = sorted(wanted - set(found))
    return out, found, missing


# ---------------------------------------------------------------------------
# dynamic formats


def split_dynamic(ct, flags=None):
    """Split '$dynamic_N$hash[$salt][$$Uuser][$$2salt2][$$Fn...]'.

    The part after the hash may be given as '$HEX$<hex>' (it then encodes
    everything after the hash's '$', including any '$$U...' fields)."""
    m = re.match(r"^\$dynamic_(\d+)\$([^$]*)(\$.*)?$", ct, re.S)
    if not m:
        return {}
    r = {"hash": m.group(2)}
    tail = m.group(3)
    if tail is None:
        return r
    raw = tail[1:]
    if tail.startswith("$HEX$"):
        try:
            tail = "$" + bytes.fromhex(tail[5:]).decode("latin-1")
            r["salt_was_hex"] = True
        except ValueError:
            pass
    # tail is now "$salt[$$X...]" or "$$X..." (no salt, only fields).  Which
    # $$X markers are fields depends on the format's flags (a vBulletin salt
    # may itself be "$2O"): $$U needs MGF_USERNAME*, $$2 MGF_SALTED2, $$F MGF_FLD*.
    if flags is None:
        markers = "U2F"
    else:
        markers = (("U" if any("USERNAME" in f for f in flags) else "")
                   + ("2" if "MGF_SALTED2" in flags else "")
                   + ("F" if any(f.startswith("MGF_FLD") for f in flags) else ""))
    if tail.startswith("$$") and len(tail) > 2 and tail[2] in markers and markers:
        parts = [""] + tail[2:].split("$$")
    else:
        parts = tail[1:].split("$$")
    r["salt"] = parts[0]
    if not markers:
        parts = ["$$".join(parts)]
    for p in parts[1:]:
        if not p or p[0] not in markers:
            r["salt"] += "$$" + p
            continue
        if p[0] == "U":
            r["username"] = p[1:]
        elif p[0] == "2":
            r["salt2"] = p[1:]
        elif p[0] == "F" and len(p) > 1:
            r.setdefault("extra_fields", {})[p[1]] = p[2:]
        else:
            r["salt"] += "$$" + p
    if r["salt"] == "" and len(parts) > 1:
        del r["salt"]
    if r.get("salt_was_hex"):
        r["salt_raw"] = raw
    # binary values (from $HEX$ salts) are given as hex, flagged "<field>_encoding": "hex"
    for key in ("salt", "salt2", "username"):
        v = r.get(key)
        if v is not None and not all(0x20 <= ord(ch) < 0x7F for ch in v):
            r[key] = v.encode("latin-1").hex()
            r[key + "_encoding"] = "hex"
    return r


def demangle(s):
    out = bytearray()
    b = s.encode("latin-1")
    i = 0
    while i < len(b):
        if b[i] == 0x5C and i + 1 < len(b):
            if b[i + 1] == 0x5C:
                out.append(0x5C)
                i += 2
                continue
            if (
                b[i + 1] == ord("x")
                and i + 3 < len(b) + 0
                and re.match(rb"[0-9a-fA-F]{2}", b[i + 2 : i + 4])
            ):
                out.append(int(b[i + 2 : i + 4], 16))
                i += 4
                continue
        out.append(b[i])
        i += 1
    return bytes(out)


def dynamic_record(fmt, expr, ct, pt_bytes, commit, src, extra=None):
    pw, pw_hex, pw_enc = text_and_hex(pt_bytes)
    extra = dict(extra or {})
    if expr:
        # "md5(md5($p).$s) (vBulletin)" -> expression + label
        mm = re.match(r"^(.*\))\s+\((.*)\)$", expr)
        if mm and mm.group(1).count("(") == mm.group(1).count(")"):
            expr = mm.group(1)
            extra.setdefault("label", mm.group(2))
    rec = {
        "format": fmt,
        "expression": expr,
        "password": pw,
        "password_hex": pw_hex,
        "raw": ct,
        "expect": True,
        "source": "john %s @ %s" % (src, commit),
    }
    if pw_enc:
        rec["password_encoding"] = pw_enc
    sp = split_dynamic(ct, (extra or {}).get("flags"))
    rec["hash"] = sp.pop("hash", ct)
    rec.update(sp)
    if extra:
        rec.update(extra)
    return rec


def extract_dynamic_preloads(john, commit):
    path = os.path.join(john, "src", "dynamic_preloads.c")
    with open(path, "rb") as fh:
        text = fh.read().decode("latin-1")
    macros = string_macros(text)
    arrays = parse_tests_arrays(text, macros)

    # Setups[] table: names/expressions -> tests array
    start = text.index("static DYNAMIC_Setup Setups[]")
    end = text.index("};", start)
    table = text[start:end]
    setups = []  # (N, expression, array)
    cond = CondTracker()
    for line in table.splitlines():
        st = line.strip()
        if st.startswith("#"):
            cond.feed(st)
            continue
        if cond.disabled():
            continue
        m = re.match(r'\{\s*"dynamic_(\d+):\s*(.*?)"\s*,\s*\w+\s*,\s*(_Preloads_\w+)\s*,\s*\w+\s*,\s*([^,}]*)(?:,\s*([^,}]*))?', st)
        if m:
            flags = [f.strip() for grp in (m.group(4), m.group(5)) if grp
                     for f in grp.split("|") if f.strip() and f.strip() != "MGF_NO_FLAG"]
            setups.append((int(m.group(1)), m.group(2).strip(), m.group(3), flags))
            continue
        m = re.match(r"SETUP_LARGE_HASH(?:_SIMD)?\((\w+)\s*,[^,]*,[^,]*,\s*(\d+)\s*,", st)
        if m:
            algo, num = m.group(1), m.group(2)
            exprs = [
                "%s($p)",
                "%s($s.$p)",
                "%s($p.$s)",
                "%s(%s($p))",
                "%s(%s_raw($p))",
                "%s(%s($p).$s)",
                "%s($s.%s($p))",
                "%s(%s($s).%s($p))",
                "%s(%s($p).%s($p))",
            ]
            for k, e in enumerate(exprs):
                setups.append(
                    (int(num + str(k)), e.replace("%s", algo), "_Preloads_%s%d" % (num, k), None)
                )
    out = []
    done = set()
    for n, expr, arr, flags in setups:
        if n in done or arr not in arrays:
            continue
        done.add(n)
        # strip the trailing "(name)" comment from the expression, keep it as "label"
        label = None
        mm = re.match(r"^(.*\))\s+\((.*)\)$", expr)
        if mm:
            expr, label = mm.group(1), mm.group(2)
        for e in arrays[arr]:
            if e["disabled"] or e["bad"] or len(e["elems"]) < 2:
                continue
            ct = join_elem(e["elems"][0])
            pt = join_elem(e["elems"][1])
            if ct is None or pt is None:
                continue
            extra = {}
            if label:
                extra["label"] = label
            if flags:
                extra["flags"] = flags
            if e["fields"]:
                flds = [
                    None if join_elem(f) is None else join_elem(f).decode("latin-1")
                    for f in e["fields"]
                ]
                extra["fields"] = flds
                if flds and flds[0] and "username" not in extra:
                    extra["username"] = flds[0]
            if e["cond"]:
                extra["cpp_condition"] = e["cond"]
            rec = dynamic_record(
                "dynamic_%d" % n,
                expr,
                ct.decode("latin-1"),
                pt,
                commit,
                "src/dynamic_preloads.c",
                extra,
            )
            out.append(rec)
    return out


def extract_dynamic_conf(john, commit):
    path = os.path.join(john, "run", "dynamic.conf")
    with open(path, "rb") as fh:
        lines = fh.read().decode("latin-1").splitlines()
    out = []
    fmt = None
    expr = None
    pending = []
    sections = 0

    flags = []

    def flush():
        for kind, ct, pt, flds in pending:
            extra = {"flags": list(flags)} if flags else {}
            if kind != "Test":
                extra["test_kind"] = (
                    kind  # TestM= (SIMD builds only), TestF= (non-SIMD), TestU=/TestA=
                )
            if flds:
                extra["fields"] = flds
                if flds[0]:
                    extra["username"] = flds[0]
            out.append(dynamic_record(fmt, expr, ct, pt, commit, "run/dynamic.conf", extra))

    for line in lines:
        m = re.match(r"^\[List\.Generic:(dynamic_\d+)\]", line)
        if m:
            if fmt:
                flush()
            fmt, expr, pending = m.group(1), None, []
            flags = []
            sections += 1
            continue
        if line.startswith("["):
            if fmt:
                flush()
            fmt, expr, pending = None, None, []
            continue
        if not fmt:
            continue
        m = re.match(r"^Flag=(\w+)", line)
        if m:
            flags.append(m.group(1))
            continue
        m = re.match(r"^Expression=(.*)$", line)
        if m:
            expr = m.group(1).strip()
            continue
        m = re.match(r"^(Test|TestM|TestF|TestU|TestA)=(.*)$", line)
        if m:
            parts = m.group(2).split(":")
            ct = parts[0]
            pt = demangle(parts[1]) if len(parts) > 1 else b""
            flds = None
            if len(parts) > 2:
                # remaining fields map to fields[0], fields[2], fields[3], ...
                flds = [parts[2]] + parts[3:]
            pending.append((m.group(1), ct, pt, flds))
    if fmt:
        flush()
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    john = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else "unknown"

    recs, found, missing = extract_formats(john, commit)
    with open(os.path.join(HERE, "john.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")

    dyn = extract_dynamic_preloads(john, commit) + extract_dynamic_conf(john, commit)
    with open(os.path.join(HERE, "dynamic.jsonl"), "w", encoding="utf-8") as fh:
        for r in dyn:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")

    print("john.jsonl: %d vectors, %d formats" % (len(recs), len(found)))
    for label in sorted(found, key=str.lower):
        print("  %-22s %s" % (label, found[label]))
    if missing:
        print("formats not found:", ", ".join(missing))
    print(
        "dynamic.jsonl: %d vectors, %d dynamic formats"
        % (len(dyn), len({r["format"] for r in dyn}))
    )


if __name__ == "__main__":
    main()
