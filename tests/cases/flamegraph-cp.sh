# --cp: palette.map keeps a name's colour across graphs; it is read when
# present, gains the new names and is written back sorted.
printf 'main;b 2\nmain;a 1\n' | flamegraph --cp >/dev/null
cat palette.map
echo '-- an entry wins over the palette; new names are added'
printf 'main->rgb(1,2,3)\nzz->rgb(4,5,6)\n' >palette.map
printf 'main;c 2\n' | flamegraph --cp | tr '\n' ' ' | grep -o '<title>main [^<]*</title><rect [^>]*' | grep -o 'fill="[^"]*"'
cat palette.map
echo '-- a malformed line (the map is hand-edited) is skipped with a warning'
echo '-- naming it, and dropped from the map written back'
printf 'main->rgb(1,2,3)\nmain->"/><script>\nzz->rgb(4,5,6\nyy->rgb(7,8,9)\n' >palette.map
printf 'main;c 2\n' | flamegraph --cp | tr '\n' ' ' | grep -o '<title>main [^<]*</title><rect [^>]*' | grep -o 'fill="[^"]*"'
cat palette.map
printf 'main->rgb(1,2,3)\nzz 1\n' >palette.map
printf 'main 1\n' | flamegraph --cp >/dev/null
cat palette.map
