import { useRef, useState } from 'react';
import { ChangedNote, useWatch } from '../api/watch';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TenderStage } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { Empty, NotFound, Problems, recordGate } from '../layout/states';
import { DecisionDialog } from '../pipeline/DecisionDialog';
import { useMoveTender } from '../pipeline/moves';
import { isClosed, urgency, urgencyClock } from '../pipeline/stages';
import { LaneForm } from './LaneForm';
import { nodes } from '../api/nodes';
import { History } from '../layout/History';
import { Truncated } from '../layout/paging';

export const TenderPageQuery = graphql(`
  query TenderPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Tender {
        id version reference title stage estimatedValue currency winProbability weightedValue moves viewerCanEdit
        submissionDeadline submittedAt decidedAt lostReason
        client { id name accountManagerID }
        owner { id name }
        lanes(first: 500, orderBy: [{field: CREATED_AT}]) {
          totalCount
          edges { node { ...LaneRow } }
        }
        stageHistory(first: 200, orderBy: [{field: AT, direction: DESC}]) {
          totalCount
          edges { node { id from to at note movedBy { id name } } }
        }
      }
    }
  }
`);

export function TenderPage() {
  const { t, plural, money, percent, dateTime, number, timeZone } = useI18n();
  const { id = '' } = useParams();
  const [q, refetch] = useQuery({ query: TenderPageQuery, variables: { id } });
  const changedBy = useWatch('tender', id, () => refetch({ requestPolicy: 'network-only' }));
  const [move, moveTender] = useMoveTender(() => refetch({ requestPolicy: 'network-only' }));
  const [to, setTo] = useState<TenderStage | ''>('');
  const [deciding, setDeciding] = useState<TenderStage | null>(null);
  const moveSelect = useRef<HTMLSelectElement>(null);
  // the lane being edited, by ID: the form edits it as the page now holds it
  const [lane, setLane] = useState<string | null>(null);
  const [moved, setMoved] = useState('');
  const tender = q.data?.node?.__typename === 'Tender' ? q.data.node : null;
  useTitle(tender ? t('tender.title', { reference: tender.reference }) : null);

  const gate = recordGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return gate;
  if (!tender) return <NotFound />;
  const works = tender.viewerCanEdit;
  // the lanes of a decided tender are the contract as decided
  const editLanes = works && !isClosed(tender.stage);
  const u = urgency(tender.stage, tender.submissionDeadline, urgencyClock(timeZone));
  const lanes = nodes(tender.lanes);
  const history = nodes(tender.stageHistory);

  async function doMove(stage: TenderStage, lostReason?: string) {
    setMoved('');
    if (!(await moveTender(tender!, stage, lostReason))) {
      setTo('');
      setMoved(t('pipeline.moved', { reference: tender!.reference, stage: t(`stage.${stage}`) }));
    }
  }

  return (
    <article className="page tender">
      <p className="crumbs"><Link to="/pipeline">{t('nav.pipeline')}</Link></p>
      <ChangedNote name={changedBy} />
      <div className="page-head">
        <h1>{t('tender.title', { reference: tender.reference })}</h1>
        {works && <Link className="button" to={`/tenders/${tender.id}/edit`}>{t('tender.edit')}</Link>}
      </div>
      <p className="lead">{tender.title}</p>
      <dl className="details">
        <div><dt>{t('tender.stage')}</dt><dd><span className={`stage-pill ${tender.stage}`} data-testid="tender-stage">{t(`stage.${tender.stage}`)}</span></dd></div>
        <div><dt>{t('tender.client')}</dt><dd><Link to={`/clients/${tender.client.id}`}>{tender.client.name}</Link></dd></div>
        <div><dt>{t('tender.owner')}</dt><dd>{tender.owner.name}</dd></div>
        <div><dt>{t('tender.value')}</dt><dd>{money(tender.estimatedValue, tender.currency)}</dd></div>
        <div><dt>{t('card.probability')}</dt><dd>{percent(tender.winProbability)}</dd></div>
        <div><dt>{t('tender.weighted')}</dt><dd>{money(tender.weightedValue, tender.currency)}</dd></div>
        <div>
          <dt>{t('tender.deadline')}</dt>
          <dd>{dateTime(tender.submissionDeadline)} {u && <span className={`badge ${u}`}>{t(`card.${u}`)}</span>}</dd>
        </div>
        {tender.submittedAt && <div><dt>{t('tender.submittedAt')}</dt><dd>{dateTime(tender.submittedAt)}</dd></div>}
        {tender.decidedAt && <div><dt>{t('tender.decidedAt')}</dt><dd>{dateTime(tender.decidedAt)}</dd></div>}
        {tender.lostReason && <div><dt>{t('tender.lostReason')}</dt><dd>{tender.lostReason}</dd></div>}
      </dl>

      {works && isClosed(tender.stage) && <p className="hint panel">{t('tender.closed')}</p>}
      {tender.moves.length > 0 && (
        <section aria-labelledby="move-title" className="panel">
          <h2 id="move-title">{t('tender.moveTitle')}</h2>
          <form className="inline-form" onSubmit={(e) => {
            e.preventDefault();
            if (!to) return;
            if (isClosed(to)) setDeciding(to);
            else void doMove(to);
          }}>
            <label>
              <span>{t('card.moveTo')}</span>
              <select ref={moveSelect} value={to} onChange={(e) => setTo(e.target.value as TenderStage)}>
                <option value="">…</option>
                {tender.moves.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
              </select>
            </label>
            <button type="submit" disabled={!to || move.fetching}>{move.fetching ? t('pipeline.moving') : t('card.move')}</button>
          </form>
          <Problems error={move.error} />
          {moved && <p role="status" className="ok">{moved}</p>}
        </section>
      )}
      {deciding && <DecisionDialog reference={tender.reference} to={deciding}
        onCancel={() => { setDeciding(null); moveSelect.current?.focus(); }}
        onConfirm={(reason) => { setDeciding(null); void doMove(deciding, reason); }} />}

      <section aria-labelledby="lanes-title">
        <div className="section-head">
          <h2 id="lanes-title">{t('tender.lanes')} <span className="count">{tender.lanes.totalCount}</span></h2>
          {editLanes && lane === null && <button type="button" onClick={() => setLane('new')}>{t('lane.add')}</button>}
        </div>
        {lane !== null && editLanes && (lane === 'new' || lanes.some((l) => l.id === lane)) && (
          <LaneForm key={lane} tenderID={tender.id} lane={lanes.find((l) => l.id === lane) ?? null} currency={tender.currency}
            onDone={() => setLane(null)} reload={() => refetch({ requestPolicy: 'network-only' })} />
        )}
        <Truncated shown={lanes.length} total={tender.lanes.totalCount} />
        {lanes.length === 0 ? <Empty>{t('tender.noLanes')}</Empty> : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('lane.route', { origin: t('lane.origin'), destination: t('lane.destination') })}</th>
                  <th scope="col">{t('lane.mode')}</th>
                  <th scope="col" className="num">{t('lane.volume')}</th>
                  <th scope="col" className="num">{t('lane.target')}</th>
                  <th scope="col" className="num">{t('lane.offered')}</th>
                  {editLanes && <th scope="col"><span className="visually-hidden">{t('lane.actions')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {lanes.map((l) => (
                  <tr key={l.id} data-testid="lane-row">
                    <th scope="row">{t('lane.route', { origin: l.origin, destination: l.destination })}</th>
                    <td>{t(`mode.${l.mode}`)}</td>
                    <td className="num">{number(l.yearlyVolume)} {plural(`unit.${l.volumeUnit}`, l.yearlyVolume)}</td>
                    <td className="num">{l.targetRate ? money(l.targetRate, l.currency) : t('none')}</td>
                    <td className="num">{l.offeredRate ? money(l.offeredRate, l.currency) : t('none')}</td>
                    {editLanes && (
                      <td><button type="button" className="link" onClick={() => setLane(l.id)}
                        aria-label={t('lane.edit', { origin: l.origin, destination: l.destination })}>{t('edit')}</button></td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('tender.history')}</h2>
        <Truncated shown={history.length} total={tender.stageHistory.totalCount} />
        {history.length === 0 ? <Empty>{t('tender.noHistory')}</Empty> : (
          <ol className="history" data-testid="stage-history">
            {history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.at}>{dateTime(h.at)}</time>{' '}
                {h.from ? <span>{t(`stage.${h.from}`)} → <strong>{t(`stage.${h.to}`)}</strong></span>
                  : <span>{t('tender.created', { stage: t(`stage.${h.to}`) })}</span>}
                {' · '}<span className="by">{h.movedBy ? t('tender.historyBy', { name: h.movedBy.name }) : t('tender.historySystem')}</span>
                {h.note && <p className="note">{h.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <History id={tender.id} version={tender.version} />
    </article>
  );
}
