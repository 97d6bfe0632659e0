package server

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// CodeNotRun marks a mutation of an operation that was not run because an
// earlier one in the same operation failed.
const CodeNotRun = "NOT_RUN"

// transaction runs each mutation operation in one database transaction: it
// commits only when the whole response has no error, so a failed mutation
// leaves nothing behind. It is entgql.Transactioner with one difference:
// a failure to open or commit is logged and reported by reference, never as
// driver text.
type transaction struct {
	client *ent.Client
	opts   *sql.TxOptions
	log    *slog.Logger
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
} = transaction{}

func (transaction) ExtensionName() string                   { return "FreightgraphTransaction" }
func (transaction) Validate(graphql.ExecutableSchema) error { return nil }

func isMutation(oc *graphql.OperationContext) bool {
	return oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation
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
		var failed string
		oc.ResolverMiddleware = func(ctx context.Context, next graphql.Resolver) (any, error) {
			mu.Lock()
			defer mu.Unlock()
			fc := graphql.GetFieldContext(ctx)
			root := fc != nil && fc.Object == "Mutation"
			if root && failed != "" {
				return nil, &rule.Error{Code: CodeNotRun, Message: "not run: " + failed + " failed before it, and the operation is one transaction, so nothing of it was written"}
			}
			if root {
				// the audit trail names the mutation each change came from
				ctx = rule.WithOperation(ctx, fc.Field.Name)
			}
			res, err := previous(ctx, next)
			if root && err != nil && failed == "" {
				failed = fc.Field.Alias
			}
			return res, err
		}
	}
	return nil
}

// InterceptResponse opens, commits or rolls back the transaction.
func (t transaction) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) || !isMutation(graphql.GetOperationContext(ctx)) {
		return next(ctx)
	}
	tx, err := t.client.BeginTx(ctx, t.opts)
	if err != nil {
		return failed(ctx, classify(ctx, t.log, err))
	}
	ctx = ent.NewTxContext(ctx, tx)
	ctx = ent.NewContext(ctx, tx.Client())
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
	if err := tx.Commit(); err != nil {
		// a serialization failure can surface only at commit
		return failed(ctx, classify(ctx, t.log, err))
	}
	return rsp
}

func failed(ctx context.Context, err error) *graphql.Response {
	return &graphql.Response{Errors: gqlerror.List{present(ctx, err)}}
}
