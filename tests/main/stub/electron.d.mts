// The stub's own lever, for TypeScript tests that import it directly; everything else it exports mirrors
// the `electron` module and is reached through the real module's types.
export * from 'electron';
export declare const stub: {
  /** Fires app 'ready', as Electron does once the main script has run. */
  emitReady(): void;
};
