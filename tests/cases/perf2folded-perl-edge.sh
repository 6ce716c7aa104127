# hand-written perf script text for the Perl's corners; expected output:
# stackcollapse-perf.pl's
cat > edge.txt <<'IN'
# ========
# captured on    : Sun Dec  6 18:00:00 2026
# cmdline : /usr/bin/perf record -g -F 99 -- ./a.out --flag
# ========
#
java 4242/4243 [001] 100.000001: 10101 cpu-clock:
	ffffffff8103ce3b native_safe_halt+0x1b ([kernel.kallsyms])
	    7f722d142778 Ljava/io/PrintStream;::print (/tmp/perf-4242.map)
	    7f722d142779 Lorg/mozilla/javascript/MemberBox;.<init>(Ljava/lang/reflect/Method;)V (/tmp/perf-4242.map)
	    7f722d14277a Interpreter (/tmp/perf-4242.map)
	          8c3453 tcp_sendmsg (/lib/modules/4.3.0/build/vmlinux)
	             7d8 ipv4_conntrack_local+0x7f8f80b8 ([nf_conntrack_ipv4])
	            1234 [unknown] (/usr/lib/libfoo.so.1)
	               0 [unknown] ([unknown])

V8 WorkerThread 4242/4250 [002] 100.000002: 20202 cpu-clock:
	    13a80b608e0a RegExp:[&<>\"\'] (/tmp/perf-4242.map)
	    55d1b5d3a1b4 v8::internal::Heap::Scavenge(int, bool) (/usr/bin/node)
	    55d1b5d3a1b5 (anonymous namespace)::helper(char const*) (/usr/bin/node)
	    55d1b5d3a1b6 std::vector<int, std::allocator<int> >::push_back(int const&) (/usr/bin/node)
	    55d1b5d3a1b7 net/http.(*Client).Do (/usr/bin/goapp)
	    55d1b5d3a1b8 outer->middle->inner (/usr/bin/goapp)
	    55d1b5d3a1b9 a;b (/usr/bin/goapp)
	    55d1b5d3a1ba main (/usr/bin/goapp)

swapper     0 [000] 100.000003: cpu-clock:
	ffffffff8103ce3b native_safe_halt ([kernel.kallsyms])
	ffffffff81aebbfe start_kernel ([kernel.kallsyms].init.text)

perf 99 100.000004: 1 cpu-clock:

perf 99 100.000005: 0 cpu-clock:

perf 99 100.000006:     250000 cpu-clock:ppp: 
	    55d1b5d3a1b4 inner (inlined)
	    55d1b5d3a1b4 main+0x24 (/tmp/a.out)

perf 99 100.000007: 7 cycles:
	    55d1b5d3a1b4 hidden (/tmp/a.out)

sleep 77/77 100.000008: 3 cpu-clock:
	    55d1b5d3a1b4 (/tmp/a.out) (/tmp/a.out)
	    55d1b5d3a1b4 func_with_offset+0xabc (/tmp/a.out)
	    55d1b5d3a1b4 upper+0xABC (/tmp/a.out)
this line is not perf's
	    55d1b5d3a1b4 foo (deleted) (/tmp/a.out)

sleep 77/0 100.000009: 4 cpu-clock:
	    55d1b5d3a1b4 x
	    55d1b5d3a1b4 y (/tmp/a.out)
sleep 77 100.000010: 5 cpu-clock:
	    55d1b5d3a1b4 z (/tmp/a.out)

sleep 77 100.000011: 6 cpu-clock:
	    55d1b5d3a1b4 crlf (/tmp/a.out)

sleep 77 100.000012: 18446744073709551615 cpu-clock:
	    55d1b5d3a1b4 big (/tmp/a.out)

sleep 77 100.000013: 1 cpu-clock:
	    55d1b5d3a1b4 big (/tmp/a.out)

sleep 77 100.000014: 2 cpu-clock:
	    55d1b5d3a1b4 unended (/tmp/a.out)
IN
printf 'sleep 77 100.000015: 6 cpu-clock:\r\n\t55d1b5d3a1b4 crlf (/tmp/a.out)\r\n\r\n' >> edge.txt
for o in "" --pid --tid --kernel --jit --all --addrs --event-filter=cycles; do
	echo "== ${o:-no option}"
	perf2folded $o edge.txt 2>/dev/null
done
echo "== stdin, and - as an operand"
perf2folded --all < edge.txt 2>/dev/null
perf2folded --all - < edge.txt 2>/dev/null
