package rule

import "testing"

func TestInputField(t *testing.T) {
	for in, want := range map[string]string{"account_manager_id": "accountManagerID", "name": "name", "win_probability": "winProbability"} {
		if got := InputField(in); got != want {
			t.Errorf("InputField(%q) = %q, want %q", in, got, want)
		}
	}
}
