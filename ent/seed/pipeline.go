package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
)

// stageMix is how the demo's tenders spread over the pipeline.
var stageMix = []struct {
	stage enum.TenderStage
	share float64
}{
	{enum.StageIdentified, 0.10}, {enum.StageQualifying, 0.10}, {enum.StagePreparing, 0.10},
	{enum.StageSubmitted, 0.12}, {enum.StageNegotiation, 0.10}, {enum.StageWon, 0.25},
	{enum.StageLost, 0.18}, {enum.StageWithdrawn, 0.05},
}

func (g *gen) stage() enum.TenderStage {
	r := g.r.Float64()
	for _, m := range stageMix {
		if r < m.share {
			return m.stage
		}
		r -= m.share
	}
	return enum.StageWon
}

// path is the sequence of stages a tender went through to reach stage.
func (g *gen) path(stage enum.TenderStage) []enum.TenderStage {
	end := stage
	if stage.Closed() {
		switch stage {
		case enum.StageWon:
			end = []enum.TenderStage{enum.StageSubmitted, enum.StageNegotiation}[g.pick(2)]
		default:
			end = enum.TenderStages[g.pick(5)]
		}
	}
	var p []enum.TenderStage
	for _, s := range enum.TenderStages[:end.Rank()+1] {
		if s == enum.StageQualifying && g.r.Float64() < 0.3 {
			continue // small tenders skip qualification
		}
		p = append(p, s)
	}
	if stage.Closed() {
		p = append(p, stage)
	}
	return p
}

type tenderPlan struct {
	b     *ent.TenderCreate
	lanes []*ent.LaneCreate
	moves []enum.TenderStage
	times []time.Time
	owner int
	cl    *clientPlan
	won   bool
}

