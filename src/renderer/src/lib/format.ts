// Number formatting is shared with the HTML report (src/shared/format.ts).
export * from '../../../shared/format.js';
