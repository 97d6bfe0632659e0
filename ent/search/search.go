// Package search finds clients, tenders, shipments and carriers by what a
// person types, through the search key each keeps (text.SearchKey): the
// header's search, and the `matches` filter of every WhereInput, so that
// the API, the explorer and the app find the same. Reads go through ent,
// so the viewer's row rules hold.
package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
	"github.com/freightgraph/freightgraph/ent/text"
)

// What one search may hold: a name is a few words, and each word costs a
// pattern on every row read.
const (
	MaxText  = 200
	MaxWords = 8
)

// Check refuses text no name is searched by: longer than MaxText
// characters or more than MaxWords words.
func Check(field, typed string) error {
	if n := utf8.RuneCountInString(typed); n > MaxText {
		return rule.Invalid(field, "search by at most %d characters, not %d", MaxText, n).Because(rule.ReasonSearchTooLong, "max", MaxText)
	}
	if n := len(text.SearchWords(typed)); n > MaxWords {
		return rule.Invalid(field, "search by at most %d words, not %d", MaxWords, n).Because(rule.ReasonSearchTooManyWords, "max", MaxWords)
	}
	return nil
}

// Matches is the filter of names holding every word typed (in any order,
// each anywhere in the key); nothing typed matches everything.
func Matches(typed string) func(*entsql.Selector) {
	words := slices.Compact(slices.Sorted(slices.Values(text.SearchWords(typed))))
	return func(s *entsql.Selector) {
		if len(words) == 0 {
			return
		}
		// one predicate: inside an `or`, ent collects each Where as an
		// alternative of its own, and the words must all hold
		ps := make([]*entsql.Predicate, len(words))
		for i, w := range words {
			ps[i] = entsql.Contains(s.C("search_key"), w)
		}
		s.Where(entsql.And(ps...))
	}
}

// Starts is the filter of keys that start with what was typed: a
// shipment's reference, typed from its beginning, read from the key's
// index (LIKE 'x%' on PostgreSQL, whose index takes patterns, GLOB 'x*' on
// SQLite, whose LIKE ignores case and so its index).
func Starts(typed string) func(*entsql.Selector) {
	key := text.SearchKey(typed)
	return func(s *entsql.Selector) {
		if key == "" {
			return
		}
		if s.Dialect() == "postgres" {
			s.Where(entsql.HasPrefix(s.C("search_key"), key))
			return
		}
		// a key holds letters, digits and spaces only: nothing GLOB reads
		s.Where(entsql.P(func(b *entsql.Builder) { b.Ident(s.C("search_key")).WriteString(" GLOB ").Arg(key + "*") }))
	}
}

// rank orders the best matches first: the name as typed (or ending in it,
// after a legal form: «ООО «КераМир»» for "КераМир"), then a name that
// starts with it, then one with a word that does, then the rest. The key
// is written into the statement as a literal (ent leaves the arguments of
// an ORDER BY expression out of the statement's): a key holds letters,
// digits and spaces only, never a quote, a % or a _.
func rank(typed string) func(*entsql.Selector) {
	key := text.SearchKey(typed)
	// never anything to drop: a key holds letters, digits and spaces only
	key = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`'\%_`, r) {
			return -1
		}
		return r
	}, key)
	return func(s *entsql.Selector) {
		c := s.C("search_key")
		s.OrderExpr(entsql.Expr(fmt.Sprintf("CASE WHEN %[1]s = '%[2]s' OR %[1]s LIKE '%% %[2]s' THEN 0 WHEN %[1]s LIKE '%[2]s%%' THEN 1 WHEN %[1]s LIKE '%% %[2]s%%' THEN 2 ELSE 3 END", c, key)))
	}
}

// Results are the best matches of each kind, with how many there are.
type Results struct {
	Clients                                               []*ent.Customer
	Tenders                                               []*ent.Tender
	Shipments                                             []*ent.Shipment
	Carriers                                              []*ent.Carrier
	ClientCount, TenderCount, ShipmentCount, CarrierCount int
	// Best is the best match of all: an exact name first, then one that
	// starts with what was typed; clients first, then tenders, shipments
	// and carriers among equals.
	Best ent.Noder
}

// Find runs one search: first of each kind, best first.
func Find(ctx context.Context, c *ent.Client, typed string, first int) (*Results, error) {
	r := &Results{}
	if err := Check("text", typed); err != nil {
		return nil, err
	}
	if len(text.SearchWords(typed)) == 0 {
		return r, nil
	}
	var err error
	cq := c.Customer.Query().Where(predicate.Customer(Matches(typed)))
	if r.ClientCount, err = cq.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if r.Clients, err = cq.Order(rank(typed), ent.Asc(customer.FieldName)).Limit(first).All(ctx); err != nil {
		return nil, err
	}
	tq := c.Tender.Query().Where(predicate.Tender(Matches(typed)))
	if r.TenderCount, err = tq.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if r.Tenders, err = tq.Order(rank(typed), ent.Asc(tender.FieldReference)).Limit(first).All(ctx); err != nil {
		return nil, err
	}
	sq := c.Shipment.Query().Where(predicate.Shipment(Starts(typed)))
	if r.ShipmentCount, err = sq.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if r.Shipments, err = sq.Order(ent.Asc(shipment.FieldSearchKey)).Limit(first).All(ctx); err != nil {
		return nil, err
	}
	kq := c.Carrier.Query().Where(predicate.Carrier(Matches(typed)))
	if r.CarrierCount, err = kq.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if r.Carriers, err = kq.Order(rank(typed), ent.Asc(carrier.FieldName)).Limit(first).All(ctx); err != nil {
		return nil, err
	}
	r.Best = r.best(text.SearchKey(typed))
	return r, nil
}

// best is the first of the best-ranked matches, kinds in the order above.
func (r *Results) best(key string) ent.Noder {
	type hit struct {
		node ent.Noder
		key  string
	}
	var hits []hit
	if len(r.Clients) > 0 {
		hits = append(hits, hit{r.Clients[0], r.Clients[0].SearchKey})
	}
	if len(r.Tenders) > 0 {
		hits = append(hits, hit{r.Tenders[0], r.Tenders[0].SearchKey})
	}
	if len(r.Shipments) > 0 {
		hits = append(hits, hit{r.Shipments[0], r.Shipments[0].SearchKey})
	}
	if len(r.Carriers) > 0 {
		hits = append(hits, hit{r.Carriers[0], r.Carriers[0].SearchKey})
	}
	var best ent.Noder
	bestRank := 4
	for _, h := range hits {
		if rk := rankOf(h.key, key); rk < bestRank {
			best, bestRank = h.node, rk
		}
	}
	return best
}

// rankOf is rank's order for one key.
func rankOf(k, typed string) int {
	switch {
	case k == typed || strings.HasSuffix(k, " "+typed):
		return 0
	case strings.HasPrefix(k, typed):
		return 1
	case strings.Contains(k, " "+typed):
		return 2
	}
	return 3
}
