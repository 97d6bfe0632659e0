package graph

import (
	"errors"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// inputError turns a figure asked for in a way it cannot be computed into
// a BAD_INPUT error naming the argument.
func inputError(err error) error {
	var in *report.InputError
	if errors.As(err, &in) {
		return rule.Invalid(in.Field, "%s", in.Message)
	}
	return err
}

// monthRange is regularClients' months: the twelve up to this one unless
// asked otherwise, at most ten years of them.
func monthRange(from, to *report.Month, now time.Time) (first, last report.Month, err error) {
	last = calendar.MonthOf(now)
	if to != nil {
		last = *to
	}
	first = last - 11
	if from != nil {
		first = *from
	}
	switch {
	case first > last:
		return 0, 0, rule.Invalid("from", "%s comes after %s", first, last)
	case last-first >= 120:
		return 0, 0, rule.Invalid("from", "at most 120 months at a time, %s to %s is %d", first, last, last-first+1)
	}
	return first, last, nil
}
