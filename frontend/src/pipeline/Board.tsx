// The pipeline board: a column per stage. A tender moves by dragging its
// card to another column, with the keyboard (Space picks the card up, the
// arrows choose the column, Space drops it, Escape cancels), or with the
// card's "Move to" list, which also works on a phone. The card shows in its
// new column at once; when the server refuses the move, it goes back and
// says why, on the card itself.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { TenderStage } from '../gql/graphql';
import { describe, type Problem } from '../api/errors';
import { useI18n } from '../i18n/i18n';
import { LostReasonDialog } from './LostReasonDialog';
import { stages, urgency } from './stages';

export interface BoardCard {
  id: string;
  version: number;
  reference: string;
  title: string;
  stage: TenderStage;
  estimatedValue: string;
  currency: string;
  winProbability: number;
  submissionDeadline: string;
  client: { id: string; name: string };
  owner: { id: string; name: string };
}

export interface ColumnTotal {
  currency: string;
  count: number;
  value: string;
  weightedValue: string;
}

export interface BoardColumn {
  stage: TenderStage;
  cards: BoardCard[];
  /** How many tenders of the stage match, shown or not. */
  count: number;
  totals: ColumnTotal[];
}

export interface BoardProps {
  columns: BoardColumn[];
  /** Moves a tender; resolves to the server's refusal, or null when done. */
  onMove(card: BoardCard, to: TenderStage, lostReason?: string): Promise<Problem | null>;
  onMore?(stage: TenderStage): void;
  canMove: boolean;
  now?: number;
}

/** A move under way; done once the server took it, until the board shows it. */
interface Pending { id: string; to: TenderStage; done?: boolean }
interface Picked { id: string; over: TenderStage }

