package money

import "testing"

func TestParseAndString(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Amount
		out  string
	}{
		{"0", 0, "0.00"},
		{"1234", 123400, "1234.00"},
		{"1234.5", 123450, "1234.50"},
		{"-0.05", -5, "-0.05"},
		{"+7.10", 710, "7.10"},
		{"0001.01", 101, "1.01"},
		{"10000000000000", Max, "10000000000000.00"},
	} {
		got, err := Parse(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			continue
		}
		if s := got.String(); s != tc.out {
			t.Errorf("String(%d) = %q, want %q", got, s, tc.out)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{"", "-", "1.", ".5", "1.234", "1e5", "1,5", "1 000", "abc", "12a", "10000000000000.01", "99999999999999999999999"} {
		if v, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %d, want an error", in, v)
		}
	}
}
