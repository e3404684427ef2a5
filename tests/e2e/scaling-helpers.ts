// Starting a sweep or a break-even search from the Run view's Scaling suite, then following it in the
// Scaling view.
import type { Page } from 'playwright-core';

export async function startScalingRun(
  page: Page,
  options: {
    fill: Record<string, string>;
    check?: string[];
    models: string[];
    reps: number;
    warmup: number;
    /** Stay on the Run view instead of following the run in the Scaling view. */
    stay?: boolean;
  },
): Promise<void> {
  await page.locator('input[name="suite"][value="scaling"]').check();
  const scaling = page.getByTestId('scaling-options');
  for (const label of options.check ?? []) await scaling.getByLabel(label).check();
  for (const [label, value] of Object.entries(options.fill)) await scaling.getByLabel(label).fill(value);
  const models = page.getByRole('group', { name: 'Models' });
  for (const box of await models.getByRole('checkbox').all()) {
    const name = ((await box.evaluate((el) => el.parentElement?.textContent ?? '')) as string).trim();
    if (options.models.includes(name)) await box.check();
    else await box.uncheck();
  }
  await page.getByLabel('Repetitions', { exact: true }).fill(String(options.reps));
  await page.getByLabel('Warm-up', { exact: true }).fill(String(options.warmup));
  await page.getByRole('button', { name: 'Start scaling run' }).click();
  if (!options.stay) await page.getByRole('button', { name: 'Watch the charts' }).click();
}

/** A search small enough for a test: two cheap models between 2,000 and 128,000. */
export const SMALL_SEARCH = {
  check: ['break-even over sizes'],
  fill: { 'Smallest size': '2000', 'Largest size': '128000' },
  models: ['worker-pool', 'shared-memory'],
  reps: 3,
  warmup: 1,
};
