package scalar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalID writes a global ID as a GraphQL ID string.
func MarshalID(id int) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { writeID(w, id) })
}

// IDField is an ID written from its object's field in place: a pointer in
// an interface costs no allocation, where MarshalID's closure does
// (graph/execution's leaf fields use it).
type IDField int

func (id *IDField) MarshalGQL(w io.Writer) { writeID(w, int(*id)) }

func writeID(w io.Writer, id int) {
	appendTo(w, func(b []byte) []byte {
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(id), 10)
		return append(b, '"')
	})
}

// appendTo writes what add appends, into the buffer's own free space when
// w is the executor's bytes.Buffer, so that nothing escapes to the heap.
func appendTo(w io.Writer, add func([]byte) []byte) {
	if buf, ok := w.(*bytes.Buffer); ok {
		buf.Write(add(buf.AvailableBuffer()))
		return
	}
	_, _ = w.Write(add(nil))
}

// UnmarshalID reads an ID given as a string of digits (or a whole number),
// saying plainly when it is not one.
func UnmarshalID(v any) (int, error) {
	var s string
	switch t := v.(type) {
	case string:
		s = t
	case json.Number:
		s = t.String()
	case int64:
		s = strconv.FormatInt(t, 10)
	case int:
		return t, nil
	default:
		return 0, fmt.Errorf("an ID must be a string of digits, got %T", v)
	}
	id, err := strconv.Atoi(s)
	if err != nil || id < 0 {
		return 0, fmt.Errorf("%q is not an ID of this API: IDs are strings of digits such as \"8589934593\"", s)
	}
	return id, nil
}
