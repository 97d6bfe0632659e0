package rule

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/freightgraph/freightgraph/ent"
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
		return Invalid(field, "%s is %s, not %s", m.Name, withArticle(roleName(m.Role)), withArticle(roleName(role))).
			Because(ReasonManagerRole, "name", m.Name, "role", m.Role, "want", role)
	}
	if !m.Active {
		return Invalid(field, "%s no longer works here (inactive)", m.Name).Because(ReasonManagerInactive, "name", m.Name)
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
				if err := holdsWork(ctx, m.Client(), "role", id, old, false); err != nil {
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
		if leaving {
			id, _ := m.ID()
			role, err := m.OldRole(ctx)
			if err != nil {
				return nil, err
			}
			if err := holdsWork(ctx, m.Client(), "active", id, role, true); err != nil {
				return nil, err
			}
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
	return Invalid(field, "this is the last active administrator: make another manager an administrator first").Because(ReasonLastAdmin)
}

// Reassignment gives clients a new pair: either manager or both.
type Reassignment struct {
	ClientIDs                             []int
	AccountManagerID, OperationsManagerID *int
	// HandOver moves the clients' open work with them: the open tenders the
	// former account manager owns, and the unfinished shipments the former
	// operations manager runs. Without it, a manager who left keeps work
	// nobody does.
	HandOver bool
}

// maxReassigned bounds one reassignment: a whole book of business, not the
// whole client base by mistake.
const maxReassigned = 500

// ReassignClients applies a reassignment (ADMIN only), in the caller's
// transaction: every client and every handed-over record, or nothing. Each
// change is written one record at a time, so each has its audit entry.
func ReassignClients(ctx context.Context, c *ent.Client, r Reassignment) ([]*ent.Customer, error) {
	ids, err := checkReassignment(ctx, r)
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*ent.Customer, len(ids))
	for _, id := range ids {
		cl, err := ref(ctx, c.Customer.Get, "clientIDs", "client", id)
		if err != nil {
			return nil, err
		}
		u := cl.Update()
		if r.AccountManagerID != nil {
			u.SetAccountManagerID(*r.AccountManagerID)
		}
		if r.OperationsManagerID != nil {
			u.SetOperationsManagerID(*r.OperationsManagerID)
		}
		saved, err := u.Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("reassign client %d: %w", id, err)
		}
		if r.HandOver {
			if err := handOver(ctx, c, cl, r); err != nil {
				return nil, err
			}
		}
		byID[id] = saved
	}
	out := make([]*ent.Customer, 0, len(ids))
	for _, id := range r.ClientIDs {
		if cl, ok := byID[id]; ok {
			out = append(out, cl)
			delete(byID, id)
		}
	}
	return out, nil
}

// checkReassignment is what a reassignment must be, whether it is made or
// previewed: by ADMIN, of 1 to maxReassigned clients, to a new account
// manager, a new operations manager or both. It returns the client IDs
// sorted, each once.
func checkReassignment(ctx context.Context, r Reassignment) ([]int, error) {
	if v := ViewerFrom(ctx); v == nil {
		return nil, ErrSignIn
	} else if !v.Is(enum.RoleAdmin) {
		return nil, Forbidden("only an administrator changes who a client's account and operations managers are").Because(ReasonOnlyAdmin)
	}
	ids := slices.Compact(slices.Sorted(slices.Values(r.ClientIDs)))
	switch {
	case len(ids) == 0:
		return nil, Invalid("clientIDs", "name at least one client").Because(ReasonNoClients)
	case len(ids) > maxReassigned:
		return nil, Invalid("clientIDs", "at most %d clients at a time, not %d", maxReassigned, len(ids)).Because(ReasonTooManyClients, "max", maxReassigned, "n", len(ids))
	case r.AccountManagerID == nil && r.OperationsManagerID == nil:
		return nil, Invalid("accountManagerID", "name a new account manager, a new operations manager, or both").Because(ReasonNoNewManager)
	}
	return ids, nil
}

// ReassignPreview is what a reassignment would do, read without writing:
// the clients, and the open tenders and unfinished shipments their work
// hand-over would move.
type ReassignPreview struct {
	Clients   []*ent.Customer
	Tenders   []*ent.Tender
	Shipments []*ent.Shipment
}

// PreviewReassignment says what ReassignClients would hand over, by the
// same queries, for the administrator to confirm first. The managers named
// are checked when the reassignment is made.
func PreviewReassignment(ctx context.Context, c *ent.Client, r Reassignment) (*ReassignPreview, error) {
	ids, err := checkReassignment(ctx, r)
	if err != nil {
		return nil, err
	}
	p := &ReassignPreview{}
	for _, id := range ids {
		cl, err := ref(ctx, c.Customer.Get, "clientIDs", "client", id)
		if err != nil {
			return nil, err
		}
		p.Clients = append(p.Clients, cl)
		if !r.HandOver {
			continue
		}
		ts, ss, err := work(ctx, c, cl, r)
		if err != nil {
			return nil, err
		}
		p.Tenders = append(p.Tenders, ts...)
		p.Shipments = append(p.Shipments, ss...)
	}
	return p, nil
}

// work is the open work of client was that a reassignment hands over: the
// open tenders of its former account manager and the unfinished shipments
// of its former operations manager, where that manager changes.
func work(ctx context.Context, c *ent.Client, was *ent.Customer, r Reassignment) ([]*ent.Tender, []*ent.Shipment, error) {
	var ts []*ent.Tender
	var ss []*ent.Shipment
	var err error
	if am, old := r.AccountManagerID, was.AccountManagerID; am != nil && old != nil && *old != *am {
		if ts, err = ownedTenders(c, *old).Where(tender.ClientID(was.ID)).Order(ent.Asc(tender.FieldReference)).All(ctx); err != nil {
			return nil, nil, err
		}
	}
	if om, old := r.OperationsManagerID, was.OperationsManagerID; om != nil && old != nil && *old != *om {
		if ss, err = runShipments(c, *old).Where(shipment.ClientID(was.ID)).Order(ent.Asc(shipment.FieldReference)).All(ctx); err != nil {
			return nil, nil, err
		}
	}
	return ts, ss, nil
}

// handOver moves a reassigned client's open work from its former managers
// to the new ones.
func handOver(ctx context.Context, c *ent.Client, was *ent.Customer, r Reassignment) error {
	ts, ss, err := work(ctx, c, was, r)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if err := t.Update().SetOwnerID(*r.AccountManagerID).Exec(ctx); err != nil {
			return fmt.Errorf("hand over tender %s: %w", t.Reference, err)
		}
	}
	for _, s := range ss {
		if err := s.Update().SetOperationsManagerID(*r.OperationsManagerID).Exec(ctx); err != nil {
			return fmt.Errorf("hand over shipment %s: %w", s.Reference, err)
		}
	}
	return nil
}
