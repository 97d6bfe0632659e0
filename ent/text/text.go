// Package text holds the one definition of acceptable free text, used by the
// schema's field validators and by the domain moves' own text arguments.
package text

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns a validator for a line of text of at most max characters (not
// bytes: most names here are Cyrillic). A required line must hold something
// visible: spaces and invisible format characters alone do not count.
func Line(max int, required bool) func(string) error {
	return func(s string) error {
		switch {
		case !utf8.ValidString(s):
			return errors.New("must be valid UTF-8")
		case strings.ContainsRune(s, 0):
			return errors.New("must not contain NUL characters")
		case required && Blank(s):
			return errors.New("must not be empty")
		case utf8.RuneCountInString(s) > max:
			return fmt.Errorf("must be at most %d characters", max)
		}
		return nil
	}
}

// Blank reports whether s shows nothing: only spaces and format characters
// such as zero-width spaces and direction marks.
func Blank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !invisible(r) }) < 0
}

// Clean trims the spaces and invisible format characters around s:
// "Baltic Feeder Line " and "Baltic Feeder Line\u200b" are "Baltic Feeder
// Line".
func Clean(s string) string { return strings.TrimFunc(s, invisible) }

func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
