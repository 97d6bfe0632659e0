package rule

import (
	"context"
	"slices"

	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/apitoken"
	"github.com/freightgraph/freightgraph/ent/auditentry"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
)

// Who may do what: the access rules of the matrix, as ent privacy policies,
// one per type. They run on every write and every read of the client that
// ent/store opens, whatever the path: a mutation, a field set through an
// input's ID, an edge, node. Work done under System skips them.
//
//   - Everyone signed in reads the business graph. API tokens are read and
//     revoked by their owner and by ADMIN; the audit trail by ADMIN, by
//     ANALYST (but for tokens), and by a client's pair for that client's
//     records (those moved away included); sessions by nobody.
//   - ADMIN may write everything. ANALYST writes nothing but their own tokens
//     and password.
//   - Clients: account managers create them (and become their account
//     manager); the client's pair edits them, their contacts and feedback;
//     only ADMIN changes who the pair is.
//   - Tenders and their lanes and moves: the tender's owner or the client's
//     account manager; only the client's account manager puts a tender on
//     the client or takes it away (creating it, moving it there or away).
//   - Shipments and their tracking: the client's or the shipment's
//     operations manager; only the client's operations manager puts a
//     shipment on the client or takes it away. Carriers: operations managers.
//   - Managers: ADMIN; a manager may change their own password.
//   - Saved explorer queries: their owner alone, ADMIN included.
func installAccess(c *ent.Client) {
	enforce(c.Manager, writes(managerAccess))
	enforce(c.Customer, writes(clientAccess))
	enforce(c.Contact, writes(func(ctx context.Context, v *Viewer, m *ent.ContactMutation) error {
		return clientIDAccess(ctx, v, m.Op(), m.ClientID, m.OldClientID, m.Client())
	}))
	enforce(c.Feedback, writes(func(ctx context.Context, v *Viewer, m *ent.FeedbackMutation) error {
		return clientIDAccess(ctx, v, m.Op(), m.ClientID, m.OldClientID, m.Client())
	}))
	enforce(c.Tender, writes(tenderAccess))
	enforce(c.Lane, writes(laneAccess))
	enforce(c.TenderStageChange, writes(stageChangeAccess))
	enforce(c.Shipment, writes(shipmentAccess))
	enforce(c.ShipmentEvent, writes(shipmentEventAccess))
	enforce(c.Carrier, writes(carrierAccess))
	enforce(c.APIToken, privacy.Policy{Query: privacy.QueryPolicy{ownTokens}, Mutation: byRule(tokenAccess)})
	enforce(c.AuditEntry, privacy.Policy{Query: privacy.QueryPolicy{auditReaders}, Mutation: privacy.MutationPolicy{systemOnly}})
	enforce(c.Session, privacy.Policy{Query: privacy.QueryPolicy{systemOnly}, Mutation: privacy.MutationPolicy{systemOnly}})
	enforce(c.SavedQuery, privacy.Policy{Query: privacy.QueryPolicy{ownSavedQueries}, Mutation: privacy.MutationPolicy{ownSavedQuery}})
	// the monthly rollups are the server's own: read by the figures, written
	// by the hooks that keep it (ent/rule/totals.go)
	enforce(c.ShipmentTotal, privacy.Policy{Query: privacy.QueryPolicy{signedIn}, Mutation: privacy.MutationPolicy{systemOnly}})
	enforce(c.ClientMonth, privacy.Policy{Query: privacy.QueryPolicy{signedIn}, Mutation: privacy.MutationPolicy{systemOnly}})
	c.AuditEntry.Use(appendOnly)
}

// policed is what every type's client offers.
type policed interface {
	Use(...ent.Hook)
	Intercept(...ent.Interceptor)
}

// enforce installs a policy as a hook for writes and an interceptor for
// reads (reads through edges and node included). A System context's
// decision stands before any rule is asked.
func enforce(c policed, p ent.Policy) {
	policies := privacy.Policies{p}
	c.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if err := policies.EvalMutation(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	})
	c.Intercept(ent.TraverseFunc(policies.EvalQuery))
}

