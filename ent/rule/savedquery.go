package rule

import (
	"context"

	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
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
				return Forbidden("saved queries are personal: you save your own")
			}
			return privacy.Allow
		}
		id, ok := m.ID()
		if !ok || !m.Op().Is(ent.OpUpdateOne|ent.OpDeleteOne) {
			return Forbidden("saved queries are changed one at a time")
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

// SavedQueries lists the viewer's saved queries by name.
func SavedQueries(ctx context.Context, c *ent.Client) ([]*ent.SavedQuery, error) {
	return c.SavedQuery.Query().Order(ent.Asc(savedquery.FieldName), ent.Asc(savedquery.FieldID)).Limit(1000).All(ctx)
}

// SaveQuery keeps a query under a name for the viewer, replacing the one
// already saved under that name: saving again is how an analyst updates it.
func SaveQuery(ctx context.Context, c *ent.Client, name, query, variables string) (*ent.SavedQuery, error) {
	v := ViewerFrom(ctx)
	if v == nil {
		return nil, ErrSignIn
	}
	name = text.Clean(name) // as the write will store it
	if err := checkText("name", name, 100, true); err != nil {
		return nil, err
	}
	old, err := c.SavedQuery.Query().Where(savedquery.Name(name)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
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
