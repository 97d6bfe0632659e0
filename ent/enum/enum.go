// Package enum holds the closed vocabularies of the domain. Each is a Go string
// type so that ent stores it as an enum column and gqlgen binds it by name to
// the GraphQL enum of the same name.
package enum

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// parse checks that v is one of values and returns it as T.
func parse[T ~string](kind string, v any, values []T) (T, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s must be a string, got %T", kind, v)
	}
	if !slices.Contains(values, T(s)) {
		return "", fmt.Errorf("%q is not a valid %s (one of %v)", s, kind, values)
	}
	return T(s), nil
}

func strs[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func write[T ~string](w io.Writer, v T) { _, _ = io.WriteString(w, strconv.Quote(string(v))) }
