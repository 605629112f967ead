// go-server: fixture workload for memtop.
// Grows a map to about 50 MiB of live data, keeps several goroutines parked
// (tickers, a loopback-only listener), prints "ready", then sleeps until it is
// killed. Build: go build -trimpath -o go-server go-server.go
package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

const (
	valueBytes  = 1024
	targetBytes = 50 << 20
)

var store = map[int][]byte{}

func main() {
	// Grow the map one entry at a time, touching every value.
	for i := 0; i < targetBytes/valueBytes; i++ {
		v := make([]byte, valueBytes)
		for j := range v {
			v[j] = byte(i + j)
		}
		store[i] = v
	}

	// A loopback-only listener with an accept goroutine, like a tiny server.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()

	// Several goroutines: a few busy at first (so the runtime starts more OS
	// threads), then all parked on tickers.
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			sum := 0
			for i := 0; i < 20_000_000; i++ {
				sum += i ^ g
			}
			_ = sum
			wg.Done()
			t := time.NewTicker(time.Hour)
			for range t.C {
			}
		}(g)
	}
	wg.Wait()

	// Settle: collect, return freed pages, and stop further GC cycles so the
	// numbers do not drift while the capture reads /proc.
	runtime.GC()
	debug.FreeOSMemory()
	debug.SetGCPercent(-1)

	fmt.Printf("ready %d entries\n", len(store))
	for {
		time.Sleep(time.Hour)
	}
}
