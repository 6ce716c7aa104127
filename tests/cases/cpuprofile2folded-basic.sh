# a hand-made profile (tests/data/cpuprofile/small.cpuprofile) whose values
# were worked out by hand: a negative delta reorders two samples, the last
# sample lasts up to endTime, the total is endTime minus the first sample
p=data/cpuprofile/small.cpuprofile
echo "== time"
cpuprofile2folded $p
cpuprofile2folded $p | awk '{ s += $NF } END { print "total", s }'
echo "== --samples"
cpuprofile2folded --samples $p
echo "== --lines"
cpuprofile2folded --lines $p
echo "== --no-idle"
cpuprofile2folded --no-idle $p
echo "== -samples -lines -no-idle"
cpuprofile2folded -samples -lines -no-idle $p
