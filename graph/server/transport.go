package server

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// checked is gqlgen's transport for GET and POST, fed with the parameters
// graphQLRequests read and checked (body.go), so that the operation run is
// the one that was checked, read once. It answers as gqlgen's own GET and
// POST transports do: application/graphql-response+json or
// application/json by Accept, and the same statuses.
type checked struct{}

var _ graphql.Transport = checked{}

type paramsKey struct{}

func withParams(ctx context.Context, p *graphql.RawParams) context.Context {
	return context.WithValue(ctx, paramsKey{}, p)
}

func paramsFrom(ctx context.Context) *graphql.RawParams {
	p, _ := ctx.Value(paramsKey{}).(*graphql.RawParams)
	return p
}

// Supports takes every request graphQLRequests let through with its
// parameters.
func (checked) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && paramsFrom(r.Context()) != nil
}

// Do runs the operation.
func (checked) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	params := paramsFrom(ctx)
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}
	contentType := responseType(r)
	w.Header().Set("Content-Type", contentType)
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		// a request error: nothing ran, so the answer has no data entry
		w.WriteHeader(requestErrorStatus(contentType))
		writeErrors(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	if r.Method == http.MethodGet && rc.Operation != nil && rc.Operation.Operation != ast.Query {
		// graphQLRequests refuses a mutation's text; this is the last word
		w.WriteHeader(http.StatusMethodNotAllowed)
		writeResponse(w, &graphql.Response{Errors: gqlerror.List{{Message: "send mutations with POST: GET is for queries only",
			Extensions: map[string]any{"code": "BAD_USER_INPUT"}}}})
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

const graphQLResponse = "application/graphql-response+json"

// requestErrorStatus is the status of a request error (a document that
// does not parse or validate, variables that do not coerce, an operation
// over our limits: nothing ran) as GraphQL over HTTP asks for it: 200 in
// the application/json of older clients, which read the status of a
// transport only, and 400 in application/graphql-response+json, which
// says by the status that no part of the operation ran.
func requestErrorStatus(contentType string) int {
	if contentType == graphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// writeRequestError answers a request error found before gqlgen runs.
func writeRequestError(w http.ResponseWriter, r *http.Request, code, msg string) {
	contentType := responseType(r)
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(requestErrorStatus(contentType))
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

// responseType is the media type of the answer, by Accept, as gqlgen's
// transports choose it: application/json when asked for, or for anything,
// or when Accept is missing; application/graphql-response+json otherwise.
func responseType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return "application/json"
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json":
			return "application/json"
		case graphQLResponse:
			return graphQLResponse
		}
	}
	return graphQLResponse
}

// writeResponse writes the answer as gqlgen's transports do, but for the
// data, which gqlgen has written as JSON already: json.Marshal would check
// and copy it byte by byte again (a saved-queries page of 8 MB spent a
// twentieth of the server's time there).
func writeResponse(w http.ResponseWriter, rsp *graphql.Response) {
	if rsp == nil {
		// gqlgen's end of the stream: the operation's deadline passed
		// before it ran (deadlineWriter answers TIMEOUT for it)
		_, _ = w.Write([]byte("null"))
		return
	}
	var head, tail []byte
	var err error
	if len(rsp.Errors) > 0 {
		if head, err = json.Marshal(rsp.Errors); err != nil {
			head = []byte(`[{"message":"internal error: the answer could not be written","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]`)
		}
	}
	if len(rsp.Extensions) > 0 {
		if tail, err = json.Marshal(rsp.Extensions); err != nil {
			tail = nil
		}
	}
	data := []byte(rsp.Data)
	if len(data) == 0 {
		data = []byte("null")
	}
	// in pieces: the data, which may be megabytes, is not copied again
	head = append(append([]byte(`{`), wrap(`"errors":`, head, `,`)...), `"data":`...)
	_, _ = w.Write(head)
	_, _ = w.Write(data)
	_, _ = w.Write(append(wrap(`,"extensions":`, tail, ""), '}'))
}

// writeErrors answers a request error: the errors, and no data entry at
// all, since no part of the operation ran (GraphQL, "Response Format").
func writeErrors(w http.ResponseWriter, rsp *graphql.Response) {
	out := map[string]any{"errors": rsp.Errors}
	if len(rsp.Extensions) > 0 {
		out["extensions"] = rsp.Extensions
	}
	_ = json.NewEncoder(w).Encode(out)
}

// wrap is b between before and after, or nothing without b.
func wrap(before string, b []byte, after string) []byte {
	if b == nil {
		return nil
	}
	return append(append([]byte(before), b...), after...)
}
