package store

import (
	"database/sql/driver"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

var unicodeCase sync.Once

// registerUnicodeCase replaces SQLite's lower() and upper(), which fold only
// ASCII, with Go's Unicode case mapping: ent's case-insensitive filters
// (nameContainsFold and the like) use lower(), and most of our names are
// Cyrillic. PostgreSQL folds Unicode by itself in a UTF-8 locale (Open warns
// when the database's locale is C).
func registerUnicodeCase() {
	unicodeCase.Do(func() {
		for name, fold := range map[string]func(string) string{"lower": strings.ToLower, "upper": strings.ToUpper} {
			err := sqlite.RegisterDeterministicScalarFunction(name, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				switch v := args[0].(type) {
				case string:
					return fold(v), nil
				case []byte:
					return fold(string(v)), nil
				default:
					return v, nil
				}
			})
			if err != nil {
				panic("register sqlite " + name + ": " + err.Error())
			}
		}
	})
}
