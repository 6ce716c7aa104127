package main

// Allocation workloads for heap.prof / allocs.prof. Some results are kept
// alive in `retained` (in-use space), the rest become garbage (alloc only).

import (
	"fmt"
	"strconv"
	"strings"
)

var retained [][]byte
var retainedTrees []*node
var retainedMaps []map[string]int
var retainedStrings []string

// retainSmall allocates many small buffers and keeps every 4th.
func retainSmall(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 48+i%4*16)
		if i%4 == 0 {
			retained = append(retained, b)
		}
	}
}

// churnLarge allocates large buffers that are dropped right away.
func churnLarge(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 96<<10) // > 64 kB: always on the heap
		b[i%len(b)] = byte(i)
		sinkByte ^= b[(i*7)%len(b)]
	}
}

var sinkByte byte

type node struct {
	kids  []*node
	label string
}

// growTree allocates recursively: recursion in allocation stacks.
func growTree(depth, fan int) *node {
	n := &node{label: "n" + strconv.Itoa(depth)}
	if depth > 0 {
		for i := 0; i < fan; i++ {
			n.kids = append(n.kids, growTree(depth-1, fan))
		}
	}
	return n
}

// formatLines builds strings (garbage, via fmt and strings.Builder).
func formatLines(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		var sb strings.Builder
		for j := 0; j < 8; j++ {
			sb.WriteString(fmt.Sprintf("%d:%x;", i, j*i))
		}
		total += len(sb.String())
		if i%64 == 0 {
			retainedStrings = append(retainedStrings, sb.String())
		}
	}
	return total
}

// fillMap grows a map (runtime.hashGrow allocations).
func fillMap(n int) map[string]int {
	m := make(map[string]int)
	for i := 0; i < n; i++ {
		m["key-"+strconv.Itoa(i)] = i
	}
	return m
}

func runAllocs() {
	retainSmall(20000)
	churnLarge(300)
	for i := 0; i < 6; i++ {
		t := growTree(6, 3)
		if i%2 == 0 {
			retainedTrees = append(retainedTrees, t)
		}
	}
	sinkByte ^= byte(formatLines(3000))
	for i := 0; i < 4; i++ {
		m := fillMap(3000)
		if i == 0 {
			retainedMaps = append(retainedMaps, m)
		}
	}
}
