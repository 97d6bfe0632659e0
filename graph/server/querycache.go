package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/freightgraph/freightgraph/graph/guard"
)

// queryCache keeps parsed and validated documents by their text, so that
// the app's and a script's repeated operations are parsed and validated
// once. Each enters with the default page given to its connections
// (guard.DefaultPages): requests share it and never change it.
//
// It is bounded twice: 300 documents, each of at most 16 KiB of text and
// 1,000 nodes (fields, arguments and values: a value in a list literal
// takes some 200 bytes of tree for two of text, so the text alone bounds
// nothing). An operation of the app has 100 to 400; at about 200 bytes a
// node the cache holds at most some 60 MB, usually a few. A document
// past either bound is parsed for each request, as before.
type queryCache struct {
	lru  *lru.LRU[*ast.QueryDocument]
	page int
}

const (
	cachedQueries       = 300
	maxCachedQueryLen   = 16 << 10
	maxCachedQueryNodes = 1000
)

func newQueryCache(limits guard.Limits) *queryCache {
	return &queryCache{lru: lru.New[*ast.QueryDocument](cachedQueries), page: limits.DefaultPage}
}

func (c *queryCache) Get(ctx context.Context, query string) (*ast.QueryDocument, bool) {
	if len(query) > maxCachedQueryLen {
		return nil, false
	}
	return c.lru.Get(ctx, query)
}

// Add is called by gqlgen with a document it has just validated, before
// the request's extensions see it.
func (c *queryCache) Add(ctx context.Context, query string, doc *ast.QueryDocument) {
	if len(query) > maxCachedQueryLen || nodes(doc) > maxCachedQueryNodes {
		return
	}
	guard.DefaultPages(doc, c.page)
	c.lru.Add(ctx, query, doc)
}

// known reports whether query is kept: it was checked before (tooLarge)
// and passed.
func (c *queryCache) known(query string) bool {
	_, ok := c.Get(context.Background(), query)
	return ok
}

// nodes counts the selections, arguments and values of doc.
func nodes(doc *ast.QueryDocument) int {
	n := 0
	var value func(*ast.Value)
	value = func(v *ast.Value) {
		if v == nil {
			return
		}
		n++
		for _, c := range v.Children {
			value(c.Value)
		}
	}
	for _, op := range doc.Operations {
		for _, v := range op.VariableDefinitions {
			value(v.DefaultValue)
		}
	}
	guard.EachSelection(doc, func(sel ast.Selection) {
		n++
		if f, ok := sel.(*ast.Field); ok {
			for _, a := range f.Arguments {
				value(a.Value)
			}
		}
	})
	return n
}
