// Package frontend holds the single-page app. Its source is TypeScript under
// src/; `npm run build` writes the bundle to dist/, which is committed and
// embedded here, so the binary serves the app with Go alone.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app: index.html and the hashed files in assets/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path: fs.Sub fails only on invalid ones
	}
	return sub
}
