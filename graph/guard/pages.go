package guard

import (
	"slices"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// A connection asked for without first or last gets the default page:
// entgql would otherwise return every row. The size is written into the
// operation itself, so that eager loading and the resolvers see the same
// page.
//
// The server keeps parsed and validated documents by their text (gqlgen's
// query cache), shared by every request that sends the same text, so a
// request must not change the document it got. DefaultPages gives the
// default to every connection without first and last once, when a
// document enters the cache: that holds for any variables. What depends on
// this request's variables (first: $n with $n null) is written into a copy
// of the operation, made for this request alone (withDefaultPages).

// DefaultPages gives every connection of doc asked for without first and
// last (or with a literal null) the default page size.
func DefaultPages(doc *ast.QueryDocument, page int) {
	EachSelection(doc, func(sel ast.Selection) {
		if f, ok := sel.(*ast.Field); ok && f.Definition != nil && isConnection(f.Definition) && !given(f, "first") && !given(f, "last") {
			setArg(f, "first", page)
		}
	})
}

// EachSelection calls visit with every field and inline fragment of doc,
// in its operations and its fragments, each before what it selects.
func EachSelection(doc *ast.QueryDocument, visit func(ast.Selection)) {
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			visit(sel)
			switch s := sel.(type) {
			case *ast.Field:
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
}

// given reports whether the field names the argument with a value other
// than a literal null (a variable counts: its value is this request's).
func given(f *ast.Field, name string) bool {
	a := f.Arguments.ForName(name)
	return a != nil && a.Value != nil && a.Value.Kind != ast.NullValue
}

// withDefaultPages gives fields the default page in a copy of the
// operation and its fragments, made for this request, and points oc at the
// copy.
func withDefaultPages(oc *graphql.OperationContext, fields []*ast.Field, page int) {
	doc, op := oc.Doc, oc.Operation
	copies := map[*ast.Field]*ast.Field{}
	c := copier{copies: copies}
	docCopy := &ast.QueryDocument{Position: doc.Position, Comment: doc.Comment}
	var opCopy *ast.OperationDefinition
	for _, o := range doc.Operations {
		cp := *o
		cp.SelectionSet = c.set(o.SelectionSet)
		docCopy.Operations = append(docCopy.Operations, &cp)
		if o == op {
			opCopy = &cp
		}
	}
	for _, f := range doc.Fragments {
		fc := *f
		fc.SelectionSet = c.set(f.SelectionSet)
		docCopy.Fragments = append(docCopy.Fragments, &fc)
	}
	for _, f := range fields {
		if cp, ok := copies[f]; ok {
			setArg(cp, "first", page)
		}
	}
	oc.Doc, oc.Operation = docCopy, opCopy
}

// copier copies selection sets down to their fields, remembering each
// field's copy.
type copier struct{ copies map[*ast.Field]*ast.Field }

func (c copier) set(set ast.SelectionSet) ast.SelectionSet {
	if set == nil {
		return nil
	}
	out := make(ast.SelectionSet, len(set))
	for i, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			f := *s
			f.SelectionSet = c.set(s.SelectionSet)
			c.copies[s] = &f
			out[i] = &f
		case *ast.InlineFragment:
			f := *s
			f.SelectionSet = c.set(s.SelectionSet)
			out[i] = &f
		default:
			out[i] = sel
		}
	}
	return out
}

// setArg gives the field argument name the literal value v, replacing a
// variable that was null or a literal null. The field's arguments are
// copied first: the ones it had may be shared with other requests.
func setArg(f *ast.Field, name string, v int) {
	val := &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(v)}
	args := slices.Clone(f.Arguments)
	for i, a := range args {
		if a.Name == name {
			cp := *a
			cp.Value = val
			args[i] = &cp
			f.Arguments = args
			return
		}
	}
	f.Arguments = append(args, &ast.Argument{Name: name, Value: val})
}
