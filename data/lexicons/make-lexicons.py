#!/usr/bin/env python3
"""Build the compact bilingual lexicons in this directory from installed Debian dictd packages.

Usage (Debian 12; Python 3 standard library only), from the project directory:

    sudo apt-get install $(python3 data/lexicons/make-lexicons.py --packages)
    python3 data/lexicons/make-lexicons.py            # writes next to this script (about 2 minutes)
    python3 data/lexicons/make-lexicons.py --out DIR  # or elsewhere; --only de-en it-en for some files

It reads /usr/share/dictd/<name>.index and <name>.dict.dz (dictd format: index lines
"headword TAB base64-offset TAB base64-length", the .dict.dz is dictzip = gzip of the bodies),
walks the bodies in file order (the dictionary's own order = rank), strips grammar and usage
annotations, and writes one gzip TSV per direction:

    headword TAB translation 1 TAB translation 2 ...

Lines starting with "#" are comments (source, version, licence). The output is deterministic
(gzip mtime 0), so re-running on the same package versions gives identical files.
It also copies /usr/share/doc/<package>/copyright into licences/<package>.copyright.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import OrderedDict

DICTD = "/usr/share/dictd"
MAX_HEAD_WORDS = 5

# source id -> (debian package, body format, upstream)
SOURCES = {
    "deu-eng": ("dict-freedict-deu-eng", "ding", "Ding 1.9 (TU Chemnitz) via FreeDict ding2tei"),
    "eng-deu": ("dict-freedict-eng-deu", "ding", "Ding 1.9 (TU Chemnitz) via FreeDict ding2tei"),
    "ita-eng": ("dict-freedict-ita-eng", "freedict", "FreeDict"),
    "eng-ita": ("dict-freedict-eng-ita", "freedict", "FreeDict"),
    "swe-eng": ("dict-freedict-swe-eng", "freedict", "FreeDict"),
    "eng-swe": ("dict-freedict-eng-swe", "freedict", "FreeDict"),
    "ita-deu": ("dict-freedict-ita-deu", "freedict", "FreeDict"),
    "deu-ita": ("dict-freedict-deu-ita", "freedict", "FreeDict"),
    "swe-deu": ("dict-freedict-swe-deu", "wikdict", "WikDict (Wiktionary via DBnary) via FreeDict"),
    "deu-swe": ("dict-freedict-deu-swe", "wikdict", "WikDict (Wiktionary via DBnary) via FreeDict"),
    "ita-swe": ("dict-freedict-ita-swe", "wikdict", "WikDict (Wiktionary via DBnary) via FreeDict"),
    "swe-ita": ("dict-freedict-swe-ita", "wikdict", "WikDict (Wiktionary via DBnary) via FreeDict"),
}

# output file -> list of (source id, inverted?) merged in this order (earlier = higher rank)
OUTPUTS = OrderedDict([
    ("de-en", [("deu-eng", False)]),
    ("en-de", [("eng-deu", False)]),
    ("it-en", [("ita-eng", False), ("eng-ita", True)]),
    ("en-it", [("eng-ita", False), ("ita-eng", True)]),
    ("sv-en", [("swe-eng", False), ("eng-swe", True)]),
    ("en-sv", [("eng-swe", False), ("swe-eng", True)]),
    ("sv-de", [("swe-deu", False), ("deu-swe", True)]),
    ("de-sv", [("deu-swe", False), ("swe-deu", True)]),
    ("it-de", [("ita-deu", False), ("deu-ita", True)]),
    ("de-it", [("deu-ita", False), ("ita-deu", True)]),
    ("it-sv", [("ita-swe", False), ("swe-ita", True)]),
    ("sv-it", [("swe-ita", False), ("ita-swe", True)]),
])

# Triangulated files: Italian/Swedish to English through several WikDict pivot languages. A candidate is
# kept when at least MIN_VOTES different pivot languages lead to it (source word -> top PIVOT_CAP1 pivot
# words -> top PIVOT_CAP2 English words each). Only WikDict data (CC BY-SA 3.0) goes into these files.
PIVOTS = ["fin", "pol", "ell", "bul", "nor", "jpn", "ind"]
TRIANGULATED = OrderedDict([
    ("it-en-wikdict", "ita"),
    ("sv-en-wikdict", "swe"),
])
MIN_VOTES, PIVOT_CAP1, PIVOT_CAP2, TRIANGULATED_MAX = 2, 3, 4, 8
WIKDICT_UPSTREAM = "WikDict (Wiktionary via DBnary) via FreeDict"


def wikdict_pairs(src):
    """The (pair, inverted) lists source->pivot and pivot->English for each pivot language."""
    routes = []
    for x in PIVOTS:
        a = [("%s-%s" % (src, x), False), ("%s-%s" % (x, src), True)]
        b = [("%s-eng" % x, False), ("eng-%s" % x, True)]
        routes.append((x, a, b))
    return routes


# the WikDict pairs of the pivot routes that Debian 12 has (bul-ita, nor-ita, ... do not exist)
KNOWN_PAIRS = {"ita-fin", "fin-ita", "fin-eng", "eng-fin", "ita-pol", "pol-ita", "pol-eng", "ita-ell", "ell-ita",
               "ell-eng", "ita-bul", "eng-bul", "ita-nor", "eng-nor", "ita-jpn", "eng-jpn", "ita-ind", "eng-ind",
               "swe-fin", "fin-swe", "swe-pol", "pol-swe", "swe-ell", "ell-swe", "swe-bul", "swe-nor", "swe-jpn"}


def installed(sid):
    return os.path.exists(os.path.join(DICTD, "freedict-%s.index" % sid))


LANG = {"deu": "de", "eng": "en", "ita": "it", "swe": "sv", "fin": "fi", "pol": "pl", "ell": "el",
        "bul": "bg", "nor": "nb", "jpn": "ja", "ind": "id"}
B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}

# placeholders and leading articles removed from translations (not from headwords)
_PH = r"(?:sb\.|sth\.|sb\.'s|sth\.'s|so\.|jd\.|jdn\.|jdm\.|jds\.|etw\.|etw\.s|qn|qc|ngn|ngt|ngns)"
PLACEHOLDERS = re.compile(r"(?<!\S)%s(?:/%s)*(?!\S)" % (_PH, _PH))
LEADING_ARTICLE = {
    "de": re.compile(r"^(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines)\s+(?=\S)", re.I),
    "en": re.compile(r"^(?:the|a|an)\s+(?=\S)", re.I),
    "it": re.compile(r"^(?:il|lo|la|i|gli|le|un|uno|una)\s+(?=\S)|^(?:l'|un')(?=\w)", re.I),
    "sv": re.compile(r"^(?:en|ett)\s+(?=\S)", re.I),
}
IPA = re.compile(r"\s/+[^/\s][^/]*/+(?=\s|$|[(<,])")
ABBR_UNIT = re.compile(r"([^\s,\x01/]+),\s+/+[^/]*/+")
GLUED = re.compile(r"^(.*[a-zäöüßàèéìòù\)\]])([A-Z][A-Za-z0-9.\-]*)$")
GLUED_DOTTED = re.compile(r"^(.*?[a-zäöüß]{2,})((?:[a-z]\.)+[a-z]?\.?)$")  # "documentsc.a.d."


def b64(s):
    n = 0
    for c in s:
        n = n * 64 + B64[c]
    return n


def fold(s):
    """Same folding as BilingualDictionary.fold: NFKD, drop combining marks, lower-case."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def strip_brackets(s):
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"<[^<>]*>", "\x01", s)
        s = re.sub(r"\[[^\[\]]*\]", " ", s)
        s = re.sub(r"\{[^{}]*\}", " ", s)
        s = re.sub(r"\([^()]*\)", " ", s)
    return s