// writes is the policy of a business type: every viewer reads it, and check
// says who writes it.
func writes[M ent.Mutation](check func(context.Context, *Viewer, M) error) ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{signedIn}, Mutation: byRule(check)}
}

// byRule turns a check into a mutation policy: it allows what check allows
// and refuses with check's reason otherwise. Deletion is nobody's through
// the API.
func byRule[M ent.Mutation](check func(context.Context, *Viewer, M) error) privacy.MutationPolicy {
	return privacy.MutationPolicy{privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := ViewerFrom(ctx)
		if v == nil {
			return ErrSignIn
		}
		typed, ok := m.(M)
		if !ok || !m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			return Forbidden("records are created and changed one at a time, and never deleted").Because(ReasonNotThisWay)
		}
		if err := check(ctx, v, typed); err != nil {
			return err
		}
		return privacy.Allow
	})}
}

// queryRule is a read rule as a function.
type queryRule func(context.Context, ent.Query) error

// EvalQuery runs the rule.
func (f queryRule) EvalQuery(ctx context.Context, q ent.Query) error { return f(ctx, q) }

var (
	signedIn = queryRule(func(ctx context.Context, _ ent.Query) error {
		if ViewerFrom(ctx) == nil {
			return ErrSignIn
		}
		return privacy.Allow
	})
	systemOnly = privacy.ContextQueryMutationRule(func(context.Context) error {
		return Forbidden("only the server itself does this").Because(ReasonNotThisWay)
	})
	// ownTokens narrows every query of tokens to the viewer's own; ADMIN
	// sees everyone's (never their secrets), to revoke what must go.
	ownTokens = queryRule(func(ctx context.Context, q ent.Query) error {
		v := ViewerFrom(ctx)
		if v == nil {
			return ErrSignIn
		}
		if !v.Is(enum.RoleAdmin) {
			q.(*ent.APITokenQuery).Where(apitoken.OwnerID(v.ID))
		}
		return privacy.Allow
	})
	// auditReaders lets ADMIN and ANALYST read the whole trail, a client's
	// pair the entries of that client's records, and operations managers,
	// who keep the carriers, the carriers' entries.
	auditReaders = queryRule(func(ctx context.Context, q ent.Query) error {
		v := ViewerFrom(ctx)
		if v == nil {
			return ErrSignIn
		}
		entries := q.(*ent.AuditEntryQuery)
		switch {
		case v.Is(enum.RoleAdmin):
		case v.Is(enum.RoleAnalyst):
			// who holds which token is their owner's and ADMIN's business
			entries.Where(auditentry.RecordTypeNEQ("APIToken"))
		default:
			pair := customer.Or(customer.AccountManagerID(v.ID), customer.OperationsManagerID(v.ID))
			mine := auditentry.Or(auditentry.HasClientWith(pair), auditentry.HasFormerClientWith(pair))
			if v.Is(enum.RoleOperationsManager) {
				mine = auditentry.Or(mine, auditentry.RecordType("Carrier"))
			}
			entries.Where(mine)
		}
		return privacy.Allow
	})
)

func managerAccess(_ context.Context, v *Viewer, m *ent.ManagerMutation) error {
	if v.Is(enum.RoleAdmin) {
		return nil
	}
	if _, setsPassword := m.PasswordHash(); setsPassword && m.Op().Is(ent.OpUpdateOne) && onlyFields(m, manager.FieldPasswordHash, manager.FieldUpdatedAt) {
		if id, _ := m.ID(); id != v.ID {
			return Forbidden("only an administrator sets another manager's password").Because(ReasonOnlyAdmin)
		}
		return nil
	}
	return Forbidden("only an administrator adds or changes managers (you may change your own password)").Because(ReasonOnlyAdmin)
}

// onlyFields reports whether m sets nothing but fields.
func onlyFields(m ent.Mutation, fields ...string) bool {
	if len(m.ClearedFields()) > 0 || len(m.AddedFields()) > 0 || len(m.AddedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
		return false
	}
	for _, f := range m.Fields() {
		if !slices.Contains(fields, f) {
			return false
		}
	}
	return true
}

