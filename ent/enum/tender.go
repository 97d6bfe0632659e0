package enum

import (
	"io"
	"slices"
)

// TenderStage is where a tender stands in the account manager's pipeline.
type TenderStage string

// Tender stages, in pipeline order; the last three close the tender.
const (
	StageIdentified  TenderStage = "IDENTIFIED"
	StageQualifying  TenderStage = "QUALIFYING"
	StagePreparing   TenderStage = "PREPARING"
	StageSubmitted   TenderStage = "SUBMITTED"
	StageNegotiation TenderStage = "NEGOTIATION"
	StageWon         TenderStage = "WON"
	StageLost        TenderStage = "LOST"
	StageWithdrawn   TenderStage = "WITHDRAWN"
)

// TenderStages lists every stage in pipeline order.
var TenderStages = []TenderStage{StageIdentified, StageQualifying, StagePreparing, StageSubmitted, StageNegotiation, StageWon, StageLost, StageWithdrawn}

// Values lists the stages for ent.
func (TenderStage) Values() []string { return strs(TenderStages) }

// ClosedStages are the stages of a decided tender: nothing leaves them.
var ClosedStages = []TenderStage{StageWon, StageLost, StageWithdrawn}

// Closed reports whether the tender is decided.
func (s TenderStage) Closed() bool { return slices.Contains(ClosedStages, s) }

// defaultProbability is the win probability, in percent, that reaching a
// stage proposes: the company's rule of thumb, used while nobody has judged
// a tender otherwise (a decided tender's is 100 or 0, always).
var defaultProbability = map[TenderStage]int{
	StageIdentified: 10, StageQualifying: 20, StagePreparing: 35, StageSubmitted: 50,
	StageNegotiation: 70, StageWon: 100, StageLost: 0, StageWithdrawn: 0,
}

// DefaultProbability is the win probability reaching the stage proposes.
func (s TenderStage) DefaultProbability() int { return defaultProbability[s] }

// Rank is the stage's position in the pipeline.
func (s TenderStage) Rank() int { return slices.Index(TenderStages, s) }

// MarshalGQL writes the stage as a GraphQL enum value.
func (s TenderStage) MarshalGQL(w io.Writer) { write(w, s) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *TenderStage) UnmarshalGQL(v any) (err error) {
	*s, err = parse("TenderStage", v, TenderStages)
	return err
}
