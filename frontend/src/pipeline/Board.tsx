// The pipeline board: a column per stage. A tender moves by dragging its
// card to another column, with the keyboard (Space picks the card up, the
// arrows choose the column, Space drops it, Escape cancels), or with the
// card's "Move to" list, which also works on a phone. The card shows in its
// new column at once; when the server refuses the move, it goes back and
// says why, on the card itself.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { PipelineCardFragment, PipelineQuery, TenderStage } from '../gql/graphql';
import { describe, type Problem } from '../api/errors';
import { useI18n } from '../i18n/i18n';
import { DecisionDialog } from './DecisionDialog';
import { isClosed, stages, urgency, urgencyClock, type Clock } from './stages';

/** A card: the fields of the PipelineCard fragment (PipelinePage.tsx), as generated. */
export type BoardCard = PipelineCardFragment;

/** A column's totals in one currency, as tenderTotals gives them. */
export type ColumnTotal = Pick<PipelineQuery['tenderTotals'][number], 'currency' | 'count' | 'value' | 'weightedValue'>;

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
  /** Cards someone else changed a moment ago, and who. */
  changed?: Record<string, { name: string; moved: boolean }>;
  onMore?(stage: TenderStage): void;
  /** Whether the viewer may move this card (the server decides each move). */
  canMove(card: BoardCard): boolean;
  now?: number;
}

/**
 * A move under way, from the card's version. Once the server took it (done),
 * the card stays in its new column until the board's data has the move (the
 * stage, or any later version): from then on the data says where it is.
 */
interface Pending { to: TenderStage; from: number; done?: boolean }
interface Picked { id: string; over: TenderStage }