func clientAccess(ctx context.Context, v *Viewer, m *ent.CustomerMutation) error {
	if v.Is(enum.RoleAdmin) {
		return nil
	}
	if m.Op().Is(ent.OpCreate) {
		if !v.Is(enum.RoleAccountManager) {
			return Forbidden("only account managers create clients: bringing in new corporate clients is their work").Because(ReasonOnlyRole, "role", enum.RoleAccountManager)
		}
		// the account manager who brings a client in is its account manager
		if id, ok := m.AccountManagerID(); ok && id != v.ID {
			return (&Error{Code: CodeForbidden, Field: "accountManagerID", Message: "you become the account manager of a client you create; only an administrator names another"}).Because(ReasonYouBringClient)
		}
		m.SetAccountManagerID(v.ID)
		return nil
	}
	am, err := m.OldAccountManagerID(ctx)
	if err != nil {
		return err
	}
	om, err := m.OldOperationsManagerID(ctx)
	if err != nil {
		return err
	}
	if !isID(am, v.ID) && !isID(om, v.ID) {
		return Forbidden("only the client's account or operations manager, or an administrator, edits this client").Because(ReasonNotYourClient)
	}
	if changes(m.AccountManagerID, m.AccountManagerIDCleared(), am) || changes(m.OperationsManagerID, m.OperationsManagerIDCleared(), om) {
		return Forbidden("only an administrator changes who a client's account and operations managers are").Because(ReasonOnlyAdmin)
	}
	return nil
}

func isID(id *int, want int) bool { return id != nil && *id == want }

// changes reports whether an optional reference is set to another value or
// cleared.
func changes(set func() (int, bool), cleared bool, stored *int) bool {
	if v, ok := set(); ok {
		return stored == nil || *stored != v
	}
	return cleared && stored != nil
}

// pairOf loads the client's pair: its account and operations manager IDs.
func pairOf(ctx context.Context, c *ent.Client, clientID int) (am, om *int, err error) {
	cl, err := c.Customer.Query().Where(customer.ID(clientID)).
		Select(customer.FieldAccountManagerID, customer.FieldOperationsManagerID).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, Invalid("clientID", "no client with ID %d", clientID).Because(ReasonNoSuchRecord, "record", "client")
	}
	if err != nil {
		return nil, nil, err
	}
	return cl.AccountManagerID, cl.OperationsManagerID, nil
}

// clientIDAccess lets the client's pair (and ADMIN) write a record that
// belongs to one client: a contact, a feedback.
func clientIDAccess(ctx context.Context, v *Viewer, op ent.Op, set func() (int, bool), old func(context.Context) (int, error), c *ent.Client) error {
	if v.Is(enum.RoleAdmin) {
		return nil
	}
	id, ok, err := current(ctx, op, set, old)
	if err != nil || !ok {
		return err // a create without a client fails its own validation
	}
	am, om, err := pairOf(ctx, c, id)
	if err != nil {
		return err
	}
	if !isID(am, v.ID) && !isID(om, v.ID) {
		return Forbidden("only the client's account or operations manager, or an administrator, records this for the client").Because(ReasonNotYourClient)
	}
	return nil
}

func tenderAccess(ctx context.Context, v *Viewer, m *ent.TenderMutation) error {
	return clientWork(ctx, v, m.Client(), m.Op(), enum.RoleAccountManager, "tender",
		"only account managers and administrators work on tenders", ownsTender,
		func(ctx context.Context) (int, int, error) {
			owner, err := m.OldOwnerID(ctx)
			if err != nil {
				return 0, 0, err
			}
			client, err := m.OldClientID(ctx)
			return owner, client, err
		}, m.ClientID)
}

// managesClient reports whether the viewer is the client's manager in role:
// its account manager or its operations manager.
func managesClient(ctx context.Context, c *ent.Client, v *Viewer, clientID int, role enum.ManagerRole) (bool, error) {
	am, om, err := pairOf(ctx, c, clientID)
	if err != nil {
		return false, err
	}
	if role == enum.RoleAccountManager {
		return isID(am, v.ID), nil
	}
	return isID(om, v.ID), nil
}

