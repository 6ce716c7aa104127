# --fonttype is written as a CSS font-family list: identifiers and CSS
# strings as given, anything else as a CSS string escaped for CSS, then
# for XML, so no value can end its declaration or rule.
for f in Verdana 'Andale Mono' 'Andale Mono"' 'monospace, "DejaVu Sans"' \
    "x;}*{display:none" 'a\b' '1x, --y, -2' "$(printf 'tab\there')" '' ' , '; do
	printf 'main;f 3\n' | flamegraph --fonttype "$f" | grep -m1 'font-family'
done
echo '== PNG and PDF take any value too'
printf 'main;f 3\n' | flamegraph -f png --fonttype 'x;}"' | head -c 4 | od -An -c
