package main

// CPU workloads. Each workload is a function doing a fixed amount of work
// per call ("chunk"); a mix says how many chunks of each to run and under
// which pprof labels. The small helpers (rotl, mix64, step, fold) are meant
// to be inlined by the compiler so that CPU profile Locations carry several
// Lines; check with `go build -gcflags=-m`.

import (
	"context"
	"hash/crc32"
	"runtime/pprof"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
)

// sink keeps results alive so the compiler cannot drop the work.
var sink uint64

func rotl(x uint64, k uint) uint64 { return x<<k | x>>(64-k) }

func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= rotl(x, 29)
	return x
}

func step(acc, i uint64) uint64 { return mix64(acc+i) ^ i }

// hashLoop: hot loop whose body is entirely inlined (step -> mix64 -> rotl).
func hashLoop(n int) uint64 {
	acc := uint64(n)
	for i := 0; i < n; i++ {
		acc = step(acc, uint64(i))
	}
	return acc
}

// fib: plain recursion, many repeated frames.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

type tree struct {
	left, right *tree
	val         uint64
}

func buildTree(depth int, seed uint64) *tree {
	if depth == 0 {
		return nil
	}
	return &tree{
		left:  buildTree(depth-1, seed*2+1),
		right: buildTree(depth-1, seed*2+2),
		val:   mix64(seed),
	}
}

// sum: recursive tree walk (a method, so its name is main.(*tree).sum).
func (t *tree) sum() uint64 {
	if t == nil {
		return 0
	}
	return t.val ^ (t.left.sum() + rotl(t.right.sum(), 7))
}

var (
	walkTreeOnce sync.Once
	walkTreeRoot *tree
)

func treeWalk(rounds int) uint64 {
	walkTreeOnce.Do(func() { walkTreeRoot = buildTree(14, 1) })
	var s uint64
	for i := 0; i < rounds; i++ {
		s += walkTreeRoot.sum()
	}
	return s
}

var numbers = func() []string {
	out := make([]string, 4096)
	for i := range out {
		out[i] = strconv.FormatUint(mix64(uint64(i))>>20, 10)
	}
	return out
}()

// parseNumbers: standard-library heavy (strconv).
func parseNumbers(rounds int) uint64 {
	var s uint64
	for r := 0; r < rounds; r++ {
		for _, t := range numbers {
			v, err := strconv.ParseUint(t, 10, 64)
			if err == nil {
				s += v
			}
		}
	}
	return s
}

func fold(c uint32, b byte) uint32 { return c*31 + uint32(b) }

var block = func() []byte {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(mix64(uint64(i)))
	}
	return b
}()

// checksum: crc32 (assembly in the runtime) plus an inlined byte fold.
func checksum(rounds int) uint64 {
	var s uint32
	for r := 0; r < rounds; r++ {
		s ^= crc32.ChecksumIEEE(block)
		for _, b := range block[:8192] {
			s = fold(s, b)
		}
	}
	return uint64(s)
}

type number interface{ ~int | ~float64 }

// reduce is generic: Go 1.19 names it main.reduce[...].
func reduce[T number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x * x
	}
	return s
}

// matMul runs without labels.
func matMul(n int) uint64 {
	a := make([]float64, n*n)
	b := make([]float64, n*n)
	c := make([]float64, n*n)
	for i := range a {
		a[i] = float64(i%7) + 0.5
		b[i] = float64(i%5) - 0.5
	}
	for i := 0; i < n; i++ {
		for k := 0; k < n; k++ {
			aik := a[i*n+k]
			for j := 0; j < n; j++ {
				c[i*n+j] += aik * b[k*n+j]
			}
		}
	}
	return uint64(reduce(c))
}

// legacyScan exists only in mix a ("before"): a linear search.
func legacyScan(rounds int) uint64 {
	keys := make([]uint64, 2048)
	for i := range keys {
		keys[i] = mix64(uint64(i))
	}
	var hits uint64
	for r := 0; r < rounds; r++ {
		want := mix64(uint64(r % 2048))
		for _, k := range keys {
			if k == want {
				hits++
				break
			}
		}
	}
	return hits
}

// sortedLookup exists only in mix b ("after"): sort once, binary search.
func sortedLookup(rounds int) uint64 {
	keys := make([]uint64, 2048)
	for i := range keys {
		keys[i] = mix64(uint64(i))
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var hits uint64
	for r := 0; r < rounds; r++ {
		want := mix64(uint64(r % 2048))
		i := sort.Search(len(keys), func(i int) bool { return keys[i] >= want })
		if i < len(keys) && keys[i] == want {
			hits++
		}
	}
	return hits
}

type workload struct {
	name   string
	fn     func(int) uint64
	size   int      // argument per chunk (fixed work per chunk)
	labels []string // pprof label pairs; nil = run without labels
}

var workloads = map[string]workload{
	"hash":   {"hash", func(n int) uint64 { return hashLoop(n) }, 4_000_000, []string{"worker", "compute", "tier", "hot"}},
	"fib":    {"fib", func(n int) uint64 { return uint64(fib(n)) }, 32, []string{"worker", "compute", "tier", "cold"}},
	"tree":   {"tree", treeWalk, 200, []string{"worker", "compute", "tier", "hot"}},
	"parse":  {"parse", parseNumbers, 85, []string{"worker", "io", "tier", "cold"}},
	"crc":    {"crc", checksum, 1000, []string{"worker", "io", "tier", "hot"}},
	"matmul": {"matmul", matMul, 210, nil},
	"legacy": {"legacy", legacyScan, 37000, []string{"worker", "compute", "tier", "legacy"}},
	"sorted": {"sorted", sortedLookup, 140000, []string{"worker", "compute", "tier", "new"}},
}

// mixes: chunks per workload. "" is the default mix used for cpu.prof.
var mixes = map[string][]struct {
	name   string
	chunks int
}{
	"": {{"hash", 100}, {"fib", 80}, {"tree", 60}, {"parse", 50}, {"crc", 35}, {"matmul", 25}},
	// a = "before": parse is expensive, legacyScan present.
	"a": {{"hash", 60}, {"fib", 45}, {"tree", 35}, {"parse", 60}, {"crc", 15}, {"matmul", 12}, {"legacy", 30}},
	// b = "after": parse cheaper, hash heavier, sortedLookup replaces legacyScan.
	"b": {{"hash", 85}, {"fib", 45}, {"tree", 15}, {"parse", 20}, {"crc", 18}, {"matmul", 12}, {"sorted", 30}},
}

// runChunk runs one chunk of a workload under its labels (if any).
func runChunk(ctx context.Context, w workload) {
	if w.labels == nil {
		atomic.AddUint64(&sink, w.fn(w.size))
		return
	}
	pprof.Do(ctx, pprof.Labels(w.labels...), func(context.Context) {
		atomic.AddUint64(&sink, w.fn(w.size))
	})
}

// runMix interleaves the chunks of a mix round-robin and runs them on
// `lanes` goroutines.
func runMix(mix string, lanes int) {
	spec := mixes[mix]
	left := make([]int, len(spec))
	total := 0
	for i, s := range spec {
		left[i] = s.chunks
		total += s.chunks
	}
	queue := make(chan workload, total)
	for total > 0 {
		for i, s := range spec {
			if left[i] > 0 {
				left[i]--
				total--
				queue <- workloads[s.name]
			}
		}
	}
	close(queue)
	var wg sync.WaitGroup
	for l := 0; l < lanes; l++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range queue {
				runChunk(context.Background(), w)
			}
		}()
	}
	wg.Wait()
}
