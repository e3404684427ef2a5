// Copies non-TypeScript runtime assets the compiled engine needs into dist/. There are none: the matrix
// kernel's WebAssembly ships inside src/engine/workloads/matrix-wasm.generated.ts as base64, so tsc's output is
// complete. The script stays as the one place `npm run build:node` would copy such an asset.
