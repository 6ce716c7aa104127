# A stack 100,000 frames deep: written without recursion (jansson's
# encoder would recurse once per level); the d3 tree is compared with
# one built here by awk, the speedscope file is read back by python3.
awk 'BEGIN { printf "f0"; for (i = 1; i < 100000; i++) printf ";f%d", i; print " 7"; print "z 1" }' >deep.folded
flamegraph -f json deep.folded >deep.json
awk 'BEGIN {
	print "{\"name\":\"root\",\"value\":8,\"children\":["
	for (i = 0; i < 99999; i++) print "{\"name\":\"f" i "\",\"value\":7,\"children\":["
	printf "{\"name\":\"f99999\",\"value\":7}"
	for (i = 0; i < 99999; i++) printf "]}"
	print ","
	print "{\"name\":\"z\",\"value\":1}]}"
}' >want.json
cmp deep.json want.json && echo "d3: 100001 nested nodes, as built by awk"
flamegraph -o deep.speedscope.json deep.folded
python3 -c '
import json
d = json.load(open("deep.speedscope.json"))
f = [x["name"] for x in d["shared"]["frames"]]
p = d["profiles"][0]
print(len(f), f[0], f[99999], f[100000])
print(p["samples"][0] == list(range(100000)), p["samples"][1:], p["weights"], p["endValue"])'
flamegraph -o again.speedscope.json deep.folded && cmp again.speedscope.json deep.speedscope.json && echo "deterministic"
echo '-- and reversed: the deep end is the root'
flamegraph -f json --reverse deep.folded | head -n 2
