package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph/server"
)

func urlQuery(q string) string { return url.QueryEscape(q) }

func newHandler(st *store.Store, origins []string) http.Handler {
	return server.New(server.Config{Client: st.Client, Ping: st.Ping, AllowedOrigins: origins})
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
