// Package execution holds the pieces of gqlgen's execution that
// freightgraph runs its own way, for speed: lists of objects are marshalled
// one element after another unless something below them waits for a
// batch, an object without @defer skips the deferred group gqlgen builds
// for every object, and a leaf field read from its object is written
// straight (leaf.go). The generated executor calls them in place of
// gqlgen's (the rewrite in ./rewrite runs after gqlgen, from generate.go).
//
// Why: under a nested read (100 clients, their tenders, their lanes) a
// goroutine per list element and a path per object were half of the
// server's CPU (README, "What a read costs"), where every value was
// already loaded and nothing waited.
package execution

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Batched are the fields, as Type.field, whose resolvers wait for a batch
// of their siblings (graph/loader.go): a list whose elements select one of
// them is marshalled concurrently, so that the loader sees every element's
// key in one batch. A resolver that starts using a loader belongs here;
// TestEachFigureIsBatched fails otherwise.
var Batched = map[Field]bool{
	{"Client", "isRegular"}:    true,
	{"Client", "health"}:       true,
	{"Client", "satisfaction"}: true,
	{"Carrier", "record"}:      true,
	{"Carrier", "onTimeRate"}:  true,
	{"Manager", "work"}:        true,
}

// Field names a field of an object type.
type Field struct{ Type, Name string }

// MarshalSlice marshals the n elements of a list whose elements select sel.
// It runs them concurrently, as gqlgen does, only when a batched field lies
// below; otherwise one after another in this goroutine.
func MarshalSlice(ctx context.Context, sel ast.SelectionSet, n int, element func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n > 1 && waits(ctx, sel) {
		return graphql.MarshalSliceConcurrently(ctx, n, 0, false, element)
	}
	ret := make(graphql.Array, n)
	indices := make([]int, n)
	for i := range n {
		indices[i] = i
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &indices[i]})
		ret[i] = marshal(ctx, i, element)
	}
	return ret
}

// marshal is one element, a panic in it turned into an error on its path
// and a null, as gqlgen does.
func marshal(ctx context.Context, i int, element func(ctx context.Context, i int) graphql.Marshaler) (ret graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			ret = graphql.Null
		}
	}()
	return element(ctx, i)
}

// waits reports whether sel selects a batched field, at any depth, through
// fragments too.
func waits(ctx context.Context, sel ast.SelectionSet) bool {
	var fragments ast.FragmentDefinitionList
	if graphql.HasOperationContext(ctx) {
		if oc := graphql.GetOperationContext(ctx); oc.Doc != nil {
			fragments = oc.Doc.Fragments
		}
	}
	seen := map[string]bool{}
	var walk func(ast.SelectionSet) bool
	walk = func(set ast.SelectionSet) bool {
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				if s.ObjectDefinition != nil && Batched[Field{s.ObjectDefinition.Name, s.Name}] {
					return true
				}
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if seen[s.Name] {
					continue
				}
				seen[s.Name] = true
				if def := fragments.ForName(s.Name); def != nil && walk(def.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	return walk(sel)
}

// DeferredGroup is gqlgen's graphql.NewDeferredGroup for an object whose
// fields are collected: the group, with its path, field set and map, only
// when one of them is deferred. Without, the group is never read but for
// its empty map.
func DeferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for i := range fields {
		if fields[i].IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{Context: ctx}
}
