package rule_test

import (
	"fmt"
	"testing"

	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// Who may stand in a client's pair: for each side, every role, working
// here or gone. Only an active manager of the side's own role.
func TestClientPairTable(t *testing.T) {
	w := newWorld(t)
	roles := []enum.ManagerRole{enum.RoleAdmin, enum.RoleAccountManager, enum.RoleOperationsManager, enum.RoleAnalyst}
	sides := []struct {
		field string
		role  enum.ManagerRole
	}{{"accountManagerID", enum.RoleAccountManager}, {"operationsManagerID", enum.RoleOperationsManager}}
	n := 0
	for _, side := range sides {
		for _, role := range roles {
			for _, active := range []bool{true, false} {
				n++
				name := fmt.Sprintf("%s: %s, active %v", side.field, role, active)
				m := w.manager(fmt.Sprintf("Менеджер %d", n), role)
				if !active {
					if err := w.client.Manager.UpdateOne(m).SetActive(false).Exec(w.system()); err != nil {
						t.Fatal(err)
					}
				}
				create := w.client.Customer.Create().SetName(fmt.Sprintf("ООО «Пара %d»", n)).SetCountry("RU").SetCity("Тверь")
				update := w.client.Customer.UpdateOne(w.customer)
				if side.field == "accountManagerID" {
					create.SetAccountManagerID(m.ID)
					update.SetAccountManagerID(m.ID)
				} else {
					create.SetOperationsManagerID(m.ID)
					update.SetOperationsManagerID(m.ID)
				}
				_, createErr := create.Save(w.system())
				updateErr := update.Exec(w.system())
				for op, err := range map[string]error{"create": createErr, "update": updateErr} {
					want := role == side.role && active
					if want {
						if err != nil {
							t.Errorf("%s (%s): refused: %v", name, op, err)
						}
						continue
					}
					if re, ok := rule.As(err); !ok || re.Code != rule.CodeBadInput || re.Field != side.field {
						t.Errorf("%s (%s): got %v, want a refusal of %s", name, op, err, side.field)
					}
				}
			}
		}
	}
}

// The last active administrator can neither leave nor change role; with a
// second one (active: an inactive one does not count) either may.
func TestLastAdministratorRemains(t *testing.T) {
	w := newWorld(t)
	demote := func() error { return w.client.Manager.UpdateOne(w.admin).SetRole(enum.RoleAnalyst).Exec(w.system()) }
	leave := func() error { return w.client.Manager.UpdateOne(w.admin).SetActive(false).Exec(w.system()) }
	refused := func(name, field string, err error) {
		t.Helper()
		if re, ok := rule.As(err); !ok || re.Code != rule.CodeBadInput || re.Field != field {
			t.Errorf("%s: got %v, want a refusal of %s", name, err, field)
		}
	}
	refused("the only administrator changes role", "role", demote())
	refused("the only administrator leaves", "active", leave())
	gone := w.manager("Бывший администратор", enum.RoleAdmin)
	if err := w.client.Manager.UpdateOne(gone).SetActive(false).Exec(w.system()); err != nil {
		t.Fatal(err)
	}
	refused("beside an inactive administrator", "role", demote())
	w.manager("Второй администратор", enum.RoleAdmin)
	if err := leave(); err != nil {
		t.Fatalf("beside another active administrator, leaving: %v", err)
	}
}
