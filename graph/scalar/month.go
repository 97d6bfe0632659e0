package scalar

import (
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/report"
)

// MarshalMonth writes a month as YYYY-MM.
func MarshalMonth(m report.Month) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(m.String())) })
}

// UnmarshalMonth reads YYYY-MM, between the years 1900 and 2200.
func UnmarshalMonth(v any) (report.Month, error) {
	s, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("a month must be a string such as \"2026-11\", got %T", v)
	}
	m, err := calendar.Parse(s)
	if err != nil {
		return 0, err
	}
	if m.Year() < 1900 || m.Year() > 2200 {
		return 0, fmt.Errorf("a month must lie between the years 1900 and 2200")
	}
	return m, nil
}
