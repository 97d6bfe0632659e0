package report

import (
	"fmt"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// Month is a calendar month in UTC, counted from January of year 0, so that
// months add and subtract as integers in Go and in SQL alike.
type Month int

// MonthOf is the UTC month t falls in.
func MonthOf(t time.Time) Month {
	t = t.UTC()
	return Month(t.Year()*12 + int(t.Month()) - 1)
}

// MonthAt is the month of a year, 1 to 12.
func MonthAt(year, month int) Month { return Month(year*12 + month - 1) }

// Year of the month.
func (m Month) Year() int { return int(m) / 12 }

// Start is the month's first instant, UTC.
func (m Month) Start() time.Time {
	return time.Date(m.Year(), time.Month(int(m)%12+1), 1, 0, 0, 0, 0, time.UTC)
}

// String is the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), int(m)%12+1) }

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a month such as \"2026-11\"", s)
	}
	return MonthOf(t), nil
}

// Period is the length of the periods figures are grouped by.
type Period string

// The periods.
const (
	PeriodMonth   Period = "MONTH"
	PeriodQuarter Period = "QUARTER"
	PeriodYear    Period = "YEAR"
)

// months is how many months one period spans.
func (p Period) months() int {
	switch p {
	case PeriodQuarter:
		return 3
	case PeriodYear:
		return 12
	}
	return 1
}

// Label names the period a month starts: 2026-11, 2026-Q4 or 2026.
func (p Period) Label(start Month) string {
	switch p {
	case PeriodQuarter:
		return fmt.Sprintf("%04d-Q%d", start.Year(), int(start)%12/3+1)
	case PeriodYear:
		return fmt.Sprintf("%04d", start.Year())
	}
	return start.String()
}

// label is Label of a period's first month, or nil without one.
func label(start *Month, p Period) *string {
	if start == nil {
		return nil
	}
	l := p.Label(*start)
	return &l
}

// monthSQL is the SQL expression of the UTC month a time column falls in,
// as a Month. SQLite keeps times as text with their offset and strftime
// reads them in UTC; PostgreSQL keeps timestamptz.
func monthSQL(s *entsql.Selector, column string) string {
	c := s.C(column)
	if s.Dialect() == dialect.Postgres {
		return fmt.Sprintf("(CAST(EXTRACT(YEAR FROM %[1]s AT TIME ZONE 'UTC') AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM %[1]s AT TIME ZONE 'UTC') AS INTEGER) - 1)", c)
	}
	return fmt.Sprintf("(CAST(strftime('%%Y', %[1]s) AS INTEGER) * 12 + CAST(strftime('%%m', %[1]s) AS INTEGER) - 1)", c)
}

// periodSQL is the first month of the period a time column falls in.
// Months are never negative, so integer division floors alike on both
// databases.
func periodSQL(s *entsql.Selector, column string, p Period) string {
	if n := p.months(); n > 1 {
		return fmt.Sprintf("(%s / %d * %d)", monthSQL(s, column), n, n)
	}
	return monthSQL(s, column)
}

// hoursSQL is the SQL expression of the hours from one time column to
// another.
func hoursSQL(s *entsql.Selector, from, to string) string {
	if s.Dialect() == dialect.Postgres {
		return fmt.Sprintf("(EXTRACT(EPOCH FROM (%s - %s)) / 3600.0)", s.C(to), s.C(from))
	}
	return fmt.Sprintf("((unixepoch(%s, 'subsec') - unixepoch(%s, 'subsec')) / 3600.0)", s.C(to), s.C(from))
}
