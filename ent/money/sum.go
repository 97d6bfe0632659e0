package money

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
)

// Sum is an exact total of amounts, of any size. One amount is at most Max,
// but a total over many records is not bounded by anything a caller
// cannot reach: 9,224 tenders at the largest value pass what an int64
// holds. So the figures never add amounts up in int64: the SQL adds up
// each amount's two parts, v / Split and v % Split, which no table either
// database could hold makes overflow (billions of rows at the largest
// value), and Parts puts the two totals together here.
type Sum struct{ v *big.Int }

// Split divides an amount into the parts the SQL adds up: v / Split and
// v % Split (both truncated toward zero, alike on SQLite and PostgreSQL),
// so that v == (v / Split) * Split + v % Split.
const Split = 1_000_000_000

// Parts is the sum whose parts added up to high (the sum of v / Split) and
// low (the sum of v % Split).
func Parts(high, low int64) Sum {
	z := big.NewInt(high)
	z.Mul(z, big.NewInt(Split))
	return Sum{z.Add(z, big.NewInt(low))}
}

// SumOf is the exact sum of amounts.
func SumOf(amounts ...Amount) Sum {
	z := new(big.Int)
	for _, a := range amounts {
		z.Add(z, big.NewInt(int64(a)))
	}
	return Sum{z}
}

// HighLow splits an amount as the SQL does: a == high*Split + low.
func HighLow(a Amount) (high, low int64) { return int64(a) / Split, int64(a) % Split }

func (s Sum) int() *big.Int {
	if s.v == nil {
		return new(big.Int)
	}
	return s.v
}

// Plus is s + t.
func (s Sum) Plus(t Sum) Sum { return Sum{new(big.Int).Add(s.int(), t.int())} }

// Equal reports whether s and t are the same total.
func (s Sum) Equal(t Sum) bool { return s.int().Cmp(t.int()) == 0 }

// Amount is the sum as an Amount, when it fits one.
func (s Sum) Amount() (Amount, bool) {
	if !s.int().IsInt64() {
		return 0, false
	}
	return Amount(s.int().Int64()), true
}

// Average is the sum over n values, rounded half away from zero to the
// minor unit: an average of amounts is never larger than the largest, so
// it is an Amount.
func (s Sum) Average(n int) Amount {
	if n <= 0 {
		return 0
	}
	num, den := s.int(), big.NewInt(int64(n))
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 && new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(int64(num.Sign())))
	}
	return Amount(q.Int64())
}

// String renders the sum as a plain decimal with two digits: "-1234.50".
func (s Sum) String() string {
	v := s.int()
	sign := ""
	if v.Sign() < 0 {
		sign = "-"
	}
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(v), big.NewInt(100), new(big.Int))
	return fmt.Sprintf("%s%s.%02d", sign, q.String(), r.Int64())
}

// MarshalGQL writes the sum as the Decimal scalar: a string, however large.
func (s Sum) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(s.String())) }

// UnmarshalGQL reads a decimal string of any size with at most two decimal
// places. (No input takes a sum; the scalar needs both directions.)
func (s *Sum) UnmarshalGQL(v any) error {
	t, ok := v.(string)
	if !ok {
		return errors.New("a sum must be a decimal string such as \"1234.50\"")
	}
	neg := strings.HasPrefix(t, "-")
	whole, frac, dot := strings.Cut(strings.TrimPrefix(t, "-"), ".")
	if whole == "" || dot && frac == "" || !digits(whole) || !digits(frac) || len(frac) > 2 {
		return fmt.Errorf("%q is not a decimal amount such as 1234.50", t)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	z, _ := new(big.Int).SetString(whole+frac, 10)
	if neg {
		z.Neg(z)
	}
	s.v = z
	return nil
}
