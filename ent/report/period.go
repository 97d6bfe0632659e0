package report

import (
	"fmt"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
)

// Month is a calendar month in UTC (ent/calendar).
type Month = calendar.Month

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

// monthSQL is the SQL expression of the UTC month a time column falls in.
// A shipment's planned pickup has its month stored beside it, and the
// monthly rollup is by month.
func monthSQL(s *entsql.Selector, column string) string {
	switch {
	case s.TableName() == shipment.Table && column == shipment.FieldPlannedPickup:
		return s.C(shipment.FieldPickupMonth)
	case s.TableName() == shipmenttotal.Table:
		return s.C(shipmenttotal.FieldMonth) // the rollup's rows are months
	}
	return calendar.SQL(s.Dialect(), s.C(column))
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

// countWhere is the SQL that counts the rows for which cond holds: 0, not
// NULL, when none does.
func countWhere(cond string) string {
	return fmt.Sprintf("COALESCE(SUM(CASE WHEN %s THEN 1 ELSE 0 END), 0)", cond)
}

// marginShareSQL is the two sums a margin share is read from: how many
// shipments have a known cost and a price, and their margins as shares of
// their prices added up (shares, so that currencies never mix).
func marginShareSQL(s *entsql.Selector) (count, sum string) {
	price, cost := s.C(shipment.FieldPrice), s.C(shipment.FieldCost)
	priced := fmt.Sprintf("%s IS NOT NULL AND %s > 0", cost, price)
	return countWhere(priced), fmt.Sprintf("COALESCE(SUM(CASE WHEN %s THEN (%s - %s) * 1.0 / %s ELSE 0 END), 0)", priced, price, cost, price)
}

// hoursSQL is the SQL expression of the hours from one time column to
// another.
func hoursSQL(s *entsql.Selector, from, to string) string {
	if s.Dialect() == dialect.Postgres {
		return fmt.Sprintf("(EXTRACT(EPOCH FROM (%s - %s)) / 3600.0)", s.C(to), s.C(from))
	}
	return fmt.Sprintf("((unixepoch(%s, 'subsec') - unixepoch(%s, 'subsec')) / 3600.0)", s.C(to), s.C(from))
}
