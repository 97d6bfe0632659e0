import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TenderChangesSubscription, TenderStage } from '../gql/graphql';
import { ClientSelect } from '../forms/ClientSelect';
import { useViewer } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { liveParams, useUrlText } from '../layout/url';
import { Empty, LoadError, Loading } from '../layout/states';
import { Board, type BoardCard, type BoardColumn } from './Board';
import { useMoveTender, useUndoTenderMove, type Moved } from './moves';
import { TenderChanges } from './live';
import { useChangedBy, useFollowed, useLiveList, type LiveChange } from '../api/liveList';
import { useToast } from '../layout/toast';
import { FoldButton } from '../layout/fold';
import { describe } from '../api/errors';
import { dueChoices, inStage, noFilters, readFilters, toWhere, writeFilters, type Filters } from './filters';
import { stages } from './stages';
import { nodes } from '../api/nodes';

graphql(`
  fragment PipelineCard on Tender {
    id version reference title stage estimatedValue currency winProbability submissionDeadline moves
    client { id name accountManagerID }
    owner { id name }
  }
`);

// One request for the whole board: a page of each column (the open stages
// by deadline, soonest first; the decided ones latest deadline first, which
// no later edit reorders) and the totals of every card the filters select,
// shown or not.
export const PipelineQuery = graphql(`
  query Pipeline(
    $identified: TenderWhereInput!, $qualifying: TenderWhereInput!, $preparing: TenderWhereInput!,
    $submitted: TenderWhereInput!, $negotiation: TenderWhereInput!, $won: TenderWhereInput!,
    $lost: TenderWhereInput!, $withdrawn: TenderWhereInput!, $all: TenderWhereInput!,
    $nIdentified: Int!, $nQualifying: Int!, $nPreparing: Int!, $nSubmitted: Int!,
    $nNegotiation: Int!, $nWon: Int!, $nLost: Int!, $nWithdrawn: Int!
  ) {
    identified: tenders(where: $identified, first: $nIdentified, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }
    qualifying: tenders(where: $qualifying, first: $nQualifying, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }
    preparing: tenders(where: $preparing, first: $nPreparing, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }
    submitted: tenders(where: $submitted, first: $nSubmitted, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }
    negotiation: tenders(where: $negotiation, first: $nNegotiation, orderBy: [{field: SUBMISSION_DEADLINE}]) { totalCount edges { node { ...PipelineCard } } }
    won: tenders(where: $won, first: $nWon, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }
    lost: tenders(where: $lost, first: $nLost, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }
    withdrawn: tenders(where: $withdrawn, first: $nWithdrawn, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) { totalCount edges { node { ...PipelineCard } } }
    tenderTotals(where: $all) { stage currency count value weightedValue }
  }
`);

const pageSize = 50;
// a decision stands: its move is not taken back
const closed: TenderStage[] = ['WON', 'LOST', 'WITHDRAWN'];
type Alias = 'identified' | 'qualifying' | 'preparing' | 'submitted' | 'negotiation' | 'won' | 'lost' | 'withdrawn';
const alias = (s: TenderStage) => s.toLowerCase() as Alias;
const countVar = (s: TenderStage) => ('n' + s[0] + s.slice(1).toLowerCase()) as `n${string}`;