func (g *gen) tenders(ctx context.Context) error {
	var plans []*tenderPlan
	var active []*clientPlan
	for _, c := range g.clients {
		if c.Status != enum.ClientLost || g.r.Float64() < 0.3 {
			active = append(active, c)
		}
	}
	seq := map[int]int{}
	for i := 0; i < g.size.Tenders; i++ {
		cl := active[g.pick(len(active))]
		stage := g.stage()
		var created time.Time
		if stage.Closed() {
			created = g.monthsAgo(3 + g.r.Float64()*float64(g.size.Months-3))
		} else {
			created = g.monthsAgo(g.r.Float64() * 4)
		}
		moves := g.path(stage)
		times := make([]time.Time, len(moves))
		span := g.now.Sub(created)
		if stage.Closed() {
			span = time.Duration(float64(span) * (0.2 + g.r.Float64()*0.5))
		}
		for j := range moves {
			times[j] = created.Add(span * time.Duration(j) / time.Duration(len(moves))).Truncate(time.Minute)
		}
		owner := g.ams[i%(len(g.ams)-1)].ID
		if cl.AccountManagerID != nil && g.ams[len(g.ams)-1].ID != *cl.AccountManagerID {
			owner = *cl.AccountManagerID
		}
		seq[created.Year()]++
		currency := cl.currency
		if currency == enum.CNY {
			currency = enum.USD
		}
		var value float64
		var laneBuilders []*ent.LaneCreate
		for k := range 1 + g.pick(4) {
			spec := lanes[(cl.lanes[0]+k*5)%len(lanes)]
			volume := 12 * (2 + g.pick(40))
			target := float64(spec.base) * (0.85 + g.r.Float64()*0.2)
			offered := float64(spec.base) * (0.9 + g.r.Float64()*0.25)
			value += offered * float64(volume)
			unit := enum.UnitLoad
			if spec.mode == enum.ModeSea || spec.mode == enum.ModeMultimodal {
				unit = enum.UnitTEU
			}
			lb := g.tx.Lane.Create().SetOrigin(spec.origin).SetDestination(spec.destination).SetMode(spec.mode).
				SetYearlyVolume(volume).SetVolumeUnit(unit).SetCurrency(currency).
				SetTargetRate(amount(target, currency)).SetCreatedAt(created).SetUpdatedAt(created)
			if moves[len(moves)-1].Rank() >= enum.StagePreparing.Rank() || len(moves) > 2 {
				lb.SetOfferedRate(amount(offered, currency))
			}
			laneBuilders = append(laneBuilders, lb)
		}
		b := g.tx.Tender.Create().
			SetReference(fmt.Sprintf("T-%d-%04d", created.Year(), seq[created.Year()])).
			SetTitle(tenderTitles[g.pick(len(tenderTitles))]).
			SetClientID(cl.ID).SetOwnerID(owner).SetStage(stage).
			SetEstimatedValue(amount(value, currency)).SetCurrency(currency).
			SetWinProbability(stage.DefaultProbability()).
			SetSubmissionDeadline(created.AddDate(0, 0, 20+g.pick(50)).Truncate(24 * time.Hour).Add(15 * time.Hour)).
			SetCreatedAt(created).SetUpdatedAt(times[len(times)-1])
		if !stage.Closed() && g.r.Float64() < 0.25 {
			// some open tenders are due this week or already overdue
			b.SetSubmissionDeadline(g.now.AddDate(0, 0, g.pick(10)-3).Truncate(24 * time.Hour).Add(15 * time.Hour))
		}
		for j, s := range moves {
			if s == enum.StageSubmitted || (j > 0 && s.Rank() > enum.StageSubmitted.Rank() && !s.Closed() && moves[j-1].Rank() < enum.StageSubmitted.Rank()) {
				b.SetSubmittedAt(times[j])
			}
		}
		if stage.Closed() {
			b.SetDecidedAt(times[len(times)-1])
		}
		if stage == enum.StageLost {
			b.SetLostReason(lostReasons[g.pick(len(lostReasons))])
		}
		plans = append(plans, &tenderPlan{b: b, lanes: laneBuilders, moves: moves, times: times, owner: owner, cl: cl, won: stage == enum.StageWon})
	}
	var stageChanges []*ent.TenderStageChangeCreate
	var laneBuilders []*ent.LaneCreate
	for start := 0; start < len(plans); start += 1000 {
		batch := plans[start:min(start+1000, len(plans))]
		builders := make([]*ent.TenderCreate, len(batch))
		for i, p := range batch {
			builders[i] = p.b
		}
		ts, err := g.tx.Tender.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return fmt.Errorf("tenders: %w", err)
		}
		for i, t := range ts {
			p := batch[i]
			if p.won {
				p.cl.wonTenders = append(p.cl.wonTenders, t)
			}
			for _, lb := range p.lanes {
				laneBuilders = append(laneBuilders, lb.SetTenderID(t.ID))
			}
			for j, s := range p.moves {
				sc := g.tx.TenderStageChange.Create().SetTenderID(t.ID).SetTo(s).SetAt(p.times[j]).SetMovedByID(p.owner)
				if j > 0 {
					sc.SetFrom(p.moves[j-1])
				}
				if s == enum.StageLost && t.LostReason != nil {
					sc.SetNote(*t.LostReason)
				}
				stageChanges = append(stageChanges, sc)
			}
		}
		g.sum.Tenders += len(ts)
	}
	var err error
	if g.sum.Lanes, err = bulk(ctx, laneBuilders, 2000, func(b []*ent.LaneCreate) (int, error) {
		ls, err := g.tx.Lane.CreateBulk(b...).Save(ctx)
		return len(ls), err
	}); err != nil {
		return fmt.Errorf("lanes: %w", err)
	}
	if g.sum.StageChanges, err = bulk(ctx, stageChanges, 3000, func(b []*ent.TenderStageChangeCreate) (int, error) {
		ss, err := g.tx.TenderStageChange.CreateBulk(b...).Save(ctx)
		return len(ss), err
	}); err != nil {
		return fmt.Errorf("stage history: %w", err)
	}
	return nil
}
