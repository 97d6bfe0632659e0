package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph/server"
)

func newHandler(st *store.Store, origins []string) http.Handler {
	h, err := server.New(server.Config{Client: st.Client, Ping: st.Ping, Sizes: st.Sizes, AllowedOrigins: origins, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		panic(err) // no app is given, and only the app's files can fail
	}
	return h
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
