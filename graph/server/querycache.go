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
// It is bounded twice: 500 documents, of at most 16 KiB of text each (an
// operation of the app is 0.3 to 3 KiB; a document's tree takes about ten
// times its text), so it holds at most some 80 MB and usually a few.
type queryCache struct {
	lru  *lru.LRU[*ast.QueryDocument]
	page int
}

const (
	cachedQueries     = 500
	maxCachedQueryLen = 16 << 10
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
	if len(query) > maxCachedQueryLen {
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
