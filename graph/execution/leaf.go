package execution

import "sync/atomic"

// Leaves lets the executor write a scalar or enum field that is a plain
// struct field of its object (a tender's reference, a lane's mode, an id)
// straight from the value, without the field context, context, closures
// and boxed result gqlgen builds around every field (some ten allocations
// each; such fields are most of a nested read's 6,000). The rewrite
// (./rewrite) applies it only where skipping them changes nothing:
//
//   - the value is read from the object and cannot fail or panic;
//   - no directive wraps the field;
//   - the field's marshaller cannot add an error (none that reports a null
//     for a non-null field or fails on a value: gqlgen's for String, Int,
//     Boolean, our ID, enums and Decimal, and nullable ones that write
//     null for nil), since an error would be reported on the parent's path;
//   - no field interceptor is registered on the server (graph/server:
//     AroundFields would not see these fields).
//
// Off, every field goes through gqlgen's own path: the tests answer the
// same documents both ways (TestLeavesAnswerAsGqlgenDoes).
var Leaves atomic.Bool

func init() { Leaves.Store(true) }
