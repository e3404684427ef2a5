// JSON: the full RunReport, every repetition and digest included.
import type { Exporter } from './types.js';

export const jsonExporter: Exporter = {
  extension: 'json',
  mediaType: 'application/json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
