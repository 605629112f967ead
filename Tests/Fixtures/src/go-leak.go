// go-leak: fixture workload for memtop's Go runtime view.
//
// A tiny loopback-only HTTP server that leaks on request, so memtop's Go view
// (expvar memstats, the legacy text heap and goroutine profiles) has a real
// process with a known leaking allocation site and known leaked goroutines.
//
//	go build -o go-leak go-leak.go            (gc toolchain, no go.mod needed)
//	go build -compiler gccgo -o go-leak go-leak.go
//	gccgo-12 -o go-leak go-leak.go
//
//	./go-leak [PORT]      PORT 0 or absent: the kernel picks a free port
//
// Once listening it prints exactly one line, "listening 127.0.0.1:<port>".
// It serves, on the default mux:
//
//	/debug/vars                       expvar, incl. memstats, leak_bytes, leak_goroutines
//	/debug/pprof/...                  net/http/pprof (heap?debug=1, goroutine?debug=1, ...)
//	/grow?mb=N                        keep N more MiB (1 MiB chunks) in a package-level map;
//	                                  replies with the new leak_bytes
//	/leak?n=N                         start N goroutines that never return;
//	                                  replies with the new leak_goroutines
//
// With GO_LEAK_AUTO=1 in the environment it also grows by 1 MiB every 500 ms
// and leaks 5 goroutines every second, forever (for demos and screenshots).
// SIGTERM and SIGINT end it with Go's default behaviour.
package main

import (
	"expvar"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"sync"
	"time"
)

const (
	chunkSize = 1 << 20 // one MiB per map value
	pageSize  = 4096
	maxPerReq = 4096 // refuse requests for more than this many MiB or goroutines
)

var (
	// The leak: values are never deleted.
	leakMu  sync.Mutex
	leakMap = map[int][]byte{}
	nextKey int

	// Leaked goroutines wait on this channel; nothing ever sends on it.
	neverReady = make(chan struct{})

	leakBytesVar      = expvar.NewInt("leak_bytes")
	leakGoroutinesVar = expvar.NewInt("leak_goroutines")
)

// growMap allocates mb chunks of one MiB, writes one byte in every page so
// the memory is really resident, stores them in leakMap and returns the new
// number of bytes held by the map's values. It is kept out of line so that
// it is the allocating frame in heap profiles.
//
//go:noinline
func growMap(mb int) int64 {
	leakMu.Lock()
	defer leakMu.Unlock()
	for i := 0; i < mb; i++ {
		chunk := make([]byte, chunkSize)
		for off := 0; off < len(chunk); off += pageSize {
			chunk[off] = byte(nextKey + off/pageSize + 1)
		}
		leakMap[nextKey] = chunk
		nextKey++
		leakBytesVar.Add(int64(len(chunk)))
	}
	return leakBytesVar.Value()
}

// leakGoroutines starts n goroutines that block forever on a receive from
// neverReady and returns the new number of leaked goroutines.
//
//go:noinline
func leakGoroutines(n int) int64 {
	for i := 0; i < n; i++ {
		go func() {
			<-neverReady
		}()
	}
	leakGoroutinesVar.Add(int64(n))
	return leakGoroutinesVar.Value()
}

// countParam reads a positive integer query parameter, writing a 400 reply
// and returning ok=false if it is missing or out of range.
func countParam(w http.ResponseWriter, r *http.Request, name string) (int, bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return 0, false
	}
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || v < 1 || v > maxPerReq {
		http.Error(w, fmt.Sprintf("want %s=1..%d", name, maxPerReq), http.StatusBadRequest)
		return 0, false
	}
	return v, true
}

func handleGrow(w http.ResponseWriter, r *http.Request) {
	mb, ok := countParam(w, r, "mb")
	if !ok {
		return
	}
	total := growMap(mb)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "%d\n", total)
}

func handleLeak(w http.ResponseWriter, r *http.Request) {
	n, ok := countParam(w, r, "n")
	if !ok {
		return
	}
	total := leakGoroutines(n)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "%d\n", total)
}

// autoLeak grows and leaks on timers, forever.
func autoLeak() {
	grow := time.NewTicker(500 * time.Millisecond)
	leak := time.NewTicker(time.Second)
	for {
		select {
		case <-grow.C:
			growMap(1)
		case <-leak.C:
			leakGoroutines(5)
		}
	}
}

func main() {
	port := "0"
	if len(os.Args) > 1 {
		port = os.Args[1]
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		fmt.Fprintf(os.Stderr, "go-leak: bad port %q\n", port)
		os.Exit(2)
	}

	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", port))
	if err != nil {
		fmt.Fprintf(os.Stderr, "go-leak: %v\n", err)
		os.Exit(1)
	}

	http.HandleFunc("/grow", handleGrow)
	http.HandleFunc("/leak", handleLeak)

	if os.Getenv("GO_LEAK_AUTO") == "1" {
		go autoLeak()
	}

	// os.Stdout is unbuffered, so this line is written out immediately.
	fmt.Fprintf(os.Stdout, "listening %s\n", ln.Addr().String())

	if err := http.Serve(ln, nil); err != nil {
		fmt.Fprintf(os.Stderr, "go-leak: %v\n", err)
		os.Exit(1)
	}
}
