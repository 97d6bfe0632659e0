package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// A request's body is read once, here: the checks before gqlgen (the
// document's tokens and fields, a mutation sent with GET) and gqlgen's
// execution see the same parameters, handed on in the request's context
// (transport.go). Before, the checks decoded the body themselves and let
// gqlgen decode it again; a body with bytes after its JSON object failed the
// first decoding, which then let it through unchecked, while gqlgen's read
// the object and ignored the tail: 9,000 fields went past the field limit
// that way. Now such a body is refused.

// errBodyShape answers a body that is JSON but not an operation.
const errBodyShape = `the body must be one JSON object: {"query": "...", "operationName": "...", "variables": {...}, "extensions": {...}}, the last three optional`

// decodeBody reads a POST body: exactly one JSON object, nothing but spaces
// after it, its text valid Unicode.
func decodeBody(body []byte) (*graphql.RawParams, *rule.Error) {
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && t[0] == '[' {
		return nil, rule.Invalid("", "batched operations are not supported: send one operation per request")
	}
	if err := checkJSONText(body, ""); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	params := &graphql.RawParams{}
	if err := dec.Decode(params); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, rule.Invalid("", "the request body is not valid JSON")
		}
		return nil, rule.Invalid("", "%s", errBodyShape)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, rule.Invalid("", "the request body holds more after its JSON object: send one JSON object and nothing after it")
	}
	return params, nil
}

// decodeObject reads a JSON object given as text (GET's variables and
// extensions), by the same rules.
func decodeObject(name, s string) (map[string]any, *rule.Error) {
	if err := checkJSONText([]byte(s), name); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, rule.Invalid(name, "the %s parameter must be a JSON object", name)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, rule.Invalid(name, "the %s parameter holds more after its JSON object", name)
	}
	return m, nil
}

// surrogateEscape finds a \u escape of a surrogate (D800 to DFFF).
var surrogateEscape = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

// checkJSONText refuses JSON whose strings are not valid Unicode: bytes
// that are not UTF-8, or a \u escape of half a surrogate pair. Go's decoder
// would turn either into U+FFFD silently, and the damaged text would be
// stored. The refusal names where the string sits (variables.input.name).
// Almost every body is valid UTF-8 without such an escape, and is passed at
// the cost of two scans of its bytes.
func checkJSONText(body []byte, root string) *rule.Error {
	if utf8.Valid(body) && !surrogateEscape.MatchString(string(body)) {
		return nil
	}
	path, ok := badString(body)
	if ok {
		return nil // a false alarm: an escaped backslash before "ud800"
	}
	if root != "" {
		path = strings.TrimPrefix(root+"."+path, ".")
	}
	if path == "" {
		path = "the body"
	}
	field := path
	if i := strings.LastIndexAny(field, ".["); i >= 0 && field[i] == '.' {
		field = field[i+1:]
	}
	return rule.Invalid(field, "%s holds text that is not valid Unicode (bytes that are not UTF-8, or half of a surrogate pair): send it as UTF-8", path)
}

// badString walks the JSON in body and returns the path of its first
// string whose raw text is not valid Unicode; ok when there is none. A
// syntax error ends the walk with ok: decoding will say what is wrong.
func badString(body []byte) (path string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	type frame struct {
		object  bool
		key     string
		index   int
		wantKey bool
	}
	var stack []frame
	where := func() string {
		var b strings.Builder
		for _, f := range stack {
			if f.object {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			} else {
				b.WriteString("[" + strconv.Itoa(f.index) + "]")
			}
		}
		return b.String()
	}
	done := func() { // a value of the innermost container ended
		if n := len(stack); n > 0 {
			if stack[n-1].object {
				stack[n-1].wantKey = true
			} else {
				stack[n-1].index++
			}
		}
	}
	start := int64(0)
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", true
		}
		end := dec.InputOffset()
		raw := body[start:end]
		start = end
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, wantKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:len(stack)-1]
				done()
			}
		case string:
			key := len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].wantKey
			if key {
				stack[len(stack)-1].key, stack[len(stack)-1].wantKey = t, false
			}
			if !validJSONString(raw) {
				return where(), false
			}
			if !key {
				done()
			}
		default:
			done()
		}
	}
}

// validJSONString reports whether the raw text of a JSON string (with what
// precedes it in the stream: spaces, a comma or a colon) is valid UTF-8
// whose \u escapes pair their surrogates.
func validJSONString(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	i := bytes.IndexByte(raw, '"')
	if i < 0 {
		return true
	}
	s := raw[i+1:]
	pendingHigh := false
	for j := 0; j < len(s); j++ {
		if s[j] != '\\' {
			if pendingHigh {
				return false
			}
			continue
		}
		j++
		if j >= len(s) || s[j] != 'u' {
			if pendingHigh {
				return false
			}
			continue
		}
		if j+4 >= len(s) {
			return false
		}
		u, err := strconv.ParseUint(string(s[j+1:j+5]), 16, 16)
		if err != nil {
			return false
		}
		j += 4
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if pendingHigh {
				return false
			}
			pendingHigh = true
		case u >= 0xDC00 && u < 0xE000:
			if !pendingHigh {
				return false
			}
			pendingHigh = false
		default:
			if pendingHigh {
				return false
			}
		}
	}
	return !pendingHigh
}