export function Board({ columns, onMove, onMore, canMove, now = Date.now() }: BoardProps) {
  const { t } = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dragOver, setDragOver] = useState<TenderStage | null>(null);
  const [askLost, setAskLost] = useState<BoardCard | null>(null);
  const [announce, setAnnounce] = useState('');
  const handles = useRef(new Map<string, HTMLElement>());
  // the card being moved from the keyboard: it changes columns (a new
  // element) while it moves, and the keyboard must stay on it
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (pending?.done) {
      const card = byId.get(pending.id);
      if (!card || card.stage === pending.to) setPending(null);
    }
    const id = refocus.current;
    if (!id) return;
    const el = handles.current.get(id);
    if (el && document.activeElement !== el) el.focus();
    if (!pending) refocus.current = null;
  });
  const stageName = useCallback((s: TenderStage) => t(`stage.${s}`), [t]);

  // each card shows in the column of the stage it is being moved to, then of its stage
  const placed = useMemo(() => {
    const all = columns.flatMap((c) => c.cards);
    const byStage = new Map<TenderStage, BoardCard[]>(stages.map((s) => [s, []]));
    const seen = new Set<string>();
    for (const card of all) {
      if (seen.has(card.id)) continue;
      seen.add(card.id);
      const at = pending?.id === card.id ? pending.to : card.stage;
      byStage.get(at)?.push(card);
    }
    return byStage;
  }, [columns, pending]);

  const byId = useMemo(() => new Map(columns.flatMap((c) => c.cards).map((c) => [c.id, c])), [columns]);

  async function move(card: BoardCard, to: TenderStage, lostReason?: string) {
    if (to === card.stage || pending) return;
    if (to === 'LOST' && lostReason === undefined) {
      setAskLost(card);
      return;
    }
    setRefusals(({ [card.id]: _gone, ...rest }) => rest);
    if (handles.current.get(card.id) === document.activeElement) refocus.current = card.id;
    setPending({ id: card.id, to });
    setAnnounce(t('pipeline.dropped', { reference: card.reference, stage: stageName(to) }));
    const problem = await onMove(card, to, lostReason);
    // refused: back at once; taken: where it went, until the board has it
    setPending(problem ? null : { id: card.id, to, done: true });
    if (problem) {
      const reason = describe(problem, t);
      setRefusals((r) => ({ ...r, [card.id]: reason }));
      setAnnounce(t('pipeline.refused', { reference: card.reference, stage: stageName(card.stage), reason }));
    } else {
      setAnnounce(t('pipeline.moved', { reference: card.reference, stage: stageName(to) }));
    }
  }

  function onHandleKey(e: KeyboardEvent, card: BoardCard) {
    if (!canMove) return;
    const key = e.key;
    if (!picked) {
      if (key === ' ' || key === 'Enter') {
        e.preventDefault();
        setPicked({ id: card.id, over: card.stage });
        setAnnounce(t('pipeline.picked', { reference: card.reference, stage: stageName(card.stage) }));
      }
      return;
    }
    if (picked.id !== card.id) return;
    if (key === 'ArrowRight' || key === 'ArrowLeft') {
      e.preventDefault();
      const i = stages.indexOf(picked.over) + (key === 'ArrowRight' ? 1 : -1);
      const over = stages[Math.max(0, Math.min(stages.length - 1, i))];
      setPicked({ id: card.id, over });
      setAnnounce(t('pipeline.over', { reference: card.reference, stage: stageName(over) }));
    } else if (key === ' ' || key === 'Enter') {
      e.preventDefault();
      setPicked(null);
      if (picked.over === card.stage) setAnnounce(t('pipeline.cancelled', { reference: card.reference }));
      else void move(card, picked.over);
    } else if (key === 'Escape' || key === 'Tab') {
      if (key === 'Escape') e.preventDefault();
      setPicked(null);
      setAnnounce(t('pipeline.cancelled', { reference: card.reference }));
    }
  }

  function onDragStart(e: DragEvent, card: BoardCard) {
    e.dataTransfer.setData('text/plain', card.id);
    e.dataTransfer.effectAllowed = 'move';
  }

  function onDrop(e: DragEvent, stage: TenderStage) {
    e.preventDefault();
    setDragOver(null);
    const card = byId.get(e.dataTransfer.getData('text/plain'));
    if (card) void move(card, stage);
  }

  return (
    <>
      <p id="board-help" className="visually-hidden">{t('pipeline.help')}</p>
      <div className="visually-hidden" role="status" aria-live="assertive" data-testid="board-announcement">{announce}</div>
      <div className="board" role="region" aria-label={t('pipeline.board')}>
        {columns.map((col) => {
          const cards = placed.get(col.stage) ?? [];
          const target = picked?.over === col.stage || dragOver === col.stage;
          const headingId = `col-${col.stage}`;
          return (
            <section key={col.stage} className={`column${target ? ' target' : ''}`} aria-labelledby={headingId}
              data-stage={col.stage} data-testid={`column-${col.stage}`}
              onDragOver={canMove ? (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; setDragOver(col.stage); } : undefined}
              onDragLeave={canMove ? (e) => { if (!e.currentTarget.contains(e.relatedTarget as Node)) setDragOver(null); } : undefined}
              onDrop={canMove ? (e) => onDrop(e, col.stage) : undefined}>
              <header>
                <h2 id={headingId}>{stageName(col.stage)} <span className="count">{col.count}</span></h2>
                <Totals totals={col.totals} stage={col.stage} />
              </header>
              {cards.length === 0 ? <p className="column-empty">{t('pipeline.empty')}</p> : (
                <ul>
                  {cards.map((card) => (
                    <li key={card.id}>
                      <Card card={card} now={now} canMove={canMove}
                        moving={pending?.id === card.id} picked={picked?.id === card.id}
                        refusal={refusals[card.id]}
                        onDismiss={() => setRefusals(({ [card.id]: _gone, ...rest }) => rest)}
                        handleRef={(el) => { if (el) handles.current.set(card.id, el); else handles.current.delete(card.id); }}
                        onHandleKey={(e) => onHandleKey(e, card)}
                        onDragStart={(e) => onDragStart(e, card)}
                        onDragEnd={() => setDragOver(null)}
                        onMoveTo={(s) => void move(card, s)} />
                    </li>
                  ))}
                </ul>
              )}
              {onMore && col.count > col.cards.length && (
                <button type="button" className="more" onClick={() => onMore(col.stage)}>
                  {t('pipeline.more', { n: Math.min(50, col.count - col.cards.length) })}
                </button>
              )}
            </section>
          );
        })}
      </div>
      {askLost && (
        <LostReasonDialog reference={askLost.reference}
          onCancel={() => { const c = askLost; setAskLost(null); handles.current.get(c.id)?.focus(); }}
          onConfirm={(reason) => {
            const c = askLost;
            setAskLost(null);
            refocus.current = c.id;
            void move(c, 'LOST', reason);
          }} />
      )}
    </>
  );
}

