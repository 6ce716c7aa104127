#!/bin/sh
# fleet-ssh.sh BUILDDIR - the README's fleet recipe, run over real ssh.
#
# Starts two sshd (openssh-server) on 127.0.0.1, on two ports standing for
# two machines, with a host key, a user key, authorized_keys and
# sshd_config made here in a temporary directory.  Makes 48 profiles
# (folded2pb of generated folded stacks, overlapping stacks, varied
# seeds), maps them with GNU parallel --sshlogin across both "machines"
# (--transferfile, --return, --cleanup; pb2folded runs on the remote
# side), reduces the parts with foldmerge --sorted, also in rounds of
# bounded fan-in, and checks the result is byte for byte what one
# pb2folded of all the profiles writes; and that both sshds served jobs.
# Where sshd, ssh or parallel is missing or sshd cannot start, prints why
# and counts as skipped.  The last line is "N passed, N failed, N skipped".
b=$(cd "${1:?usage: fleet-ssh.sh builddir}" && pwd) || exit 2
export LC_ALL=C
skip() {
	echo "fleet-ssh: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}
SSHD=/usr/sbin/sshd
[ -x "$SSHD" ] || skip "no $SSHD (scripts/deps.sh test installs openssh-server)"
for c in ssh ssh-keygen parallel rsync; do
	command -v $c >/dev/null 2>&1 ||
	    skip "no $c (scripts/deps.sh test installs openssh-client, parallel and rsync)"
done
parallel --version 2>/dev/null | grep -q 'GNU parallel' || skip "parallel is not GNU parallel"
for t in pb2folded foldmerge folded2pb; do
	[ -x "$b/$t" ] || { echo "fleet-ssh: no $b/$t"; echo "0 passed, 1 failed"; exit 1; }
done

d=$(mktemp -d) || exit 2
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$d"
}
trap 'cleanup' EXIT
trap 'cleanup; exit 1' HUP INT PIPE TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# --- keys and config
ssh-keygen -q -t ed25519 -N '' -f "$d/host_key" >/dev/null 2>&1 &&
ssh-keygen -q -t ed25519 -N '' -f "$d/user_key" >/dev/null 2>&1 ||
    skip "ssh-keygen failed"
cp "$d/user_key.pub" "$d/authorized_keys"
chmod 600 "$d/authorized_keys" "$d/user_key" "$d/host_key"
user=$(id -un)
# sshd wants its privilege separation directory
[ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null
# two free ports: try a few pairs
start_sshd() {	# port name
	cat >"$d/sshd_$2.conf" <<EOF
Port $1
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile $d/sshd_$2.pid
AuthorizedKeysFile $d/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
UsePAM no
AllowUsers $user
LogLevel VERBOSE
PermitRootLogin prohibit-password
EOF
	"$SSHD" -D -e -f "$d/sshd_$2.conf" </dev/null >/dev/null 2>"$d/sshd_$2.log" &
	echo $!
}
port=$(( 20000 + $$ % 20000 ))
tries=0 up=
while [ $tries -lt 5 ] && [ -z "$up" ]; do
	pa=$port pb=$((port + 1))
	pida=$(start_sshd $pa a) pidb=$(start_sshd $pb b)
	pids="$pida $pidb"
	cat >"$d/ssh_config" <<EOF
Host *
	User $user
	IdentityFile $d/user_key
	IdentitiesOnly yes
	UserKnownHostsFile $d/known_hosts
	StrictHostKeyChecking no
	BatchMode yes
	LogLevel ERROR
	ConnectTimeout 10
EOF
	i=0
	while [ $i -lt 50 ]; do
		if ssh -F "$d/ssh_config" -p $pa 127.0.0.1 true 2>/dev/null &&
		    ssh -F "$d/ssh_config" -p $pb 127.0.0.1 true 2>/dev/null; then
			up=1; break
		fi
		kill -0 $pida 2>/dev/null && kill -0 $pidb 2>/dev/null || break
		sleep 0.2; i=$((i + 1))
	done
	if [ -z "$up" ]; then
		kill $pida $pidb 2>/dev/null; wait $pida $pidb 2>/dev/null
		pids= port=$((port + 7)) tries=$((tries + 1))
	fi
done
if [ -z "$up" ]; then
	why=$(cat "$d/sshd_a.log" "$d/sshd_b.log" 2>/dev/null | grep -v '^$' | head -n 3 | tr '\n' ' ')
	skip "sshd did not start or refused the test's key on 127.0.0.1 (${why:-no log})"
fi

# --- 48 profiles: generated folded stacks, overlapping, varied seeds
mkdir "$d/profiles" "$d/folded"
n=0
while [ $n -lt 48 ]; do
	awk -v seed=$((n * 7919 + 13)) 'BEGIN {
		srand(seed)
		split("main;runtime.main;main.main;main.serve;main.handle;net/http.(*conn).serve;encoding/json.Marshal;runtime.mallocgc;run.v9;op new(int);sort.Search;main.rotl;main.mix64;f1;f10;f2", F, ";")
		nf = 16
		lines = 5 + int(rand() * 30)
		for (i = 0; i < lines; i++) {
			depth = 1 + int(rand() * 6)
			s = "main"
			for (k = 0; k < depth; k++)
				s = s ";" F[1 + int(rand() * rand() * nf)]
			printf "%s %d\n", s, 1 + int(rand() * rand() * 1000)
		}
	}' >"$d/folded/$n.folded"
	"$b/folded2pb" --type cpu --unit nanoseconds -o "$d/profiles/p$n.prof" "$d/folded/$n.folded" ||
	    { bad "folded2pb of seed $n"; }
	n=$((n + 1))
