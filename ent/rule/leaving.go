package rule

import (
	"context"
	"fmt"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// A manager who leaves, or changes role, first hands their work to a
// colleague: a client whose manager left is a promise nobody keeps.

// Work is what a manager holds in their role.
type Work struct {
	Clients             int // clients they are the account or operations manager of
	OpenTenders         int // tenders they own that are not decided (account managers)
	UnfinishedShipments int // shipments they run that are not delivered or cancelled (operations managers)
}

// None reports whether nothing is held.
func (w Work) None() bool { return w.Clients+w.OpenTenders+w.UnfinishedShipments == 0 }

// WorkHeld counts what manager id holds in role; administrators and
// analysts hold nothing.
func WorkHeld(ctx context.Context, c *ent.Client, id int, role enum.ManagerRole) (Work, error) {
	var w Work
	var err error
	switch role {
	case enum.RoleAccountManager:
		if w.Clients, err = c.Customer.Query().Where(customer.AccountManagerID(id)).Count(ctx); err != nil {
			return w, err
		}
		w.OpenTenders, err = c.Tender.Query().Where(tender.OwnerID(id), tender.StageNotIn(enum.StageWon, enum.StageLost, enum.StageWithdrawn)).Count(ctx)
	case enum.RoleOperationsManager:
		if w.Clients, err = c.Customer.Query().Where(customer.OperationsManagerID(id)).Count(ctx); err != nil {
			return w, err
		}
		w.UnfinishedShipments, err = c.Shipment.Query().Where(shipment.OperationsManagerID(id), shipment.StatusNotIn(enum.ShipmentDelivered, enum.ShipmentCancelled)).Count(ctx)
	}
	return w, err
}

// holdsWork refuses to take role from manager id, or let them leave, while
// work still hangs on them. A change the server makes itself (an import, a
// fixture of a manager who left) is not asked.
func holdsWork(ctx context.Context, c *ent.Client, field string, id int, role enum.ManagerRole, leaving bool) error {
	if system(ctx) {
		return nil
	}
	w, err := WorkHeld(ctx, c, id, role)
	if err != nil || w.None() {
		return err
	}
	what := "changing the role"
	if leaving {
		what = "they leave (deactivateManager hands it over)"
	}
	return Invalid(field, "this %s still has %d clients, %d open tenders and %d unfinished shipments: hand them over before %s",
		roleName(role), w.Clients, w.OpenTenders, w.UnfinishedShipments, what).
		Because(ReasonManagerHoldsWork, "role", role, "clients", w.Clients, "tenders", w.OpenTenders, "shipments", w.UnfinishedShipments)
}

// Deactivate records that manager id has left (ADMIN only). What they hold
// passes to successor, a colleague in the same role who still works here,
// in the caller's transaction: their clients, the open tenders they own and
// the unfinished shipments they run, each record written one at a time so
// each has its audit entry. Without a successor, a manager who holds work
// is refused with what they hold. Their sessions and tokens end with them.
func Deactivate(ctx context.Context, c *ent.Client, id int, successor *int, expected *int) (*ent.Manager, error) {
	if v := ViewerFrom(ctx); v == nil {
		return nil, ErrSignIn
	} else if !v.Is(enum.RoleAdmin) {
		return nil, Forbidden("only an administrator records that a manager has left").Because(ReasonOnlyAdmin)
	}
	m, err := load(ctx, c.Manager.Get, "manager", id)
	if err != nil {
		return nil, err
	}
	if !m.Active {
		return nil, Invalid("id", "%s has already left", m.Name).Because(ReasonManagerInactive, "name", m.Name)
	}
	if successor != nil {
		if *successor == id {
			return nil, Invalid("successorID", "a manager cannot hand their work to themselves").Because(ReasonSuccessorSelf)
		}
		if err := holdsRole(ctx, c, "successorID", *successor, m.Role); err != nil {
			return nil, err
		}
		if err := handTo(ctx, c, m, *successor); err != nil {
			return nil, err
		}
	}
	return Update(ctx, c, "manager", id, expected, func(ctx context.Context) (*ent.Manager, error) {
		return c.Manager.UpdateOneID(id).SetActive(false).Save(ctx)
	})
}

// handTo passes everything manager m holds in their role to successor.
func handTo(ctx context.Context, c *ent.Client, m *ent.Manager, successor int) error {
	switch m.Role {
	case enum.RoleAccountManager:
		clients, err := c.Customer.Query().Where(customer.AccountManagerID(m.ID)).IDs(ctx)
		if err != nil {
			return err
		}
		for _, cl := range clients {
			if err := c.Customer.UpdateOneID(cl).SetAccountManagerID(successor).Exec(ctx); err != nil {
				return fmt.Errorf("hand over client %d: %w", cl, err)
			}
		}
		tenders, err := c.Tender.Query().Where(tender.OwnerID(m.ID), tender.StageNotIn(enum.StageWon, enum.StageLost, enum.StageWithdrawn)).IDs(ctx)
		if err != nil {
			return err
		}
		for _, t := range tenders {
			if err := c.Tender.UpdateOneID(t).SetOwnerID(successor).Exec(ctx); err != nil {
				return fmt.Errorf("hand over tender %d: %w", t, err)
			}
		}
	case enum.RoleOperationsManager:
		clients, err := c.Customer.Query().Where(customer.OperationsManagerID(m.ID)).IDs(ctx)
		if err != nil {
			return err
		}
		for _, cl := range clients {
			if err := c.Customer.UpdateOneID(cl).SetOperationsManagerID(successor).Exec(ctx); err != nil {
				return fmt.Errorf("hand over client %d: %w", cl, err)
			}
		}
		shipments, err := c.Shipment.Query().Where(shipment.OperationsManagerID(m.ID), shipment.StatusNotIn(enum.ShipmentDelivered, enum.ShipmentCancelled)).IDs(ctx)
		if err != nil {
			return err
		}
		for _, s := range shipments {
			if err := c.Shipment.UpdateOneID(s).SetOperationsManagerID(successor).Exec(ctx); err != nil {
				return fmt.Errorf("hand over shipment %d: %w", s, err)
			}
		}
	}
	return nil
}
