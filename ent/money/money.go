// Package money holds exact amounts. An Amount is a count of minor units
// (kopecks, cents): every currency we take has two minor digits, so sums and
// comparisons in SQL stay exact integers and nothing is ever a float.
package money

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Amount is a sum of money in minor units (1/100 of the currency unit).
type Amount int64

// Max is the largest amount accepted from a caller: 10^13 units, far beyond
// any freight contract, and small enough that a value times a percentage
// stays inside int64. A sum over many amounts does not (9,224 at Max pass
// int64): totals are a Sum, added up in two parts (sum.go).
const Max Amount = 1_000_000_000_000_000

// FromUnits builds an amount from whole units and minor units.
func FromUnits(units, minor int64) Amount { return Amount(units*100 + minor) }

// String renders the amount as a plain decimal with two digits: "-1234.50".
func (a Amount) String() string {
	sign := ""
	v := int64(a)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Parse reads a decimal string such as "1234", "1234.5" or "-0.05". It
// refuses exponents, grouping, more than two fractional digits and anything
// beyond Max, each with a message that says which.
func Parse(s string) (Amount, error) {
	if s == "" {
		return 0, errors.New("amount is empty")
	}
	t := s
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || (hasDot && frac == "") || !digits(whole) || !digits(frac) {
		return 0, fmt.Errorf("%q is not a decimal amount such as 1234.50", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimal places", s)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 14 {
		return 0, fmt.Errorf("%q is too large (at most %s)", s, Max)
	}
	w := int64(0)
	if whole != "" {
		var err error
		if w, err = strconv.ParseInt(whole, 10, 64); err != nil {
			return 0, fmt.Errorf("%q is too large (at most %s)", s, Max)
		}
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	if w > (math.MaxInt64-f)/100 || Amount(w*100+f) > Max {
		return 0, fmt.Errorf("%q is too large (at most %s)", s, Max)
	}
	v := Amount(w*100 + f)
	if neg {
		v = -v
	}
	return v, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MarshalGQL writes the amount as a GraphQL string: GraphQL Int is 32-bit and
// Float is inexact, so the Decimal scalar travels as text.
func (a Amount) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(a.String())) }

// UnmarshalGQL accepts a decimal string, or a whole number for convenience.
func (a *Amount) UnmarshalGQL(v any) error {
	switch t := v.(type) {
	case string:
		p, err := Parse(t)
		if err != nil {
			return err
		}
		*a = p
		return nil
	case json.Number:
		if _, err := t.Int64(); err != nil {
			return fmt.Errorf("give the amount %s as a string, such as \"%s\": a JSON number may be inexact", t, t)
		}
		return a.UnmarshalGQL(t.String())
	case int64:
		return a.UnmarshalGQL(strconv.FormatInt(t, 10))
	case int:
		return a.UnmarshalGQL(strconv.Itoa(t))
	default:
		return fmt.Errorf("an amount must be a decimal string such as \"1234.50\", got %T", v)
	}
}
