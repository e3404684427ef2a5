// Dropping two good images and one corrupt file on the Images view shows their thumbnails and sizes; running
// the images workload shows two 128x128 outputs and one clear error naming the bad file.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dropFiles, openPage, screenshot, showView, useServedGui } from './harness.js';

async function gradient(width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((x / width) * 255);
      pixels[i + 1] = Math.round((y / height) * 255);
      pixels[i + 2] = 160;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 85 }).toBuffer();
}

describe('images view', () => {
  const gui = useServedGui('images');

  it('resizes the good files and reports the corrupt one', async () => {
    const files = [
      { name: 'sunrise.jpg', type: 'image/jpeg', bytes: await gradient(1280, 720, 'jpeg') },
      { name: 'chart.png', type: 'image/png', bytes: await gradient(800, 600, 'png') },
      // A JPEG signature followed by noise: sharp cannot decode it.
      {
        name: 'broken.jpg',
        type: 'image/jpeg',
        bytes: Buffer.concat([
          Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
          Buffer.from('not really a jpeg '.repeat(40)),
        ]),
      },
    ];
    const { page, errors, context } = await openPage(gui.browser, gui.serve.url);
    await showView(page, 'Images');

    // A synthetic drop, as a file manager would deliver it.
    await dropFiles(page, 'image-drop', files);

    const inputs = page.getByTestId('input-thumb');
    await expect.poll(() => inputs.count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.locator('[data-testid="input-thumb"] img').count()).toBe(2);
    expect(await inputs.filter({ hasText: 'sunrise.jpg' }).textContent()).toContain('1280×720 px');

    const modelBoxes = page.locator('.models input[type="checkbox"]');
    for (const box of await modelBoxes.all()) await box.uncheck();
    await page.locator('.models label', { hasText: 'sequential' }).getByRole('checkbox').check();
    await page.locator('.models label', { hasText: 'worker-pool' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: /Resize to 128×128/ }).click();

    const outputs = page.getByTestId('output-thumb');
    await expect.poll(() => outputs.count(), { timeout: 120_000 }).toBe(2);
    const fileErrors = page.getByTestId('file-error');
    expect(await fileErrors.count()).toBe(1);
    expect(await fileErrors.first().textContent()).toMatch(/broken\.jpg: \S+/);
    for (const text of await outputs.allTextContents()) expect(text).toContain('128×128 px');
    await expect.poll(() => page.locator('[data-testid="output-thumb"] img').count()).toBe(2);
    // Inputs, outputs and the error in one picture: scroll the outputs' bottom into view.
    await page.evaluate(
      `document.querySelector('[aria-label="Output images"]').scrollIntoView({ block: 'end' })`,
    );
    await screenshot(page, 'images');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