// bringsWork allows only the client's manager in role to put work on the
// client or take it away; what says which, for the refusal.
func bringsWork(ctx context.Context, c *ent.Client, v *Viewer, clientID int, role enum.ManagerRole, what string) error {
	ok, err := managesClient(ctx, c, v, clientID, role)
	if err != nil || ok {
		return err
	}
	return (&Error{Code: CodeForbidden, Field: "clientID", Message: "only the client's " + roleName(role) + " or an administrator " + what}).Because(ReasonNotClientsManager, "role", role)
}

// ownsTender allows the tender's owner and the client's account manager.
func ownsTender(ctx context.Context, c *ent.Client, v *Viewer, owner, client int) error {
	if owner == v.ID {
		return nil
	}
	if ok, err := managesClient(ctx, c, v, client, enum.RoleAccountManager); err != nil || ok {
		return err
	}
	return Forbidden("only the tender's owner, the client's account manager or an administrator works on this tender").Because(ReasonNotYourTender)
}

// tenderIDAccess applies the tender's rule to a record of the tender.
func tenderIDAccess(ctx context.Context, c *ent.Client, tenderID int) error {
	t, err := c.Tender.Get(ctx, tenderID)
	if ent.IsNotFound(err) {
		return Invalid("tenderID", "no tender with ID %d", tenderID).Because(ReasonNoSuchRecord, "record", "tender")
	}
	if err != nil {
		return err
	}
	return mayWorkOnTender(ctx, c, t)
}

func laneAccess(ctx context.Context, _ *Viewer, m *ent.LaneMutation) error {
	id, ok, err := current(ctx, m.Op(), m.TenderID, m.OldTenderID)
	if err != nil || !ok {
		return err
	}
	return tenderIDAccess(ctx, m.Client(), id)
}

func stageChangeAccess(ctx context.Context, _ *Viewer, m *ent.TenderStageChangeMutation) error {
	id, ok := m.TenderID()
	if !ok || !m.Op().Is(ent.OpCreate) {
		return Forbidden("a tender's stage history is never changed").Because(ReasonNotThisWay)
	}
	return tenderIDAccess(ctx, m.Client(), id)
}

func shipmentAccess(ctx context.Context, v *Viewer, m *ent.ShipmentMutation) error {
	return clientWork(ctx, v, m.Client(), m.Op(), enum.RoleOperationsManager, "shipment",
		"only operations managers and administrators run shipments", runsShipment,
		func(ctx context.Context) (int, int, error) {
			om, err := m.OldOperationsManagerID(ctx)
			if err != nil {
				return 0, 0, err
			}
			client, err := m.OldClientID(ctx)
			return om, client, err
		}, m.ClientID)
}

// clientWork is the rule of a client's work (a tender, a shipment): only
// managers in role and ADMIN touch it; an update needs its holder (owner,
// operations manager) or the client's manager in role (holds); and only
// the client's own manager in role puts it on a client or takes it away,
// though they may hand it to a colleague to hold. old gives the stored
// holder and client, to the client it is being set to.
func clientWork(ctx context.Context, v *Viewer, c *ent.Client, op ent.Op, role enum.ManagerRole, noun, refusal string,
	holds func(context.Context, *ent.Client, *Viewer, int, int) error,
	old func(context.Context) (holder, client int, err error), to func() (int, bool)) error {
	if v.Is(enum.RoleAdmin) {
		return nil
	}
	if !v.Is(role) {
		return Forbidden("%s", refusal).Because(ReasonOnlyRole, "role", role)
	}
	if op.Is(ent.OpUpdateOne) {
		holder, client, err := old(ctx)
		if err != nil {
			return err
		}
		if err := holds(ctx, c, v, holder, client); err != nil {
			return err
		}
		next, moved := to()
		if !moved || next == client {
			return nil
		}
		if err := bringsWork(ctx, c, v, client, role, "moves a "+noun+" away from the client"); err != nil {
			return err
		}
	}
	// created for, or moved to, a client by that client's manager in role:
	// nobody brings work into another's relationship
	client, _ := to()
	return bringsWork(ctx, c, v, client, role, "puts a "+noun+" on this client")
}