def tidy(s):
    s = s.replace("\x01", " ").replace("…", " ").replace("...", " ")
    s = re.sub(r"[\[\]{}()<>]", " ", s)  # unbalanced leftovers
    toks = [t for t in s.split() if any(ch.isalnum() for ch in t)]
    s = " ".join(toks)
    return s.strip(" ,;:-–'\"")


def clean_translation(s, lang):
    # "enterprisesSME,  /smˈeː/ SMEs,  /smˈeːs/" -> "enterprises, SME, SMEs,"
    def unit(m):
        tok = m.group(1)
        g = GLUED.match(tok) or GLUED_DOTTED.match(tok)
        if g and not tok.isupper():
            return g.group(1) + ", " + g.group(2) + ", "
        return ", " + tok + ", "
    s = ABBR_UNIT.sub(unit, s)
    s = IPA.sub(" ", s)
    s = strip_brackets(s)
    out = []
    for part in re.split(r",(?=\s|$|,)|;|\x01\s*,", s):
        t = PLACEHOLDERS.sub(" ", tidy(part))
        t = tidy(t)
        if lang == "en" and t.lower().startswith("to ") and len(t.split()) > 1:
            t = t[3:]
        art = LEADING_ARTICLE.get(lang)
        if art and len(t.split()) > 1:
            t = art.sub("", t)
        t = t.strip()
        if t and any(ch.isalpha() for ch in t):
            out.extend(expand_slashes(t) if "/" in t else [t])
    return out


