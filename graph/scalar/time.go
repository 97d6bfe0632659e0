// Package scalar holds the GraphQL scalars whose wire form we fix ourselves.
package scalar

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalTime writes every time in UTC, RFC 3339 with the fraction it has,
// whatever zone the database driver handed it back in.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { writeTime(w, t) })
}

// TimeField is a time written from its object's field in place, as
// IDField is an ID.
type TimeField time.Time

func (t *TimeField) MarshalGQL(w io.Writer) { writeTime(w, time.Time(*t)) }

// writeTime quotes the RFC 3339 form, which has nothing JSON escapes.
func writeTime(w io.Writer, t time.Time) {
	appendTo(w, func(b []byte) []byte {
		b = append(b, '"')
		b = t.UTC().AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	})
}

// UnmarshalTime reads an RFC 3339 time with its offset and keeps it in UTC,
// to the microsecond (what PostgreSQL stores).
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("a time must be an RFC 3339 string such as \"2026-11-27T09:30:00Z\", got %T", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time such as \"2026-11-27T09:30:00Z\"", s)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, errors.New("a time must lie between the years 1900 and 2200")
	}
	return t.UTC().Truncate(time.Microsecond), nil
}
