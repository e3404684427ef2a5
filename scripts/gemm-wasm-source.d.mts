// Types of gemm-wasm-source.mjs for the TypeScript tests that compile the kernel through it.
export declare const MICRO_KERNEL_MULTIPLY_ADDS: number;
export declare function relaxedSource(watText: string): string;
export declare function compileGemm(watText: string): Promise<{ simd: Buffer; relaxed: Buffer }>;
