package rule

import (
	"regexp"
	"time"
)

// Reason is the stable name of one refusal, served as extensions.reason
// beside extensions.code, with what it is about in extensions.params
// (times in RFC 3339, UTC; stages, statuses and kinds as the API's enum
// values). The server's message stays in English for API users; the app
// says each reason in the viewer's language from the reason and its
// parameters (frontend/src/i18n/messages.ts, "reason.*"), and never has to
// parse a message. Every reason is declared here, by reason(), and nowhere
// else: go generate writes the list for the app
// (frontend/src/i18n/reasons.json), whose test fails when a reason has no
// message in either language.
type Reason string

var (
	// tracking events (shipment.go)
	ReasonEventInFuture        = reason("EVENT_IN_FUTURE")         // at
	ReasonEventOutOfOrder      = reason("EVENT_OUT_OF_ORDER")      // at, lastKind, lastAt
	ReasonEventTooEarly        = reason("EVENT_TOO_EARLY")         // at, plannedPickup
	ReasonEventBeforePickup    = reason("EVENT_BEFORE_PICKUP")     // at, pickup
	ReasonShipmentClosed       = reason("SHIPMENT_CLOSED")         // reference, status
	ReasonExceptionNeedsNote   = reason("EXCEPTION_NEEDS_NOTE")    //
	ReasonEstimateNotRevisable = reason("ESTIMATE_NOT_REVISABLE")  // kind
	ReasonEstimateBeforeEvent  = reason("ESTIMATE_BEFORE_EVENT")   // estimate
	ReasonAssignThroughAssign  = reason("ASSIGN_WITH_ASSIGN")      //
	ReasonBookNotPlanned       = reason("BOOK_NOT_PLANNED")        // reference, status
	ReasonNoCarrier            = reason("NO_CARRIER")              // reference
	ReasonAlreadyPickedUp      = reason("ALREADY_PICKED_UP")       // reference, status
	ReasonDeliveryBeforePickup = reason("DELIVERY_BEFORE_PICKUP")  // reference, status
	ReasonAlreadyInTransit     = reason("ALREADY_IN_TRANSIT")      // reference
	ReasonDeliveryBeforePlan   = reason("PLANNED_DELIVERY_BEFORE") // plannedDelivery, plannedPickup
	// carrier assignments (shipment.go)
	ReasonCarrierInactive     = reason("CARRIER_INACTIVE")         // carrier
	ReasonCarrierMode         = reason("CARRIER_MODE")             // carrier, mode, modes
	ReasonAssignStatus        = reason("ASSIGN_STATUS")            // reference, status
	ReasonCarrierAssigned     = reason("CARRIER_ALREADY_ASSIGNED") // carrier, reference
	ReasonShipmentFrozen      = reason("SHIPMENT_FROZEN")          // reference, status
	ReasonShipmentHasFeedback = reason("SHIPMENT_HAS_FEEDBACK")    // reference
	ReasonTenderNotWon        = reason("TENDER_NOT_WON")           // reference, stage
	// tender moves (tender.go)
	ReasonTenderDecided      = reason("TENDER_DECIDED")     // reference, stage
	ReasonTenderAlreadyThere = reason("TENDER_ALREADY")     // reference, stage
	ReasonLostReasonNeeded   = reason("LOST_REASON_NEEDED") // reference
	ReasonLostReasonOnlyLost = reason("LOST_REASON_ONLY_LOST")
	ReasonWinBeforeSubmit    = reason("WIN_BEFORE_SUBMIT")   // reference, stage
	ReasonTenderBackward     = reason("TENDER_BACKWARD")     // reference, from, to
	ReasonUndoNothing        = reason("UNDO_NOTHING")        // reference
	ReasonUndoNotYours       = reason("UNDO_NOT_YOURS")      // reference
	ReasonUndoTooLate        = reason("UNDO_TOO_LATE")       // reference, seconds
	ReasonUndoDecided        = reason("UNDO_DECIDED")        // reference, stage
	ReasonTenderFiguresKept  = reason("TENDER_FIGURES_KEPT") // reference, stage
	ReasonTenderLanesKept    = reason("TENDER_LANES_KEPT")   // reference, stage
	// any record (update.go, graph/server/errors.go)
	ReasonChangedMeanwhile = reason("CHANGED_MEANWHILE") // record, name
	ReasonNoSuchVersion    = reason("NO_SUCH_VERSION")   // record, name
	ReasonTaken            = reason("TAKEN")             // record, field
	ReasonRaced            = reason("RACED")             //
	// passwords and API tokens (signin.go)
	ReasonPasswordWrong = reason("PASSWORD_WRONG")  //
	ReasonPasswordSame  = reason("PASSWORD_SAME")   //
	ReasonPasswordShort = reason("PASSWORD_SHORT")  // min
	ReasonPasswordLong  = reason("PASSWORD_LONG")   // max
	ReasonPasswordBlank = reason("PASSWORD_BLANK")  //
	ReasonExpiryPast    = reason("EXPIRY_PAST")     // at
	ReasonTooManyTokens = reason("TOO_MANY_TOKENS") // n
	// search (ent/search)
	ReasonSearchTooLong      = reason("SEARCH_TOO_LONG")       // max
	ReasonSearchTooManyWords = reason("SEARCH_TOO_MANY_WORDS") // max
	// feedback (feedback.go)
	ReasonFeedbackInFuture = reason("FEEDBACK_IN_FUTURE")              // at
	ReasonFeedbackShipment = reason("FEEDBACK_OTHER_CLIENTS_SHIPMENT") // reference
	// the matrix and its managers (matrix.go, leaving.go)
	ReasonManagerRole      = reason("MANAGER_ROLE")       // name, role, want
	ReasonManagerInactive  = reason("MANAGER_INACTIVE")   // name
	ReasonManagerHoldsWork = reason("MANAGER_HOLDS_WORK") // role, clients, tenders, shipments
	ReasonLastAdmin        = reason("LAST_ADMIN")         //
	ReasonSuccessorSelf    = reason("SUCCESSOR_SELF")     //
	ReasonNoClients        = reason("NO_CLIENTS")         //
	ReasonTooManyClients   = reason("TOO_MANY_CLIENTS")   // max, n
	ReasonNoNewManager     = reason("NO_NEW_MANAGER")     //
	// who may (access.go): the app offers only what the viewer may (may.go),
	// so these reach a person through the API or a change of rights
	ReasonOnlyAdmin         = reason("ONLY_ADMIN")          //
	ReasonOnlyRole          = reason("ONLY_ROLE")           // role
	ReasonNotYourClient     = reason("NOT_YOUR_CLIENT")     //
	ReasonNotClientsManager = reason("NOT_CLIENTS_MANAGER") // role
	ReasonNotYourTender     = reason("NOT_YOUR_TENDER")     //
	ReasonNotYourShipment   = reason("NOT_YOUR_SHIPMENT")   //
	ReasonYouBringClient    = reason("YOU_BRING_CLIENT")    //
	ReasonOwnPassword       = reason("OWN_PASSWORD")        //
	ReasonPersonal          = reason("PERSONAL")            //
	ReasonNotThisWay        = reason("NOT_THIS_WAY")        //
	// records named by ID, and limits
	ReasonNoSuchRecord        = reason("NO_SUCH_RECORD")         // record
	ReasonTenderOtherClient   = reason("TENDER_OTHER_CLIENT")    // reference
	ReasonCarrierNoModes      = reason("CARRIER_NO_MODES")       //
	ReasonTooManySavedQueries = reason("TOO_MANY_SAVED_QUERIES") // n
	// subscriptions (graph/live.go)
	ReasonTooManyStreams  = reason("TOO_MANY_STREAMS")  // n
	ReasonTooManyFollowed = reason("TOO_MANY_FOLLOWED") // max
)

// Reasons are every reason the server gives, in the order declared.
var Reasons []Reason

var reasonName = regexp.MustCompile(`^[A-Z][A-Z_]*[A-Z]$`)

func reason(name string) Reason {
	if !reasonName.MatchString(name) {
		panic("rule: a reason is written LIKE_THIS: " + name)
	}
	for _, r := range Reasons {
		if string(r) == name {
			panic("rule: reason declared twice: " + name)
		}
	}
	Reasons = append(Reasons, Reason(name))
	return Reason(name)
}

// Because names the refusal's reason and what it is about, as pairs of a
// parameter's name and its value. A time is given in UTC.
func (e *Error) Because(r Reason, params ...any) *Error {
	e.Reason = r
	if len(params) > 0 {
		e.Params = make(map[string]any, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			v := params[i+1]
			switch t := v.(type) {
			case time.Time:
				v = t.UTC()
			case *time.Time:
				if t != nil {
					v = t.UTC()
				}
			}
			e.Params[params[i].(string)] = v
		}
	}
	return e
}
