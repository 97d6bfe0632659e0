package rule

import (
	"context"
	"fmt"
	"strings"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// The matrix: every client has one account manager and one operations
// manager, and each must hold that role and still work here.

// clientRules checks the client's pair.
func clientRules(next ent.Mutator) ent.Mutator {
	return hook.CustomerFunc(func(ctx context.Context, m *ent.CustomerMutation) (ent.Value, error) {
		if id, ok := m.AccountManagerID(); ok {
			if err := holdsRole(ctx, m.Client(), "accountManagerID", id, enum.RoleAccountManager); err != nil {
				return nil, err
			}
		}
		if id, ok := m.OperationsManagerID(); ok {
			if err := holdsRole(ctx, m.Client(), "operationsManagerID", id, enum.RoleOperationsManager); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

// holdsRole checks that manager id exists, is active and holds role.
func holdsRole(ctx context.Context, c *ent.Client, field string, id int, role enum.ManagerRole) error {
	m, err := ref(ctx, c.Manager.Get, field, "manager", id)
	if err != nil {
		return err
	}
	if m.Role != role {
		return Invalid(field, "%s is %s, not %s", m.Name, withArticle(roleName(m.Role)), withArticle(roleName(role)))
	}
	if !m.Active {
		return Invalid(field, "%s no longer works here (inactive)", m.Name)
	}
	return nil
}

func withArticle(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func roleName(r enum.ManagerRole) string {
	return strings.ToLower(strings.ReplaceAll(string(r), "_", " "))
}

// managerRules normalises the e-mail and keeps a role change from leaving
// clients, tenders or shipments with a manager of the wrong role.
func managerRules(next ent.Mutator) ent.Mutator {
	return hook.ManagerFunc(func(ctx context.Context, m *ent.ManagerMutation) (ent.Value, error) {
		if e, ok := m.Email(); ok {
			m.SetEmail(strings.ToLower(e)) // trimmed already by trimText
		}
		if role, ok := m.Role(); ok && m.Op().Is(ent.OpUpdateOne) {
			id, _ := m.ID()
			old, err := m.OldRole(ctx)
			if err != nil {
				return nil, err
			}
			if old != role {
				if err := roleFree(ctx, m.Client(), id, old); err != nil {
					return nil, err
				}
			}
		}
		leaving := false
		if active, ok := m.Active(); ok && !active && m.Op().Is(ent.OpUpdateOne) {
			was, err := m.OldActive(ctx)
			if err != nil {
				return nil, err
			}
			leaving = was
		}
		if err := adminRemains(ctx, m, leaving); err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil || !leaving {
			return v, err
		}
		// a manager who leaves keeps no way in, should they come back
		id, _ := m.ID()
		return v, endAccess(ctx, m.Client(), id, "", true)
	})
}

// adminRemains keeps at least one active administrator: without one,
// nobody could manage managers or the matrix through the API.
func adminRemains(ctx context.Context, m *ent.ManagerMutation, leaving bool) error {
	if !m.Op().Is(ent.OpUpdateOne) {
		return nil
	}
	role, changes := m.Role()
	if !leaving && (!changes || role == enum.RoleAdmin) {
		return nil
	}
	old, err := m.OldRole(ctx)
	if err != nil || old != enum.RoleAdmin {
		return err
	}
	if active, err := m.OldActive(ctx); err != nil || !active {
		return err
	}
	id, _ := m.ID()
	others, err := m.Client().Manager.Query().
		Where(manager.IDNEQ(id), manager.RoleEQ(enum.RoleAdmin), manager.Active(true)).Count(ctx)
	if err != nil || others > 0 {
		return err
	}
	field := "role"
	if leaving {
		field = "active"
	}
	return Invalid(field, "this is the last active administrator: make another manager an administrator first")
}

// roleFree refuses to take role from manager id while work still hangs on it.
func roleFree(ctx context.Context, c *ent.Client, id int, role enum.ManagerRole) error {
	var held []string
	count := func(what string, n int, err error) error {
		if err != nil {
			return err
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%d %s", n, what))
		}
		return nil
	}
	switch role {
	case enum.RoleAccountManager:
		n, err := c.Customer.Query().Where(customer.AccountManagerID(id)).Count(ctx)
		if err := count("clients", n, err); err != nil {
			return err
		}
		n, err = c.Tender.Query().Where(tender.OwnerID(id), tender.StageNotIn(enum.StageWon, enum.StageLost, enum.StageWithdrawn)).Count(ctx)
		if err := count("open tenders", n, err); err != nil {
			return err
		}
	case enum.RoleOperationsManager:
		n, err := c.Customer.Query().Where(customer.OperationsManagerID(id)).Count(ctx)
		if err := count("clients", n, err); err != nil {
			return err
		}
		n, err = c.Shipment.Query().Where(shipment.OperationsManagerID(id), shipment.StatusNotIn(enum.ShipmentDelivered, enum.ShipmentCancelled)).Count(ctx)
		if err := count("unfinished shipments", n, err); err != nil {
			return err
		}
	}
	if len(held) > 0 {
		return Invalid("role", "this %s still has %s: hand them over before changing the role", roleName(role), strings.Join(held, " and "))
	}
	return nil
}
