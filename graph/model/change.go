package model

import (
	"time"

	"github.com/freightgraph/freightgraph/ent/enum"
)

// Change is a committed change to one record, as a subscription delivers it
// (TenderChange, ShipmentChange, ClientChange); the record and the manager
// are read by their resolvers as the subscriber.
type Change struct {
	ID        int
	Action    enum.AuditAction
	Operation string
	ByID      int
	At        time.Time
	Matches   bool
}
