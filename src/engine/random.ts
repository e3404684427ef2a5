// The engine's seeded generator lives in src/shared so that the renderer's analytics draw from the same one.
export { seededRng } from '../shared/random.js';
