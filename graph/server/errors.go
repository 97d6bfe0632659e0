package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/clientmonth"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
	"github.com/freightgraph/freightgraph/ent/store"
)

// CodeInternal marks a failure that is ours, not the caller's. Its message
// carries only a reference to the log line that holds the detail.
const CodeInternal = "INTERNAL_SERVER_ERROR"

// errBusy is the answer to a mutation operation that met a transient
// condition of the database at every attempt the server made
// (store.Retry): retryable, and nothing of it was written.
var errBusy = &rule.Error{Code: rule.CodeConflict, Retryable: true,
	Message: "the database was busy with other changes to the same records, and the server's own attempts did not get through: nothing was written; try again in a moment"}

// CodeCommitUnknown marks a change whose commit was cut off: it may or may
// not have been written. It is not retried, by the server or blindly by
// the caller: reload first.
const CodeCommitUnknown = "COMMIT_UNKNOWN"

// errTimeout is the answer to a request whose deadline passed, wherever it
// passed: finding the viewer, before the operation ran, or in its SQL.
var errTimeout = &rule.Error{Code: "TIMEOUT", Message: "the request took too long and was cancelled"}

// internalError is an error whose detail stays in the log.
type internalError struct{ ref string }

func (e internalError) Error() string {
	return "internal error: the server could not complete the request (reference " + e.ref + ")"
}

// internal logs err under the request's correlation id (X-Request-ID) and
// returns what the caller sees: that id, and nothing of the error.
func internal(ctx context.Context, log *slog.Logger, what string, err any, attrs ...any) error {
	ref := rule.RequestID(ctx)
	if ref == "" {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		ref = hex.EncodeToString(b)
	}
	args := append([]any{"ref", ref, "error", fmt.Sprint(err)}, attrs...)
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		args = append(args, "path", fc.Path().String())
	}
	log.ErrorContext(ctx, what, args...)
	return internalError{ref: ref}
}

// classify turns an error into one a caller can act on (a rule.Error) or an
// internal one, so that no SQL or driver text leaves; a gqlerror.Error made
// by gqlgen or entgql about the request itself is kept.
func classify(ctx context.Context, log *slog.Logger, err error) error {
	var gqlErr *gqlerror.Error
	var valErr *ent.ValidationError
	var ie internalError
	switch {
	case errors.As(err, &ie):
		return ie
	case errors.As(err, new(*rule.Error)):
		return err
	case errors.As(err, &valErr):
		msg := valErr.Error()
		if inner := errors.Unwrap(valErr); inner != nil {
			if cause := errors.Unwrap(inner); cause != nil {
				msg = cause.Error()
			}
		}
		return rule.Invalid(rule.InputField(valErr.Name), "%s", msg)
	case ent.IsNotFound(err):
		return &rule.Error{Code: rule.CodeNotFound, Message: "the record was not found"}
	case store.Transient(err):
		// the operation is run again (transaction.go); this is the answer
		// once the attempts are spent
		noteTransient(ctx, err)
		log.WarnContext(ctx, "transient database condition", "error", err.Error())
		return errBusy
	case errors.Is(err, store.ErrCommitUnknown):
		internal(ctx, log, "commit outcome unknown", err)
		return &rule.Error{Code: CodeCommitUnknown, Message: store.ErrCommitUnknown.Error()}
	case ent.IsConstraintError(err):
		if e := constraint(err); e != nil {
			return e
		}
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || pastDeadline(ctx) || store.Cancelled(err) || isNetTimeout(err):
		// whatever the driver says once the deadline passed ("canceling
		// statement due to user request", "interrupted", a connection's
		// dial that timed out at the deadline a moment before the context
		// said so), it is the deadline
		return errTimeout
	case isUnstorableText(err):
		// the guard refuses a NUL and text that is not UTF-8 before any
		// statement runs; should one reach PostgreSQL anyway, it is the
		// input's fault, not ours
		return rule.Invalid("", "the input holds text the database cannot store: a NUL character, or bytes that are not UTF-8")
	case isEmptyFilter(err):
		return rule.Invalid("where", "a filter in where (or inside and, or, not) is empty: give each at least one condition")
	case errors.As(err, &gqlErr) && gqlErr.Err == nil:
		// raised by gqlgen, gqlparser or entgql about the request itself
		// (first and last together, a bad cursor)
		return err
	}
	return internal(ctx, log, "request failed", err)
}

// isUnstorableText recognises PostgreSQL's refusal of a NUL or of bytes
// that are not UTF-8 (22021, 22P05).
func isUnstorableText(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && (pqErr.Code == "22021" || pqErr.Code == "22P05")
}

// pastDeadline reports whether ctx is done or its deadline has come.
func pastDeadline(ctx context.Context) bool {
	if ctx.Err() != nil {
		return true
	}
	d, ok := ctx.Deadline()
	return ok && !time.Now().Before(d)
}

// isNetTimeout recognises a network wait that ran out: lib/pq dials a new
// connection with the request's deadline.
func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// isEmptyFilter recognises entgql's refusal of an empty where input inside
// and, or or not (ent.ErrEmpty<Type>WhereInput, one variable per type).
func isEmptyFilter(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.HasPrefix(e.Error(), "ent: empty predicate ") {
			return true
		}
	}
	return false
}

// sqliteUnique reads the column out of SQLite's "UNIQUE constraint failed: t.c".
var sqliteUnique = regexp.MustCompile(`UNIQUE constraint failed: (\w+)\.(\w+)`)

