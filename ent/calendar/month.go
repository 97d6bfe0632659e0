// Package calendar is the calendar months figures are counted by, and the
// hook that stores the month a record's time falls in beside the time, so
// that grouping a million rows by month compares integers instead of
// taking dates apart row by row.
package calendar

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"entgo.io/ent"
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

// Parse reads YYYY-MM.
func Parse(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a month such as \"2026-11\"", s)
	}
	return MonthOf(t), nil
}

// Hook keeps the integer field monthField equal to the month of the time
// field timeField whenever a mutation sets the time: the month is never
// written by anyone else.
func Hook(timeField, monthField string) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v, ok := m.Field(timeField); ok {
				if t, ok := v.(time.Time); ok {
					if err := m.SetField(monthField, int(MonthOf(t))); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

// SQL is the SQL expression of the UTC month a time column falls in, as a
// Month. SQLite keeps times as text with their offset, and strftime reads
// them in UTC; PostgreSQL keeps timestamptz.
func SQL(dialect, column string) string {
	if dialect == "postgres" {
		return fmt.Sprintf("(CAST(EXTRACT(YEAR FROM %[1]s AT TIME ZONE 'UTC') AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM %[1]s AT TIME ZONE 'UTC') AS INTEGER) - 1)", column)
	}
	return fmt.Sprintf("(CAST(strftime('%%Y', %[1]s) AS INTEGER) * 12 + CAST(strftime('%%m', %[1]s) AS INTEGER) - 1)", column)
}

// Backfill stores the month of every row written before the month column
// existed (month 0, January of year 0, is no real month), in one statement
// that the month's index makes free once done.
func Backfill(ctx context.Context, db *sql.DB, dialect, table, timeColumn, monthColumn string) error {
	_, err := db.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s = 0", table, monthColumn, SQL(dialect, timeColumn), monthColumn))
	return err
}
