#!/usr/bin/env python3
"""Draw the hand-labelling sample for the "health and care" classifier (see README.md).

Deterministic: no randomness, the order is MD5(slug). Reads the import mappings next to this folder
(../*.yaml) and the source files they name (default ../../../../shared/data, i.e. /work/shared/data),
rebuilds each mapping's FIRST record type (the project record) the way the importer does
(src/main/java/org/w3id/hikb/importer: RowReader, Row, Values, RecordMaker), and prints the drawn
records, one per line, as TSV:

    slug  source  stratum  title  text

where `text` is the record's other texts (acronym, programme part, topic, summary ...) joined by " | ".

    python3 draw.py                      # the 400 drawn records (U then W) on stdout
    python3 draw.py --stats              # population counts per source, net matches
    python3 draw.py --check labels.tsv   # labels.tsv has exactly the drawn slugs, sources and strata
    python3 draw.py --heldout            # the 310 held-out records (U2, W2, N2), disjoint from U and W
    python3 draw.py --heldout --check heldout.tsv

Python 3.8+ and PyYAML.
"""
import argparse
import csv
import hashlib
import json
import os
import re
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
MAPPINGS_DIR = os.path.dirname(HERE)
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data"))

# The mappings sampled, in this order (a tie in MD5 is impossible in practice; the order only breaks it).
MAPPINGS = [
    "cordis-h2020", "cordis-fp7", "cordis-fp7-results-in-brief", "cordis-horizon-europe",
    "se-erdf-2014-2020", "de-erdf-baden-wuerttemberg", "de-erdf-bayern", "de-erdf-berlin",
    "de-erdf-thueringen", "at-erdf", "it-programmes-2014-2020", "interreg-2021-2027-se",
]

U_SIZE = 250
W_SIZE = 150

# The held-out sample (--heldout), drawn after the classifier's term list was tuned on U and W, in the
# same MD5 order and disjoint from U and W: U2 = the next records over all sources, W2 = the next net
# matches, N2 = the next records of the native-language (cohesion-fund) sources alone.
U2_SIZE = 150
W2_SIZE = 100
N2_SIZE = 60
U3_SIZE = 150
W3_SIZE = 100
N3_SIZE = 50
T_SIZE = 250
# The mappings whose source files are under cohesion/ (German, Swedish, Italian texts).
NATIVE = [
    "se-erdf-2014-2020", "de-erdf-baden-wuerttemberg", "de-erdf-bayern", "de-erdf-berlin",
    "de-erdf-thueringen", "at-erdf", "it-programmes-2014-2020", "interreg-2021-2027-se",
]

# The wide net for stratum W: case-insensitive. English and Italian stems must start a word
# (so "aging" does not match "managing"); German and Swedish stems may stand anywhere in a word,
# because those languages write compounds ("Altenpflege", "äldreomsorg"). Three stems are narrowed
# because they mostly hit another word: "care" not followed by "er" (Marie Curie "career" grants:
# 6,000 FP7 records), "cura" as a whole word (not "curated"), and "alter" at a word start and not
# "alternative", "alteration", "altered", "altering" (German "Alter", "Altern", "Altersheim" stay).
NET_WORD_START = [
    # English
    "health", "medic", "clinic", "patient", "disease", "hospital", "therap", "cancer", "tumo",
    "ageing", "aging", "elderly", "older people", "dementia", "diabet", "cardio", "drug", "vaccin",
    "diagnos", "pharma", "nurs", "wellbeing", "well-being", "infect", "epidem", "surgery", "telemedic",
    "ehealth", "e-health",
    # Italian
    "salute", "sanit", "malatt", "ospedal", "anzian",
]
NET_ANYWHERE = [
    # German
    "gesundheit", "pflege", "kranken", "klinik", "medizin", "patient", "demenz",
    # Swedish
    "hälsa", "hälso", "vård", "sjuk", "omsorg", "äldre", "medicin",
]
NET_SPECIAL = [r"\bcare(?!er)", r"\bcura\b", r"\balter(?!nativ|at|ed|ing)"]
NET = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in NET_WORD_START) + r")"
    + r"|(?:" + "|".join(re.escape(w) for w in NET_ANYWHERE) + r")"
    + "|" + "|".join(NET_SPECIAL),
    re.IGNORECASE)

