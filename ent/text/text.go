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
		case strings.ContainsRune(s, utf8.RuneError):
			return ErrReplacement
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

// ErrReplacement refuses text holding U+FFFD, the mark a decoder leaves
// where the text it read was not valid Unicode (bytes that are not UTF-8,
// half of a surrogate pair): what was meant is lost, so such text is
// refused with the field named instead of stored damaged.
var ErrReplacement = errors.New("holds the character \uFFFD, which marks text that was not valid Unicode (bytes that are not UTF-8, or half of a surrogate pair): send it as UTF-8")

// Valid reports whether s is text that can be stored as it was meant:
// valid UTF-8 without U+FFFD.
func Valid(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, utf8.RuneError)
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