export function Board({ columns, onMove, onMore, canMove, changed = {}, now = Date.now() }: BoardProps) {
  const i18n = useI18n();
  const { t, timeZone } = i18n;
  const [pending, setPending] = useState<Record<string, Pending>>({});
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dragOver, setDragOver] = useState<TenderStage | null>(null);
  const [deciding, setDeciding] = useState<{ card: BoardCard; to: TenderStage } | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  // the controls each card is moved with: its handle and its "Move to" list
  const controls = useRef(new Map<string, HTMLElement>());
  // the control a move started from: the card changes columns (new
  // elements) while it moves, and the keyboard must stay on it
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const settled = Object.entries(pending).filter(([id, p]) => {
      const card = byId.get(id);
      return p.done && (!card || card.stage === p.to || card.version !== p.from);
    });
    if (settled.length > 0) {
      setPending((all) => {
        const rest = { ...all };
        for (const [id] of settled) delete rest[id];
        return rest;
      });
    }
    // the card's controls were rebuilt in its new column: the keyboard goes
    // back to them, unless the person has gone elsewhere meanwhile
    const key = refocus.current;
    if (!key) return;
    const [id] = key.split(':');
    const el = controls.current.get(key) ?? controls.current.get(`${id}:handle`);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (el && lost) el.focus();
    if (!lost || !pending[id]) refocus.current = null;
  });
  const control = (key: string) => (el: HTMLElement | null) => {
    if (el) controls.current.set(key, el);
    else controls.current.delete(key);
  };
  const stageName = useCallback((s: TenderStage) => t(`stage.${s}`), [t]);
  const clock = useMemo(() => urgencyClock(timeZone, now), [timeZone, now]);

  // each card shows in the column of the stage it is being moved to, then of its stage
  const placed = useMemo(() => {
    const all = columns.flatMap((c) => c.cards);
    const byStage = new Map<TenderStage, BoardCard[]>(stages.map((s) => [s, []]));
    const seen = new Set<string>();
    for (const card of all) {
      if (seen.has(card.id)) continue;
      seen.add(card.id);
      const at = pending[card.id]?.to ?? card.stage;
      byStage.get(at)?.push(card);
    }
    return byStage;
  }, [columns, pending]);

  const byId = useMemo(() => new Map(columns.flatMap((c) => c.cards).map((c) => [c.id, c])), [columns]);

  async function move(card: BoardCard, to: TenderStage, confirmed = false, lostReason?: string) {
    if (to === card.stage || !canMove(card)) return;
    if (pending[card.id]) {
      setAnnounce(t('pipeline.stillMoving', { reference: card.reference }));
      return;
    }
    // a decision is asked first; a move the pipeline forbids goes to the
    // server unasked, and its refusal says why
    if (isClosed(to) && card.moves.includes(to) && !confirmed) {
      setDeciding({ card, to });
      return;
    }
    setRefusals(({ [card.id]: _gone, ...rest }) => rest);
    for (const [key, el] of controls.current) {
      if (el === document.activeElement && key.startsWith(card.id + ':')) refocus.current = key;
    }
    setPending((all) => ({ ...all, [card.id]: { to, from: card.version } }));
    setAnnounce(t('pipeline.dropped', { reference: card.reference, stage: stageName(to) }));
    const problem = await onMove(card, to, lostReason);
    // refused: back at once; taken: where it went, until the board has it
    setPending(({ [card.id]: _gone, ...rest }) => (problem ? rest : { ...rest, [card.id]: { to, from: card.version, done: true } }));
    if (problem) {
      const reason = describe(problem, i18n);
      setRefusals((r) => ({ ...r, [card.id]: reason }));
      setAnnounce(t('pipeline.refused', { reference: card.reference, stage: stageName(card.stage), reason }));
    } else {
      setAnnounce(t('pipeline.moved', { reference: card.reference, stage: stageName(to) }));
    }
  }

  function onHandleKey(e: KeyboardEvent, card: BoardCard) {
    if (!canMove(card)) return;
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
    setDragging(card.id);
  }

  function onDrop(e: DragEvent, stage: TenderStage) {
    e.preventDefault();
    setDragOver(null);
    setDragging(null);
    const card = byId.get(e.dataTransfer.getData('text/plain'));
    if (card) void move(card, stage);
  }

  return (
    <>
      <p id="board-help" className="visually-hidden">{t('pipeline.help')}</p>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="board-announcement">{announce}</div>
      {/* on a phone the columns stand one under another: a way to each */}
      <nav className="stage-jump" aria-label={t('pipeline.jump')}>
        {columns.map((col) => (
          <button key={col.stage} type="button" className="link" onClick={() => {
            // a jump, not a step in the history: the heading takes the focus
            const heading = document.getElementById(`col-${col.stage}`);
            heading?.scrollIntoView({ block: 'start' });
            heading?.focus();
          }}>{stageName(col.stage)} <span className="count">{col.count}</span></button>
        ))}
      </nav>
      <div className="board" role="region" aria-label={t('pipeline.board')}>
        {columns.map((col) => {
          const cards = placed.get(col.stage) ?? [];
          const target = picked?.over === col.stage || dragOver === col.stage;
          const headingId = `col-${col.stage}`;
          return (
            <section key={col.stage} id={`column-${col.stage}`} className={`column${target ? ' target' : ''}`} aria-labelledby={headingId}
              data-stage={col.stage} data-testid={`column-${col.stage}`}
              onDragOver={dragging ? (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; setDragOver(col.stage); } : undefined}
              onDragLeave={dragging ? (e) => { if (!e.currentTarget.contains(e.relatedTarget as Node)) setDragOver(null); } : undefined}
              onDrop={dragging ? (e) => onDrop(e, col.stage) : undefined}>
              <header>
                <h2 id={headingId} tabIndex={-1}>{stageName(col.stage)} <span className="count">{col.count}</span></h2>
                <Totals totals={col.totals} stage={col.stage} />
              </header>
              {cards.length === 0 ? <p className="column-empty">{t('pipeline.empty')}</p> : (
                <ul>
                  {cards.map((card) => (
                    <li key={card.id}>
                      <Card card={card} changedBy={changed[card.id]} clock={clock} canMove={canMove(card)}
                        moving={!!pending[card.id] && !pending[card.id].done} picked={picked?.id === card.id}
                        refusal={refusals[card.id]}
                        onDismiss={() => setRefusals(({ [card.id]: _gone, ...rest }) => rest)}
                        handleRef={control(`${card.id}:handle`)} selectRef={control(`${card.id}:select`)}
                        onHandleKey={(e) => onHandleKey(e, card)}
                        onDragStart={(e) => onDragStart(e, card)}
                        onDragEnd={() => { setDragOver(null); setDragging(null); }}
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
      {deciding && (
        <DecisionDialog reference={deciding.card.reference} to={deciding.to}
          onCancel={() => {
            const c = deciding.card;
            setDeciding(null);
            (controls.current.get(`${c.id}:handle`) ?? controls.current.get(`${c.id}:select`))?.focus();
          }}
          onConfirm={(reason) => {
            const { card: c, to } = deciding;
            setDeciding(null);
            refocus.current = controls.current.has(`${c.id}:handle`) ? `${c.id}:handle` : `${c.id}:select`;
            void move(c, to, true, reason);
          }} />
      )}
    </>
  );
}

function Totals({ totals, stage }: { totals: ColumnTotal[]; stage: TenderStage }) {
  const { t, wholeMoney: money } = useI18n();
  if (totals.length === 0) return null;
  // roubles first, the company's own currency; then by code
  const sorted = [...totals].sort((a, b) => Number(a.currency !== 'RUB') - Number(b.currency !== 'RUB') || a.currency.localeCompare(b.currency));
  return (
    <dl className="totals" aria-label={t('pipeline.totals', { stage: t(`stage.${stage}`) })}>
      {sorted.map((x) => (
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
  changedBy?: { name: string; moved: boolean };
  clock: Clock;
  canMove: boolean;
  moving: boolean;
  picked: boolean;
  refusal?: string;
  onDismiss(): void;
  handleRef(el: HTMLElement | null): void;
  selectRef(el: HTMLElement | null): void;
  onHandleKey(e: KeyboardEvent): void;
  onDragStart(e: DragEvent): void;
  onDragEnd(): void;
  onMoveTo(stage: TenderStage): void;
}

function Card({ card, changedBy, clock, canMove, moving, picked, refusal, onDismiss, handleRef, selectRef, onHandleKey, onDragStart, onDragEnd, onMoveTo }: CardProps) {
  const { t, wholeMoney: money, percent, date } = useI18n();
  const u = urgency(card.stage, card.submissionDeadline, clock);
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
      {changedBy && <p className="changed-by" data-testid="changed-by">{t(changedBy.moved ? 'card.movedBy' : 'card.changedBy', { name: changedBy.name })}</p>}
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
      {canMove && card.moves.length > 0 && (
        <select ref={selectRef} className="move-to" value="" disabled={moving} onChange={(e) => e.target.value && onMoveTo(e.target.value as TenderStage)}
          aria-label={`${t('card.moveTo')}: ${card.reference}`}>
          <option value="">{t('card.moveTo')}…</option>
          {card.moves.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
        </select>
      )}
    </article>
  );
}
