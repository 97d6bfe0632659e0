package rule_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/ent/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// moves is the pipeline's transition rule written out as a table, apart
// from the code that applies it: the row is where a tender stands, the
// column where it is moved to, in the order of enum.TenderStages:
// IDENTIFIED QUALIFYING PREPARING SUBMITTED NEGOTIATION WON LOST WITHDRAWN.
// "+" is a legal move, "." a refused one. LOST also needs a reason.
var moves = map[enum.TenderStage]string{
	enum.StageIdentified:  ". + + + + . + +",
	enum.StageQualifying:  ". . + + + . + +",
	enum.StagePreparing:   ". . . + + . + +",
	enum.StageSubmitted:   ". . . . + + + +",
	enum.StageNegotiation: ". . . . . + + +",
	enum.StageWon:         ". . . . . . . .",
	enum.StageLost:        ". . . . . . . .",
	enum.StageWithdrawn:   ". . . . . . . .",
}

// legal reads the table.
func legal(from, to enum.TenderStage) bool {
	return strings.Fields(moves[from])[to.Rank()] == "+"
}

// The table itself is checked against the stages, so a stage added to the
// enum cannot pass unnoticed.
func TestMovesTableCoversEveryStage(t *testing.T) {
	if len(moves) != len(enum.TenderStages) {
		t.Fatalf("the table has %d rows for %d stages", len(moves), len(enum.TenderStages))
	}
	for _, from := range enum.TenderStages {
		if n := len(strings.Fields(moves[from])); n != len(enum.TenderStages) {
			t.Fatalf("row %s has %d columns", from, n)
		}
	}
}

// Every move from every stage to every stage, by every kind of viewer, with
// and without a lost reason, through rule.MoveTender on a real database:
// who may move a tender is asked first, then whether the move is legal,
// and a legal move stamps the tender and its history.
func TestMoveTenderTable(t *testing.T) {
	w := newWorld(t)
	viewers := []struct {
		name  string
		ctx   context.Context
		may   bool
		code  rule.Code // the refusal of a viewer who may not
		field string
	}{
		{"admin", w.as(w.admin), true, "", ""},
		{"owner", w.as(w.owner), true, "", ""},
		{"the client's account manager", w.as(w.clientAM), true, "", ""},
		{"another account manager", w.as(w.otherAM), false, rule.CodeForbidden, ""},
		{"an operations manager", w.as(w.om), false, rule.CodeForbidden, ""},
		{"an analyst", w.as(w.analyst), false, rule.CodeForbidden, ""},
		{"nobody", context.Background(), false, rule.CodeUnauthenticated, ""},
	}
	reason := "цена выше, чем у конкурента"
	for _, v := range viewers {
		t.Run(v.name, func(t *testing.T) {
			for _, from := range enum.TenderStages {
				for _, to := range enum.TenderStages {
					for _, withReason := range []bool{false, true} {
						var lost *string
						if withReason {
							lost = &reason
						}
						tender := w.tender(from)
						moved, err := rule.MoveTender(v.ctx, w.client, tender.ID, to, lost, nil)
						name := fmt.Sprintf("%s to %s (reason given: %v)", from, to, withReason)
						// the first thing wrong is the one said: who may,
						// then a decided tender, a move to where it stands,
						// the lost reason, and the move itself
						wantCode, wantField := v.code, v.field
						switch {
						case !v.may:
						case !legal(from, to) && from.Closed():
							wantCode, wantField = rule.CodeBadInput, "stage"
						case !legal(from, to) && to == from:
							wantCode, wantField = rule.CodeBadInput, "stage"
						case to == enum.StageLost && !withReason, to != enum.StageLost && withReason:
							wantCode, wantField = rule.CodeBadInput, "lostReason"
						case !legal(from, to):
							wantCode, wantField = rule.CodeBadInput, "stage"
						}
						if wantCode == "" {
							if err != nil {
								t.Errorf("%s: refused: %v", name, err)
								continue
							}
							w.checkMoved(t, name, tender, moved, to, reason)
							continue
						}
						re, ok := rule.As(err)
						if !ok || re.Code != wantCode || re.Field != wantField || strings.TrimSpace(re.Message) == "" {
							t.Errorf("%s: got %v (%#v), want %s on %q", name, err, re, wantCode, wantField)
						}
						if got := w.stored(tender.ID); got.Stage != from || got.Version != tender.Version {
							t.Errorf("%s: refused, but the tender is now %s version %d", name, got.Stage, got.Version)
						}
					}
				}
			}
		})
	}
}

// world is one client with its pair, another account manager, an analyst
// and an administrator, on a SQLite database of the test's own.
type world struct {
	t                                            *testing.T
	client                                       *ent.Client
	admin, owner, clientAM, otherAM, om, analyst *ent.Manager
	customer                                     *ent.Customer
	tenders, managers                            int
}

