import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { SignInPage } from './auth/SignIn';
import { useSession } from './auth/session';
import { Shell } from './layout/Shell';
import { Loading, NotFound } from './layout/states';
import { PipelinePage } from './pipeline/PipelinePage';
import { TenderPage } from './tenders/TenderPage';
import { NewTenderPage, EditTenderPage } from './tenders/TenderForm';
import { ClientsPage } from './clients/ClientsPage';
import { ClientPage } from './clients/ClientPage';
import { EditClientPage, NewClientPage } from './clients/ClientForm';
import { AssignmentsPage } from './shipments/AssignmentsPage';
import { ShipmentPage } from './shipments/ShipmentPage';
import { EditShipmentPage, NewShipmentPage } from './shipments/ShipmentForm';
import { CarrierPage, CarriersPage } from './carriers/CarriersPage';
import { MatrixPage } from './matrix/MatrixPage';
import { AccountPage } from './account/AccountPage';
import { ManagersPage } from './managers/ManagersPage';
import { ManagerPage } from './managers/ManagerPage';
import { AuditPage } from './audit/AuditPage';

// GraphiQL and its editor are megabytes: fetched only when the explorer opens
const ExplorerPage = lazy(() => import('./explorer/ExplorerPage'));
// so are the charts: fetched only when the dashboards open
const DashboardsPage = lazy(() => import('./dashboards/DashboardsPage'));

/** Screens behind sign-in: without a viewer, sign-in, then back here. */
function RequireViewer() {
  const { status, signedOut } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'out') {
    // whoever signs in after a sign-out starts afresh, not on the last one's page
    if (signedOut) return <Navigate to="/sign-in" replace />;
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Shell />;
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<RequireViewer />}>
        <Route index element={<Navigate to="/pipeline" replace />} />
        <Route path="pipeline" element={<PipelinePage />} />
        <Route path="tenders/new" element={<NewTenderPage />} />
        <Route path="tenders/:id" element={<TenderPage />} />
        <Route path="tenders/:id/edit" element={<EditTenderPage />} />
        <Route path="clients" element={<ClientsPage />} />
        <Route path="clients/new" element={<NewClientPage />} />
        <Route path="clients/:id" element={<ClientPage />} />
        <Route path="clients/:id/edit" element={<EditClientPage />} />
        <Route path="shipments" element={<AssignmentsPage />} />
        <Route path="shipments/new" element={<NewShipmentPage />} />
        <Route path="shipments/:id" element={<ShipmentPage />} />
        <Route path="shipments/:id/edit" element={<EditShipmentPage />} />
        <Route path="carriers" element={<CarriersPage />} />
        <Route path="carriers/:id" element={<CarrierPage />} />
        <Route path="matrix" element={<MatrixPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="managers" element={<ManagersPage />} />
        <Route path="managers/:id" element={<ManagerPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="explorer" element={<Suspense fallback={<Loading />}><ExplorerPage /></Suspense>} />
        <Route path="dashboards" element={<Suspense fallback={<Loading />}><DashboardsPage /></Suspense>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
