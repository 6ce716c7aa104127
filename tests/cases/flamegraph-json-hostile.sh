# Names are strings encoded by jansson: quotes, backslashes, control
# characters escaped, '/' too (so "</script>" can be pasted into a page),
# every byte that is not UTF-8 replaced by U+FFFD.  The output parses,
# and reads back as the names given.
printf 'main;q"uo"te 1\nmain;back\\slash\\ 2\nmain;tab\there 3\nmain;</script><!-- 4\nmain;bad\377\376utf8\300\257 5\nmain;ctl\001\037\177x 6\nmain;caf\303\251 \342\202\254 7\n' >h.folded
flamegraph -f json h.folded
flamegraph -f speedscope --title '</script>"\' h.folded | sed -n '1,/frames/p'
echo '-- reads back (python3 json)'
for fmt in json speedscope; do
	flamegraph -f $fmt h.folded >h.$fmt
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
names = [f["name"] for f in d["shared"]["frames"]] if "shared" in d else [c["name"] for c in d["children"][0]["children"]]
print(sys.argv[1], ascii(sorted(names)))' h.$fmt
done
flamegraph -f json data/flamegraph/hostile.folded >x.json
grep -c '<\\/script>' x.json
! grep -F '</' x.json && echo "no raw </"