# The texts of a record that the net looks at (and that labellers read), per mapping: columns as the
# mappings name them. Title first.
TEXTS = {
    "cordis-h2020": ["Project Title", "Project Acronym", "Thema", "Topic description"],
    "cordis-fp7": ["Project Title", "Project Acronym", "Thematic Priority Descr", "Topic Description"],
    "cordis-fp7-results-in-brief": ["title", "topics", "teaser"],
    "cordis-horizon-europe": ["title", "acronym", "legalBasis", "topics", "objective"],
    "se-erdf-2014-2020": ["projektnamn", "tematiskt_mål", "projektbeskrivning"],
    "de-erdf-baden-wuerttemberg": ["Bezeichnung des Vorhabens", "Bezeichnung der Interventionskategorie",
                                   "Zusammenfassung des Vorhabens"],
    "de-erdf-bayern": ["Zusammenfassung des Vorhabens / operation summary",
                       "Interventionsbereich / intervention field",
                       "Thematisches Ziel / thematic objective dimension"],
    "de-erdf-berlin": ["Bezeichnung des Vorhabens", "Interventions-kategorie", "Zusammenfassung des Vorhabens"],
    "de-erdf-thueringen": ["Zusammenfassung des Vorhabens", "Bezeichnung der Interventionskategorie"],
    "at-erdf": ["Bezeichnung des Vorhabens/ operation name",
                "Bezeichnung der Interventionskategorie für das Vorhaben/ name of category of intervention for the operation",
                "Zusammenfassung des Vorhabens/ operation summary"],
    "it-programmes-2014-2020": ["OC_DESCRIZIONE_PROGRAMMA", "OC_AREA_OBIETTIVO_UE", "FONDO"],
    "interreg-2021-2027-se": ["projektnamn", "program", "politisktmal", "specifiktmal"],
}
# Shown to the labeller but not searched by the net (a classification, not the record's own text).
EXTRA = {"cordis-horizon-europe": ["euroSciVocTitle"]}


# ---- the importer's rules, in Python -------------------------------------------------------------

_JAVA_WS = set("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")


def _java_ws(c):
    # Character.isWhitespace: Unicode space separators except the no-break ones, and the controls above.
    if c in _JAVA_WS:
        return True
    return unicodedata.category(c) in ("Zs", "Zl", "Zp") and c not in "\u00a0\u2007\u202f"


def jstrip(s):
    """Java String.strip()."""
    i, j = 0, len(s)
    while i < j and _java_ws(s[i]):
        i += 1
    while j > i and _java_ws(s[j - 1]):
        j -= 1
    return s[i:j]


def column(name):
    """RowReader.column: no surrounding spaces, inner (ASCII) white space as one space."""
    return re.sub(r"[ \t\n\x0b\f\r]+", " ", jstrip(name.replace("\ufeff", " ")))


