package graph

import (
	"strings"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// regularClients' months: this UTC month and the eleven before unless
// asked otherwise, whatever the day, and at most 120 of them.
func TestMonthRange(t *testing.T) {
	m := func(s string) *report.Month {
		v, err := calendar.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	for _, c := range []struct {
		name        string
		now         string
		from, to    *report.Month
		first, last string
		refused     string
	}{
		{"late November", "2026-11-27T10:00:00Z", nil, nil, "2025-12", "2026-11", ""},
		{"the last moment of a year", "2026-12-31T23:59:59Z", nil, nil, "2026-01", "2026-12", ""},
		{"New Year in Moscow is December in UTC", "2026-12-31T22:30:00Z", nil, nil, "2026-01", "2026-12", ""},
		{"the first moment of a year", "2027-01-01T00:00:00Z", nil, nil, "2026-02", "2027-01", ""},
		{"29 February", "2028-02-29T23:50:00Z", nil, nil, "2027-03", "2028-02", ""},
		{"up to a month asked for", "2026-11-27T10:00:00Z", nil, m("2026-06"), "2025-07", "2026-06", ""},
		{"from a month asked for", "2026-11-27T10:00:00Z", m("2026-09"), nil, "2026-09", "2026-11", ""},
		{"one month", "2026-11-27T10:00:00Z", m("2026-03"), m("2026-03"), "2026-03", "2026-03", ""},
		{"120 months", "2026-11-27T10:00:00Z", m("2016-12"), m("2026-11"), "2016-12", "2026-11", ""},
		{"121 months", "2026-11-27T10:00:00Z", m("2016-11"), m("2026-11"), "", "", "at most 120 months"},
		{"backwards", "2026-11-27T10:00:00Z", m("2026-11"), m("2026-10"), "", "", "comes after"},
	} {
		now, _ := time.Parse(time.RFC3339, c.now)
		first, last, err := monthRange(c.from, c.to, now)
		if c.refused != "" {
			re, ok := rule.As(err)
			if !ok || re.Code != rule.CodeBadInput || re.Field != "from" {
				t.Errorf("%s: %v, want a refusal of from", c.name, err)
			} else if !strings.Contains(re.Message, c.refused) {
				t.Errorf("%s: %q does not say %q", c.name, re.Message, c.refused)
			}
			continue
		}
		if err != nil || first.String() != c.first || last.String() != c.last {
			t.Errorf("%s: %s to %s (%v), want %s to %s", c.name, first, last, err, c.first, c.last)
		}
	}
}
