#!/usr/bin/env python3
# payloads.py - markup and script payloads in every string flamegraph takes.
#
# Each payload goes into the frame names (as a frame between "main" and
# "leaf"; a ';' in it splits it into frames, as folded text does) and,
# one payload per run, into --title --subtitle --notes --countname
# --nametype and --search, for a normal graph, a differential one (from
# difffolded) and a --flamechart.  Each SVG is parsed (xml.etree) and must
# hold exactly the elements and attributes flamegraph writes, one handler
# (<svg onload="init(evt)">), two comments, one <script> that is the
# configuration line and then src/lib/flame.js byte for byte; and each
# payload must come back as the text it was (invalid UTF-8 and control
# characters as U+FFFD) where it belongs: frame tooltips, #title,
# #subtitle, the NOTES comment, tooltips' count name, the script's
# configuration.  PNG and PDF are drawn from the same input and must be
# written.  Prints a line per mode; any difference is a line "BAD ...".
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import svgcheck  # noqa: E402

FLAME_JS = open(os.path.join(HERE, "..", "..", "..", "src", "lib",
                             "flame.js"), encoding="utf-8").read()
NS = "{http://www.w3.org/2000/svg}"

PAYLOADS = [
    b"<script>alert(1)</script>",
    b"\"><svg onload=alert(1)>",
    b"' onmouseover='alert(1)",
    b"\" onload=\"alert(1)",
    b"</text><script>alert(1)</script>",
    b"</title></g></g></svg><svg onload=alert(1)>",
    b"]]>",
    b"<![CDATA[x]]>y",
    b"]]></script><script>alert(1)</script>",
    b"<!--",
    b"-->",
    b"--", b"---", b"a-", b"- -",
    b"&amp;", b"&#x3c;", b"&#60;", b"&lt;script&gt;", b"&e;", b"&",
    b"<!DOCTYPE x [<!ENTITY e \"boom\">]>",
    b"<?xml-stylesheet href=\"javascript:alert(1)\"?>",
    b"javascript:alert(document.domain)",
    b"<a xlink:href=\"javascript:alert(1)\">x</a>",
    b"<style>*{display:none}</style>",
    b"' \"", b"`", b"\\", b"\\\"", b"\\u003c/script\\u003e",
    b"\"};alert(1);var x={\"a\":\"",
    b"%3Cscript%3E",
    b"ctl\x01\x07\x08\x0b\x0c\x1b[31m\x7fend",
    b"tab\there",
    b"cr\rhere",
    "ls\u2028ps\u2029end".encode(),
    "bom\ufeffnon\ufffe\uffffc1\u0085\u009fend".encode(),
    "astral \U0001d11e\U0001f525 e\u0301".encode(),
    b"bad\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82end",
    b"trunc\xe2\x82",
    b"A" * 100000,
    b"<" * 3000 + b"&" * 3000 + b"\"" * 3000,
]
# options only: a name cannot hold a newline
OPTION_ONLY = [b"two\nlines<script>", b"\n"]


def utf8_next(b, i):
    """fg_utf8_next: (code point or None for an invalid byte, length)."""
    c = b[i]
    if c < 0x80:
        return c, 1
    for n in (2, 3, 4):
        try:
            s = b[i:i + n].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(s) == 1:
            return ord(s), n
    return None, 1


def clean(b, newline):
    """What fg_text_put leaves of b: XML text, as a parser returns it."""
    out, i = [], 0
    while i < len(b):
        cp, k = utf8_next(b, i)
        if cp == 10 and newline:
            out.append("\n")
        elif cp is None or cp < 0x20 or cp == 0x7f or \
                0x80 <= cp < 0xa0 or cp in (0xfffe, 0xffff):
            out.append("\ufffd")
        else:
            out.append(chr(cp))
        i += k
    return "".join(out)


def jclean(b):
    """What fg_json_str keeps of b, as JSON decodes it."""
    out, i = [], 0
    while i < len(b):
        cp, k = utf8_next(b, i)
        out.append("\ufffd" if cp is None else chr(cp))
        i += k
    return "".join(out)


ALLOWED = {
    "svg": {"version", "width", "height", "onload", "viewBox"},
    "defs": set(),
    "linearGradient": {"id", "y1", "y2", "x1", "x2"},
    "stop": {"stop-color", "offset"},
    "style": {"type"},
    "script": {"type"},
    "rect": {"x", "y", "width", "height", "fill", "rx", "ry"},
    "text": {"id", "x", "y", "class"},
    "g": {"id"},
    "title": set(),
}


def unescape_comment(s):
    m = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"",
         "&#39;": "'", "&#45;": "-"}
    return re.sub(r"&(amp|lt|gt|quot|#39|#45);", lambda x: m[x.group(0)], s)