// constraint explains a violated database constraint in the caller's terms.
func constraint(err error) *rule.Error {
	var table, column string
	var pqErr *pq.Error
	unique := false
	switch {
	case errors.As(err, &pqErr):
		unique = pqErr.Code == "23505"
		table = pqErr.Table
		column = strings.TrimSuffix(strings.TrimPrefix(pqErr.Constraint, table+"_"), "_key")
	default:
		msg := err.Error()
		if m := sqliteUnique.FindStringSubmatch(msg); m != nil {
			unique, table, column = true, m[1], m[2]
		}
	}
	if unique && (table == shipmenttotal.Table || table == clientmonth.Table) {
		// two first shipments of one rollup row at once: the writers raced
		return rule.Conflict("another change to the same records happened at the same moment: nothing was written; reload and try again").Because(rule.ReasonRaced)
	}
	if unique {
		field := rule.InputField(column)
		// the field goes in extensions.field too, so a form can show it there
		return (&rule.Error{Code: rule.CodeConflict, Field: field,
			Message: fmt.Sprintf("another %s already has this %s", noun(table), strings.ReplaceAll(column, "_", " "))}).
			Because(rule.ReasonTaken, "record", noun(table), "field", field)
	}
	return rule.Invalid("", "the input refers to a record that does not exist")
}

// noun names a table's records the way the API does.
func noun(table string) string {
	if table == "customers" {
		return "client"
	}
	return strings.ReplaceAll(strings.TrimSuffix(table, "s"), "_", " ")
}

// presenter gives every error its stable extensions.code, classifying it
// first (classify) unless it is gqlgen's report on the request itself: an
// error gqlgen or entgql made (a gqlerror.Error wrapping nothing), or an
// argument gqlgen could not read (argumentError).
//
// Why here and not in a field middleware, where resolver errors are still
// bare: a middleware wraps every field of every object, errors or not, and
// cost a fifth of the allocations of a nested read.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		switch {
		case !errors.As(err, &gqlErr):
			err = classify(ctx, log, err)
		case gqlErr.Err != nil && !argumentError(ctx):
			classified := classify(ctx, log, gqlErr.Err)
			if _, bare := classified.(*gqlerror.Error); !bare {
				err = &gqlerror.Error{Err: classified, Message: classified.Error(), Path: gqlErr.Path, Locations: gqlErr.Locations}
			}
		}
		return present(ctx, err)
	}
}

// argumentError reports whether the error being presented is about the
// arguments of the field at ctx: gqlgen reads them before the resolver
// runs and, when it cannot, leaves the field's Args unset. A field without
// arguments has no such error.
func argumentError(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Args == nil && fc.Field.Field != nil && fc.Field.Definition != nil &&
		len(fc.Field.Definition.Arguments) > 0
}

// present renders a classified error.
func present(ctx context.Context, err error) *gqlerror.Error {
	out := graphql.DefaultErrorPresenter(ctx, err)
	if out.Extensions == nil {
		out.Extensions = map[string]any{}
	}
	var re *rule.Error
	var ie internalError
	switch {
	case errors.As(err, &ie):
		out.Message = ie.Error()
		out.Extensions["code"] = CodeInternal
		out.Extensions["reference"] = ie.ref
	case errors.As(err, &re):
		out.Message = re.Error()
		out.Extensions["code"] = string(re.Code)
		if re.Retryable {
			out.Extensions["retryable"] = true
		}
		if re.Field != "" {
			out.Extensions["field"] = re.Field
		}
		if re.Reason != "" {
			out.Extensions["reason"] = string(re.Reason)
			if len(re.Params) > 0 {
				out.Extensions["params"] = re.Params
			}
		}
	case out.Extensions["code"] == nil:
		// what gqlgen reports without a code is about the request: an
		// argument it could not read, a body that is not JSON
		out.Extensions["code"] = rule.CodeBadInput
	}
	if len(out.Path) > 1 && out.Path[0] == ast.PathName("variable") {
		// gqlparser says "unknown field" and leaves where to the path
		out.Message = "variable " + out.Path[1:].String() + ": " + out.Message
	}
	out.Message = plainer(out.Message)
	return out
}

// recoverResolver turns a panic in a resolver into an internal error; the
// server goes on serving.
func recoverResolver(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		return internal(ctx, log, "resolver panicked", p, "stack", string(debug.Stack()))
	}
}

// recoverHTTP is the last line: a panic outside the resolvers still gets an
// answer and a log line, never a dropped connection.
func recoverHTTP(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				err := internal(r.Context(), log, "handler panicked", p, "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// writeError answers outside GraphQL execution in the GraphQL error shape.
func writeError[C ~string](w http.ResponseWriter, status int, code C, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

// writeRefusal answers a refusal outside GraphQL execution, naming the
// field at fault as GraphQL errors do.
func writeRefusal(w http.ResponseWriter, status int, e *rule.Error) {
	ext := map[string]any{"code": e.Code}
	if e.Field != "" {
		ext["field"] = e.Field
	}
	if e.Reason != "" {
		ext["reason"] = e.Reason
		if len(e.Params) > 0 {
			ext["params"] = e.Params
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": e.Message, "extensions": ext}}})
}

func byteSize(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// plainer rewords what libraries say about a bad request in the caller's
// terms, without their internals.
func plainer(msg string) string {
	switch {
	case strings.HasPrefix(msg, "json request body could not be decoded"):
		return "the request body is not valid JSON"
	case msg == "operation  not found":
		return "the document holds more than one operation: name the one to run in operationName"
	case strings.Contains(msg, "msgpack") || strings.Contains(msg, "illegal base64") || strings.Contains(msg, "cannot decode cursor"):
		return "not a cursor this API gave out: use the cursor of an edge or of pageInfo"
	}
	return msg
}
