package calendar

import (
	"fmt"
	"os"
	"time"
)

// ClockVariable names the instant a process's clock starts at instead of
// the system's: for running the test suite, or a demo, as if it were the
// last day of a month, of a year, or 29 February. It is read once, when the
// process starts; from there the clock runs at the system's pace. Go reads
// the system clock without libc, so faketime cannot move it, and a test
// that depends on the day must be caught on purpose (.ci/test and the
// README say how).
const ClockVariable = "FREIGHTGRAPH_NOW"

// offset is how far this process's clock is from the system's; clockErr is
// why ClockVariable was not understood.
var offset, clockErr = clockOffset(os.Getenv(ClockVariable), time.Now())

func clockOffset(value string, now time.Time) (time.Duration, error) {
	if value == "" {
		return 0, nil
	}
	at, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a time such as 2028-02-29T23:50:00Z", ClockVariable, value)
	}
	return at.Sub(now), nil
}

// Now is the time every record, rule and figure goes by: the system clock,
// or the one ClockVariable set.
func Now() time.Time { return time.Now().Add(offset) }

// Clock says whether ClockVariable moved this process's clock, or why it
// could not: a process refuses to start rather than run on a clock nobody
// meant.
func Clock() (shifted bool, err error) { return offset != 0, clockErr }
