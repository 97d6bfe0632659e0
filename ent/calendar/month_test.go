package calendar_test

import (
	"context"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/ent/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The instants where a month is easy to get wrong: the last moment of a
// month, of a year, of 29 February, and times written at an offset whose
// UTC month is another.
var boundaries = []struct {
	at   string
	want string // the UTC month
}{
	{"2026-11-30T23:59:59.999999Z", "2026-11"},
	{"2026-12-01T00:00:00Z", "2026-12"},
	{"2026-12-31T23:59:59.999999Z", "2026-12"},
	{"2027-01-01T00:00:00Z", "2027-01"},
	{"2026-03-31T23:30:00-02:00", "2026-04"}, // 01:30 UTC on 1 April
	{"2026-04-01T01:30:00+03:00", "2026-03"}, // 22:30 UTC on 31 March
	{"2027-01-01T02:00:00+03:00", "2026-12"}, // New Year in Moscow is still December in UTC
	{"2028-02-29T12:00:00Z", "2028-02"},
	{"2028-02-29T23:59:59.999999Z", "2028-02"},
	{"2028-03-01T00:00:00Z", "2028-03"},
	{"2027-02-28T23:59:59Z", "2027-02"},
	{"2000-02-29T00:00:00Z", "2000-02"},
	{"1999-12-31T23:00:00-05:00", "2000-01"},
}

func TestMonthOf(t *testing.T) {
	for _, b := range boundaries {
		m := calendar.MonthOf(at(b.at))
		if m.String() != b.want {
			t.Errorf("MonthOf(%s) = %s, want %s", b.at, m, b.want)
		}
		start := m.Start()
		if start.Location() != time.UTC || start.Day() != 1 || start.Hour() != 0 || start.After(at(b.at)) || !(m + 1).Start().After(at(b.at)) {
			t.Errorf("%s: month %s starts %s, the next %s", b.at, m, start, (m + 1).Start())
		}
		parsed, err := calendar.Parse(b.want)
		if err != nil || parsed != m {
			t.Errorf("Parse(%q) = %v, %v; want %v", b.want, parsed, err, m)
		}
	}
}

// Months add and subtract as integers across years, both ways.
func TestMonthArithmetic(t *testing.T) {
	for _, c := range []struct {
		m    calendar.Month
		add  int
		want string
	}{
		{calendar.MonthAt(2026, 12), 1, "2027-01"},
		{calendar.MonthAt(2027, 1), -1, "2026-12"},
		{calendar.MonthAt(2026, 11), -11, "2025-12"},
		{calendar.MonthAt(2026, 1), -12, "2025-01"},
		{calendar.MonthAt(2028, 2), 12, "2029-02"},
		{calendar.MonthAt(2026, 12), -120, "2016-12"},
	} {
		if got := (c.m + calendar.Month(c.add)).String(); got != c.want {
			t.Errorf("%s %+d = %s, want %s", c.m, c.add, got, c.want)
		}
	}
	if y := calendar.MonthAt(2026, 12).Year(); y != 2026 {
		t.Errorf("December's year is %d", y)
	}
	for _, bad := range []string{"", "2026", "2026-13", "2026-00", "26-11", "2026/11", "2026-11-01", "ноябрь"} {
		if m, err := calendar.Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", bad, m)
		}
	}
}

// The SQL of a time column's month gives what MonthOf gives, on both
// databases: the figures group by it, and the stored month of a shipment
// is written by the Go side.
func TestMonthSQL(t *testing.T) {
	for _, kind := range []struct {
		name, query string
		dsn         func(testing.TB) string
	}{
		{"sqlite", "SELECT " + calendar.SQL("sqlite", "t") + " FROM (SELECT ? AS t)", storetest.SQLite},
		{"postgres", "SELECT " + calendar.SQL("postgres", "t") + " FROM (SELECT CAST($1 AS timestamptz) AS t) AS x", storetest.Postgres},
	} {
		t.Run(kind.name, func(t *testing.T) {
			st, err := store.Open(context.Background(), kind.dsn(t), store.Migrated())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, b := range boundaries {
				var got int
				if err := st.DB.QueryRow(kind.query, at(b.at)).Scan(&got); err != nil {
					t.Fatalf("%s: %v", b.at, err)
				}
				if m := calendar.Month(got); m.String() != b.want {
					t.Errorf("the SQL month of %s is %s, want %s", b.at, m, b.want)
				}
			}
		})
	}
}
