# help, version, usage errors (exit 2)
cpuprofile2folded --help | head -n 1
cpuprofile2folded -h | tail -n 1
cpuprofile2folded --version | sed 's/ [0-9][0-9.]*$/ VERSION/'
cpuprofile2folded --nope data/cpuprofile/small.cpuprofile 2>&1 || echo "exit $?"
cpuprofile2folded -x data/cpuprofile/small.cpuprofile 2>&1 || echo "exit $?"
cpuprofile2folded -o 2>&1 || echo "exit $?"
cpuprofile2folded --samples=3 data/cpuprofile/small.cpuprofile 2>&1 || echo "exit $?"
