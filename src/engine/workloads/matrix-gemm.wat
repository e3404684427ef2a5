;; Tuned float64 matrix product for the matrix workload, WebAssembly SIMD (f64x2).
;; Compiled by scripts/build-wasm.mjs into matrix-wasm.generated.ts; matrix-wasm.ts owns the memory layout.
;;
;; C (rows x nPad, row-major) += A (rows x n) * B (n x nPad), with every dimension already padded by the caller:
;; rows is a multiple of 4 and nPad a multiple of 4, padding cells hold zeros, so no edge cases live here.
;;
;; A is packed in strips of 4 rows: strip s starts at aPtr + s*n*32 bytes and holds, for k = 0..n-1, the four
;; values A[4s+0..3][k] side by side, so one pointer with constant offsets feeds the four row broadcasts.
;; B is packed per k-block of `kc` rows (kc = min(KC, n - k0)): the block starting at row k0 begins at
;; bPtr + k0*nPad*8 and holds nPad/4 panels of kc x 4 values, panel p (columns 4p..4p+3) at + p*kc*32, so the
;; micro-kernel streams one contiguous panel.
;;
;; Why 4x4: eight f64x2 accumulators plus two B vectors and one broadcast fit V8's SIMD registers without
;; spills; 6x4, 5x4, 3x8 and 2x8 measured slower (V8 spills or the broadcasts cost more), and unrolling
;; the k loop by two did not help.
;;
;; The eight accumulator updates are written as (f64x2.add (local.get $cXY) (f64x2.mul (local.get $x)
;; (local.get $bN))) exactly: scripts/gemm-wasm-source.mjs fuses them into f64x2.relaxed_madd for a second
;; build (one FMA each, measured about 1.5x faster on one core), used where the runtime has relaxed SIMD.
(module
  (memory (export "memory") 1)

  ;; C[4 x 4] at cp (row stride ldc bytes) += A strip (4 x kc at ap) * B panel (kc x 4 at bp).
  (func $micro (param $ap i32) (param $bp i32) (param $cp i32) (param $ldc i32) (param $kc i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $end i32)
    (local.set $end (i32.add (local.get $bp) (i32.shl (local.get $kc) (i32.const 5))))
    (loop $k
      (local.set $b0 (v128.load (local.get $bp)))
      (local.set $b1 (v128.load offset=16 (local.get $bp)))
      (local.set $x (v128.load64_splat (local.get $ap)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load64_splat offset=8 (local.get $ap)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load64_splat offset=16 (local.get $ap)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load64_splat offset=24 (local.get $ap)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
      (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
      (br_if $k (i32.lt_u (local.get $bp) (local.get $end))))
    (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c00)))
    (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c01)))
    (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
    (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c10)))
    (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c11)))
    (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
    (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c20)))
    (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c21)))
    (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
    (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c30)))
    (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c31))))

  ;; C += A * B over the packed layouts above. Loops: k-blocks (the B block stays in cache), then column
  ;; blocks of NC (a kc x NC slice of B fits in L2), then 4-row strips of A, then 4-column panels.
  (func (export "gemm") (param $aPtr i32) (param $bPtr i32) (param $cPtr i32) (param $n i32) (param $nPad i32)
    (param $rows i32) (param $KC i32) (param $NC i32)
    (local $k0 i32) (local $kc i32) (local $j0 i32) (local $jEnd i32) (local $i i32) (local $j i32)
    (loop $kBlocks
      (local.set $kc
        (select (local.get $KC) (i32.sub (local.get $n) (local.get $k0))
          (i32.lt_u (local.get $KC) (i32.sub (local.get $n) (local.get $k0)))))
      (local.set $j0 (i32.const 0))
      (loop $colBlocks
        (local.set $jEnd
          (select (i32.add (local.get $j0) (local.get $NC)) (local.get $nPad)
            (i32.lt_u (i32.add (local.get $j0) (local.get $NC)) (local.get $nPad))))
        (local.set $i (i32.const 0))
        (loop $strips
          (local.set $j (local.get $j0))
          (loop $panels
            (call $micro
              (i32.add (local.get $aPtr)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (i32.shl (local.get $k0) (i32.const 2)))
                  (i32.const 3)))
              (i32.add (local.get $bPtr)
                (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $nPad)) (i32.mul (local.get $j) (local.get $kc)))
                  (i32.const 3)))
              (i32.add (local.get $cPtr)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $nPad)) (local.get $j)) (i32.const 3)))
              (i32.shl (local.get $nPad) (i32.const 3))
              (local.get $kc))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br_if $panels (i32.lt_u (local.get $j) (local.get $jEnd))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $strips (i32.lt_u (local.get $i) (local.get $rows))))
        (local.set $j0 (local.get $jEnd))
        (br_if $colBlocks (i32.lt_u (local.get $j0) (local.get $nPad))))
      (local.set $k0 (i32.add (local.get $k0) (local.get $kc)))
      (br_if $kBlocks (i32.lt_u (local.get $k0) (local.get $n))))))
