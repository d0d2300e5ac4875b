#!/usr/bin/env python3
"""Independent re-computation (Python hashlib / openssl, not Perl) of the hashcat
vectors whose module_verify_hash could not be used ("verified_by_module": false:
modes 111, 112, 131, 1800, 2612, 20400, 21600), plus a few formula modes (10, 30,
1000) as a sanity check of the password-encoding conventions
(password_hex / password_encoding).

    python3 crosscheck_hashcat_vectors.py
"""
import json, hashlib, base64, subprocess, os, sys
ok=bad=0
def chk(c, d, what):
    global ok, bad
    if c: ok+=1
    else:
        bad+=1; print("MISMATCH", what, d['mode'], d['password'], d['line'])
for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'hashcat.jsonl')):
    d=json.loads(l)
    if not d['expect']: continue
    pw=bytes.fromhex(d['password_hex']); m=d['mode']; line=d['line']
    if m==111:
        raw=base64.b64decode(line[6:]); dig,salt=raw[:20],raw[20:]
        chk(hashlib.sha1(pw+salt).digest()==dig,d,'ssha')
    elif m==112:
        h,s=line.split(':'); chk(hashlib.sha1(pw+bytes.fromhex(s)).hexdigest()==h,d,'oracle S')
    elif m==131:
        salt=bytes.fromhex(line[6:14]); chk(hashlib.sha1(d['password'].upper().encode('utf-16le')+salt).hexdigest()==line[54:],d,'mssql2000')
    elif m==1800:
        if not pw:
            continue  # `openssl passwd -stdin` cannot take an empty password
        salt=line.split('$')[2]
        out=subprocess.run(['openssl','passwd','-6','-salt',salt,'-stdin'],input=pw,capture_output=True).stdout.decode().strip()
        chk(out==line,d,'sha512crypt')
    elif m==2612:
        _,_,s,h=line.split('$'); chk(hashlib.md5(hashlib.md5(pw).hexdigest().encode()+bytes.fromhex(s)).hexdigest()==h,d,'phps')
    elif m==20400:
        _,_,it,s,h=line.split('$'); f=lambda x: base64.b64decode(x.replace('.','+')+'='*(-len(x)%4))
        chk(hashlib.pbkdf2_hmac('sha1',pw,f(s),int(it))==f(h),d,'pbkdf2 sha1')
    elif m==21600:
        hdr,s,h=line.split('$'); chk(hashlib.pbkdf2_hmac('sha512',pw,s.encode(),1000,20).hex()==h,d,'pbkdf2 sha512')
    elif m==1000:
        try: chk(hashlib.new('md4',d['password'].encode('utf-16le')).hexdigest()==line,d,'nt')
        except ValueError: pass
    elif m==30:
        h,s=line.split(':'); chk(hashlib.md5(d['password'].encode('utf-16le')+s.encode()).hexdigest()==h,d,'m30 text semantics')
    elif m==10:
        h,s=line.split(':'); chk(hashlib.md5(pw+s.encode()).hexdigest()==h,d,'m10')

# --- generic: modes whose hashcat name is a plain formula, e.g. md5($salt.md5($pass))
ALGOS = {"md5": "md5", "sha1": "sha1", "sha224": "sha224", "sha256": "sha256",
         "sha384": "sha384", "sha512": "sha512", "md4": "md4"}


def formula(expr, pw, salt):
    pos = 0

    def concat():
        nonlocal pos
        out = b""
        while True:
            out += atom()
            if pos < len(expr) and expr[pos] == ".":
                pos += 1
                continue
            return out

    def atom():
        nonlocal pos
        import re
        for tok, val in (("$pass", pw), ("$salt", salt)):
            if expr.startswith(tok, pos):
                pos += len(tok)
                return val
        m = re.match(r"(md5|sha1|sha224|sha256|sha384|sha512|md4)(_bin)?\(|(utf16le)\(|(strtoupper)\(", expr[pos:])
        if not m:
            raise ValueError(expr[pos:])
        pos += m.end()
        inner = concat()
        if expr[pos] != ")":
            raise ValueError("paren")
        pos += 1
        if m.group(3):
            return inner.decode("latin-1").encode("utf-16le")
        if m.group(4):
            return inner.upper()
        d = hashlib.new(m.group(1), inner)
        return d.digest() if m.group(2) else d.hexdigest().encode()

    out = concat()
    if pos != len(expr):
        raise ValueError("trailing")
    return out.decode()


fok = fbad = 0
for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hashcat.jsonl")):
    d = json.loads(l)
    name = d["name"].split(" / ")[0]
    if " " in name or "$pass" not in name:
        continue
    pw = bytes.fromhex(d["password_hex"])
    salt = d.get("salt", "")
    salt = bytes.fromhex(salt) if d.get("salt_encoding") == "hex" else salt.encode()
    try:
        got = formula(name, pw, salt)
    except (ValueError, IndexError):
        continue
    if (got == d["hash"].lower()) == d["expect"]:
        fok += 1
    else:
        fbad += 1
        print("FORMULA MISMATCH", d["mode"], name, d["password"], d["line"])
print("%d formula vectors recomputed from the mode name, %d mismatched" % (fok, fbad))
bad += fbad

print('%d checked, %d mismatched' % (ok, bad))
sys.exit(1 if bad else 0)
