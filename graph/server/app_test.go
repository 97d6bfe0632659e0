package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/freightgraph/freightgraph/graph/server"
)

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	// the raw answer: Go's client would otherwise ask for gzip and unpack it
	req.Header.Set("Accept-Encoding", header.Get("Accept-Encoding"))
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// The app is served from the binary: its hashed files for good, index.html
// afresh each time, and every path of the app's own routes as index.html;
// the API's paths never are.
func TestAppServing(t *testing.T) {
	e := newEnvWith(t, "sqlite", withApp)
	res, index := get(t, e.url+"/", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
		res.Header.Get("Cache-Control") != "no-cache" || !bytes.Contains(index, []byte(`<div id="root">`)) {
		t.Fatalf("GET /: %d %v\n%s", res.StatusCode, res.Header, index)
	}
	if res.Header.Get("Content-Security-Policy") != server.ContentSecurityPolicy || res.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("the app lacks the security headers: %v", res.Header)
	}
	for _, path := range []string{"/index.html", "/pipeline", "/pipeline?mine=1&due=14", "/tenders/123", "/clients/new", "/sign-in?next=%2Fpipeline", "/no/such/page"} {
		res, body := get(t, e.url+path, nil)
		if res.StatusCode != http.StatusOK || !bytes.Equal(body, index) || res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: %d %q, want index.html", path, res.StatusCode, res.Header.Get("Cache-Control"))
		}
	}

	scripts := regexp.MustCompile(`/assets/[^"]+\.(js|css)`).FindAllString(string(index), -1)
	if len(scripts) < 2 {
		t.Fatalf("index.html names no script and style: %s", index)
	}
	for _, asset := range scripts {
		res, plain := get(t, e.url+asset, nil)
		if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || len(plain) == 0 {
			t.Fatalf("GET %s: %d %v (%d bytes)", asset, res.StatusCode, res.Header, len(plain))
		}
		if len(plain) < 1000 {
			continue // a tiny file (the bundler's runtime) is not worth gzipping, and is not
		}
		if want := map[bool]string{true: "text/javascript", false: "text/css"}[strings.HasSuffix(asset, ".js")]; !strings.HasPrefix(res.Header.Get("Content-Type"), want) {
			t.Errorf("%s: Content-Type %q", asset, res.Header.Get("Content-Type"))
		}
		res, packed := get(t, e.url+asset, http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
		zr, err := gzip.NewReader(bytes.NewReader(packed))
		if err != nil || res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
			t.Fatalf("%s gzipped: %v %v", asset, err, res.Header)
		}
		unpacked, _ := io.ReadAll(zr)
		if !bytes.Equal(unpacked, plain) || len(packed) >= len(plain) {
			t.Errorf("%s: gzip gives %d bytes of %d, unpacking to the same: %v", asset, len(packed), len(plain), bytes.Equal(unpacked, plain))
		}
		res, _ = get(t, e.url+asset, http.Header{"If-None-Match": {res.Header.Get("ETag")}, "Accept-Encoding": {"gzip"}})
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d, want 304", asset, res.StatusCode)
		}
	}

	// missing files and the API's own paths are never the app
	for _, path := range []string{"/assets/index-gone.js", "/favicon.ico", "/robots.txt", "/graphql/x", "/healthz/x", "/api/v1/tenders"} {
		res, body := get(t, e.url+path, nil)
		var out struct {
			Errors []gqlError `json:"errors"`
		}
		if res.StatusCode != http.StatusNotFound || json.Unmarshal(body, &out) != nil || len(out.Errors) != 1 || out.Errors[0].code() != "NOT_FOUND" {
			t.Errorf("GET %s: %d %s, want a NOT_FOUND error", path, res.StatusCode, body)
		}
	}
	res, body := get(t, e.url+"/graphql?query=%7Bviewer%7Bid%7D%7D", nil)
	if res.StatusCode != http.StatusUnauthorized || bytes.Contains(body, []byte("<html")) {
		t.Errorf("GET /graphql: %d %s", res.StatusCode, body)
	}
	r := e.raw(http.MethodPost, "/pipeline", "application/json", "{}", nil)
	if r.Status != http.StatusMethodNotAllowed {
		t.Errorf("POST /pipeline: %d", r.Status)
	}
}

func TestAppWithoutIndex(t *testing.T) {
	_, err := server.New(server.Config{App: fstest.MapFS{"assets/a.js": {Data: []byte("x")}}})
	if err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Fatalf("an app without index.html: %v", err)
	}
}
