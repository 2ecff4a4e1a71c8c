import { Page } from '../components/ui';

export function NotFoundPage() {
  return (
    <Page title="Not found" testid="not-found">
      <p>
        There is no such page in the dashboard. Go to the <a href="#/">overview</a>.
      </p>
    </Page>
  );
}
