import { useState } from 'react';
import { ChangedNote, useWatch } from '../api/watch';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { countryName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { Empty, NotFound, recordGate } from '../layout/states';
import { urgency, urgencyClock } from '../pipeline/stages';
import { ContactForm } from './ContactForm';
import { PairMember } from './PairMember';
import { Feedback } from './Feedback';
import { FeedbackForm } from './FeedbackForm';
import { ShipmentTable } from '../shipments/AssignmentsPage';
import { nodes } from '../api/nodes';
import { History } from '../layout/History';
import { Pager, prefixed, Truncated, usePage } from '../layout/paging';

export const ClientPageQuery = graphql(`
  query ClientPage($id: ID!, $tFirst: Int, $tAfter: Cursor, $tLast: Int, $tBefore: Cursor,
                   $sFirst: Int, $sAfter: Cursor, $sLast: Int, $sBefore: Cursor,
                   $fFirst: Int, $fAfter: Cursor, $fLast: Int, $fBefore: Cursor) {
    node(id: $id) {
      __typename
      ... on Client {
        id version name industry country city status
        viewerCan { edit addTender addShipment reassign }
        accountManager { id name email active }
        operationsManager { id name email active }
        contacts(first: 200, orderBy: [{field: NAME}]) { totalCount edges { node { ...ContactRow } } }
        tenders(first: $tFirst, after: $tAfter, last: $tLast, before: $tBefore, orderBy: [{field: SUBMISSION_DEADLINE, direction: DESC}]) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { node { id reference title stage estimatedValue currency winProbability submissionDeadline } }
        }
        satisfaction { recentAverage recentCount recentLowest previousAverage previousCount unhappy }
        isRegular
        health { score satisfaction keptPromises margin activity }
        feedbacks(first: $fFirst, after: $fAfter, last: $fLast, before: $fBefore, orderBy: [{field: RECEIVED_AT, direction: DESC}]) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { node { id score comment receivedAt } }
        }
        shipments(first: $sFirst, after: $sAfter, last: $sLast, before: $sBefore, orderBy: [{field: PLANNED_PICKUP, direction: DESC}]) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { node { ...ShipmentRow } }
        }
        late: shipments(where: {isLate: true, statusIn: [PLANNED, BOOKED, IN_TRANSIT]}) { totalCount }
      }
    }
  }
`);

const healthParts = ['satisfaction', 'keptPromises', 'margin', 'activity'] as const;

/**
 * What the health score is made of (the server weighs the parts, 0 to 1):
 * each part, and which had no data and so were left out of the score.
 */
function HealthParts({ h }: { h: Record<(typeof healthParts)[number], number | null | undefined> }) {
  const { t, number } = useI18n();
  return (
    <ul className="health-parts" aria-label={t('health.parts')} data-testid="health-parts">
      {healthParts.map((p) => (
        <li key={p} className={h[p] == null ? 'muted' : undefined}>
          {t(`health.${p}`)}: {h[p] == null ? t('health.noData') : `${number(Math.round(100 * h[p]!))}/100`}
        </li>
      ))}
    </ul>
  );
}

export function ClientPage() {
  const { t, plural, money, percent, number, date, locale, timeZone } = useI18n();
  const { id = '' } = useParams();
  // each list pages on its own, its page in the URL (?shipments-after=…)
  const tPage = usePage(25, 'tenders-');
  const sPage = usePage(50, 'shipments-');
  const fPage = usePage(24, 'feedback-');
  const [q, refetch] = useQuery({
    query: ClientPageQuery,
    variables: { id, ...prefixed('t', tPage), ...prefixed('s', sPage), ...prefixed('f', fPage) },
  });
  const changedBy = useWatch('client', id, () => refetch({ requestPolicy: 'network-only' }));
  // the contact being edited, by ID: the form edits it as the page now holds it
  const [contact, setContact] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const c = q.data?.node?.__typename === 'Client' ? q.data.node : null;
  useTitle(c?.name);
  const gate = recordGate(q, () => refetch({ requestPolicy: 'network-only' }));
  if (gate) return gate;
  if (!c) return <NotFound />;
  const mine = c.viewerCan.edit;
  const clock = urgencyClock(timeZone);
  const contacts = nodes(c.contacts);
  const tenders = nodes(c.tenders);
  const shipments = nodes(c.shipments);
  const feedbacks = nodes(c.feedbacks);
  return (
    <article className="page client">
      <p className="crumbs"><Link to="/clients">{t('nav.clients')}</Link></p>
      <ChangedNote name={changedBy} />
      <div className="page-head">
        <h1>{c.name}</h1>
        {mine && <Link className="button" to={`/clients/${c.id}/edit`}>{t('client.edit')}</Link>}
      </div>
      <p className="standing" data-testid="client-standing">
        {c.isRegular ? t('client.regular') : t('client.notRegular')}
        {' · '}{c.health.score == null ? t('client.noHealth') : t('client.health', { score: number(c.health.score) })}
      </p>
      <HealthParts h={c.health} />
      {(c.satisfaction.unhappy || c.late.totalCount > 0) && (
        <ul className="signs" aria-label={t('client.signs')}>
          {c.satisfaction.unhappy && (
            <li className="sign unhappy" data-testid="sign-unhappy">
              {t('client.unhappyLead', { lowest: c.satisfaction.recentLowest ?? '', average: c.satisfaction.recentAverage?.toFixed(1) ?? '' })}
            </li>
          )}
          {c.late.totalCount > 0 && (
            <li className="sign late" data-testid="sign-late">
              <Link to={`/shipments?list=late&client=${c.id}&mine=0`}>{plural('client.lateShipments', c.late.totalCount).replace('{n}', String(c.late.totalCount))}</Link>
            </li>
          )}
        </ul>
      )}
      <dl className="details">
        <div><dt>{t('client.status')}</dt><dd>{t(`status.${c.status}`)}</dd></div>
        <div><dt>{t('client.industry')}</dt><dd>{c.industry || t('none')}</dd></div>
        <div><dt>{t('client.city')}</dt><dd>{[c.city, countryName(c.country, locale)].filter(Boolean).join(', ')}</dd></div>
        <div><dt>{t('client.am')}</dt><dd data-testid="client-am"><PairMember m={c.accountManager} /></dd></div>
        <div><dt>{t('client.om')}</dt><dd data-testid="client-om"><PairMember m={c.operationsManager} /></dd></div>
      </dl>

      <section aria-labelledby="contacts-title">
        <div className="section-head">
          <h2 id="contacts-title">{t('client.contacts')}</h2>
          {mine && contact === null && <button type="button" onClick={() => setContact('new')}>{t('contact.add')}</button>}
        </div>
        <Truncated shown={contacts.length} total={c.contacts.totalCount} />
        {mine && contact !== null && (contact === 'new' || contacts.some((p) => p.id === contact)) && (
          <ContactForm key={contact} clientID={c.id} contact={contacts.find((p) => p.id === contact) ?? null}
            onDone={() => setContact(null)} reload={() => refetch({ requestPolicy: 'network-only' })} />
        )}
        {contacts.length === 0 ? <Empty>{t('client.noContacts')}</Empty> : (
          <ul className="contacts">
            {contacts.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>{p.position && <span>, {p.position}</span>}
                {p.email && <> · <a href={`mailto:${p.email}`}>{p.email}</a></>}
                {p.phone && <> · <a href={`tel:${p.phone}`}>{p.phone}</a></>}
                {mine && <>{' '}<button type="button" className="link" onClick={() => setContact(p.id)} aria-label={t('contact.edit', { name: p.name })}>{t('edit')}</button></>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="tenders-title">
        <div className="section-head">
          <h2 id="tenders-title">{t('client.tenders')} <span className="count">{c.tenders.totalCount}</span></h2>
          {/* tenders go on a client only by its account manager (or an administrator) */}
          {c.viewerCan.addTender && (
            <Link className="button" to={`/tenders/new?client=${c.id}`}>{t('client.newTender')}</Link>
          )}
        </div>
        {tenders.length === 0 ? <Empty>{t('client.noTenders')}</Empty> : (<>
          <Pager page={tPage} total={c.tenders.totalCount} shown={tenders.length} info={c.tenders.pageInfo} label={t('client.tenderPages')} />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('tender.reference')}</th>
                  <th scope="col">{t('tender.name')}</th>
                  <th scope="col">{t('tender.stage')}</th>
                  <th scope="col" className="num">{t('card.value')}</th>
                  <th scope="col" className="num">{t('card.probability')}</th>
                  <th scope="col">{t('card.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {tenders.map((x) => {
                  const u = urgency(x.stage, x.submissionDeadline, clock);
                  return (
                    <tr key={x.id}>
                      <th scope="row"><Link to={`/tenders/${x.id}`}>{x.reference}</Link></th>
                      <td>{x.title}</td>
                      <td><span className={`stage-pill ${x.stage}`}>{t(`stage.${x.stage}`)}</span></td>
                      <td className="num">{money(x.estimatedValue, x.currency)}</td>
                      <td className="num">{percent(x.winProbability)}</td>
                      <td>{date(x.submissionDeadline)} {u && <span className={`badge ${u}`}>{t(`card.${u}`)}</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>)}
      </section>

      <section aria-labelledby="shipments-title">
        <h2 id="shipments-title">{t('client.shipments')} <span className="count">{c.shipments.totalCount}</span></h2>
        {shipments.length === 0 ? <Empty>{t('client.noShipments')}</Empty>
          : (<>
            <Pager page={sPage} total={c.shipments.totalCount} shown={shipments.length} info={c.shipments.pageInfo} label={t('client.shipmentPages')} />
            <ShipmentTable rows={shipments} list="in-transit" reload={() => refetch({ requestPolicy: 'network-only' })} />
          </>)}
      </section>

      <Feedback satisfaction={c.satisfaction} items={feedbacks} total={c.feedbacks.totalCount}
        action={mine && (recording
          ? <FeedbackForm clientID={c.id} shipments={shipments} onDone={() => { setRecording(false); refetch({ requestPolicy: 'network-only' }); }} />
          : <button type="button" onClick={() => setRecording(true)}>{t('feedback.add')}</button>)}
        pager={<Pager page={fPage} total={c.feedbacks.totalCount} shown={feedbacks.length} info={c.feedbacks.pageInfo} label={t('client.feedbackPages')} />} />
      <History id={c.id} version={c.version} />
    </article>
  );
}