export function PipelinePage() {
  const i18n = useI18n();
  const { t, timeZone, number } = i18n;
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [shown, setShown] = useState<Partial<Record<TenderStage, number>>>({});
  const [showFilters, setShowFilters] = useState(false);
  // "today" is fixed for the visit: a filter must not change under the board
  const [now] = useState(() => Date.now());
  const where = useMemo(() => toWhere(filters, viewer.id, timeZone, now),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filters.mine, filters.client, filters.due, filters.q, viewer.id, timeZone, now]);
  const variables = useMemo(() => {
    const v: Record<string, unknown> = { all: where };
    for (const s of stages) {
      v[alias(s)] = inStage(where, s);
      v[countVar(s)] = shown[s] ?? pageSize;
    }
    return v as Parameters<typeof useQuery<unknown, typeof v>>[0]['variables'];
  }, [where, shown]);
  const [board, refetch] = useQuery({ query: PipelineQuery, variables: variables as never });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const toast = useToast();
  const moved = useRef(new Map<string, Moved>());
  const remember = useCallback((m: Moved) => { moved.current.set(m.id, m); }, []);
  const [, move] = useMoveTender(reload, remember);
  const undoMove = useUndoTenderMove();
  // a move said once it is done, with the step back while the domain
  // allows it (a decided tender stays decided)
  const onMove = useCallback(async (card: BoardCard, to: TenderStage, lostReason?: string) => {
    const problem = await move(card, to, lostReason);
    const now = moved.current.get(card.id);
    if (problem || !now) return problem;
    const from = card.stage;
    toast({
      text: t('toast.moved', { reference: card.reference, stage: t(`stage.${to}`) }),
      undo: !closed.includes(to) ? async () => {
        const back = await undoMove(now);
        toast(back ? { text: describe(back, i18n), problem: true }
          : { text: t('toast.movedBack', { reference: card.reference, stage: t(`stage.${from}`) }) });
        reload();
      } : undefined,
    });
    return null;
  }, [move, undoMove, toast, t, i18n, reload]);
  // who else changed what, marked on the cards for a minute
  const [changed, mark] = useChangedBy(viewer.id);

  // a choice is a step back can return to; typing in the search box is not
  const set = useCallback((change: Partial<Filters>, step = true) => {
    setParams(writeFilters({ ...readFilters(liveParams()), ...change }), { replace: !step });
    setShown({});
  }, [setParams]);
  const [q, setQ] = useUrlText(filters.q, (text) => set({ q: text }, false));

  const fresh: BoardColumn[] | null = useMemo(() => {
    const d = board.data;
    if (!d) return null;
    return stages.map((stage) => {
      const conn = d[alias(stage)];
      return {
        stage,
        cards: nodes(conn),
        count: conn.totalCount,
        totals: d.tenderTotals.filter((x) => x.stage === stage),
      };
    });
  }, [board.data]);
  // while other filters load, the board keeps what it showed
  const last = useRef<BoardColumn[] | null>(null);
  if (fresh) last.current = fresh;
  const columns = fresh ?? last.current;

  const total = columns?.reduce((n, c) => n + c.count, 0) ?? 0;
  const follow = useFollowed(columns?.flatMap((c) => c.cards.map((x) => x.id)) ?? []);
  const liveVars = useMemo(() => ({ where, follow }), [where, follow]);
  // a card that a change took out of this view says where it went
  const onLive = useCallback((c: LiveChange) => {
    mark(c);
    const x = c as TenderChangesSubscription['tenderChanged'];
    // one's own move is told by its own toast
    if (x.matches || !x.tender || x.by?.id === viewer.id) return;
    toast({ text: t('live.leftView', { reference: x.tender.reference, stage: t(`stage.${x.tender.stage}`), owner: x.tender.owner.name }) });
  }, [mark, toast, t, viewer.id]);
  useLiveList(TenderChanges, (d) => d.tenderChanged, liveVars, reload, onLive);
  const can = viewer.can;
  useTitle(t('pipeline.title'));

  return (
    <section className="page pipeline">
      <div className="page-head">
        <h1>{t('pipeline.title')}</h1>
        {can.createTender && <Link className="button primary" to="/tenders/new">{t('nav.newTender')}</Link>}
      </div>
      {/* on a phone the filters fold away until asked for: the board first */}
      <FoldButton open={showFilters} onToggle={() => setShowFilters((x) => !x)} controls="pipeline-filters" active={!noFilters(filters)} />
      <form id="pipeline-filters" className={`filters foldable${showFilters ? ' open' : ''}`} role="search" aria-label={t('pipeline.filters')} onSubmit={(e) => e.preventDefault()}>
        {/* tenders are owned by account managers: "mine" means nothing to others */}
        {viewer.role === 'ACCOUNT_MANAGER' && (
          <label className="check">
            <input type="checkbox" checked={filters.mine} onChange={(e) => set({ mine: e.target.checked })} />
            {t('pipeline.mine')}
          </label>
        )}
        <label>
          <span>{t('pipeline.client')}</span>
          <ClientSelect value={filters.client} onChange={(client) => set({ client })} anyLabel={t('pipeline.anyClient')} />
        </label>
        <label>
          <span>{t('pipeline.due')}</span>
          <select value={filters.due || ''} onChange={(e) => set({ due: Number(e.target.value) || 0 })}>
            <option value="">{t('pipeline.anyDue')}</option>
            {[...new Set([...dueChoices, ...(filters.due ? [filters.due] : [])])].sort((a, b) => a - b)
              .map((n) => <option key={n} value={n}>{t('pipeline.dueDays', { n })}</option>)}
          </select>
        </label>
        <label className="grow">
          <span>{t('pipeline.search')}</span>
          <input type="search" value={q} placeholder={t('pipeline.searchHint')} onChange={(e) => setQ(e.target.value)} />
        </label>
        {!noFilters(filters) && <button type="button" className="link" onClick={() => { setQ(''); set({ mine: false, client: '', due: 0, q: '' }); }}>{t('pipeline.clear')}</button>}
      </form>
      {board.error && !columns ? <LoadError error={board.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        : !columns ? <Loading />
        : (
          <>
            {total === 0 && <Empty>{t('pipeline.emptyAll')}</Empty>}
            <p className="summary" aria-live="polite">{t('pipeline.count', { n: number(total) })}{board.fetching && <span className="spinner small" aria-hidden="true" />}</p>
            {board.error && <LoadError error={board.error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
            <Board columns={columns} onMove={onMove} changed={changed} canMove={(card) => card.moves.length > 0} now={now}
              onMore={(s) => setShown((x) => ({ ...x, [s]: (x[s] ?? pageSize) + pageSize }))} />
          </>
        )}
    </section>
  );
}
