package scalar

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// An ID and a time read in place write what MarshalID and MarshalTime
// write, and both write the quoted forms the API has always given, to the
// executor's buffer and to any other writer.
func TestFieldsWriteTheWireForm(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*3600)
	id := 21474836481
	at := time.Date(2026, 12, 7, 12, 30, 5, 123456000, moscow)
	whole := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		name     string
		in, fn   graphql.Marshaler
		wireForm string
	}{
		{"id", (*IDField)(&id), MarshalID(id), strconv.Quote("21474836481")},
		{"time", (*TimeField)(&at), MarshalTime(at), `"2026-12-07T09:30:05.123456Z"`},
		{"whole second", (*TimeField)(&whole), MarshalTime(whole), `"2026-01-02T03:04:05Z"`},
	} {
		for _, m := range []graphql.Marshaler{c.in, c.fn} {
			var buf bytes.Buffer
			buf.WriteString("x")
			m.MarshalGQL(&buf)
			var sb strings.Builder
			m.MarshalGQL(&sb)
			if buf.String()[1:] != c.wireForm || sb.String() != c.wireForm {
				t.Errorf("%s: wrote %s and %s, want %s", c.name, buf.String()[1:], sb.String(), c.wireForm)
			}
		}
	}
}