func newWorld(t *testing.T) *world {
	st, err := store.Open(context.Background(), storetest.SQLite(t), store.Migrated())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &world{t: t, client: st.Client}
	w.admin = w.manager("Виктор Алексеев", enum.RoleAdmin)
	w.owner = w.manager("Анна Смирнова", enum.RoleAccountManager)
	w.clientAM = w.manager("Дмитрий Волков", enum.RoleAccountManager)
	w.otherAM = w.manager("Елена Козлова", enum.RoleAccountManager)
	w.om = w.manager("Олег Новиков", enum.RoleOperationsManager)
	w.analyst = w.manager("Ирина Павлова", enum.RoleAnalyst)
	w.customer, err = st.Client.Customer.Create().SetName("ООО «Ромашка»").SetCountry("RU").SetCity("Москва").
		SetAccountManagerID(w.clientAM.ID).SetOperationsManagerID(w.om.ID).Save(w.system())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) system() context.Context { return rule.System(context.Background(), "test") }

func (w *world) as(m *ent.Manager) context.Context {
	return rule.WithViewer(context.Background(), &rule.Viewer{ID: m.ID, Name: m.Name, Role: m.Role})
}

func (w *world) manager(name string, role enum.ManagerRole) *ent.Manager {
	w.t.Helper()
	w.managers++
	m, err := w.client.Manager.Create().SetName(name).SetEmail(fmt.Sprintf("manager%d@test.example", w.managers)).SetRole(role).Save(w.system())
	if err != nil {
		w.t.Fatal(err)
	}
	return m
}

// tender is a new tender of the owner's on the client, standing at stage,
// stamped as a tender that got there would be: submitted a week ago once
// past PREPARING (a tender withdrawn or lost before its bid never was).
func (w *world) tender(stage enum.TenderStage) *ent.Tender {
	w.t.Helper()
	w.tenders++
	create := w.client.Tender.Create().SetReference(fmt.Sprintf("T-%d", w.tenders)).SetTitle("Перевозки 2027").
		SetClientID(w.customer.ID).SetOwnerID(w.owner.ID).SetStage(stage).SetEstimatedValue(1_000_000_00).
		SetCurrency(enum.RUB).SetWinProbability(40).SetSubmissionDeadline(calendar.Now().AddDate(0, 1, 0))
	if stage == enum.StageSubmitted || stage == enum.StageNegotiation || stage == enum.StageWon {
		create.SetSubmittedAt(calendar.Now().AddDate(0, 0, -7).UTC().Truncate(time.Second))
	}
	t, err := create.Save(w.system())
	if err != nil {
		w.t.Fatal(err)
	}
	return t
}

func (w *world) stored(id int) *ent.Tender {
	w.t.Helper()
	t, err := w.client.Tender.Get(w.system(), id)
	if err != nil {
		w.t.Fatal(err)
	}
	return t
}

// checkMoved checks what a legal move leaves: the stage, a new version,
// submittedAt from SUBMITTED on, decidedAt and the odds once decided, the
// reason of a loss, and the move in the stage history.
func (w *world) checkMoved(t *testing.T, name string, before, moved *ent.Tender, to enum.TenderStage, reason string) {
	t.Helper()
	got := w.stored(before.ID)
	if moved.Stage != to || got.Stage != to || got.Version != before.Version+1 {
		t.Errorf("%s: stored %s version %d, want %s version %d", name, got.Stage, got.Version, to, before.Version+1)
	}
	// submittedAt is stamped on reaching SUBMITTED, NEGOTIATION or WON, once:
	// a bid withdrawn or lost afterwards keeps the day it was made
	switch {
	case before.SubmittedAt != nil:
		if got.SubmittedAt == nil || !got.SubmittedAt.Equal(*before.SubmittedAt) {
			t.Errorf("%s: submittedAt %v, want it kept at %v", name, got.SubmittedAt, before.SubmittedAt)
		}
	case to == enum.StageSubmitted || to == enum.StageNegotiation || to == enum.StageWon:
		if got.SubmittedAt == nil {
			t.Errorf("%s: not stamped submittedAt", name)
		}
	case got.SubmittedAt != nil:
		t.Errorf("%s: submittedAt %v, never submitted", name, got.SubmittedAt)
	}
	if (got.DecidedAt != nil) != to.Closed() {
		t.Errorf("%s: decidedAt %v", name, got.DecidedAt)
	}
	switch to {
	case enum.StageWon:
		if got.WinProbability != 100 {
			t.Errorf("%s: a won tender's odds are %d", name, got.WinProbability)
		}
	case enum.StageLost, enum.StageWithdrawn:
		if got.WinProbability != 0 {
			t.Errorf("%s: a %s tender's odds are %d", name, to, got.WinProbability)
		}
	default:
		if got.WinProbability != before.WinProbability {
			t.Errorf("%s: an open move changed the odds to %d", name, got.WinProbability)
		}
	}
	if to == enum.StageLost && (got.LostReason == nil || *got.LostReason != reason) {
		t.Errorf("%s: lost reason %v", name, got.LostReason)
	}
	history, err := got.QueryStageHistory().All(w.system())
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 2 || history[1].From == nil || *history[1].From != before.Stage || history[1].To != to {
		t.Errorf("%s: stage history %+v", name, history)
	}
}