def slug(s):
    """Values.slug."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.category(c).startswith("M"))
    folded = folded.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    out = re.sub(r"[^a-z0-9]+", "-", folded.lower())
    out = re.sub(r"^-+|-+$", "", out)
    if len(out) > 80:
        out = re.sub(r"-+$", "", out[:70]) + "-" + hashlib.sha256(s.encode("utf-8")).hexdigest()[:8]
    return out


_COLUMN = re.compile(r"\{([^{}]+)}")


def expand(template, row):
    """Values.expand: None when a non-optional referenced column is empty."""
    out, pos = [], 0
    for m in _COLUMN.finditer(template):
        name = m.group(1)
        optional = name.startswith("?")
        v = row.get(name[1:] if optional else name)
        if v == "" and not optional:
            return None
        out.append(template[pos:m.start()])
        out.append(v)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out)


class BadValue(Exception):
    pass


_BIGDEC = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def decimal(raw):
    s = re.sub(r"[\s\u00a0€$£*]|EUR|SEK|kr", "", raw)
    if not s:
        raise BadValue("not a number: %r" % raw)
    comma, point = s.rfind(","), s.rfind(".")
    if comma >= 0 and point >= 0:
        plain = s.replace(".", "").replace(",", ".") if comma > point else s.replace(",", "")
    elif comma >= 0:
        plain = s.replace(",", "") if re.fullmatch(r"-?\d{1,3}(,\d{3})+", s) else s.replace(",", ".")
    elif point >= 0 and re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", s):
        plain = s.replace(".", "")
    else:
        plain = s
    if not _BIGDEC.fullmatch(plain):
        raise BadValue("not a number: %r" % raw)
    from decimal import Decimal
    return Decimal(plain)


def rate(raw):
    from decimal import Decimal
    percent = "%" in raw
    v = decimal(raw.replace("%", ""))
    if percent or v > 1:
        v = v / 100
    if v < 0 or v > 1:
        raise BadValue("not a share: %r" % raw)
    return v


_DATE_PATTERNS = [  # Values.DATE_FORMATS as regular expressions: (pattern, order of y/m/d groups)
    (re.compile(r"(\d{4,})-(\d{2})-(\d{2})"), "ymd"),
    (re.compile(r"(\d{2})\.(\d{2})\.(\d{4,})"), "dmy"),
    (re.compile(r"(\d+)\.(\d+)\.(\d{4,})"), "dmy"),
    (re.compile(r"(\d{2})/(\d{2})/(\d{4,})"), "dmy"),
    (re.compile(r"(\d+)/(\d+)/(\d{4,})"), "dmy"),
]


def date(raw):
    s = jstrip(raw)
    if len(s) > 10 and re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].*", s, re.S):
        s = s[:10]
    if re.fullmatch(r"\d{4}-\d{2}", s):
        if not 1 <= int(s[5:]) <= 12:
            raise BadValue("not a month: %r" % raw)
        return
    if re.fullmatch(r"\d{4}", s):
        return
    for p, order in _DATE_PATTERNS:
        m = p.fullmatch(s)
        if not m:
            continue
        parts = dict(zip(order, (int(g) for g in m.groups())))
        if 1 <= parts["m"] <= 12 and 1 <= parts["d"] <= 31:
            return  # the SMART resolver moves 29-31 to the month's last day
    raise BadValue("not a date: %r" % raw)


def check_value(kind, v):
    if kind == "decimal":
        decimal(v)
    elif kind == "integer":
        d = decimal(v)
        if d != d.to_integral_value():
            raise BadValue("not a whole number: %r" % v)
    elif kind == "rate":
        rate(v)
    elif kind == "date":
        date(v)
    elif kind == "uri":
        s = jstrip(v)
        if not re.fullmatch(r"(?i)https?://\S+", s) or re.search(r'[<>"{}|\\^`]', s):
            raise BadValue("not a web address: %r" % v)
    elif kind == "record":
        if not slug(v):
            raise BadValue("makes no record id: %r" % v)


def satisfies(cond, row):
    if not cond:
        return True
    v = row.get(cond["column"])
    if cond.get("equals") is not None and str(cond["equals"]) != v:
        return False
    if cond.get("matches") is not None and not re.search(cond["matches"], v):
        return False
    return not cond.get("notEmpty") or v != ""


def make(mapping, row):
    """RecordMaker.make, reduced to what decides whether the row is imported: the first record's slug,
    or BadValue (the importer then skips the whole row)."""
    first = None
    for rule in mapping["records"]:
        if not satisfies(rule.get("when"), row):
            continue
        raw = expand(str(rule["id"]), row)
        s = slug(raw) if raw is not None else ""
        if not s:
            if first is None:
                raise BadValue("no id")
            continue
        for f in rule.get("fields") or []:
            if not satisfies(f.get("when"), row):
                continue
            value = expand(str(f["value"]), row)
            if value is None or jstrip(value) == "":
                if f.get("required"):
                    raise BadValue("%s is empty" % f["value"])
                continue
            values = value.split(f["split"]) if f.get("split") else [value]
            fmap = {str(k): ("" if v is None else str(v)) for k, v in (f.get("map") or {}).items()}
            for v in values:
                v = jstrip(v)
                v = fmap.get(v, v)
                if v == "":
                    continue
                check_value(f.get("kind", "string"), v)
        if first is None:
            first = s
    return first


class Row(dict):
    def get(self, column_name, default=""):
        v = dict.get(self, column_name)
        return "" if v is None else jstrip(v)


def read_rows(path, mapping):
    fmt = mapping.get("format", "csv")
    if fmt == "csv":
        delim = mapping.get("delimiter") or ","
        with open(path, encoding=mapping.get("encoding", "UTF-8"), newline="") as fh:
            reader = csv.reader(fh, delimiter=delim)
            header = [column(h) for h in next(reader)]
            for rec in reader:
                if rec == []:  # commons-csv ignores empty lines
                    continue
                row = Row((h, rec[i] if i < len(rec) else "") for i, h in enumerate(header))
                if len(rec) != len(header):
                    row["__width__"] = "%d fields where the header has %d" % (len(rec), len(header))
                yield row
    elif fmt == "json":
        with open(path, encoding=mapping.get("encoding", "UTF-8")) as fh:
            for obj in json.load(fh):
                yield Row(flatten(obj))
    else:
        with open(path, encoding=mapping.get("encoding", "UTF-8")) as fh:
            for line in fh:
                if line.strip():
                    yield Row(flatten(json.loads(line)))


def _text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def flatten(node, prefix="", out=None):
    out = {} if out is None else out
    for k, v in node.items():
        name = column(k) if not prefix else prefix + "." + column(k)
        if isinstance(v, dict):
            flatten(v, name, out)
        elif isinstance(v, list):
            out[name] = "; ".join(_text(x) if not isinstance(x, (dict, list)) else json.dumps(x) for x in v)
        elif v is not None:
            out[name] = _text(v)
    return out


def read_join(path, join):
    by_key = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = [column(h) for h in next(reader)]
        for rec in reader:
            if rec == []:
                continue
            row = Row((h, rec[i] if i < len(rec) else "") for i, h in enumerate(header))
            cols = by_key.setdefault(row.get(join["key"]), {})
            for c in join["columns"]:
                v = row.get(c)
                if v:
                    cols.setdefault(c, []).append(v)
    return by_key


# ---- the population -------------------------------------------------------------------------------

def records(data_dir):
    """Every project record of every sampled mapping: {(source, slug): record}, with skipped-row counts."""
    csv.field_size_limit(sys.maxsize)
    out, stats = {}, {}
    for name in MAPPINGS:
        with open(os.path.join(MAPPINGS_DIR, name + ".yaml"), encoding="utf-8") as fh:
            mapping = yaml.safe_load(fh)
        src = mapping["source"]["id"]
        joins = []
        for j in mapping.get("joins") or []:
            if True in j:  # PyYAML reads the key "on" as YAML 1.1's boolean true
                j["on"] = j.pop(True)
            joins.append((j, read_join(os.path.join(data_dir, j["file"]), j)))
        st = stats.setdefault(src, {"rows": 0, "skipped": 0, "records": 0, "net": 0})
        for row in read_rows(os.path.join(data_dir, mapping["source"]["file"]), mapping):
            st["rows"] += 1
            for j, by_key in joins:
                for c, vals in by_key.get(row.get(j["on"]), {}).items():
                    row[c] = "; ".join(vals)
            try:
                if "__width__" in row:
                    raise BadValue(row["__width__"])
                s = make(mapping, row)
            except BadValue:
                st["skipped"] += 1
                continue
            rec = out.get((src, s))
            if rec is None:
                rec = out[(src, s)] = {"slug": s, "source": src, "texts": {}}
            for c in TEXTS[src] + EXTRA.get(src, []):
                v = re.sub(r"\s+", " ", row.get(c)).strip()
                if v and v not in rec["texts"].setdefault(c, []):
                    rec["texts"][c].append(v)
    for rec in out.values():
        t = rec["texts"]
        rec["title"] = " / ".join(t.get(TEXTS[rec["source"]][0], []))
        rec["netText"] = " | ".join(" / ".join(t.get(c, [])) for c in TEXTS[rec["source"]])
        rec["net"] = bool(NET.search(rec["netText"]))
        rec["md5"] = hashlib.md5(rec["slug"].encode("utf-8")).hexdigest()
        stats[rec["source"]]["records"] += 1
        stats[rec["source"]]["net"] += rec["net"]
    return out, stats


def _ordered(recs):
    if "ordered" not in _drawn:
        _drawn["ordered"] = sorted(recs.values(), key=lambda r: (r["md5"], MAPPINGS.index(r["source"]), r["slug"]))
    return _drawn["ordered"]


def draw(recs):
    ordered = _ordered(recs)
    u = ordered[:U_SIZE]
    w = [r for r in ordered[U_SIZE:] if r["net"]][:W_SIZE]
    return [("U", r) for r in u] + [("W", r) for r in w]


def draw_heldout(recs):
    """U2: the first U2_SIZE records not in U or W; W2: the first W2_SIZE net matches not in U, W or U2;
    N2: the first N2_SIZE records of the NATIVE mappings not in U, W, U2 or W2. All in MD5 order."""
    ordered = _ordered(recs)
    taken = {id(r) for _, r in draw(recs)}
    u2 = [r for r in ordered if id(r) not in taken][:U2_SIZE]
    taken.update(id(r) for r in u2)
    w2 = [r for r in ordered if r["net"] and id(r) not in taken][:W2_SIZE]
    taken.update(id(r) for r in w2)
    n2 = [r for r in ordered if r["source"] in NATIVE and id(r) not in taken][:N2_SIZE]
    return [("U2", r) for r in u2] + [("W2", r) for r in w2] + [("N2", r) for r in n2]


# The later samples that were drawn themed (--themed): every later draw leaves them out as they were drawn.
THEMED = {11, 12, 13, 14, 15}
_drawn = {}


def _earlier(recs, n):
    """Every record of every sample before sample n (the first, the held-out one, and the later ones 3 to n - 1)."""
    taken = {id(r) for _, r in draw(recs)} | {id(r) for _, r in draw_heldout(recs)}
    for k in range(3, n):
        taken |= {id(r) for _, r in (draw_themed(recs, k) if k in THEMED else draw_later(recs, k))}
    return taken


def draw_later(recs, n):
    """The later held-out samples, each drawn after the classifier was tuned on all earlier ones: for n = 3,
    4, ... strata U<n> (the first U3_SIZE records in no earlier sample), W<n> (the first W3_SIZE net matches in
    none) and N<n> (the first N3_SIZE net matches of the NATIVE mappings in none; N2 held 1 positive in 60,
    so native records are sampled from the net, to measure the classifier on German and Swedish health
    records). All in MD5 order."""
    if ("later", n) in _drawn:
        return _drawn[("later", n)]
    ordered = _ordered(recs)
    taken = _earlier(recs, n)
    u = [r for r in ordered if id(r) not in taken][:U3_SIZE]
    taken.update(id(r) for r in u)
    w = [r for r in ordered if r["net"] and id(r) not in taken][:W3_SIZE]
    taken.update(id(r) for r in w)
    nat = [r for r in ordered if r["source"] in NATIVE and r["net"] and id(r) not in taken][:N3_SIZE]
    out = [("U%d" % n, r) for r in u] + [("W%d" % n, r) for r in w] + [("N%d" % n, r) for r in nat]
    _drawn[("later", n)] = out
    return out


def draw_themed(recs, n):
    """A themed sample n (stratum T<n>): the first T_SIZE net matches in no earlier sample (the first, the held-out
    one and the later ones 3 to n - 1), in MD5 order. Drawn for the per-theme figures: most of the net's records
    are about health, so each specific theme has about three times the examples of a later sample's 250 records.
    It says nothing of recall outside the net (the U strata of the later samples do)."""
    if ("themed", n) in _drawn:
        return _drawn[("themed", n)]
    taken = _earlier(recs, n)
    out = [("T%d" % n, r) for r in _ordered(recs) if r["net"] and id(r) not in taken][:T_SIZE]
    _drawn[("themed", n)] = out
    return out


def shown(rec):
    t = rec["texts"]
    cols = TEXTS[rec["source"]][1:] + EXTRA.get(rec["source"], [])
    return " | ".join("%s: %s" % (c, " / ".join(t[c])) for c in cols if t.get(c))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="the shared data directory (default %(default)s)")
    ap.add_argument("--stats", action="store_true", help="population counts per source")
    ap.add_argument("--check", metavar="LABELS_TSV", help="check a labels file against the draw")
    ap.add_argument("--heldout", action="store_true",
                    help="the held-out sample (strata U2, W2, N2) instead of U and W")
    ap.add_argument("--later", type=int, metavar="N",
                    help="a later held-out sample, N = 3, 4, ... (strata UN, WN, NN), drawn after tuning on all earlier ones")
    ap.add_argument("--themed", action="store_true",
                    help="with --later N: the themed sample N instead (stratum TN: 250 net matches in no earlier sample)")
    a = ap.parse_args()
    recs, stats = records(a.data)
    if a.themed and not a.later:
        ap.error("--themed needs --later N")
    sample = (draw_themed(recs, a.later) if a.themed else draw_later(recs, a.later)) if a.later \
        else draw_heldout(recs) if a.heldout else draw(recs)
    if a.stats:
        print("source\trows\tskipped\trecords\tnet")
        for s, v in stats.items():
            print("%s\t%d\t%d\t%d\t%d" % (s, v["rows"], v["skipped"], v["records"], v["net"]))
        print("all\t%d\t%d\t%d\t%d" % tuple(sum(v[k] for v in stats.values()) for k in ("rows", "skipped", "records", "net")))
        if not a.heldout and not a.later:
            n_u_net = sum(1 for st, r in sample if st == "U" and r["net"])
            print("U records matching the net: %d; W cut-off MD5: %s" % (n_u_net, sample[-1][1]["md5"]))
            return
        print("stratum\trecords\tnet\tfirst MD5\tlast MD5\tper source")
        for name in (("T%d" % a.later,) if a.themed else tuple(p + str(a.later) for p in "UWN") if a.later else ("U2", "W2", "N2")):
            part = [r for st, r in sample if st == name]
            if not part:
                continue
            per = {}
            for r in part:
                per[r["source"]] = per.get(r["source"], 0) + 1
            print("%s\t%d\t%d\t%s\t%s\t%s" % (name, len(part), sum(r["net"] for r in part), part[0]["md5"],
                                              part[-1]["md5"], ", ".join("%s %d" % kv for kv in per.items())))
        native = sum(v["records"] for s, v in stats.items() if s in NATIVE)
        print("native-language records: %d, in U or W: %d" % (
            native, sum(1 for _, r in draw(recs) if r["source"] in NATIVE)))
        return
    if a.check:
        with open(a.check, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        want = [(r["slug"], r["source"], st) for st, r in sample]
        got = [tuple(x[:3]) for x in rows[1:]]
        ok = sorted(want) == sorted(got) and len(got) == len(set(got))
        bad = [x for x in rows[1:] if len(x) != 7 or x[3] not in ("0", "1")]
        print("labels rows: %d, drawn: %d, same records: %s, malformed rows: %d" % (len(got), len(want), ok, len(bad)))
        sys.exit(0 if ok and not bad else 1)
    for st, r in sample:  # texts have their white space collapsed: no tabs or line breaks left
        print("\t".join([r["slug"], r["source"], st, r["title"], shown(r)]))


if __name__ == "__main__":
    main()
