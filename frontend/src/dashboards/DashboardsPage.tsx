// The dashboards: the manual's model made measurable, for every role. The
// charts (recharts) are heavy, so this page is its own chunk, fetched only
// when it opens (App.tsx).
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useTitle } from '../layout/title';
import { BadCompromises } from './BadCompromises';
import { CarrierOnTime } from './CarrierOnTime';
import { ManagerScorecard } from './ManagerScorecard';
import { regularMonths, scorecardWindow } from './months';
import { PipelineByStage } from './PipelineByStage';
import { RegularClients } from './RegularClients';
import { WinRate } from './WinRate';

export default function DashboardsPage() {
  const { t } = useI18n();
  useTitle(t('dash.title'));
  // "now" is fixed for the visit: the months asked for must not change under the charts
  const [now] = useState(() => Date.now());
  const regular = regularMonths(now);
  const carriers = scorecardWindow(now);
  return (
    <section className="page dashboards-page">
      <div className="page-head"><h1>{t('dash.title')}</h1></div>
      <p className="lead">{t('dash.lead')}</p>
      <div className="dashboards">
        <RegularClients from={regular.from} to={regular.to} />
        <WinRate />
        <PipelineByStage />
        <ManagerScorecard thisYear={new Date(now).getUTCFullYear()} />
        <BadCompromises />
        <CarrierOnTime {...carriers} />
      </div>
    </section>
  );
}
