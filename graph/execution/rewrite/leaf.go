package main

import (
	"fmt"
	"regexp"
	"strings"
)

// leafField is gqlgen's executor of a field that reads a struct field of
// its object, with no directive (the nil middleware) and a marshaller.
var leafField = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) (_[A-Za-z0-9_]+)\(ctx context\.Context, field graphql\.CollectedField, obj ([^)]+)\) \(ret graphql\.Marshaler\) \{
	return graphql\.ResolveField\(
		ctx,
		ec\.OperationContext,
		field,
		func\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
			return ec\.(fieldContext_[A-Za-z0-9_]+)\(ctx, field\)
		\},
		func\(ctx context\.Context\) \(any, error\) \{
			return (obj\.[A-Za-z0-9_]+), nil
		\},
		nil,
		func\(ctx context\.Context, selections ast\.SelectionSet, v [^)]+\) graphql\.Marshaler \{
			return ec\.(marshal[^(]+)\(ctx, selections, v\)
		\},
		(?:true|false),
		(?:true|false),
	\)
\}
`)

// inPlace are the marshallers whose value, a field of an object held by
// pointer, is written from where it lies: a pointer in an interface costs
// no allocation, the value boxed by the marshaller does.
var inPlace = map[string]string{
	"marshalNString2string":  "(*execution.StringField)(&%s)",
	"marshalNInt2int":        "(*execution.IntField)(&%s)",
	"marshalNBoolean2bool":   "(*execution.BooleanField)(&%s)",
	"marshalNID2int":         "(*scalar.IDField)(&%s)",
	"marshalNTime2timeᚐTime": "(*scalar.TimeField)(&%s)",
}

// neverNull are the marshallers of values that cannot be null: a
// marshaller body calling one of these adds no error.
var neverNull = []string{"graphql.MarshalString(v)", "graphql.MarshalInt(v)", "graphql.MarshalBoolean(v)", "scalar.MarshalID(v)", "scalar.MarshalTime(v)"}

// leaves gives each leaf field whose marshaller cannot add an error a first
// path that writes the value straight (execution.Leaves), before gqlgen's.
func leaves(src string) (string, int, error) {
	n := 0
	var failed error
	out := leafField.ReplaceAllStringFunc(src, func(fn string) string {
		m := leafField.FindStringSubmatch(fn)
		obj, fieldContext, value, marshal := m[2], m[3], m[4], m[5]
		scalar, err := bodyOf(src, fieldContext)
		if err != nil {
			failed = err
			return fn
		}
		body, err := bodyOf(src, marshal)
		if err != nil {
			failed = err
			return fn
		}
		if !strings.Contains(scalar, "graphql.NewScalarFieldContext(") || !quiet(body) {
			return fn
		}
		n++
		written := fmt.Sprintf("ec.%s(ctx, field.Selections, %s)", marshal, value)
		if inPlace, ok := inPlace[marshal]; ok && strings.HasPrefix(obj, "*") {
			written = fmt.Sprintf(inPlace, value)
		} else if strings.HasPrefix(obj, "*") && strings.HasSuffix(body, "graphql.Marshaler {\n\treturn v") && !strings.Contains(marshal, "2ᚖ") {
			// an enum that marshals itself: a pointer to it does too
			written = "&" + value
		}
		head, rest, _ := strings.Cut(fn, "\n")
		return fmt.Sprintf("%s\n\tif execution.Leaves.Load() {\n\t\treturn %s\n\t}\n%s", head, written, rest)
	})
	return out, n, failed
}

// quiet reports whether a marshaller's body can add no error. A list's
// marshaller (ᚕ in its name) calls its elements' and a context
// marshaller reports its errors when written: neither is taken.
func quiet(body string) bool {
	name, _, _ := strings.Cut(body, "(ctx")
	if strings.Contains(name, "ᚕ") || strings.Contains(body, "ContextMarshaler") {
		return false
	}
	if !strings.Contains(body, "AddInvalidNull") && !strings.Contains(body, "Error") && !strings.Contains(body, "Context(") {
		return true
	}
	for _, call := range neverNull {
		if strings.Contains(body, "res := "+call+"\n") && strings.Count(body, "AddInvalidNullFromMarshaler") == 1 && !strings.Contains(body, "Context(") {
			return true
		}
	}
	return false
}

// bodyOf is the text of the executor's method name, up to its closing brace.
func bodyOf(src, name string) (string, error) {
	start := strings.Index(src, "func (ec *executionContext) "+name+"(")
	if start < 0 {
		return "", fmt.Errorf("no method %s", name)
	}
	end := strings.Index(src[start:], "\n}\n")
	if end < 0 {
		return "", fmt.Errorf("no end of %s", name)
	}
	return src[start : start+end], nil
}
