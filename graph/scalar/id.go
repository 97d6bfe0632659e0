package scalar

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalID writes a global ID as a GraphQL ID string.
func MarshalID(id int) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(strconv.Itoa(id)))
	})
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
