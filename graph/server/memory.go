package server

import (
	"os"
	"runtime/debug"
)

// GC settings of a serving process, unless GOGC or GOMEMLIMIT say
// otherwise: collect when the heap has grown to three times what was live
// (GOGC 200, not Go's 100), within a soft limit of 100 MiB.
//
// Why: a read allocates a great deal that dies with it (some 80,000
// objects for 100 clients with their tenders and lanes), and the server's
// live heap is small (20 to 30 MB under load), so Go's default collected
// every few requests: with 200, the nested read of BenchmarkAgainstTheFloor
// took about a third less CPU (README, "What a read costs"). The limit
// keeps the process near its old size: as the heap nears it the runtime
// collects sooner, whatever GOGC says (under the hostile load test the
// server peaked at 139 MiB with it, 158 MiB with 128 MiB, 124 MiB before
// with Go's defaults).
const (
	gcPercent   = 200
	memoryLimit = 100 << 20
)

// TuneGC applies the serving GC settings; serve calls it at start, and the
// benchmarks that measure a server as it runs.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
