package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// The app's files: what Vite writes to frontend/dist. Files under assets/
// carry a hash of their content in their name, so a browser may keep them
// for good; index.html names the current ones and must be asked for anew.
const (
	appIndex  = "index.html"
	appAssets = "assets/"
)

// apiRoots are the first path segments that belong to the server. A path
// under one of them that no route serves is a 404, never the app: a
// mistyped API call must not answer 200 with a page of HTML.
var apiRoots = map[string]bool{"graphql": true, "auth": true, "healthz": true, "api": true}

// appFile is one file of the app, read once at start; its gzipped form is
// made once per process, in the background (packed).
type appFile struct {
	body         []byte
	etag         string
	contentType  string
	cacheControl string
	packed       func() []byte // the gzipped form, or nil when it is no smaller
}

// gzipCache holds the gzipped form of every file of the app, by ETag (the
// hash of the content), for the life of the process. Compressing the whole
// bundle at gzip.BestCompression takes about 0.4 s (4.6 s under the race
// detector): a start should not wait for it, and handlers over the same
// files (the test suite makes several) share the result.
var gzipCache sync.Map // etag → func() []byte

// packedOnce is the gzipped form of body, made once per process by its
// first caller: nil when gzip does not make it smaller.
func packedOnce(etag string, body []byte) func() []byte {
	f, _ := gzipCache.LoadOrStore(etag, sync.OnceValue(func() []byte {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = zw.Write(body)
		_ = zw.Close()
		if b.Len() >= len(body) {
			return nil
		}
		return b.Bytes()
	}))
	return f.(func() []byte)
}

// appHandler serves the single-page app from files: an asset by its path,
// and index.html for every other path, which the app routes itself.
func appHandler(files fs.FS) (http.Handler, error) {
	served := map[string]*appFile{}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		f := &appFile{body: body, contentType: mime.TypeByExtension(path.Ext(p))}
		if f.contentType == "" {
			f.contentType = http.DetectContentType(body)
		}
		sum := sha256.Sum256(body)
		f.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		f.cacheControl = "no-cache"
		if strings.HasPrefix(p, appAssets) {
			f.cacheControl = "public, max-age=31536000, immutable"
		}
		f.packed = func() []byte { return nil }
		if compressible(f.contentType) {
			f.packed = packedOnce(f.etag, body)
		}
		served[p] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the app's files: %w", err)
	}
	index := served[appIndex]
	if index == nil {
		return nil, fmt.Errorf("the app's files have no %s: run npm run build in frontend/", appIndex)
	}
	// compress in the background from the start, so that the first visitor
	// rarely waits for it either (a request for a file not done yet waits
	// for that file alone)
	go func() {
		for _, f := range served {
			f.packed()
		}
	}()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, rule.CodeBadInput, "the app is read with GET")
			return
		}
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		root, _, _ := strings.Cut(p, "/")
		if apiRoots[root] {
			writeError(w, http.StatusNotFound, rule.CodeNotFound, "nothing is served at "+r.URL.Path+": the API is POST /graphql")
			return
		}
		f := served[p]
		switch {
		case f != nil:
		case p != "" && (strings.HasPrefix(p, appAssets) || strings.Contains(path.Base(p), ".")):
			// a missing file, such as an asset of an older build: a page of
			// HTML in its place would only fail later, and less clearly
			writeError(w, http.StatusNotFound, rule.CodeNotFound, "no file "+r.URL.Path+": the app may have been updated; reload the page")
			return
		default:
			f = index
		}
		f.serve(w, r)
	}), nil
}

func (f *appFile) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cacheControl)
	body, etag := f.body, f.etag
	if packed := f.packed(); packed != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = packed, strings.TrimSuffix(f.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "javascript") ||
		strings.Contains(contentType, "json") || strings.Contains(contentType, "svg")
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