function Totals({ totals, stage }: { totals: ColumnTotal[]; stage: TenderStage }) {
  const { t, wholeMoney: money } = useI18n();
  if (totals.length === 0) return null;
  return (
    <dl className="totals" aria-label={t('pipeline.totals', { stage: t(`stage.${stage}`) })}>
      {totals.map((x) => (
        <div key={x.currency} data-testid={`total-${stage}-${x.currency}`}>
          <dt>{money(x.value, x.currency)}</dt>
          <dd>{t('pipeline.weighted', { amount: money(x.weightedValue, x.currency) })}</dd>
        </div>
      ))}
    </dl>
  );
}

interface CardProps {
  card: BoardCard;
  now: number;
  canMove: boolean;
  moving: boolean;
  picked: boolean;
  refusal?: string;
  onDismiss(): void;
  handleRef(el: HTMLElement | null): void;
  onHandleKey(e: KeyboardEvent): void;
  onDragStart(e: DragEvent): void;
  onDragEnd(): void;
  onMoveTo(stage: TenderStage): void;
}

function Card({ card, now, canMove, moving, picked, refusal, onDismiss, handleRef, onHandleKey, onDragStart, onDragEnd, onMoveTo }: CardProps) {
  const { t, wholeMoney: money, percent, date } = useI18n();
  const u = urgency(card.stage, card.submissionDeadline, now);
  const value = money(card.estimatedValue, card.currency);
  const label = t('card.label', {
    reference: card.reference, client: card.client.name, value,
    probability: percent(card.winProbability), deadline: date(card.submissionDeadline),
  });
  return (
    <article className={`card${moving ? ' moving' : ''}${picked ? ' picked' : ''}${refusal ? ' refused' : ''}`}
      data-testid={`card-${card.reference}`} data-tender-id={card.id}
      draggable={canMove && !moving} onDragStart={onDragStart} onDragEnd={onDragEnd} aria-busy={moving}>
      <div className="card-head">
        <Link to={`/tenders/${card.id}`} className="ref">{card.reference}</Link>
        {canMove && (
          <span ref={handleRef} role="button" tabIndex={0} className="handle" aria-label={`${t('card.move')}: ${label}`}
            aria-describedby="board-help" aria-pressed={picked} onKeyDown={onHandleKey} data-testid="move-handle">⠿</span>
        )}
      </div>
      <p className="title">{card.title}</p>
      <p className="client">{card.client.name}</p>
      <dl className="facts">
        <div><dt className="visually-hidden">{t('card.value')}</dt><dd className="value">{value}</dd></div>
        <div>
          <dt className="visually-hidden">{t('card.probability')}</dt>
          <dd className="chance" title={t('card.probability')}>{percent(card.winProbability)}</dd>
        </div>
        <div>
          <dt className="visually-hidden">{t('card.deadline')}</dt>
          <dd className={`due ${u ?? ''}`} title={t('card.deadline')}>
            {t('card.dueOn', { date: date(card.submissionDeadline) })}
            {u && <span className={`badge ${u}`}>{t(`card.${u}`)}</span>}
          </dd>
        </div>
      </dl>
      {moving && <p className="moving-note" aria-hidden="true">{t('pipeline.moving')}</p>}
      {refusal && (
        <div className="refusal" role="alert">
          <p>{refusal}</p>
          <button type="button" className="link" onClick={onDismiss}>{t('pipeline.dismiss')}</button>
        </div>
      )}
      {canMove && (
        <select className="move-to" value="" disabled={moving} onChange={(e) => e.target.value && onMoveTo(e.target.value as TenderStage)}
          aria-label={`${t('card.moveTo')}: ${card.reference}`}>
          <option value="">{t('card.moveTo')}…</option>
          {stages.filter((s) => s !== card.stage).map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
        </select>
      )}
    </article>
  );
}
