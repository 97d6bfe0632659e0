package execution

import (
	"bytes"
	"io"
	"strconv"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// Leaves lets the executor write a scalar or enum field that is a plain
// struct field of its object (a tender's reference, a lane's mode, an id)
// straight from the value, without the field context, context, closures
// and boxed result gqlgen builds around every field (some ten allocations
// each; such fields are most of a nested read's 6,000). The rewrite
// (./rewrite) applies it only where skipping them changes nothing:
//
//   - the value is read from the object and cannot fail or panic;
//   - no directive wraps the field;
//   - the field's marshaller cannot add an error (none that reports a null
//     for a non-null field or fails on a value: gqlgen's for String, Int,
//     Boolean, our ID, enums and Decimal, and nullable ones that write
//     null for nil), since an error would be reported on the parent's path;
//   - no field interceptor is registered on the server (graph/server:
//     AroundFields would not see these fields).
//
// Off, every field goes through gqlgen's own path: the tests answer the
// same documents both ways (TestStraightAnswersAsGqlgenDoes).
var Leaves atomic.Bool

func init() { Leaves.Store(true) }

// StringField, IntField and BooleanField are leaf values written from
// their object's field in place: a pointer in an interface costs no
// allocation, where gqlgen's MarshalString, MarshalInt and MarshalBoolean
// box the value in a closure. They write what gqlgen's write.
type (
	StringField  string
	IntField     int
	BooleanField bool
)

func (s *StringField) MarshalGQL(w io.Writer) { graphql.MarshalString(string(*s)).MarshalGQL(w) }

func (i *IntField) MarshalGQL(w io.Writer) {
	if buf, ok := w.(*bytes.Buffer); ok {
		buf.Write(strconv.AppendInt(buf.AvailableBuffer(), int64(*i), 10))
		return
	}
	graphql.MarshalInt(int(*i)).MarshalGQL(w)
}

func (b *BooleanField) MarshalGQL(w io.Writer) {
	if *b {
		io.WriteString(w, "true")
	} else {
		io.WriteString(w, "false")
	}
}
