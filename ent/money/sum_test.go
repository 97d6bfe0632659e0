package money

import (
	"math"
	"math/big"
	"testing"
)

// Each amount splits into the two parts the SQL adds up, and they make it
// again: for negative amounts (a margin), zero and the extremes of int64.
func TestHighLow(t *testing.T) {
	for _, v := range []int64{0, 1, -1, Split - 1, Split, Split + 1, -Split - 1, int64(Max), -int64(Max), 999_999_999_999_999, math.MaxInt64, math.MinInt64} {
		h, l := HighLow(Amount(v))
		if got := new(big.Int).Add(new(big.Int).Mul(big.NewInt(h), big.NewInt(Split)), big.NewInt(l)); got.Cmp(big.NewInt(v)) != 0 {
			t.Errorf("%d: %d × 10^9 + %d = %s", v, h, l, got)
		}
		if l <= -Split || l >= Split {
			t.Errorf("%d: low part %d", v, l)
		}
		if s := Parts(h, l); !s.Equal(SumOf(Amount(v))) {
			t.Errorf("%d: Parts %s, SumOf %s", v, s, SumOf(Amount(v)))
		}
	}
}

// Sums past int64 are exact, rendered as the Decimal scalar, and averaged
// half away from zero to the minor unit.
func TestSum(t *testing.T) {
	big9303 := Parts(9303*1_000_000, 0) // 9,303 amounts of Max
	for _, c := range []struct {
		name string
		s    Sum
		want string
	}{
		{"zero", Sum{}, "0.00"},
		{"cents", SumOf(5), "0.05"},
		{"negative", SumOf(-5, -100), "-1.05"},
		{"past int64", big9303, "93030000000000000.00"},
		{"past int64, plus change", big9303.Plus(SumOf(1)), "93030000000000000.01"},
		{"parts of mixed signs", Parts(-3, 999_999_999), "-20000000.01"},
	} {
		if got := c.s.String(); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
		var back Sum
		if err := back.UnmarshalGQL(c.want); err != nil || !back.Equal(c.s) {
			t.Errorf("%s: read back %s, %v", c.name, back, err)
		}
	}
	if _, ok := big9303.Amount(); ok {
		t.Error("a sum past int64 claims to be an Amount")
	}
	if a, ok := SumOf(7, 8).Amount(); !ok || a != 15 {
		t.Errorf("a small sum as an Amount: %d %v", a, ok)
	}
	for _, c := range []struct {
		s    Sum
		n    int
		want Amount
	}{
		{SumOf(10), 4, 3},   // 2.5 → 3
		{SumOf(-10), 4, -3}, // -2.5 → -3
		{SumOf(9), 4, 2},    // 2.25 → 2
		{SumOf(11), 4, 3},   // 2.75 → 3
		{big9303.Plus(SumOf(Max)), 9304, Max},
		{SumOf(1), 0, 0},
	} {
		if got := c.s.Average(c.n); got != c.want {
			t.Errorf("average of %s over %d: %d, want %d", c.s, c.n, got, c.want)
		}
	}
	for _, bad := range []string{"", "1.234", "1e5", "-", "abc", "1."} {
		var s Sum
		if err := s.UnmarshalGQL(bad); err == nil {
			t.Errorf("%q read as %s", bad, s)
		}
	}
}
