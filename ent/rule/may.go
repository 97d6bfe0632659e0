package rule

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
)

// What the viewer may do, asked by the app before it offers an action, so
// that the app copies none of the rules above: each answer comes from the
// same checks the write itself passes through (access.go, matrix.go), and
// the write is checked again when it is made.

// ViewerCan is what the viewer may start anywhere in the app.
type ViewerCan struct {
	CreateClient    bool // account managers bring clients in (clientAccess)
	CreateTender    bool // for a client of theirs (tenderAccess)
	CreateShipment  bool // for a client of theirs (shipmentAccess)
	KeepCarriers    bool // add and change carriers (carrierAccess)
	ManageManagers  bool // add, change, deactivate managers, set their passwords (managerAccess)
	ReassignClients bool // change a client's pair (ReassignClients)
	ReadAuditTrail  bool // the whole trail, not only one's own clients' (auditReaders)
}

// Can answers ViewerCan for v; nobody signed in may do nothing.
func Can(v *Viewer) ViewerCan {
	if v == nil {
		return ViewerCan{}
	}
	admin := v.Is(enum.RoleAdmin)
	return ViewerCan{
		CreateClient:    v.Is(enum.RoleAdmin, enum.RoleAccountManager),
		CreateTender:    v.Is(enum.RoleAdmin, enum.RoleAccountManager),
		CreateShipment:  v.Is(enum.RoleAdmin, enum.RoleOperationsManager),
		KeepCarriers:    v.Is(enum.RoleAdmin, enum.RoleOperationsManager),
		ManageManagers:  admin,
		ReassignClients: admin,
		ReadAuditTrail:  v.Is(enum.RoleAdmin, enum.RoleAnalyst),
	}
}

// ClientCan is what the viewer may do with one client.
type ClientCan struct {
	// Edit the client and its contacts, record its feedback: its pair and
	// ADMIN (clientAccess, clientIDAccess).
	Edit bool
	// Put a tender or a shipment on it: its own manager in that role and
	// ADMIN (bringsWork).
	AddTender, AddShipment bool
	// Give it another pair: ADMIN.
	Reassign bool
}

// CanOnClient answers ClientCan from the client's own fields: no statement.
func CanOnClient(ctx context.Context, cl *ent.Customer) ClientCan {
	v := ViewerFrom(ctx)
	if v == nil {
		return ClientCan{}
	}
	if v.Is(enum.RoleAdmin) {
		return ClientCan{Edit: true, AddTender: true, AddShipment: true, Reassign: true}
	}
	am, om := isID(cl.AccountManagerID, v.ID), isID(cl.OperationsManagerID, v.ID)
	return ClientCan{
		Edit:        am || om,
		AddTender:   am && v.Is(enum.RoleAccountManager),
		AddShipment: om && v.Is(enum.RoleOperationsManager),
	}
}

// CanWorkOnTender reports whether the viewer may edit the tender, its lanes
// and its stage: by the rule mayMove applies.
func CanWorkOnTender(ctx context.Context, c *ent.Client, t *ent.Tender) (bool, error) {
	return allowed(mayMove(ctx, c, t))
}

// CanRunShipment reports whether the viewer may edit the shipment, assign
// its carrier and record its events. The client's operations manager is
// taken from the loaded client when the read loaded it, as for a tender.
func CanRunShipment(ctx context.Context, c *ent.Client, s *ent.Shipment) (bool, error) {
	v := ViewerFrom(ctx)
	if v != nil && v.Is(enum.RoleOperationsManager) && s.OperationsManagerID != v.ID {
		if cl := s.Edges.Client; cl != nil && cl.ID == s.ClientID && cl.OperationsManagerID != nil {
			return isID(cl.OperationsManagerID, v.ID), nil
		}
	}
	return allowed(mayRunShipment(ctx, c, s))
}

// allowed turns a refusal by role into no, and passes other errors on.
func allowed(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if e, ok := As(err); ok && (e.Code == CodeForbidden || e.Code == CodeUnauthenticated) {
		return false, nil
	}
	return false, err
}
