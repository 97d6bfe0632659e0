package rule

import (
	"context"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/tenderstagechange"
)

// UndoWindow is how long after a move its maker may take it back: long
// enough for the app's Undo (shown for eight seconds, held while pointed
// at) and a slow network, short enough that it is a mis-click taken back
// and not a change of mind, which moves forward like any other.
const UndoWindow = time.Minute

// UndoTenderMove takes back tender id's last move: the one exception to
// "forward only". Only who made the move, within UndoWindow, between open
// stages (a decision stands: nothing leaves WON, LOST or WITHDRAWN), and
// only while the tender is as the move left it (expected). The step back
// is a stage change of its own: the history is never rewritten. A
// submittedAt the move stamped is cleared with it.
func UndoTenderMove(ctx context.Context, c *ent.Client, id int, expected *int) (*ent.Tender, error) {
	t, err := tenderToMove(ctx, c, id, expected)
	if err != nil {
		return nil, err
	}
	last, err := c.TenderStageChange.Query().Where(tenderstagechange.TenderID(id)).
		Order(ent.Desc(tenderstagechange.FieldAt), ent.Desc(tenderstagechange.FieldID)).First(ctx)
	if ent.IsNotFound(err) || (err == nil && (last.From == nil || last.To != t.Stage)) {
		return nil, Invalid("id", "tender %s has no move to take back", t.Reference).Because(ReasonUndoNothing, "reference", t.Reference)
	}
	if err != nil {
		return nil, err
	}
	v := ViewerFrom(ctx)
	switch {
	case v == nil || last.MovedByID == nil || *last.MovedByID != v.ID:
		return nil, Forbidden("tender %s was last moved by someone else: only who made a move may take it back", t.Reference).
			Because(ReasonUndoNotYours, "reference", t.Reference)
	case t.Stage.Closed():
		return nil, Invalid("id", "tender %s is %s: a decision is not taken back", t.Reference, t.Stage).
			Because(ReasonUndoDecided, "reference", t.Reference, "stage", t.Stage)
	case calendar.Now().Sub(last.At) > UndoWindow:
		return nil, Invalid("id", "tender %s was moved more than %d seconds ago: move it as any other change", t.Reference, int(UndoWindow.Seconds())).
			Because(ReasonUndoTooLate, "reference", t.Reference, "seconds", int(UndoWindow.Seconds()))
	}
	back := *last.From
	at := calendar.Now().UTC().Truncate(time.Microsecond)
	return Update(ctx, c, "tender", id, &t.Version, func(ctx context.Context) (*ent.Tender, error) {
		u := c.Tender.UpdateOne(t).SetStage(back)
		if t.WinProbability == t.Stage.DefaultProbability() && t.WinProbability != back.DefaultProbability() {
			// the move proposed its stage's probability: the step back takes it back too
			u.SetWinProbability(back.DefaultProbability())
		}
		if t.SubmittedAt != nil && t.SubmittedAt.Equal(last.At) {
			u.ClearSubmittedAt()
		}
		moved, err := u.Save(ctx)
		if err != nil {
			return nil, err
		}
		err = c.TenderStageChange.Create().SetTenderID(id).SetFrom(t.Stage).SetTo(back).SetAt(at).SetNillableMovedByID(actorID(ctx)).Exec(ctx)
		return moved, err
	})
}
