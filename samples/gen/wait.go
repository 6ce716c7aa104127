package main

// Waiting workloads: goroutines parked in different places (goroutine.prof),
// channel / select / WaitGroup / mutex waits (block.prof), and contended
// mutexes (mutex.prof).

import (
	"context"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
)

// ---- goroutine profile ----

type parked struct {
	release chan struct{}
	mu      sync.Mutex
	cond    *sync.Cond
	ready   bool
	hold    sync.WaitGroup // never done until release
	started sync.WaitGroup
}

func parkedOnChan(p *parked) {
	p.started.Done()
	<-p.release
}

func parkedInSelect(p *parked, other chan int) {
	p.started.Done()
	select {
	case <-p.release:
	case <-other:
	}
}

func parkedOnMutex(p *parked) {
	p.started.Done()
	p.mu.Lock() // held by startParked until release
	p.mu.Unlock()
}

func parkedOnCond(p *parked) {
	p.cond.L.Lock()
	p.started.Done()
	for !p.ready {
		p.cond.Wait()
	}
	p.cond.L.Unlock()
}

func parkedOnWaitGroup(p *parked) {
	p.started.Done()
	p.hold.Wait()
}

func parkedSleeping(p *parked) {
	p.started.Done()
	time.Sleep(time.Hour) // never released; the process exits first
}

// startParked starts goroutines parked in several places, some of them
// under pprof labels (goroutines inherit their creator's labels). It
// returns once all are parked and a function releasing them.
func startParked() func() {
	p := &parked{release: make(chan struct{})}
	p.cond = sync.NewCond(&sync.Mutex{})
	p.mu.Lock()
	p.hold.Add(1)
	other := make(chan int)
	spawn := func(n int, f func()) {
		for i := 0; i < n; i++ {
			p.started.Add(1)
			go f()
		}
	}
	pprof.Do(context.Background(), pprof.Labels("worker", "io", "tier", "hot"), func(context.Context) {
		spawn(4, func() { parkedOnChan(p) })
		spawn(2, func() { parkedOnCond(p) })
	})
	pprof.Do(context.Background(), pprof.Labels("worker", "compute"), func(context.Context) {
		spawn(3, func() { parkedInSelect(p, other) })
	})
	spawn(2, func() { parkedOnMutex(p) })
	spawn(1, func() { parkedOnWaitGroup(p) })
	spawn(1, func() { parkedSleeping(p) })
	p.started.Wait()
	time.Sleep(50 * time.Millisecond) // let them reach their parking spots
	return func() {
		close(p.release)
		p.mu.Unlock()
		p.cond.L.Lock()
		p.ready = true
		p.cond.Broadcast()
		p.cond.L.Unlock()
		p.hold.Done()
	}
}

// ---- block profile ----

// produce sends on an unbuffered channel to a slow consumer: blocks in send.
func produce(ch chan<- int, n int) {
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
}

// consume is slow at first (producer blocks), then fast (consumer blocks).
func consume(ch <-chan int, slow int) int {
	s := 0
	for v := range ch {
		if v < slow {
			time.Sleep(200 * time.Microsecond)
		}
		s += v
	}
	return s
}

func selectWait(a, b <-chan int, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-a:
			s += v
		case v := <-b:
			s -= v
		}
	}
	return s
}

func tick(ch chan<- int, n int, d time.Duration) {
	for i := 0; i < n; i++ {
		time.Sleep(d)
		ch <- i
	}
}

func waitForWorkers(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i+1) * time.Millisecond)
		}(i)
	}
	wg.Wait()
}

func runBlocking() {
	ch := make(chan int)
	done := make(chan int)
	go func() { done <- consume(ch, 300) }()
	produce(ch, 1500)
	<-done

	a, b := make(chan int), make(chan int)
	go tick(a, 100, 300*time.Microsecond)
	go tick(b, 100, 700*time.Microsecond)
	selectWait(a, b, 200)

	for i := 0; i < 10; i++ {
		waitForWorkers(4)
	}
	runMutexes(false)
}

// ---- mutex profile ----

type counter struct {
	mu sync.Mutex
	n  int
}

// lockShort holds the lock briefly but very often.
func lockShort(c *counter, n int) {
	for i := 0; i < n; i++ {
		c.mu.Lock()
		c.n += int(mix64(uint64(i)) & 1)
		c.mu.Unlock()
	}
}

// lockLong holds the lock for a while (computing) less often.
func lockLong(c *counter, n int) {
	for i := 0; i < n; i++ {
		c.mu.Lock()
		c.n += int(hashLoop(60000) & 1)
		c.mu.Unlock()
		runtime.Gosched()
	}
}

type journal struct {
	mu    sync.Mutex
	lines []string
}

// flushJournal sleeps with the lock held (like I/O under a lock).
func flushJournal(j *journal, n int) {
	for i := 0; i < n; i++ {
		j.mu.Lock()
		time.Sleep(300 * time.Microsecond)
		j.lines = j.lines[:0]
		j.mu.Unlock()
		time.Sleep(100 * time.Microsecond)
	}
}

// appendJournal contends with flushJournal.
func appendJournal(j *journal, n int) {
	for i := 0; i < n; i++ {
		j.mu.Lock()
		j.lines = append(j.lines, "entry")
		j.mu.Unlock()
		time.Sleep(20 * time.Microsecond)
	}
}

type table struct {
	mu sync.RWMutex
	m  map[int]int
}

func readTable(t *table, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		t.mu.RLock()
		s += t.m[i%64]
		t.mu.RUnlock()
	}
	return s
}

func writeTable(t *table, n int) {
	for i := 0; i < n; i++ {
		t.mu.Lock()
		t.m[i%64] = int(hashLoop(5000))
		t.mu.Unlock()
		time.Sleep(50 * time.Microsecond)
	}
}

// runMutexes runs contended lock workloads; big=true for the mutex profile.
func runMutexes(big bool) {
	scale := 1
	if big {
		scale = 3
	}
	var c counter
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); lockShort(&c, 20000*scale) }()
		go func() { defer wg.Done(); lockLong(&c, 40*scale) }()
	}
	t := &table{m: make(map[int]int)}
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); atomic.AddInt64(&sinkInt, int64(readTable(t, 50000*scale))) }()
	}
	wg.Add(1)
	go func() { defer wg.Done(); writeTable(t, 100*scale) }()
	j := &journal{}
	wg.Add(1)
	go func() { defer wg.Done(); flushJournal(j, 100*scale) }()
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); appendJournal(j, 300*scale) }()
	}
	wg.Wait()
}

var sinkInt int64
