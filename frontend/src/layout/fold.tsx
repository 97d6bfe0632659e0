// On a phone the filters of a list fold away until asked for, so that the
// list comes first; the button says when some are set. At wider widths
// the button is not shown and the filters always are (styles.css).
import { useI18n } from '../i18n/i18n';

export function FoldButton({ open, onToggle, controls, active }: {
  open: boolean; onToggle: () => void;
  /** The id of the filters' form. */
  controls: string;
  /** Whether any filter is set. */
  active: boolean;
}) {
  const { t } = useI18n();
  return (
    <button type="button" className="filters-toggle" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      {t('pipeline.filters')}{active && ` (${t('pipeline.filtersOn')})`}
    </button>
  );
}
