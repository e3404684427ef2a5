// The Results view's derived numbers and written conclusions live in src/shared, so the HTML report says the same.
export * from '../../../shared/analysis.js';
