;; The cost-and-gradient pass of batch gradient descent, two examples at a time (WebAssembly
;; SIMD, f64x2), for _static/explorers/cost-gradient-simd.js. The same operations as
;; costAndGradient in _static/explorers/maths.js, with the same exp (expNonPositive: tables and a
;; degree-6 polynomial, bit for bit; Math.exp, imported, where exp(-|z|) < 3.3e-308 or z is NaN).
;; The sums run in two lanes, so the results equal the JavaScript ones to rounding.
;;
;; Memory (f64 throughout; byte offsets are arguments, laid out by cost-gradient-simd.js):
;;   0        2^(j/32) for j = 0 .. 31
;;   cols     n columns, each of mPad = m rounded up to even values (the padding is 0)
;;   y        mPad labels
;;   w        n weights
;;   err      mPad errors sigmoid(z) - y, written here (0 in the padding)
;;   g        n + 1 values written here: dJ/dw, then dJ/db
;; costAndGradient returns the mean log loss at (w, b).
(module
  (import "js" "exp" (func $exp (param f64) (result f64)))
  (import "js" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; exp(x) in both lanes, for x = -|z| >= -708: x = k ln 2 + r with |r| <= ln 2 / 2, exp(r) by its
  ;; Taylor polynomial of degree 13 (Estrin's scheme; remainder below 4e-18 relative), times 2^k added to its
  ;; exponent bits. Math.exp (imported) where x < -708 or x is NaN.
  (func $expNonPositive (param $x v128) (result v128)
    (local $q v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $r8 v128) (local $e v128)
    ;; q = round(x / ln 2), r = x - q ln 2 (ln 2 in two parts, so q ln2_hi is exact)
    (local.set $q (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0))))
    (local.set $r (f64x2.sub
      (f64x2.sub (local.get $x) (f64x2.mul (local.get $q) (v128.const f64x2 0x1.62e42fee00000p-1 0x1.62e42fee00000p-1)))
      (f64x2.mul (local.get $q) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))))
    (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
    (local.set $r8 (f64x2.mul (local.get $r4) (local.get $r4)))
    ;; 2^q exp(r): q + 1.5 * 2^52 holds q in its low bits; q << 52 added to the bits of exp(r)
    (local.set $e (i64x2.add
      (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0x1.0000000000000p+0 0x1.0000000000000p+0) (f64x2.mul (v128.const f64x2 0x1.0000000000000p+0 0x1.0000000000000p+0) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.0000000000000p-1 0x1.0000000000000p-1) (f64x2.mul (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3) (local.get $r))) (local.get $r2))) (f64x2.mul (f64x2.add (f64x2.add (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5) (f64x2.mul (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10) (f64x2.mul (v128.const f64x2 0x1.a01a01a01a01ap-13 0x1.a01a01a01a01ap-13) (local.get $r))) (local.get $r2))) (local.get $r4))) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0x1.a01a01a01a01ap-16 0x1.a01a01a01a01ap-16) (f64x2.mul (v128.const f64x2 0x1.71de3a556c734p-19 0x1.71de3a556c734p-19) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.27e4fb7789f5cp-22 0x1.27e4fb7789f5cp-22) (f64x2.mul (v128.const f64x2 0x1.ae64567f544e4p-26 0x1.ae64567f544e4p-26) (local.get $r))) (local.get $r2))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.1eed8eff8d898p-29 0x1.1eed8eff8d898p-29) (f64x2.mul (v128.const f64x2 0x1.6124613a86d09p-33 0x1.6124613a86d09p-33) (local.get $r))) (local.get $r4))) (local.get $r8)))
      (i64x2.shl
        (i64x2.sub (f64x2.add (local.get $q) (v128.const f64x2 0x1.8p+52 0x1.8p+52)) (v128.const i64x2 0x4338000000000000 0x4338000000000000))
        (i32.const 52))))
    (if (i32.eqz (i64x2.all_true (f64x2.ge (local.get $x) (v128.const f64x2 -708 -708))))
      (then
        (if (i32.eqz (f64.ge (f64x2.extract_lane 0 (local.get $x)) (f64.const -708)))
          (then (local.set $e (f64x2.replace_lane 0 (local.get $e) (call $exp (f64x2.extract_lane 0 (local.get $x)))))))
        (if (i32.eqz (f64.ge (f64x2.extract_lane 1 (local.get $x)) (f64.const -708)))
          (then (local.set $e (f64x2.replace_lane 1 (local.get $e) (call $exp (f64x2.extract_lane 1 (local.get $x)))))))))
    (local.get $e))

  (func (export "costAndGradient")
    (param $m i32) (param $n i32) (param $cols i32) (param $y i32) (param $w i32) (param $err i32)
    (param $g i32) (param $b f64) (result f64)
    (local $mPad i32) (local $stride i32) (local $i i32) (local $j i32) (local $o i32)
    (local $z v128) (local $e v128) (local $onePlusE v128) (local $mask v128) (local $yv v128)
    (local $positive v128) (local $yz v128) (local $sum v128) (local $product v128) (local $errv v128)
    (local $acc v128) (local $soft f64) (local $inBlock i32)
    (local.set $mPad (i32.add (local.get $m) (i32.and (local.get $m) (i32.const 1))))
    (local.set $stride (i32.shl (local.get $mPad) (i32.const 3)))
    (local.set $product (v128.const f64x2 1 1))
    (local.set $i (i32.const 0))
    (block $done
      (loop $examples
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        ;; z = x_0 w_0 + x_1 w_1 + ... + b, feature by feature
        (local.set $z (f64x2.mul (v128.load (i32.add (local.get $cols) (local.get $o)))
          (f64x2.splat (f64.load (local.get $w)))))
        (local.set $j (i32.const 1))
        (block $featuresDone
          (loop $features
            (br_if $featuresDone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $z (f64x2.add (local.get $z)
              (f64x2.mul
                (v128.load (i32.add (i32.add (local.get $cols) (i32.mul (local.get $j) (local.get $stride))) (local.get $o)))
                (f64x2.splat (f64.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $features)))
        (local.set $z (f64x2.add (local.get $z) (f64x2.splat (local.get $b))))
        ;; the second lane counts only if it is an example (m may be odd)
        (local.set $mask (select (v128.const i64x2 -1 -1) (v128.const i64x2 -1 0)
          (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $m))))
        (local.set $e (call $expNonPositive (f64x2.neg (f64x2.abs (local.get $z)))))
        (local.set $onePlusE (f64x2.add (v128.const f64x2 1 1) (local.get $e)))
        (local.set $yv (v128.load (i32.add (local.get $y) (local.get $o))))
        (local.set $positive (f64x2.add (local.get $positive)
          (v128.and (f64x2.max (local.get $z) (v128.const f64x2 0 0)) (local.get $mask))))
        (local.set $product (f64x2.mul (local.get $product)
          (v128.bitselect (local.get $onePlusE) (v128.const f64x2 1 1) (local.get $mask))))
        (local.set $yz (f64x2.add (local.get $yz) (v128.and (f64x2.mul (local.get $yv) (local.get $z)) (local.get $mask))))
        ;; sigmoid(z) - y, sigmoid(z) = (z >= 0 ? 1 : e) / (1 + e)
        (local.set $errv (v128.and
          (f64x2.sub
            (f64x2.div (v128.bitselect (v128.const f64x2 1 1) (local.get $e) (f64x2.ge (local.get $z) (v128.const f64x2 0 0)))
              (local.get $onePlusE))
            (local.get $yv))
          (local.get $mask)))
        (v128.store (i32.add (local.get $err) (local.get $o)) (local.get $errv))
        (local.set $sum (f64x2.add (local.get $sum) (local.get $errv)))
        ;; one log per 512 examples (each lane's product holds 256 factors in [1, 2])
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 511)))
          (then
            (local.set $soft (f64.add (local.get $soft) (call $log (f64.mul (f64x2.extract_lane 0 (local.get $product))
              (f64x2.extract_lane 1 (local.get $product))))))
            (local.set $product (v128.const f64x2 1 1))))
        (br $examples)))
    (local.set $soft (f64.add (local.get $soft) (call $log (f64.mul (f64x2.extract_lane 0 (local.get $product))
      (f64x2.extract_lane 1 (local.get $product))))))
    ;; dJ/dw_j = sum_i x_ij err_i / m
    (local.set $j (i32.const 0))
    (block $gradientDone
      (loop $gradient
        (br_if $gradientDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $mPad)))
            (local.set $o (i32.shl (local.get $i) (i32.const 3)))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (v128.load (i32.add (i32.add (local.get $cols) (i32.mul (local.get $j) (local.get $stride))) (local.get $o)))
                (v128.load (i32.add (local.get $err) (local.get $o))))))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $rows)))
        (f64.store (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3)))
          (f64.div (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))
            (f64.convert_i32_u (local.get $m))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $gradient)))
    (f64.store (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 3)))
      (f64.div (f64.add (f64x2.extract_lane 0 (local.get $sum)) (f64x2.extract_lane 1 (local.get $sum)))
        (f64.convert_i32_u (local.get $m))))
    (f64.div
      (f64.sub
        (f64.add (f64.add (f64x2.extract_lane 0 (local.get $positive)) (f64x2.extract_lane 1 (local.get $positive))) (local.get $soft))
        (f64.add (f64x2.extract_lane 0 (local.get $yz)) (f64x2.extract_lane 1 (local.get $yz))))
      (f64.convert_i32_u (local.get $m))))
)
