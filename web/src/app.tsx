import type { ComponentChildren } from 'preact';
import { TokenField } from './components/token-field';
import { BatchPage } from './pages/batch';
import { BatchesPage } from './pages/batches';
import { CasesPage } from './pages/cases';
import { CertificatePage, CertificatesPage } from './pages/certificates';
import { FacilitiesPage, FacilityPage } from './pages/facilities';
import { FederationPage } from './pages/federation';
import { FindingPage } from './pages/finding';
import { FindingsPage } from './pages/findings';
import { NotFoundPage } from './pages/not-found';
import { OrganizationPage, OrganizationsPage } from './pages/organizations';
import { OverviewPage } from './pages/overview';
import { PipelinePage } from './pages/pipeline';
import { RiskPage } from './pages/risk';
import { ScenarioPage } from './pages/scenario';
import { VerifyPage } from './pages/verify';
import { href, type Route, useRoute } from './router';

const SECTIONS: readonly { section: string; label: string }[] = [
  { section: '', label: 'Overview' },
  { section: 'batches', label: 'Batches' },
  { section: 'organizations', label: 'Organisations' },
  { section: 'facilities', label: 'Facilities' },
  { section: 'certificates', label: 'Certificates' },
  { section: 'risk', label: 'Risk' },
  { section: 'findings', label: 'Findings' },
  { section: 'cases', label: 'Cases' },
  { section: 'federation', label: 'Federation' },
  { section: 'verify', label: 'Verify' },
];

/** The dashboard: header with navigation and the token field, the page of the hash route, a footer. */
export function App() {
  const route = useRoute();
  return (
    <>
      <button type="button" class="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header class="top">
        <div class="brand">
          <a href="#/" aria-label="Lodestone: overview">
            <span class="mark" aria-hidden="true">
              ◆
            </span>{' '}
            Lodestone
          </a>
        </div>
        <nav aria-label="Main" class="nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.section}>
                <a
                  href={s.section === '' ? '#/' : href(s.section)}
                  aria-current={route.section === s.section ? 'page' : undefined}
                  data-testid={`nav-${s.section || 'overview'}`}
                >
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <TokenField />
      </header>
      <main id="main" tabIndex={-1}>
        {page(route)}
      </main>
      <footer class="foot">
        <p>
          Lodestone node · API: <a href="docs">/docs</a> · <a href="openapi.json">/openapi.json</a> · log:{' '}
          <a href="log/checkpoint">/log/checkpoint</a> ·{' '}
          <a href=".well-known/lodestone">/.well-known/lodestone</a>
        </p>
      </footer>
    </>
  );
}

function page(route: Route): ComponentChildren {
  const { section, id, params } = route;
  switch (section) {
    case '':
      return <OverviewPage />;
    case 'batches':
      return id === undefined ? <BatchesPage params={params} /> : <BatchPage id={id} />;
    case 'organizations':
      return id === undefined ? <OrganizationsPage params={params} /> : <OrganizationPage did={id} />;
    case 'facilities':
      return id === undefined ? <FacilitiesPage params={params} /> : <FacilityPage id={id} />;
    case 'certificates':
      return id === undefined ? <CertificatesPage params={params} /> : <CertificatePage id={id} />;
    case 'risk':
      return riskPage(id, params);
    case 'findings':
      return id === undefined ? <FindingsPage params={params} /> : <FindingPage id={id} />;
    case 'cases':
      return <CasesPage params={params} />;
    case 'federation':
      return <FederationPage />;
    case 'verify':
      return <VerifyPage />;
    default:
      return <NotFoundPage />;
  }
}

/** `#/risk` (concentration), `#/risk/scenario`, `#/risk/pipeline`. */
function riskPage(id: string | undefined, params: URLSearchParams): ComponentChildren {
  switch (id) {
    case undefined:
      return <RiskPage params={params} />;
    case 'scenario':
      return <ScenarioPage />;
    case 'pipeline':
      return <PipelinePage params={params} />;
    default:
      return <NotFoundPage />;
  }
}

/** The skip link is a button: a `#main` link would change the hash route. */
function skipToMain(): void {
  document.getElementById('main')?.focus();
}
