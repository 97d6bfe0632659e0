package calendar

import (
	"strings"
	"testing"
	"time"
)

func TestClockOffset(t *testing.T) {
	now := time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		value string
		want  time.Duration
		err   string
	}{
		{"", 0, ""},
		{"2026-12-04T18:00:00Z", 0, ""},
		{"2028-02-29T23:50:00Z", time.Date(2028, 2, 29, 23, 50, 0, 0, time.UTC).Sub(now), ""},
		{"2026-12-31T23:50:00+03:00", time.Date(2026, 12, 31, 20, 50, 0, 0, time.UTC).Sub(now), ""},
		{"2026-11-30T12:00:00Z", -4*24*time.Hour - 6*time.Hour, ""},
		{"2028-02-29", 0, "is not a time"},
		{"tomorrow", 0, "FREIGHTGRAPH_NOW"},
	} {
		got, err := clockOffset(c.value, now)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: %v, want an error saying %q", c.value, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %s, %v; want %s", c.value, got, err, c.want)
		}
	}
}
