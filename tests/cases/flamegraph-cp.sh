# --cp: palette.map keeps a name's colour across graphs; it is read when
# present, gains the new names and is written back sorted.
printf 'main;b 2\nmain;a 1\n' | flamegraph --cp >/dev/null
cat palette.map
echo '-- an entry wins over the palette; new names are added'
printf 'main->rgb(1,2,3)\nzz->rgb(4,5,6)\n' >palette.map
printf 'main;c 2\n' | flamegraph --cp | tr '\n' ' ' | grep -o '<title>main [^<]*</title><rect [^>]*' | grep -o 'fill="[^"]*"'
cat palette.map
echo '-- a broken map is an error, and is left as it was'
printf 'main->"/><script>\n' >palette.map
printf 'main 1\n' | flamegraph --cp >/dev/null || echo "exit $?"
cat palette.map
