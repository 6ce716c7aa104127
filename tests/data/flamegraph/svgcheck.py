#!/usr/bin/env python3
# svgcheck.py FILE... - check that flamegraph's SVG has exactly the contract's
# structure: no element, attribute or script beyond it (so no input injected
# any), a parseable fg_conf.  Prints "FILE: ok, N frames" or the problem.
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
TOP = ["defs", "style", "script", "rect"] + ["text"] * 6 + ["g"]
TEXTS = ["title", "subtitle", "details", "unzoom", "search", "ignorecase",
         "matched"]


def check(path):
    root = ET.parse(path).getroot()
    assert root.tag == NS + "svg", root.tag
    assert set(root.attrib) == {"version", "width", "height", "onload",
                                "viewBox"}, root.attrib
    assert root.attrib["onload"] == "init(evt)"
    kids = [k.tag[len(NS):] for k in root]
    sub = root.find(NS + "text[@id='subtitle']") is not None
    assert kids == (TOP[:4] + ["text"] + TOP[4:] if sub else TOP), kids
    ids = [k.get("id") for k in root if k.tag == NS + "text"]
    assert ids == [i for i in TEXTS if i in ids] and \
        set(TEXTS) - set(ids) <= {"subtitle"}, ids
    for k in root:
        for name in k.attrib:
            assert not name.lower().startswith("on"), (k.tag, name)
        if k.tag == NS + "text":
            assert len(k) == 0
    scripts = root.findall(".//" + NS + "script")
    assert len(scripts) == 1
    m = re.match(r"\nvar fg_conf = (\{.*\});\n", scripts[0].text)
    assert m, scripts[0].text[:80]
    conf = json.loads(m.group(1))
    assert sorted(conf) == sorted(["fontsize", "fontwidth", "xpad", "width",
                                   "inverted", "nametype", "countname",
                                   "search", "truncate", "diff",
                                   "highlight"]), conf
    frames = root[-1]
    assert frames.get("id") == "frames" and len(frames.attrib) == 1
    for g in frames:
        assert g.tag == NS + "g" and not g.attrib, (g.tag, g.attrib)
        assert [c.tag[len(NS):] for c in g] == ["title", "rect", "text"]
        t, r, x = list(g)
        assert not t.attrib and len(t) == 0
        assert set(r.attrib) == {"x", "y", "width", "height", "fill", "rx",
                                 "ry"}, r.attrib
        assert re.fullmatch(r"rgb\(\d+,\d+,\d+\)", r.get("fill"))
        assert set(x.attrib) == {"x", "y"} and len(x) == 0, x.attrib
    return len(frames)


def main():
    rc = 0
    for f in sys.argv[1:]:
        try:
            print("%s: ok, %d frames" % (f, check(f)))
        except Exception as e:
            print("%s: BAD: %r" % (f, e))
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
