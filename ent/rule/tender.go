package rule

import (
	"context"
	"slices"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/tender"
	"github.com/freightgraph/freightgraph/ent/text"
)

// tenderRules numbers a new tender that came without a reference
// (reference.go), checks the tender's client and owner, and opens its stage
// history with the stage it was created in.
func tenderRules(next ent.Mutator) ent.Mutator {
	return hook.TenderFunc(func(ctx context.Context, m *ent.TenderMutation) (ent.Value, error) {
		c := m.Client()
		if ref, _ := m.Reference(); m.Op().Is(ent.OpCreate) && ref == "" {
			next, err := nextReference(ctx, c)
			if err != nil {
				return nil, err
			}
			m.SetReference(next)
		}
		if id, ok := m.ClientID(); ok {
			if _, err := ref(ctx, c.Customer.Get, "clientID", "client", id); err != nil {
				return nil, err
			}
		}
		if id, ok := m.OwnerID(); ok {
			if err := holdsRole(ctx, c, "ownerID", id, enum.RoleAccountManager); err != nil {
				return nil, err
			}
		}
		if m.Op().Is(ent.OpUpdateOne) {
			if err := decidedTenderKept(ctx, m); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil || !m.Op().Is(ent.OpCreate) {
			return v, err
		}
		t := v.(*ent.Tender)
		err = c.TenderStageChange.Create().SetTenderID(t.ID).SetTo(t.Stage).SetAt(t.CreatedAt).SetNillableMovedByID(actorID(ctx)).Exec(ctx)
		return t, err
	})
}

// decidedTenderKept freezes the figures of a decided tender: its client,
// value, currency, probability and deadline are what the pipeline and the win
// rate were measured by, and shipments run only under won tenders, so a
// won tender's client is theirs too. Its title may still be corrected.
func decidedTenderKept(ctx context.Context, m *ent.TenderMutation) error {
	fields := []string{tender.FieldEstimatedValue, tender.FieldCurrency, tender.FieldWinProbability, tender.FieldSubmissionDeadline, tender.FieldClientID}
	if !slices.ContainsFunc(fields, func(f string) bool { _, ok := m.Field(f); return ok }) {
		return nil
	}
	// the stored row is read once per mutation and shared by every Old*
	stage, err := m.OldStage(ctx)
	if err != nil || !stage.Closed() {
		return err
	}
	for _, f := range fields {
		v, ok := m.Field(f)
		if !ok {
			continue
		}
		old, err := m.OldField(ctx, f)
		if err != nil {
			return err
		}
		// a form saved with the figures as they are (a title corrected)
		// changes none of them
		if sameText(asText(old), asText(v)) {
			continue
		}
		ref, err := m.OldReference(ctx)
		if err != nil {
			return err
		}
		return Invalid(InputField(f), "tender %s is %s: its figures are kept as they were decided", ref, stage).
			Because(ReasonTenderFiguresKept, "reference", ref, "stage", stage)
	}
	return nil
}

// laneRules checks the lane's tender and rates: the lanes of a decided
// tender are the contract as decided, and stay so.
func laneRules(next ent.Mutator) ent.Mutator {
	return hook.LaneFunc(func(ctx context.Context, m *ent.LaneMutation) (ent.Value, error) {
		tenderID, ok := m.TenderID()
		if !ok && m.Op().Is(ent.OpUpdateOne) {
			old, err := m.OldTenderID(ctx)
			if err != nil {
				return nil, err
			}
			tenderID, ok = old, true
		}
		if ok {
			t, err := ref(ctx, m.Client().Tender.Get, "tenderID", "tender", tenderID)
			if err != nil {
				return nil, err
			}
			if t.Stage.Closed() {
				return nil, Invalid("tenderID", "tender %s is %s: its lanes are kept as they were decided", t.Reference, t.Stage).
					Because(ReasonTenderLanesKept, "reference", t.Reference, "stage", t.Stage)
			}
		}
		return next.Mutate(ctx, m)
	})
}

// MoveTender moves tender id to stage, the one way a tender's stage changes
// (probability, when given, sets its win probability with the move; when
// not, a tender whose probability is still its stage's default takes the
// new stage's: enum.DefaultProbability):
//   - forward only, to a later open stage (stages may be skipped);
//   - WON only from SUBMITTED or NEGOTIATION: a tender is won on a bid;
//   - LOST or WITHDRAWN from any open stage; LOST needs a reason;
//   - nothing leaves WON, LOST or WITHDRAWN.
//
// Reaching SUBMITTED or beyond stamps submittedAt (once); closing stamps
// decidedAt. Each move is appended to the stage history.
func MoveTender(ctx context.Context, c *ent.Client, id int, to enum.TenderStage, lostReason *string, expected *int, probability ...int) (*ent.Tender, error) {
	t, err := tenderToMove(ctx, c, id, expected)
	if err != nil {
		return nil, err
	}
	reason := ""
	if lostReason != nil {
		reason = text.Clean(*lostReason)
	}
	if err := checkText("lostReason", reason, 1000, false); err != nil {
		return nil, err
	}
	if err := checkMove(t, to, reason, lostReason != nil); err != nil {
		return nil, err
	}
	at := calendar.Now().UTC().Truncate(time.Microsecond)
	return Update(ctx, c, "tender", id, &t.Version, func(ctx context.Context) (*ent.Tender, error) {
		u := c.Tender.UpdateOne(t).SetStage(to)
		switch {
		case to.Closed():
		case len(probability) > 0:
			u.SetWinProbability(probability[0])
		case t.WinProbability == t.Stage.DefaultProbability():
			// nobody judged it otherwise: the new stage proposes its own
			u.SetWinProbability(to.DefaultProbability())
		}
		if to.Rank() >= enum.StageSubmitted.Rank() && to != enum.StageLost && to != enum.StageWithdrawn && t.SubmittedAt == nil {
			u.SetSubmittedAt(at)
		}
		if to.Closed() {
			// a decided tender's odds are known: the weighted pipeline
			// then counts it at its real worth
			u.SetDecidedAt(at).SetWinProbability(map[bool]int{true: 100, false: 0}[to == enum.StageWon])
		}
		var note *string
		if to == enum.StageLost {
			u.SetLostReason(reason)
			note = &reason
		}
		moved, err := u.Save(ctx)
		if err != nil {
			return nil, err
		}
		from := t.Stage
		err = c.TenderStageChange.Create().SetTenderID(id).SetFrom(from).SetTo(to).SetAt(at).SetNillableNote(note).SetNillableMovedByID(actorID(ctx)).Exec(ctx)
		return moved, err
	})
}

// tenderToMove loads tender id for a move (or its undo), locked: the move
// decides from what it loads, and nobody may change it meanwhile. The
// viewer must work on it, and it must still be at the expected version.
func tenderToMove(ctx context.Context, c *ent.Client, id int, expected *int) (*ent.Tender, error) {
	t, err := load(ctx, func(ctx context.Context, id int) (*ent.Tender, error) {
		q := c.Tender.Query().Where(tender.ID(id))
		lockedQuery(ctx, Exclusive, tender.Table, []int{id}, func() { q.ForUpdate() }, func() { q.ForShare() })
		return q.Only(ctx)
	}, "tender", id)
	if err != nil {
		return nil, err
	}
	if err := mayWorkOnTender(ctx, c, t); err != nil {
		return nil, err
	}
	if expected != nil && *expected != t.Version {
		return nil, staleVersion("tender", t.Reference, t.Version, *expected)
	}
	return t, nil
}

// checkMove is the tender pipeline's transition rule.
func checkMove(t *ent.Tender, to enum.TenderStage, reason string, reasonGiven bool) error {
	from := t.Stage
	switch {
	case from.Closed():
		return Invalid("stage", "tender %s is %s: nothing leaves WON, LOST or WITHDRAWN", t.Reference, from).
			Because(ReasonTenderDecided, "reference", t.Reference, "stage", from)
	case to == from:
		return Invalid("stage", "tender %s is already %s", t.Reference, from).Because(ReasonTenderAlreadyThere, "reference", t.Reference, "stage", from)
	case to == enum.StageLost && reason == "":
		return Invalid("lostReason", "say why tender %s was lost", t.Reference).Because(ReasonLostReasonNeeded, "reference", t.Reference)
	case to != enum.StageLost && reasonGiven:
		return Invalid("lostReason", "a lost reason belongs only to a move to LOST").Because(ReasonLostReasonOnlyLost)
	case to == enum.StageWon && from != enum.StageSubmitted && from != enum.StageNegotiation:
		return Invalid("stage", "tender %s is %s: a tender is won only after it was SUBMITTED", t.Reference, from).
			Because(ReasonWinBeforeSubmit, "reference", t.Reference, "stage", from)
	case to == enum.StageLost || to == enum.StageWithdrawn:
		return nil
	case to.Rank() < from.Rank():
		return Invalid("stage", "tender %s is %s: tenders move forward only, and %s comes before it", t.Reference, from, to).
			Because(ReasonTenderBackward, "reference", t.Reference, "from", from, "to", to)
	}
	return nil
}

// WeightedValue is the estimated value weighted by the win probability,
// rounded half up to the minor unit (values are never negative).
func WeightedValue(t *ent.Tender) money.Amount {
	return money.Amount((int64(t.EstimatedValue)*int64(t.WinProbability) + 50) / 100)
}

// Moves are the stages the viewer may move the tender to now, by the same
// rules a move is checked by: none for a decided tender or one that is not
// the viewer's to work on; LOST counts as open to a move, its reason being
// asked for with it. The app draws a card's handle and its targets from
// this instead of copying the rules. The client's pair is read from the
// tender's loaded client when the read loaded it (a board of cards then
// costs no statement per card).
func Moves(ctx context.Context, c *ent.Client, t *ent.Tender) ([]enum.TenderStage, error) {
	if t.Stage.Closed() {
		return []enum.TenderStage{}, nil
	}
	if ok, err := allowed(mayMove(ctx, c, t)); err != nil || !ok {
		if err != nil {
			return nil, err
		}
		return []enum.TenderStage{}, nil
	}
	out := []enum.TenderStage{}
	for _, s := range enum.TenderStages {
		if s != t.Stage && checkMove(t, s, "-", s == enum.StageLost) == nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// mayMove is mayWorkOnTender, with the client's account manager taken from
// the loaded edge when it holds one: a read selects only the client's
// fields it asks for, so an empty one may only be unread, and the rule
// then reads it.
func mayMove(ctx context.Context, c *ent.Client, t *ent.Tender) error {
	v := ViewerFrom(ctx)
	if v != nil && v.Is(enum.RoleAccountManager) && t.OwnerID != v.ID {
		if cl := t.Edges.Client; cl != nil && cl.ID == t.ClientID && cl.AccountManagerID != nil {
			if isID(cl.AccountManagerID, v.ID) {
				return nil
			}
			return Forbidden("only the tender's owner, the client's account manager or an administrator works on this tender").Because(ReasonNotYourTender)
		}
	}
	return mayWorkOnTender(ctx, c, t)
}
