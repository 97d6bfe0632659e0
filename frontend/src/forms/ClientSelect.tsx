import { useQuery } from 'urql';
import { ClientNamesQuery } from './choices';
import { nodes } from '../api/nodes';

/** A choice of client by name, for filters; empty means any client. */
export function ClientSelect({ value, onChange, anyLabel }: { value: string; onChange: (id: string) => void; anyLabel: string }) {
  const [res] = useQuery({ query: ClientNamesQuery });
  const clients = nodes(res.data?.clients);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{anyLabel}</option>
      {/* a client named by a link before the names arrive keeps its place */}
      {value && !clients.some((c) => c.id === value) && <option value={value}>…</option>}
      {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
    </select>
  );
}
