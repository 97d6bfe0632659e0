package execution

import (
	"bytes"
	"math"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// The in-place leaf values write what gqlgen's own marshallers write, to
// the executor's buffer and to any other writer.
func TestLeafFieldsWriteAsGqlgen(t *testing.T) {
	type pair struct {
		name       string
		ours, want graphql.Marshaler
	}
	var cases []pair
	for _, s := range []string{"", "КераМир", `a "quoted" \ back`, "tab\tnew\nline\x01", "emoji 🚚", "\u2028"} {
		s := s
		cases = append(cases, pair{s, (*StringField)(&s), graphql.MarshalString(s)})
	}
	for _, i := range []int{0, 7, -42, math.MaxInt64, math.MinInt64} {
		i := i
		cases = append(cases, pair{"int", (*IntField)(&i), graphql.MarshalInt(i)})
	}
	for _, b := range []bool{true, false} {
		b := b
		cases = append(cases, pair{"bool", (*BooleanField)(&b), graphql.MarshalBoolean(b)})
	}
	for _, c := range cases {
		var want bytes.Buffer
		c.want.MarshalGQL(&want)
		for _, w := range []interface {
			Write([]byte) (int, error)
			String() string
		}{&bytes.Buffer{}, &onlyWriter{}} {
			w.Write([]byte("x")) // something before, as in a response
			c.ours.MarshalGQL(w)
			if got := w.String()[1:]; got != want.String() {
				t.Errorf("%s: wrote %s, gqlgen writes %s", c.name, got, want.String())
			}
		}
	}
}

// onlyWriter is a writer that is not a bytes.Buffer.
type onlyWriter struct{ b []byte }

func (o *onlyWriter) Write(p []byte) (int, error) { o.b = append(o.b, p...); return len(p), nil }
func (o *onlyWriter) String() string              { return string(o.b) }

func BenchmarkLeafFields(b *testing.B) {
	s, i, v := "Волга Карго", 123456789, true
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		for _, m := range []graphql.Marshaler{(*StringField)(&s), (*IntField)(&i), (*BooleanField)(&v)} {
			m.MarshalGQL(&buf)
		}
	}
}
