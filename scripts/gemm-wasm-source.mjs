// The matrix kernel's two WebAssembly builds from one source, matrix-gemm.wat: the portable SIMD build as
// written (f64x2.mul then f64x2.add), and a relaxed-SIMD build whose micro-kernel fuses each multiply-add into
// f64x2.relaxed_madd (one FMA instruction where the CPU has one). Deriving the second from the first keeps a
// single reviewed kernel; scripts/build-wasm.mjs and the source test both compile through here.

/** Multiply-adds in the micro-kernel: 4 rows x 2 f64x2 columns. The transform must find every one. */
export const MICRO_KERNEL_MULTIPLY_ADDS = 8;

const MULTIPLY_ADD =
  /\(f64x2\.add \(local\.get (\$c\d+)\) \(f64x2\.mul \(local\.get (\$x)\) \(local\.get (\$b\d+)\)\)\)/g;

/** The relaxed-SIMD source: the same text with each accumulator update c += x * b fused. */
export function relaxedSource(watText) {
  let count = 0;
  const text = watText.replace(MULTIPLY_ADD, (_, c, x, b) => {
    count++;
    return `(f64x2.relaxed_madd (local.get ${x}) (local.get ${b}) (local.get ${c}))`;
  });
  if (count !== MICRO_KERNEL_MULTIPLY_ADDS) {
    throw new Error(
      `matrix-gemm.wat: expected ${MICRO_KERNEL_MULTIPLY_ADDS} multiply-adds "(f64x2.add (local.get $cXY) ` +
        `(f64x2.mul (local.get $x) (local.get $bN)))" to fuse, found ${count}`,
    );
  }
  return text;
}

/** Both builds' bytes, validated: `simd` (portable) and `relaxed` (needs relaxed SIMD in the runtime). */
export async function compileGemm(watText) {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const compile = (name, text) => {
    const module = wabt.parseWat(name, text, { simd: true, relaxed_simd: true });
    try {
      module.validate();
      return Buffer.from(module.toBinary({}).buffer);
    } finally {
      module.destroy();
    }
  };
  return {
    simd: compile('matrix-gemm.wat', watText),
    relaxed: compile('matrix-gemm.wat (relaxed)', relaxedSource(watText)),
  };
}
