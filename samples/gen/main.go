// Command gen writes real Go profiles (runtime/pprof) for flamekit's samples
// and tests, or serves net/http/pprof with background load (-serve).
//
//	gen -o DIR                      cpu heap allocs goroutine block mutex .prof
//	gen -mix=a -o DIR               cpu-a.prof (mix b: cpu-b.prof)
//	gen -what=cpu,heap -o DIR       only some profiles
//	gen -serve=127.0.0.1:0          net/http/pprof until killed; first stdout
//	                                line: "listening on 127.0.0.1:NNNN"
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

func main() {
	outDir := flag.String("o", ".", "output directory")
	mix := flag.String("mix", "", "CPU workload mix: a or b (writes cpu-a.prof / cpu-b.prof)")
	what := flag.String("what", "", "comma-separated profiles to write: cpu,heap,allocs,goroutine,block,mutex (default: all; cpu with -mix)")
	lanes := flag.Int("lanes", 2, "goroutines running the CPU workload")
	serve := flag.String("serve", "", "serve net/http/pprof on this address (port 0: pick one) with background load, until killed")
	exitAfter := flag.Duration("exit-after", 0, "with -serve: exit after this long (0: never)")
	calibrate := flag.Bool("calibrate", false, "print the time one chunk of each CPU workload takes, and exit")
	flag.Parse()
	if *calibrate {
		for _, name := range []string{"hash", "fib", "tree", "parse", "crc", "matmul", "legacy", "sorted"} {
			w := workloads[name]
			runChunk(context.Background(), w) // warm up
			t := time.Now()
			for i := 0; i < 5; i++ {
				runChunk(context.Background(), w)
			}
			fmt.Printf("%-8s %8.2f ms/chunk\n", name, float64(time.Since(t).Microseconds())/5000)
		}
		return
	}
	if flag.NArg() != 0 {
		fail("unexpected arguments: %q", flag.Args())
	}
	if *serve != "" {
		serveMode(*serve, *exitAfter)
		return
	}
	if *mix != "" && *mix != "a" && *mix != "b" {
		fail("-mix must be a or b")
	}
	want := map[string]bool{}
	switch {
	case *what != "":
		for _, w := range strings.Split(*what, ",") {
			switch w {
			case "cpu", "heap", "allocs", "goroutine", "block", "mutex":
				want[w] = true
			default:
				fail("unknown profile %q", w)
			}
		}
	case *mix != "":
		want["cpu"] = true
	default:
		for _, w := range []string{"cpu", "heap", "allocs", "goroutine", "block", "mutex"} {
			want[w] = true
		}
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		fail("%v", err)
	}
	path := func(name string) string { return filepath.Join(*outDir, name) }

	if want["cpu"] {
		name := "cpu.prof"
		if *mix != "" {
			name = "cpu-" + *mix + ".prof"
		}
		f := create(path(name))
		if err := pprof.StartCPUProfile(f); err != nil {
			fail("%v", err)
		}
		runMix(*mix, *lanes)
		pprof.StopCPUProfile()
		closeFile(f)
	}
	if want["heap"] || want["allocs"] {
		// Record every allocation from here on (set after the CPU run so
		// that profiling allocations does not show in cpu.prof).
		runtime.MemProfileRate = 1
		runAllocs()
		runtime.GC()
		for _, p := range []string{"heap", "allocs"} {
			if want[p] {
				writeProfile(p, path(p+".prof"))
			}
		}
		runtime.KeepAlive(retained)
	}
	if want["block"] {
		runtime.SetBlockProfileRate(1)
		runBlocking()
		runtime.SetBlockProfileRate(0)
		writeProfile("block", path("block.prof"))
	}
	if want["mutex"] {
		runtime.SetMutexProfileFraction(1)
		runMutexes(true)
		// Keep the fraction until the profile is written: the writer scales
		// counts by the current fraction (0 would zero everything).
		writeProfile("mutex", path("mutex.prof"))
		runtime.SetMutexProfileFraction(0)
	}
	if want["goroutine"] {
		release := startParked()
		writeProfile("goroutine", path("goroutine.prof"))
		release()
	}
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", args...)
	os.Exit(2)
}

func create(name string) *os.File {
	f, err := os.Create(name)
	if err != nil {
		fail("%v", err)
	}
	return f
}

func closeFile(f *os.File) {
	if err := f.Close(); err != nil {
		fail("%v", err)
	}
}

func writeProfile(profile, name string) {
	f := create(name)
	if err := pprof.Lookup(profile).WriteTo(f, 0); err != nil {
		fail("%v", err)
	}
	closeFile(f)
}

// serveMode runs net/http/pprof with continuous CPU, allocation, blocking
// and lock-contention work in background goroutines.
func serveMode(addr string, exitAfter time.Duration) {
	runtime.MemProfileRate = 4096
	runtime.SetBlockProfileRate(10000) // ns: sample blocking events >= ~10µs
	runtime.SetMutexProfileFraction(10)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fail("%v", err)
	}
	// os.Stdout is unbuffered: this line is on the pipe before we serve.
	fmt.Printf("listening on %s\n", ln.Addr())
	os.Stdout.Sync()

	go func() { // CPU: the default mix, chunk by chunk, ~50% of one core
		spec := mixes[""]
		for {
			for _, s := range spec {
				runChunk(context.Background(), workloads[s.name])
				time.Sleep(10 * time.Millisecond)
			}
		}
	}()
	go func() { // allocations, dropping what was retained now and then
		var mu sync.Mutex
		for i := 0; ; i++ {
			pprof.Do(context.Background(), pprof.Labels("worker", "alloc"), func(context.Context) {
				mu.Lock()
				runAllocs()
				if i%4 == 3 {
					retained, retainedTrees, retainedMaps, retainedStrings = nil, nil, nil, nil
				}
				mu.Unlock()
			})
			time.Sleep(100 * time.Millisecond)
		}
	}()
	go func() { // blocking and contention
		for {
			runBlocking()
			time.Sleep(200 * time.Millisecond)
		}
	}()
	if exitAfter > 0 {
		time.AfterFunc(exitAfter, func() { os.Exit(0) })
	}
	if err := http.Serve(ln, nil); err != nil {
		fail("%v", err)
	}
}
