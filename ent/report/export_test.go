package report

// The write path's own statements, for the plan tests (plans_test.go).
var (
	ExceptionsByCarrierSQL = exceptionsByCarrierSQL
	ExtremesSQL            = extremesSQL
	UpsertTotalSQL         = upsertTotal
)
