package server

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/freightgraph/freightgraph/ent/auditentry"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/contact"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/feedback"
	"github.com/freightgraph/freightgraph/ent/lane"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
	"github.com/freightgraph/freightgraph/ent/tender"
	"github.com/freightgraph/freightgraph/ent/tenderstagechange"
)

// tables are the tables of the types a filter can test, by GraphQL type.
var tables = map[string]string{
	"Client": customer.Table, "Tender": tender.Table, "Lane": lane.Table, "TenderStageChange": tenderstagechange.Table,
	"Shipment": shipment.Table, "ShipmentEvent": shipmentevent.Table, "Carrier": carrier.Table, "Manager": manager.Table,
	"Feedback": feedback.Table, "Contact": contact.Table, "AuditEntry": auditentry.Table,
}

// sizesMaxAge is how old the sizes the guard weighs filters by may grow
// before they are read again, in the background of the request that finds
// them old.
const sizesMaxAge = 30 * time.Second

// tableSizes keeps the tables' sizes for the guard (graph/guard/filter.go).
type tableSizes struct {
	read func(context.Context) (map[string]int, error)
	log  *slog.Logger

	mu      sync.RWMutex
	rows    map[string]int
	at      time.Time
	reading atomic.Bool
}

// newTableSizes reads the sizes once, so that the first request is weighed
// by them; nil without a way to read them (every table then counts as the
// size the weights were measured at).
func newTableSizes(read func(context.Context) (map[string]int, error), log *slog.Logger) *tableSizes {
	if read == nil {
		return nil
	}
	t := &tableSizes{read: read, log: log}
	t.refresh()
	return t
}

func (t *tableSizes) refresh() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rows, err := t.read(ctx)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.at = time.Now() // a failure too waits its time before the next try
	if err != nil {
		t.log.Warn("reading the tables' sizes failed: filters are weighed by the sizes read before", "error", err)
		return
	}
	t.rows = rows
}

// of is the rows of the table of the GraphQL type typ, as last read, or -1
// when they are not known.
func (t *tableSizes) of(typ string) int {
	table, ok := tables[typ]
	t.mu.RLock()
	n, known, stale := t.rows[table], t.rows != nil, time.Since(t.at) > sizesMaxAge
	t.mu.RUnlock()
	if stale && t.reading.CompareAndSwap(false, true) {
		go func() {
			defer t.reading.Store(false)
			t.refresh()
		}()
	}
	if !ok || !known {
		return -1
	}
	return n
}