done
if [ "$(ls "$d/profiles" | wc -l)" -eq 48 ]; then ok; else bad "made $(ls "$d/profiles" | wc -l) profiles, want 48"; fi

# --- the single-machine answer
"$b/pb2folded" "$d"/profiles/*.prof >"$d/single.folded" 2>"$d/single.err" &&
    [ -s "$d/single.folded" ] && ok || bad "pb2folded of all profiles: $(cat "$d/single.err")"

# --- map: pb2folded on the "machines", over ssh, in batches per job
mkdir "$d/parts"
sa="ssh -F $d/ssh_config -p $pa 127.0.0.1"
sb="ssh -F $d/ssh_config -p $pb 127.0.0.1"
# each job: a batch of 6 profiles, transferred, folded there, the part
# returned, the remote files removed; pb2folded found through PATH there
(cd "$d/profiles" && ls *.prof | parallel -N 6 -j 2 \
    --sshlogin "2/$sa" --sshlogin "2/$sb" \
    --workdir "$d/remote" \
    --transferfile {} --return "part{#}.folded" --cleanup \
    --joblog "$d/joblog" \
    "$b/pb2folded {} > part{#}.folded") \
    >"$d/map.out" 2>"$d/map.err"
rc=$?
mv "$d"/profiles/part*.folded "$d/parts/" 2>/dev/null
nparts=$(ls "$d/parts" | wc -l)
if [ $rc -eq 0 ] && [ "$nparts" -eq 8 ]; then ok; else
	bad "map over ssh: exit $rc, $nparts parts (want 8): $(head -c 400 "$d/map.err")"
fi
# the remote working copies are gone (--cleanup)
left=$(find "$d/remote" -name '*.prof' 2>/dev/null | wc -l)
[ "$left" -eq 0 ] && ok || bad "--cleanup left $left profiles on the remote side"

# both machines served jobs: parallel's joblog names the sshlogin of each
# job, and each sshd logged accepted public keys
ja=$(awk -F'\t' -v h="$sa" 'NR > 1 && $2 == h && $7 == 0' "$d/joblog" | wc -l)
jb=$(awk -F'\t' -v h="$sb" 'NR > 1 && $2 == h && $7 == 0' "$d/joblog" | wc -l)
if [ "$ja" -gt 0 ] && [ "$jb" -gt 0 ] && [ $((ja + jb)) -eq 8 ]; then ok; else
	bad "joblog: $ja jobs on port $pa, $jb on port $pb (want both > 0, 8 in all)"
fi
la=$(grep -c 'Accepted publickey' "$d/sshd_a.log")
lb=$(grep -c 'Accepted publickey' "$d/sshd_b.log")
if [ "$la" -gt 1 ] && [ "$lb" -gt 1 ]; then ok; else
	bad "sshd logs: $la logins on port $pa, $lb on port $pb"
fi

# --- reduce: one foldmerge --sorted of the parts
if "$b/foldmerge" --sorted -o "$d/fleet.folded" "$d"/parts/*.folded 2>"$d/reduce.err" &&
    cmp -s "$d/fleet.folded" "$d/single.folded"; then ok; else
	bad "foldmerge --sorted of the parts differs from one pb2folded of all: $(cat "$d/reduce.err")"
	diff "$d/single.folded" "$d/fleet.folded" | head -n 5
fi
# in rounds of fan-in 3, as the README's parallel -N 64 -X, then again
mkdir "$d/round1"
ls "$d"/parts/*.folded | parallel -N 3 -X "$b/foldmerge" --sorted -o "$d/round1/{#}.folded" {} &&
"$b/foldmerge" --sorted "$d"/round1/*.folded >"$d/rounds.folded" &&
    cmp -s "$d/rounds.folded" "$d/single.folded" && ok ||
    bad "foldmerge in rounds of 3 differs from one pb2folded of all"
# and as Hadoop Streaming would run it: whole lines are keys (no tab),
# sorted as bytes, handed to the reducer as "KEY<TAB>" lines
cat "$d"/parts/*.folded | sort | sed 's/$/	/' | "$b/foldmerge" --sorted >"$d/hadoop.folded" &&
    cmp -s "$d/hadoop.folded" "$d/single.folded" && ok ||
    bad "sort | foldmerge --sorted (Hadoop's shuffle) differs from one pb2folded of all"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
