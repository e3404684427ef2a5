// Copies non-TypeScript runtime assets the compiled engine needs into dist/ (none yet).