// runsShipment allows the shipment's and the client's operations manager.
func runsShipment(ctx context.Context, c *ent.Client, v *Viewer, om, client int) error {
	if om == v.ID {
		return nil
	}
	if ok, err := managesClient(ctx, c, v, client, enum.RoleOperationsManager); err != nil || ok {
		return err
	}
	return Forbidden("only the shipment's or the client's operations manager, or an administrator, works on this shipment").Because(ReasonNotYourShipment)
}

func shipmentEventAccess(ctx context.Context, _ *Viewer, m *ent.ShipmentEventMutation) error {
	id, ok := m.ShipmentID()
	if !ok || !m.Op().Is(ent.OpCreate) {
		return Forbidden("tracking events are never changed").Because(ReasonNotThisWay)
	}
	s, err := shipmentOf(ctx, m.Client(), id)
	if ent.IsNotFound(err) {
		return Invalid("shipmentID", "no shipment with ID %d", id).Because(ReasonNoSuchRecord, "record", "shipment")
	}
	if err != nil {
		return err
	}
	return mayRunShipment(ctx, m.Client(), s)
}

func carrierAccess(_ context.Context, v *Viewer, _ *ent.CarrierMutation) error {
	if v.Is(enum.RoleAdmin, enum.RoleOperationsManager) {
		return nil
	}
	return Forbidden("only operations managers and administrators add or change carriers").Because(ReasonOnlyRole, "role", enum.RoleOperationsManager)
}

// tokenAccess lets everyone make their own tokens and revoke them; nothing
// else of a token ever changes.
func tokenAccess(ctx context.Context, v *Viewer, m *ent.APITokenMutation) error {
	if m.Op().Is(ent.OpCreate) {
		if owner, _ := m.OwnerID(); owner != v.ID {
			return Forbidden("API tokens are personal: you make your own").Because(ReasonPersonal)
		}
		return nil
	}
	if !m.Op().Is(ent.OpUpdateOne) || !onlyFields(m, apitoken.FieldRevokedAt) {
		return Forbidden("a token is only ever revoked").Because(ReasonNotThisWay)
	}
	owner, err := m.OldOwnerID(ctx) // the query sees only what the viewer may
	if err != nil {
		return err
	}
	if owner != v.ID && !v.Is(enum.RoleAdmin) {
		return Forbidden("API tokens are personal: you revoke your own").Because(ReasonPersonal)
	}
	return nil
}

// The rules of a stored shipment and tender: for the records that belong to
// one (its events, its lanes and stage changes), and for the domain moves,
// which ask them as soon as they have loaded the record, before they check
// their input: a caller without the right is told that, not what else is
// wrong. The write itself is checked again by the policy.

// system reports whether ctx is the server's own work (System).
func system(ctx context.Context) bool {
	d, ok := privacy.DecisionFromContext(ctx)
	return ok && d == nil
}

// mayRunShipment applies the shipment rule to a stored shipment.
func mayRunShipment(ctx context.Context, c *ent.Client, s *ent.Shipment) error {
	if system(ctx) {
		return nil
	}
	v := ViewerFrom(ctx)
	switch {
	case v == nil:
		return ErrSignIn
	case v.Is(enum.RoleAdmin):
		return nil
	case !v.Is(enum.RoleOperationsManager):
		return Forbidden("only operations managers and administrators run shipments").Because(ReasonOnlyRole, "role", enum.RoleOperationsManager)
	}
	return runsShipment(ctx, c, v, s.OperationsManagerID, s.ClientID)
}

// mayWorkOnTender applies the tender rule to a stored tender.
func mayWorkOnTender(ctx context.Context, c *ent.Client, t *ent.Tender) error {
	if system(ctx) {
		return nil
	}
	v := ViewerFrom(ctx)
	switch {
	case v == nil:
		return ErrSignIn
	case v.Is(enum.RoleAdmin):
		return nil
	case !v.Is(enum.RoleAccountManager):
		return Forbidden("only account managers and administrators work on tenders").Because(ReasonOnlyRole, "role", enum.RoleAccountManager)
	}
	return ownsTender(ctx, c, v, t.OwnerID, t.ClientID)
}
