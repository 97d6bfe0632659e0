package rule

import (
	"strings"
	"time"
)

// InputField turns a column name such as "account_manager_id" into the name
// of its GraphQL input field, "accountManagerID".
func InputField(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] == "id" {
			parts[i] = "ID"
		} else if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// stamp writes a time into a message the way the API serves times: UTC,
// RFC 3339.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
