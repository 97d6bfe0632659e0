import { useClientChoices } from './clientChoices';

/** A choice of client by name, for filters; empty means any client. */
export function ClientSelect({ value, onChange, anyLabel }: { value: string; onChange: (id: string) => void; anyLabel: string }) {
  const { choices, finder } = useClientChoices(value);
  return (
    <>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {/* a client named by a link before the names arrive keeps its place */}
        {value && !choices.some((c) => c.id === value) && <option value={value}>…</option>}
        {choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
      {/* after the select: a label around both names its first control */}
      {finder}
    </>
  );
}
