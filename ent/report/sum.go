package report

import (
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent/money"
)

// wideSum selects the sum of the integer expression expr in two parts, as
// high and low (money.Split): each database adds them up in int64 without
// overflow however large the amounts, where SUM(expr) overflows past 9,224
// amounts at the largest value (SQLite stops with "integer overflow",
// PostgreSQL's numeric total does not fit the int64 it is read into).
// money.Parts(high, low) is the exact sum. Both parts are NULL over no
// values, as SUM is.
func wideSum(expr, high, low string) []string {
	return []string{
		entsql.As(fmt.Sprintf("SUM((%s) / %d)", expr, money.Split), high),
		entsql.As(fmt.Sprintf("SUM((%s) %% %d)", expr, money.Split), low),
	}
}

// partsOf is the sum of parts scanned from wideSum, or nil when they are
// NULL (no values).
func partsOf(high, low *int64) *money.Sum {
	if high == nil || low == nil {
		return nil
	}
	s := money.Parts(*high, *low)
	return &s
}
