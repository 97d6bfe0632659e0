// Moving a tender through the pipeline: the one mutation the board and the
// tender page both send, and what either does with a refusal.
import { useCallback } from 'react';
import { useMutation } from 'urql';
import { problems, type Problem } from '../api/errors';
import { graphql } from '../gql';
import type { TenderStage } from '../gql/graphql';

export const MoveTenderMutation = graphql(`
  mutation MoveTender($id: ID!, $stage: TenderStage!, $lostReason: String, $expectedVersion: Int) {
    moveTender(id: $id, stage: $stage, lostReason: $lostReason, expectedVersion: $expectedVersion) {
      ...PipelineCard
      submittedAt decidedAt lostReason
    }
  }
`);

/** A tender as a move left it: what an Undo moves back from. */
export interface Moved { id: string; version: number }

/**
 * Moves a tender from the version the screen shows; resolves to the
 * server's refusal, or null. When someone else changed or removed the
 * tender meanwhile, reload shows what is there now.
 */
export function useMoveTender(reload: () => void, onMoved?: (moved: Moved) => void) {
  const [state, execute] = useMutation(MoveTenderMutation);
  const move = useCallback(async (t: { id: string; version: number }, to: TenderStage, lostReason?: string): Promise<Problem | null> => {
    const r = await execute({ id: t.id, stage: to, lostReason, expectedVersion: t.version });
    if (!r.error) {
      const m = r.data?.moveTender;
      if (m && onMoved) onMoved({ id: m.id, version: m.version });
      return null;
    }
    const p = problems(r.error);
    if (p.some((x) => x.code === 'CONFLICT' || x.code === 'NOT_FOUND')) reload();
    return p[0];
  }, [execute, reload, onMoved]);
  return [state, move] as const;
}

export const UndoTenderMoveMutation = graphql(`
  mutation UndoTenderMove($id: ID!, $expectedVersion: Int) {
    undoTenderMove(id: $id, expectedVersion: $expectedVersion) {
      ...PipelineCard
      submittedAt decidedAt lostReason
    }
  }
`);

/** Takes back the viewer's last move of a tender; resolves to the refusal, or null. */
export function useUndoTenderMove() {
  const [, execute] = useMutation(UndoTenderMoveMutation);
  return useCallback(async (m: Moved): Promise<Problem | null> => {
    const r = await execute({ id: m.id, expectedVersion: m.version });
    return r.error ? problems(r.error)[0] : null;
  }, [execute]);
}
