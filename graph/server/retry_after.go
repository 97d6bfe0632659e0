package server

import (
	"context"
	"net/http"
	"sync/atomic"
)

// Retry-After on an answer that gave up on a transient condition of the
// database (store.Retry spent its attempts): the request was sound, nothing
// of it was written, and the same request a moment later will very likely
// go through.

type retryAfterKey struct{}

// retryLater asks, for the request under ctx, that the answer carry
// Retry-After.
func retryLater(ctx context.Context) {
	if flag, ok := ctx.Value(retryAfterKey{}).(*atomic.Bool); ok {
		flag.Store(true)
	}
}

// withRetryAfter adds Retry-After: 1 to an answer for which retryLater was
// called; the answer is written after the operation ends, so the header is
// still open then.
func withRetryAfter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		flag := new(atomic.Bool)
		next.ServeHTTP(&retryAfterWriter{ResponseWriter: w, flag: flag},
			r.WithContext(context.WithValue(r.Context(), retryAfterKey{}, flag)))
	})
}

type retryAfterWriter struct {
	http.ResponseWriter
	flag    *atomic.Bool
	written bool
}

func (w *retryAfterWriter) header() {
	if !w.written {
		w.written = true
		if w.flag.Load() {
			w.ResponseWriter.Header().Set("Retry-After", "1")
		}
	}
}

func (w *retryAfterWriter) WriteHeader(code int) {
	w.header()
	w.ResponseWriter.WriteHeader(code)
}

func (w *retryAfterWriter) Write(b []byte) (int, error) {
	w.header()
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *retryAfterWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
