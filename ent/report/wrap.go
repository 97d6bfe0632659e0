package report

import (
	"strings"

	entsql "entgo.io/ent/dialect/sql"
)

// around makes a query's own selection the innermost table of a larger
// statement, for figures that take more than one level of grouping. It is
// given to the query as its last order option: ent applies order options
// after the query's predicates, the viewer's access rules among them, so
// the inner selection is complete when it is wrapped. The outer statement
// is text in which {inner} stands for that selection; it holds no values
// but integers the caller formats, so every argument stays an argument.
func around(text string, inner func(s *entsql.Selector)) func(*entsql.Selector) {
	return func(s *entsql.Selector) {
		in := s.Clone()
		inner(in)
		before, after, _ := strings.Cut(text, "{inner}")
		*s = *entsql.Dialect(s.Dialect()).SelectExpr(entsql.Raw("*")).
			FromExpr(entsql.ExprFunc(func(b *entsql.Builder) {
				b.WriteString("(" + before + "(").Join(in).WriteString(")" + after + ") AS outer_figures")
			}))
	}
}

// exprf is SQL text whose each ? is the next of args, written as the
// dialect's placeholder ($n on PostgreSQL).
func exprf(text string, args ...any) entsql.Querier {
	return entsql.ExprFunc(func(b *entsql.Builder) {
		parts := strings.Split(text, "?")
		for i, p := range parts {
			b.WriteString(p)
			if i < len(parts)-1 {
				b.Arg(args[i])
			}
		}
	})
}
