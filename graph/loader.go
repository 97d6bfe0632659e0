package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// loaders batch the per-record figures a list asks for (a carrier's record
// on every row of the carrier picker, a client's satisfaction on every row of
// a list, what each manager holds) into one grouped query per batch, instead of one per row. They
// live for one operation, so each reads as its viewer and sees its writes.
type loaders struct {
	carrierRecords *dataloadgen.Loader[int, *report.CarrierRecord]
	satisfactions  *dataloadgen.Loader[int, *report.Satisfaction]
	regular        *dataloadgen.Loader[int, bool]
	healths        *dataloadgen.Loader[int, *rule.Health]
	work           *dataloadgen.Loader[rule.Holder, *rule.Work]
}

type loadersKey struct{}

// WithLoaders gives each operation its own loaders, reading through the
// operation's database client (a mutation's transaction included).
func (r *Resolver) WithLoaders(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	db := func(ctx context.Context) *ent.Client { return r.db(ctx) }
	l := &loaders{
		carrierRecords: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*report.CarrierRecord, error) {
			return report.CarrierRecords(ctx, db(ctx), ids, calendar.Now().UTC())
		}, dataloadgen.WithWait(loaderWait)),
		satisfactions: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*report.Satisfaction, error) {
			return report.Satisfactions(ctx, db(ctx), ids, calendar.Now().UTC())
		}, dataloadgen.WithWait(loaderWait)),
		regular: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]bool, error) {
			return report.Regular(ctx, db(ctx), r.settings, ids, calendar.MonthOf(calendar.Now().UTC()))
		}, dataloadgen.WithWait(loaderWait)),
		work: dataloadgen.NewMappedLoader(func(ctx context.Context, managers []rule.Holder) (map[rule.Holder]*rule.Work, error) {
			return rule.WorkHeldBy(ctx, db(ctx), managers)
		}, dataloadgen.WithWait(loaderWait)),
	}
	// a client's health reads its satisfaction through the satisfactions
	// loader, so a list that asks for both reads it once
	l.healths = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*rule.Health, error) {
		sat, err := l.satisfactions.LoadAll(ctx, ids)
		if err != nil {
			return nil, err
		}
		return rule.Healths(ctx, db(ctx), ids, sat, calendar.Now().UTC())
	}, dataloadgen.WithWait(loaderWait))
	return next(context.WithValue(ctx, loadersKey{}, l))
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

// Figures read "now" in UTC: SQLite compares stored times, kept in UTC, as
// text, so an argument in another zone would shift every window.

// loaderWait is how long a loader gathers keys before it asks: long enough
// for every row of a page of 1000 to ask on a busy machine.
const loaderWait = 5 * time.Millisecond

// clearLoaders forgets what the operation's loaders hold, so that what
// they read next is read afresh: a subscription's operation lasts as long
// as it is open, and each change it delivers is read anew.
func clearLoaders(ctx context.Context) {
	if l := loadersFrom(ctx); l != nil {
		l.carrierRecords.ClearAll()
		l.satisfactions.ClearAll()
		l.regular.ClearAll()
		l.healths.ClearAll()
		l.work.ClearAll()
	}
}