def expand_slashes(head):
    """'am heimischen/häuslichen Herd' -> both variants (at most 4); TCP/IP, km/h stay."""
    variants = [[]]
    for tok in head.split():
        alts = tok.split("/")
        if len(alts) > 1 and all(sum(ch.isalpha() for ch in a) >= 2 for a in alts) and not tok.isupper():
            variants = [v + [a] for v in variants for a in alts]
        else:
            variants = [v + [tok] for v in variants]
        if len(variants) > 4:
            return [head.replace("/", " ")]
    return [" ".join(v) for v in variants]


def clean_headword(raw, lang, fmt="ding"):
    """Returns a list of headwords (main form and alternatives such as abbreviations)."""
    alts = []
    if fmt != "ding":  # FreeDict/WikDict: "head /ipa/ <pos>", the IPA may be odd ("// /x///")
        raw = re.split(r"\s/", raw, maxsplit=1)[0]
    # "(KMU /kˌɑːˌɛmˈuː/)" or "(art. /ˈɑːt/)" -> alternative headword
    for m in re.finditer(r"\(([^()/]+?)\s/+[^/]*/+\)", raw):
        alts.append(m.group(1).strip())
    h = re.sub(r"\(([^()/]+?)\s/+[^/]*/+\)", " ", raw)
    h = IPA.sub(" ", h)
    h = strip_brackets(h)
    h = h.replace("\x01", " ")
    h = " ".join(h.split()).strip(" ,;:")
    if h.startswith("'") and h.endswith("'"):
        h = h[1:-1]
    heads = []
    for cand in [h] + alts:
        cand = cand.replace("…", " ").strip()
        cand = " ".join(cand.split())
        if not cand or cand.startswith("-") or raw.lstrip().startswith("…"):
            continue
        if not any(ch.isalpha() for ch in cand):
            continue
        words = cand.split()
        if cand[-1] in "!?" or (cand[-1] == "." and len(words) >= 3):
            continue  # a sentence, not a term
        for v in expand_slashes(cand):
            if len(v.split()) <= MAX_HEAD_WORDS:
                heads.append(v)
    return heads


