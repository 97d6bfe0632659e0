package schema

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/freightgraph/freightgraph/ent/text"
)

// line validates a required line of text of at most max characters (not
// bytes: the names here are mostly Cyrillic).
func line(max int) func(string) error { return lineOf(max, true) }

// optionalLine validates a line of text that may be left empty.
func optionalLine(max int) func(string) error { return lineOf(max, false) }

func lineOf(max int, required bool) func(string) error { return text.Line(max, required) }

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// country validates an ISO 3166-1 alpha-2 code: the app names it in the
// viewer's language, and filters match exactly.
func country(s string) error {
	if !countryCode.MatchString(s) {
		return fmt.Errorf("%q is not a two-letter ISO country code such as RU or DE", s)
	}
	return nil
}

// email validates an optional e-mail address, by its shape only.
func email(s string) error {
	if s == "" {
		return nil
	}
	if err := lineOf(254, false)(s); err != nil {
		return err
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(s, " \t\r\n<>,;") {
		return fmt.Errorf("%q is not an e-mail address", s)
	}
	return nil
}

// requiredEmail validates an e-mail address that must be given.
func requiredEmail(s string) error {
	if text.Blank(s) {
		return errors.New("must not be empty")
	}
	return email(s)
}

// between validates a whole number in [lo, hi].
func between(lo, hi int) func(int) error {
	return func(v int) error {
		if v < lo || v > hi {
			return fmt.Errorf("must be between %d and %d, not %d", lo, hi, v)
		}
		return nil
	}
}

// weight validates a cargo weight in kilograms: up to a heavy-lift train.
func weight(kg float64) error {
	if kg < 0 || kg > 10_000_000 || kg != kg {
		return fmt.Errorf("must be between 0 and 10000000 kg, not %v", kg)
	}
	return nil
}

// nonNegative validates an amount of money in minor units: prices, costs,
// values and rates are never below zero.
func nonNegative(v int64) error {
	if v < 0 {
		return errors.New("must not be negative")
	}
	return nil
}

// maxChars validates text of at most max characters, which may span lines.
func maxChars(max int) func(string) error {
	return func(s string) error {
		if !text.Valid(s) {
			if !utf8.ValidString(s) {
				return errors.New("must be valid UTF-8")
			}
			return text.ErrReplacement
		}
		if n := utf8.RuneCountInString(s); n > max {
			return fmt.Errorf("must be at most %d characters, not %d", max, n)
		}
		return nil
	}
}

// document validates a saved GraphQL document: not empty, and saved text.
func document(s string) error {
	if text.Blank(s) {
		return errors.New("must not be empty")
	}
	return savedText(s)
}

// savedText validates a saved query's text: valid Unicode, at most
// MaxSavedQueryBytes, and no control character but tab and line breaks.
func savedText(s string) error {
	if err := maxChars(MaxSavedQueryBytes)(s); err != nil {
		return err
	}
	if len(s) > MaxSavedQueryBytes {
		return fmt.Errorf("must be at most %d bytes (of UTF-8), not %d", MaxSavedQueryBytes, len(s))
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }); i >= 0 {
		return fmt.Errorf("must not hold control characters (one at byte %d)", i)
	}
	return nil
}
