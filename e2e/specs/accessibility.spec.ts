import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import { PAGE_LIST } from '../../web/src/app/page-list.ts';
import { test } from '../support/sign-in.ts';

test.use({ user: 'admin' });

// Every page of the console, signed in as an admin (who sees every control), at 1280×720: axe-core finds no
// serious or critical violation of WCAG 2.1 A/AA. Minor and moderate findings are printed, not failed.
for (const { path, label } of PAGE_LIST) {
  test(`the ${label} page has no serious or critical accessibility violations`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(path);
    await expect(
      page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label }),
    ).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('loading…')).toHaveCount(0);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of results.violations.filter((x) => !blocking.includes(x)))
      console.log(`${label}: ${v.impact} ${v.id} (${v.nodes.length} nodes)`);
    expect(
      blocking.map(
        (v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
      ),
    ).toEqual([]);
  });
}