def check_svg(path, opt, names, diff):
    """Assert everything about one SVG; opt maps option names to payloads."""
    svgcheck.check(path)
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    root = ET.parse(path, parser).getroot()
    tags = {}
    comments = []
    for e in root.iter():
        if e.tag is ET.Comment:
            comments.append(e.text)
            continue
        assert e.tag.startswith(NS), e.tag
        t = e.tag[len(NS):]
        assert t in ALLOWED, t
        tags[t] = tags.get(t, 0) + 1
        assert set(e.attrib) <= ALLOWED[t], (t, e.attrib)
        for a, v in e.attrib.items():
            assert a != "onload" or (t == "svg" and v == "init(evt)"), v
            assert a == "type" or "script" not in v.lower(), (t, a, v)
    frames = root.find(NS + "g[@id='frames']")
    n = len(frames)
    assert tags == {"svg": 1, "defs": 1, "linearGradient": 1, "stop": 2,
                    "style": 1, "script": 1, "rect": 1 + n,
                    "text": 7 + n, "g": 1 + n, "title": n}, tags
    # the comments: ours, then the notes as they were
    assert len(comments) == 2, comments
    assert comments[0].startswith(" Flame graph stack visualization")
    assert unescape_comment(comments[1]) == \
        " NOTES: " + clean(opt["notes"], 1) + " "
    # the script: our configuration line, then flame.js unchanged
    script = root.find(NS + "script").text
    m = re.match(r"\nvar fg_conf = (\{[^\n]*\});\n", script)
    assert m, script[:100]
    assert script[m.end():] == FLAME_JS, "script differs from flame.js"
    assert not re.search(r"[<>&]", m.group(1)), m.group(1)
    conf = json.loads(m.group(1))
    for k in ("nametype", "countname", "search"):
        assert conf[k] == jclean(opt[k]), (k, conf[k])
    assert conf["diff"] is diff
    texts = {t.get("id"): t.text or "" for t in root.findall(NS + "text")}
    for k in ("title", "subtitle"):
        assert texts[k] == clean(opt[k], 1), (k, texts[k])
    # frames: every name comes back as its tooltip's name
    got = set()
    for g in frames:
        tip = g.find(NS + "title").text
        first = tip.split("\n")[0]
        if first.startswith("all ("):
            assert " " + clean(opt["countname"], 1) + "," in tip, tip[:200]
            continue
        name = first[:first.rindex(" (")]
        got.add(name)
        label = g.find(NS + "text").text or ""
        assert label == name or label == "" or (
            label.endswith("..") and name.startswith(label[:-2])), label
    want = {"main", "leaf"} | {clean(x, 0) for p in names
                               for x in p.split(b";")}
    assert got == want, sorted(want ^ got)[:5]
    return n


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       **kw)
    if p.returncode != 0:
        raise AssertionError("%s: exit %d: %r" % (
            cmd[0], p.returncode, p.stderr[-300:]))
    return p.stdout


def main():
    tmp = tempfile.mkdtemp(prefix="payloads.", dir=".")
    names = PAYLOADS
    two = b"".join(b"main;%s;leaf %d\n" % (p, 1 + i % 3)
                   for i, p in enumerate(names))
    before = b"".join(b"main;%s;leaf %d\n" % (p, 1 + i % 2)
                      for i, p in enumerate(names))
    with open(os.path.join(tmp, "in.folded"), "wb") as f:
        f.write(two)
    with open(os.path.join(tmp, "before.folded"), "wb") as f:
        f.write(before)
    diff = run(["difffolded", os.path.join(tmp, "before.folded"),
                os.path.join(tmp, "in.folded")])
    with open(os.path.join(tmp, "diff.folded"), "wb") as f:
        f.write(diff)
    modes = [("normal", "in.folded", [], False),
             ("diff", "diff.folded", [], True),
             ("flamechart", "in.folded", ["--flamechart"], False)]
    # SVG: run k has payload k+j in the j-th option, so every payload is
    # in every option once.  PNG and PDF draw title, subtitle and search
    # (highlighted frames): three payloads a run.
    every = PAYLOADS + OPTION_ONLY
    keys = ["title", "subtitle", "notes", "countname", "nametype", "search"]
    rc = 0
    for mode, inp, extra, isdiff in modes:
        bad = 0
        runs = [("svg", {o: every[(k + j) % len(every)]
                         for j, o in enumerate(keys)})
                for k in range(len(every))]
        for fmt in ("png", "pdf"):
            runs += [(fmt, {o: every[(k + j) % len(every)]
                            for j, o in enumerate(keys)})
                     for k in range(0, len(every), 3)]
        for k, (fmt, opt) in enumerate(runs):
            out = os.path.join(tmp, "%s-%d.%s" % (mode, k, fmt))
            args = ["flamegraph", "-o", out, "--minwidth", "0"]
            for o in keys:
                args += ["--" + o, opt[o]]
            args += extra + ["--", os.path.join(tmp, inp)]
            try:
                run(args)
                if fmt == "svg":
                    check_svg(out, opt, names, isdiff)
                with open(out, "rb") as f:
                    head = f.read(8)
                assert fmt != "png" or head == b"\x89PNG\r\n\x1a\n", head
                assert fmt != "pdf" or head[:5] == b"%PDF-", head
                os.unlink(out)
            except Exception as e:
                print("BAD %s %s, title %r: %s" % (mode, fmt, opt["title"][:40],
                                                   e))
                bad += 1
        print("%s: %d payloads in %d frame names and 6 options, %d runs: %s" % (
            mode, len(every), len(names), len(runs),
            "SVG checked, PNG and PDF written" if bad == 0
            else "%d failed" % bad))
        rc |= bad != 0
    if rc == 0:
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)
    return rc


sys.exit(main())