def bodies(name):
    """Yields entry bodies of a dictd database in file order, each once."""
    spans = set()
    with open(os.path.join(DICTD, name + ".index"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 3 or p[0].startswith("00database") or p[0].startswith("00-database"):
                continue
            spans.add((b64(p[1]), b64(p[2])))
    with gzip.open(os.path.join(DICTD, name + ".dict.dz")) as f:
        data = f.read()
    for off, length in sorted(spans):
        body = data[off:off + length].decode("utf-8", "replace")
        if body.startswith("00-database") or body.startswith("00database"):
            continue
        yield body


def parse(source_id):
    """Returns (entries, later): lists of (headwords, translations) in dictionary order; "later" holds the
    Ding prefix forms ("Raum…" spatial, "Gesundheits…") and example phrases, which rank after the entries."""
    pkg, fmt, _ = SOURCES[source_id]
    src, tgt = (LANG[x] for x in source_id.split("-"))
    entries, prefixed, examples = [], [], []
    for body in bodies("freedict-" + source_id):
        lines = body.split("\n")
        heads = clean_headword(lines[0], src, fmt)
        is_prefix = fmt == "ding" and re.match(r"^[^/]*…\s*(/|$|<)", lines[0]) is not None
        trans = []
        if fmt == "ding":
            for ln in lines[1:]:
                if not ln.strip():
                    continue
                m = re.match(r'^\s+"(.*)"\s+-\s+(.*)$', ln)
                if m:
                    ex_heads = [LEADING_ARTICLE[src].sub("", h) for h in clean_headword(m.group(1), src)]
                    ex_trans = clean_translation(m.group(2), tgt)
                    if ex_heads and ex_trans:
                        examples.append((ex_heads, ex_trans))
                    continue
                if re.match(r"^\s*(Notes?|Synonyms?|see):", ln) or re.match(r"^\s+Note", ln):
                    continue
                if ln.startswith("    "):  # continuation of notes or examples
                    continue
                trans.extend(clean_translation(ln, tgt))
        elif fmt == "freedict":
            for ln in lines[1:]:
                if not ln.strip() or re.match(r"^\s+Notes?:", ln):
                    continue
                ln = re.sub(r"^\s*\d+\.\s*", "", ln)
                trans.extend(clean_translation(ln, tgt))
        else:
            # wikdict: senses "N. translations", then gloss lines in the source language; a gloss
            # may repeat the sense number ("1. gloss") or carry sub-numbers (" 3."), and the
            # converter sometimes glues the next number to the translation line ("tröskel 2.")
            senses, cur, num = [], None, None
            for ln in lines[1:]:
                if not ln.strip():
                    continue
                m = re.match(r"^(\d+)\.(?:\s+|$)(.*)$", ln)
                if m and m.group(1) != num:
                    num = m.group(1)
                    cur = [m.group(2)]
                    senses.append(cur)
                elif cur is None:
                    cur = [ln]
                    senses.append(cur)
                else:
                    cur.append(ln)
            for sense in senses:
                first = re.sub(r"\s+\d+\.\s*$", "", sense[0]).strip()
                if first and first not in ("}}", "{{"):
                    trans.extend(clean_translation(first, tgt))
        if heads and trans:
            (prefixed if is_prefix else entries).append((heads, trans))
    return entries, prefixed + examples


def merge_into(table, heads, trans):
    for h in heads:
        lst = table.setdefault(h, [])
        seen = {t.lower() for t in lst}
        for t in trans:
            if t.lower() not in seen:
                seen.add(t.lower())
                lst.append(t)


def invert(entries, tgt_lang):
    """(head -> [t1..tn]) to (t -> heads), ranked by the position of t in each entry."""
    ranked = []
    seq = 0
    for heads, trans in entries:
        for pos, t in enumerate(trans):
            if len(t.split()) > MAX_HEAD_WORDS:
                continue
            for h in heads:
                ranked.append((pos, seq, t, h))
                seq += 1
    ranked.sort(key=lambda r: (r[0], r[1]))
    out = OrderedDict()
    for _, _, t, h in ranked:
        out.setdefault(t, []).append(h)
    return [([t], hs) for t, hs in out.items()]


def lower_table(entries):
    """(heads, translations) list -> {lower-cased head: [translations]} (accents kept: "vård" is not "värd")."""
    table = {}
    for heads, trans in entries:
        for h in heads:
            lst = table.setdefault(h.lower(), [])
            for t in trans:
                if t not in lst:
                    lst.append(t)
    return table


def triangulate(src, parsed):
    """Source word -> English through the pivot languages; returns ordered {head: [translations]}, used pairs."""
    routes, used = [], []
    for x, a_parts, b_parts in wikdict_pairs(src):
        a = [(sid, inv) for sid, inv in a_parts if sid in parsed]
        b = [(sid, inv) for sid, inv in b_parts if sid in parsed]
        if not a or not b:
            continue
        used += a + b
        to_pivot = lower_table([e for sid, inv in a for e in
                                (invert(parsed[sid][0], None) if inv else parsed[sid][0])])
        to_english = lower_table([e for sid, inv in b for e in
                                  (invert(parsed[sid][0], None) if inv else parsed[sid][0])])
        routes.append((x, to_pivot, to_english))
    heads = OrderedDict()
    for sid, inv in used:
        if sid.startswith(src + "-") and not inv:
            for hs, _ in parsed[sid][0]:
                for h in hs:
                    heads.setdefault(h, None)
        elif sid.endswith("-" + src) and inv:
            for _, ts in parsed[sid][0]:
                for t in ts:
                    if len(t.split()) <= MAX_HEAD_WORDS:
                        heads.setdefault(t, None)
    table = OrderedDict()
    for h in heads:
        votes, best, form = {}, {}, {}
        for x, to_pivot, to_english in routes:
            for i, p in enumerate(to_pivot.get(h.lower(), [])[:PIVOT_CAP1]):
                for j, e in enumerate(to_english.get(p.lower(), [])[:PIVOT_CAP2]):
                    k = e.lower()
                    votes.setdefault(k, set()).add(x)
                    best[k] = min(best.get(k, 99), i + j)
                    form.setdefault(k, e)
        good = [k for k in votes if len(votes[k]) >= MIN_VOTES]
        good.sort(key=lambda k: (-len(votes[k]), best[k]))
        if good:
            merge_into(table, [h], [form[k] for k in good[:TRIANGULATED_MAX]])
    return table, used


def package_version(pkg):
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.strip()
    except OSError:
        pass
    return "unknown"


def licence_of(sid):
    """The licence of the "Files: <pair>/*" stanza of the package's copyright file."""
    path = "/usr/share/doc/%s/copyright" % SOURCES[sid][0]
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        return "see package"
    m = re.search(r"^Files:\s*%s/\*\s*$.*?^License:\s*(\S+)" % re.escape(sid), text, re.M | re.S)
    return m.group(1) if m else "see copyright"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--max-translations", type=int, default=0,
                    help="keep at most N translations per headword (0 = all)")
    ap.add_argument("--only", nargs="*", help="build only these outputs, e.g. de-en it-en")
    ap.add_argument("--packages", action="store_true", help="print the Debian packages it reads, and stop")
    args = ap.parse_args()
    if args.packages:
        pkgs = {SOURCES[sid][0] for parts in OUTPUTS.values() for sid, _ in parts}
        for src in TRIANGULATED.values():
            for _, a, b in wikdict_pairs(src):
                pkgs.update("dict-freedict-" + sid for sid, _ in a + b if installed(sid) or sid in KNOWN_PAIRS)
        print(" ".join(sorted(pkgs)))
        return
    os.makedirs(os.path.join(args.out, "licences"), exist_ok=True)

    parsed = {}
    needed = {sid for name, parts in OUTPUTS.items() if not args.only or name in args.only
              for sid, _ in parts}
    for name, src in TRIANGULATED.items():
        if not args.only or name in args.only:
            for _, a, b in wikdict_pairs(src):
                for sid, _ in a + b:
                    SOURCES.setdefault(sid, ("dict-freedict-" + sid, "wikdict", WIKDICT_UPSTREAM))
                    if installed(sid) or sid in KNOWN_PAIRS:  # Debian has no bul-ita, nor-ita, ...
                        needed.add(sid)
    missing = [SOURCES[sid][0] for sid in sorted(needed) if not installed(sid)]
    if missing:
        sys.exit("missing dictionaries: apt-get install " + " ".join(missing))
    for sid in sorted(needed):
        pkg = SOURCES[sid][0]
        parsed[sid] = parse(sid)
        shutil.copyfile("/usr/share/doc/%s/copyright" % pkg,
                        os.path.join(args.out, "licences", pkg + ".copyright"))

    print("| file | entries | sources | licence |")
    print("|---|---|---|---|")
    for name, parts in OUTPUTS.items():
        if args.only and name not in args.only:
            continue
        tgt = name.split("-")[1]
        table = OrderedDict()
        for sid, inverted in parts:
            entries, examples = parsed[sid]
            if inverted:
                entries, examples = invert(entries, tgt), []
            for heads, trans in entries:
                merge_into(table, heads, trans)
            for heads, trans in examples:  # prefix forms and example phrases rank after the entries
                merge_into(table, heads, trans)
        meta = []
        for sid, inverted in parts:
            pkg = SOURCES[sid][0]
            meta.append("%s %s (%s, %s)%s" % (pkg, package_version(pkg), SOURCES[sid][2],
                                              licence_of(sid), " inverted" if inverted else ""))
        write(args, name, table, "; ".join(meta))
        print("| %s.tsv.gz | %d | %s | %s |" % (name, len(table), "; ".join(
            SOURCES[s][0] + (" (inverted)" if inv else "") for s, inv in parts),
            ", ".join(sorted({licence_of(s) for s, _ in parts}))))
    for name, src in TRIANGULATED.items():
        if args.only and name not in args.only:
            continue
        table, used = triangulate(src, parsed)
        pkgs = sorted({SOURCES[s][0] for s, _ in used})
        meta = "triangulated through %s (at least %d pivot languages agree) from %s (%s, %s)" % (
            ", ".join(sorted({LANG[s.split("-")[0]] if s.split("-")[0] not in (src, "eng")
                              else LANG[s.split("-")[1]] for s, _ in used})), MIN_VOTES,
            " ".join("%s %s" % (p, package_version(p)) for p in pkgs), WIKDICT_UPSTREAM,
            ", ".join(sorted({licence_of(s) for s, _ in used})))
        write(args, name, table, meta)
        print("| %s.tsv.gz | %d | triangulated: %s | %s |" % (name, len(table), " ".join(pkgs),
              ", ".join(sorted({licence_of(s) for s, _ in used}))))


def write(args, name, table, meta):
    path = os.path.join(args.out, name + ".tsv.gz")
    keys = sorted(table, key=lambda h: (fold(h), h))
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(("# %s lexicon, made by make-lexicons.py from: %s. Data licence: see README.md "
                      "and licences/.\n" % (name, meta)).encode("utf-8"))
            for h in keys:
                trans = table[h]
                if args.max_translations:
                    trans = trans[:args.max_translations]
                cells = [h] + trans
                gz.write(("\t".join(c.replace("\t", " ") for c in cells) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
