package enum

import "io"

// Currency is the ISO 4217 code an amount is in. The list is closed on
// purpose: every currency here has two minor digits, which is what
// money.Amount assumes, and a typo such as "RUR" is refused, not stored.
type Currency string

// Currencies the company invoices and pays in.
const (
	RUB Currency = "RUB"
	EUR Currency = "EUR"
	USD Currency = "USD"
	CNY Currency = "CNY"
	KZT Currency = "KZT"
	BYN Currency = "BYN"
	TRY Currency = "TRY"
	AED Currency = "AED"
	GBP Currency = "GBP"
)

var currencies = []Currency{RUB, EUR, USD, CNY, KZT, BYN, TRY, AED, GBP}

// Values lists the currencies for ent.
func (Currency) Values() []string { return strs(currencies) }

// MarshalGQL writes the code as a GraphQL enum value.
func (c Currency) MarshalGQL(w io.Writer) { write(w, c) }

// UnmarshalGQL reads a GraphQL enum value.
func (c *Currency) UnmarshalGQL(v any) (err error) {
	*c, err = parse("Currency", v, currencies)
	return err
}
