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

// What a manager holds, as queries: counted by WorkHeld, handed over by
// handTo. A tender is open until decided; a shipment runs until delivered
// or cancelled.
var (
	openTender      = tender.StageNotIn(enum.ClosedStages...)
	runningShipment = shipment.StatusNotIn(enum.FinalStatuses...)
)

func accountClients(c *ent.Client, ids ...int) *ent.CustomerQuery {
	return c.Customer.Query().Where(customer.AccountManagerIDIn(ids...))
}

func operationsClients(c *ent.Client, ids ...int) *ent.CustomerQuery {
	return c.Customer.Query().Where(customer.OperationsManagerIDIn(ids...))
}

func ownedTenders(c *ent.Client, ids ...int) *ent.TenderQuery {
	return c.Tender.Query().Where(tender.OwnerIDIn(ids...), openTender)
}

func runShipments(c *ent.Client, ids ...int) *ent.ShipmentQuery {
	return c.Shipment.Query().Where(shipment.OperationsManagerIDIn(ids...), runningShipment)
}

// Holder is a manager in their role: what they hold depends on it.
type Holder struct {
	ID   int
	Role enum.ManagerRole
}

// WorkHeld counts what manager id holds in role; administrators and
// analysts hold nothing.
func WorkHeld(ctx context.Context, c *ent.Client, id int, role enum.ManagerRole) (Work, error) {
	h := Holder{ID: id, Role: role}
	by, err := WorkHeldBy(ctx, c, []Holder{h})
	if err != nil {
		return Work{}, err
	}
	return *by[h], nil
}

// WorkHeldBy counts what each holder holds in at most four grouped
// statements, however many they are: a list of managers asks it of every
// row (graph/loader.go).
func WorkHeldBy(ctx context.Context, c *ent.Client, holders []Holder) (map[Holder]*Work, error) {
	out := make(map[Holder]*Work, len(holders))
	var ams, oms []int
	for _, h := range holders {
		out[h] = &Work{}
		switch h.Role {
		case enum.RoleAccountManager:
			ams = append(ams, h.ID)
		case enum.RoleOperationsManager:
			oms = append(oms, h.ID)
		}
	}
	if len(ams) > 0 {
		var clients []struct {
			ID    int `json:"account_manager_id"`
			Count int `json:"count"`
		}
		if err := accountClients(c, ams...).GroupBy(customer.FieldAccountManagerID).Aggregate(ent.Count()).Scan(ctx, &clients); err != nil {
			return nil, fmt.Errorf("clients held: %w", err)
		}
		for _, r := range clients {
			out[Holder{r.ID, enum.RoleAccountManager}].Clients = r.Count
		}
		var tenders []struct {
			ID    int `json:"owner_id"`
			Count int `json:"count"`
		}
		if err := ownedTenders(c, ams...).GroupBy(tender.FieldOwnerID).Aggregate(ent.Count()).Scan(ctx, &tenders); err != nil {
			return nil, fmt.Errorf("tenders held: %w", err)
		}
		for _, r := range tenders {
			out[Holder{r.ID, enum.RoleAccountManager}].OpenTenders = r.Count
		}
	}
	if len(oms) > 0 {
		var clients []struct {
			ID    int `json:"operations_manager_id"`
			Count int `json:"count"`
		}
		if err := operationsClients(c, oms...).GroupBy(customer.FieldOperationsManagerID).Aggregate(ent.Count()).Scan(ctx, &clients); err != nil {
			return nil, fmt.Errorf("clients held: %w", err)
		}
		for _, r := range clients {
			out[Holder{r.ID, enum.RoleOperationsManager}].Clients = r.Count
		}
		var shipments []struct {
			ID    int `json:"operations_manager_id"`
			Count int `json:"count"`
		}
		if err := runShipments(c, oms...).GroupBy(shipment.FieldOperationsManagerID).Aggregate(ent.Count()).Scan(ctx, &shipments); err != nil {
			return nil, fmt.Errorf("shipments held: %w", err)
		}
		for _, r := range shipments {
			out[Holder{r.ID, enum.RoleOperationsManager}].UnfinishedShipments = r.Count
		}
	}
	return out, nil
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
		ids, err := accountClients(c, m.ID).IDs(ctx)
		if err := passOn("client", ids, err, func(id int) error {
			return c.Customer.UpdateOneID(id).SetAccountManagerID(successor).Exec(ctx)
		}); err != nil {
			return err
		}
		ids, err = ownedTenders(c, m.ID).IDs(ctx)
		return passOn("tender", ids, err, func(id int) error {
			return c.Tender.UpdateOneID(id).SetOwnerID(successor).Exec(ctx)
		})
	case enum.RoleOperationsManager:
		ids, err := operationsClients(c, m.ID).IDs(ctx)
		if err := passOn("client", ids, err, func(id int) error {
			return c.Customer.UpdateOneID(id).SetOperationsManagerID(successor).Exec(ctx)
		}); err != nil {
			return err
		}
		ids, err = runShipments(c, m.ID).IDs(ctx)
		return passOn("shipment", ids, err, func(id int) error {
			return c.Shipment.UpdateOneID(id).SetOperationsManagerID(successor).Exec(ctx)
		})
	}
	return nil
}

// passOn writes the records ids (read with err) one at a time, so that
// each write has its audit entry.
func passOn(noun string, ids []int, err error, write func(id int) error) error {
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := write(id); err != nil {
			return fmt.Errorf("hand over %s %d: %w", noun, id, err)
		}
	}
	return nil
}
