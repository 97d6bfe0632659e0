/** The nodes of a connection, leaving out the null edges and nodes GraphQL allows. */
export function nodes<T>(c: { edges?: ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  return (c?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
}
