// Package live tells the server's open subscriptions what was committed.
// A write names the records it changed (announce.go) and, once its
// transaction commits (and never if it rolls back), the change reaches every
// process's Hub: through PostgreSQL's LISTEN/NOTIFY, which delivers a
// transaction's notifications at its commit and drops them at its rollback,
// or in this process alone on SQLite, where the process is the unit. A
// change carries IDs only: each subscriber reads the record itself, as its
// viewer, so the access rules hold as they do for any read.
package live

import "time"

// Kind is what a subscription follows: the record a change belongs to.
type Kind string

const (
	Tender   Kind = "Tender"
	Shipment Kind = "Shipment"
	Client   Kind = "Client"
	// Access is a change to who may act as whom (a manager's role or
	// state, a token revoked, sessions ended): open streams look again
	// at their own credentials.
	Access Kind = "Access"
)

// Action is what happened to the record, as the audit trail says it.
type Action string

const (
	Create Action = "CREATE"
	Update Action = "UPDATE"
	Delete Action = "DELETE"
)

// Change is one committed change to one record a subscription follows. A
// transaction's changes to one record (a tender moved: the tender and its
// stage change) are one Change.
type Change struct {
	Kind Kind `json:"k"`
	ID   int  `json:"id,omitempty"`
	// Action is the strongest of the record's changes in the transaction:
	// DELETE over CREATE over UPDATE.
	Action Action `json:"a"`
	// Operation is the mutation (or command) the change came from.
	Operation string `json:"op,omitempty"`
	// By is the manager who made it; 0 for the server's own work.
	By int `json:"by,omitempty"`
	// At is when it was written, in Unix microseconds (before the commit).
	At int64 `json:"at"`
}

// Time is when the change was written.
func (c Change) Time() time.Time { return time.UnixMicro(c.At).UTC() }

func strength(a Action) int {
	switch a {
	case Delete:
		return 2
	case Create:
		return 1
	}
	return 0
}

// merge folds b, a later change of the same record, into a.
func merge(a, b Change) Change {
	if strength(b.Action) > strength(a.Action) {
		a.Action = b.Action
	}
	if a.Operation == "" {
		a.Operation = b.Operation
	}
	return a
}
