// Command reasons writes the reasons of every refusal the server gives
// (rule.Reasons) as a JSON list, for the app: its test fails when one has
// no message in either language. go generate runs it.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/freightgraph/freightgraph/ent/rule"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: reasons frontend/src/i18n/reasons.json")
		os.Exit(2)
	}
	out, err := json.MarshalIndent(rule.Reasons, "", "  ")
	if err == nil {
		err = os.WriteFile(os.Args[1], append(out, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "reasons:", err)
		os.Exit(1)
	}
}
