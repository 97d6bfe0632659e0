package server

import (
	"context"
	"log/slog"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/store"
)

// CodeNotRun marks a mutation of an operation that was not run because an
// earlier one in the same operation failed.
const CodeNotRun = "NOT_RUN"

// transaction runs each mutation operation in one database transaction: it
// commits only when the whole response has no error, so a failed mutation
// leaves nothing behind. It is entgql.Transactioner with two differences: a
// failure to open or commit is logged and reported by reference, never as
// driver text; and an operation that met a transient condition of the
// database (a serialization failure, a deadlock, a busy SQLite, a
// connection lost before commit: store.Transient) is run again from its
// start in a new transaction, by store.Retry, the one retry the API and the
// commands share. Running it again is safe: a mutation's resolvers write
// only through its transaction, which was rolled back whole, and nothing
// leaves the server before the commit (the answer is written after it).
// Each attempt gets its own loaders (they are installed inside this), so
// nothing read by a failed attempt is served by the next.
type transaction struct {
	writes *store.Writes
	log    *slog.Logger
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = transaction{}

func (transaction) ExtensionName() string                   { return "FreightgraphTransaction" }
func (transaction) Validate(graphql.ExecutableSchema) error { return nil }

func isMutation(oc *graphql.OperationContext) bool {
	return oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation
}

// attempt is one run of a mutation operation.
type attempt struct {
	mu sync.Mutex
	// failed is the alias of the first of its mutations that failed
	failed string
	// transient is the transient condition it met, if it met one
	transient error
	// ctx is the context the operation's interceptors built for it
	// (keepContext), which its resolvers run under
	ctx context.Context
}

type attemptKey struct{}

func attemptOf(ctx context.Context) *attempt {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	return a
}

// noteTransient records that the attempt under ctx met a transient
// condition (classify calls it), so that the operation is run again.
func noteTransient(ctx context.Context, err error) {
	if a := attemptOf(ctx); a != nil {
		a.mu.Lock()
		if a.transient == nil {
			a.transient = err
		}
		a.mu.Unlock()
	}
}

// MutateOperationContext runs a mutation's resolvers one at a time: they
// share one transaction, which is not safe for concurrent use. Once one of
// the operation's mutations has failed the transaction will be rolled back,
// so the mutations after it are not run at all (PostgreSQL would refuse them
// anyway, SQLite would do work only to undo it).
func (transaction) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if isMutation(oc) {
		previous := oc.ResolverMiddleware
		var mu sync.Mutex
		oc.ResolverMiddleware = func(ctx context.Context, next graphql.Resolver) (any, error) {
			mu.Lock()
			defer mu.Unlock()
			fc := graphql.GetFieldContext(ctx)
			root := fc != nil && fc.Object == "Mutation"
			a := attemptOf(ctx)
			if root && a != nil && a.failed != "" {
				return nil, &rule.Error{Code: CodeNotRun, Message: "not run: " + a.failed + " failed before it, and the operation is one transaction, so nothing of it was written"}
			}
			if root {
				// the audit trail names the mutation each change came from
				ctx = rule.WithOperation(ctx, fc.Field.Name)
			}
			res, err := previous(ctx, next)
			if root && err != nil && a != nil && a.failed == "" {
				a.failed = fc.Field.Alias
			}
			return res, err
		}
	}
	return nil
}

// InterceptOperation runs a mutation operation until it succeeds, fails for
// a reason of its own, or has met transient conditions as often as
// store.DefaultRetry allows; then it answers with what the last attempt
// said. An answer that needed more than one attempt says how many in
// extensions.attempts; one that gave up asks the caller, by HTTP
// Retry-After, to try again in a moment.
func (t transaction) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if !isMutation(graphql.GetOperationContext(ctx)) {
		return next(ctx)
	}
	return func(ctx context.Context) *graphql.Response {
		var rsp *graphql.Response
		var last *attempt
		n, _ := store.Retry(ctx, store.DefaultRetry, func(ctx context.Context) error {
			last = &attempt{}
			octx := context.WithValue(ctx, attemptKey{}, last)
			run := next(octx)
			if last.ctx != nil {
				octx = last.ctx
			}
			rsp = run(octx)
			return last.transient
		})
		if rsp == nil {
			return nil
		}
		if n > 1 {
			if rsp.Extensions == nil {
				rsp.Extensions = map[string]any{}
			}
			rsp.Extensions["attempts"] = n
		}
		if last.transient != nil {
			retryLater(ctx)
		}
		return rsp
	}
}

// keepContext is the innermost operation interceptor: it keeps the context
// the others built (the loaders among them) for InterceptOperation, which
// runs the response under it. Without a retry around it, gqlgen hands that
// context to the response itself.
func keepContext(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if a := attemptOf(ctx); a != nil {
		a.ctx = ctx
	}
	return next(ctx)
}

// InterceptResponse opens, commits or rolls back the transaction.
func (t transaction) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) || !isMutation(graphql.GetOperationContext(ctx)) {
		return next(ctx)
	}
	ctx, tx, err := t.writes.Begin(ctx)
	if err != nil {
		return failed(ctx, classify(ctx, t.log, err))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	rsp := next(ctx)
	if len(rsp.Errors) > 0 {
		_ = tx.Rollback()
		return &graphql.Response{Errors: rsp.Errors, Extensions: rsp.Extensions}
	}
	if err := store.Commit(tx); err != nil {
		return failed(ctx, classify(ctx, t.log, err))
	}
	return rsp
}

func failed(ctx context.Context, err error) *graphql.Response {
	return &graphql.Response{Errors: gqlerror.List{present(ctx, err)}}
}
