package rule

import (
	"context"

	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/savedquery"
	"github.com/freightgraph/freightgraph/ent/text"
)

// Saved explorer queries belong to one manager: every read is narrowed to
// the viewer's own, and every write must be on the viewer's own.
var (
	ownSavedQueries = queryRule(func(ctx context.Context, q ent.Query) error {
		v := ViewerFrom(ctx)
		if v == nil {
			return ErrSignIn
		}
		q.(*ent.SavedQueryQuery).Where(savedquery.OwnerID(v.ID))
		return privacy.Allow
	})
	ownSavedQuery = privacy.MutationRuleFunc(func(ctx context.Context, mu ent.Mutation) error {
		v := ViewerFrom(ctx)
		if v == nil {
			return ErrSignIn
		}
		m := mu.(*ent.SavedQueryMutation)
		if m.Op().Is(ent.OpCreate) {
			if owner, _ := m.OwnerID(); owner != v.ID {
				return Forbidden("saved queries are personal: you save your own").Because(ReasonPersonal)
			}
			return privacy.Allow
		}
		id, ok := m.ID()
		if !ok || !m.Op().Is(ent.OpUpdateOne|ent.OpDeleteOne) {
			return Forbidden("saved queries are changed one at a time").Because(ReasonNotThisWay)
		}
		// a delete passes no read rule, so ownership is asked here
		mine, err := m.Client().SavedQuery.Query().Where(savedquery.ID(id), savedquery.OwnerID(v.ID)).Exist(ctx)
		if err != nil {
			return err
		}
		if !mine {
			return NotFound("saved query", id)
		}
		return privacy.Allow
	})
)

// MaxSavedQueries bounds how many queries one manager keeps: with each at
// most schema.MaxSavedQueryBytes, what one person stores stays small, and
// listing them pages (savedQueries is a connection).
const MaxSavedQueries = 200

// SaveQuery keeps a query under a name for the viewer, replacing the one
// already saved under that name: saving again is how an analyst updates it.
// A new name past MaxSavedQueries is refused.
func SaveQuery(ctx context.Context, c *ent.Client, name, query, variables string) (*ent.SavedQuery, error) {
	v := ViewerFrom(ctx)
	if v == nil {
		return nil, ErrSignIn
	}
	name = text.Clean(name) // as the write will store it
	if err := checkText("name", name, 100, true); err != nil {
		return nil, err
	}
	// two saves at once must not both see room for one more
	if err := Lock(ctx, c, Exclusive, manager.Table, v.ID); err != nil {
		return nil, err
	}
	old, err := c.SavedQuery.Query().Where(savedquery.Name(name)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		kept, err := c.SavedQuery.Query().Count(ctx)
		if err != nil {
			return nil, err
		}
		if kept >= MaxSavedQueries {
			return nil, Invalid("name", "you keep %d saved queries, the most one person may: delete one you no longer use, or save over one by its name", kept).Because(ReasonTooManySavedQueries, "n", kept)
		}
		return c.SavedQuery.Create().SetOwnerID(v.ID).SetName(name).SetQuery(query).SetVariables(variables).Save(ctx)
	case err != nil:
		return nil, err
	}
	return old.Update().SetQuery(query).SetVariables(variables).Save(ctx)
}

// DeleteSavedQuery deletes one of the viewer's saved queries.
func DeleteSavedQuery(ctx context.Context, c *ent.Client, id int) error {
	err := c.SavedQuery.DeleteOneID(id).Exec(ctx)
	if ent.IsNotFound(err) {
		return NotFound("saved query", id)
	}
	return err
}
