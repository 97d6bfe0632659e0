package report

import (
	"testing"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

// The label of each period that every month of two years starts, by hand;
// the SQL's grouping into periods is checked against naive Go in
// graph/server (TestFiguresMatchNaiveGo).
func TestPeriodLabels(t *testing.T) {
	quarter := map[int]string{1: "Q1", 2: "Q1", 3: "Q1", 4: "Q2", 5: "Q2", 6: "Q2", 7: "Q3", 8: "Q3", 9: "Q3", 10: "Q4", 11: "Q4", 12: "Q4"}
	first := map[string]int{"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}
	for _, year := range []int{2026, 2028} {
		for month := 1; month <= 12; month++ {
			m := calendar.MonthAt(year, month)
			q := quarter[month]
			for _, c := range []struct {
				p     Period
				label string
				start calendar.Month
			}{
				{PeriodMonth, m.String(), m},
				{PeriodQuarter, m.Start().Format("2006") + "-" + q, calendar.MonthAt(year, first[q])},
				{PeriodYear, m.Start().Format("2006"), calendar.MonthAt(year, 1)},
			} {
				if got := c.p.Label(c.start); got != c.label {
					t.Errorf("%s label of %s = %q, want %q", c.p, m, got, c.label)
				}
			}
		}
	}
	if label(nil, PeriodQuarter) != nil {
		t.Error("no month, no label")
	}
}
