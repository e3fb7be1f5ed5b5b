//! Numbers as text without the standard library's float formatting.
//!
//! Why: `format!("{x}")` and `format!("{x:.1}")` on an `f64` bring ~10 KB of
//! float-printing code (Grisu, Dragon4 and their tables) into the app's wasm.
//! These two functions write the same text for the numbers the app shows, from
//! the number's exact binary value with a small schoolbook long division, and
//! use the number parser the app needs anyway to find the shortest text.

/// `value` with exactly `decimals` decimals, rounded as
/// `format!("{value:.decimals$}")` rounds: from the exact binary value, ties to even.
pub fn fixed(value: f64, decimals: usize) -> String {
    if let Some(text) = not_finite(value) {
        return text.into();
    }
    let exact = Exact::new(value);
    let (whole, fraction) = exact.rounded(decimals);
    join(value, &whole, &fraction)
}

/// The shortest text without an exponent that reads back as exactly `value`, as
/// `format!("{value}")` writes it (the same text for every number below 2^53;
/// larger whole numbers are written out in full, where the standard library
/// writes its shortest digits and then zeros).
pub fn shortest(value: f64) -> String {
    if let Some(text) = not_finite(value) {
        return text.into();
    }
    let exact = Exact::new(value);
    // 17 significant digits always read back; a fraction's first ones may be zeros.
    let most = exact.leading_zeros() + 17;
    for decimals in exact.leading_zeros()..=most {
        let (whole, fraction) = exact.rounded(decimals);
        let text = join(value, &whole, &fraction);
        if text.parse::<f64>() == Ok(value) {
            return text;
        }
    }
    let (whole, fraction) = exact.rounded(most);
    join(value, &whole, &fraction)
}

/// A limit the app sets itself (such as −2 and 2, 0.1, 1 000 000) as
/// [`shortest`] writes it, for numbers with at most six decimals; others are
/// rounded to six. Unlike [`shortest`], it needs no number parser: the one in
/// the standard library brings a 10 KB table into the wasm, and the messages
/// that show a limit are drawn by every form, also on the start page.
pub fn limit(value: f64) -> String {
    let mut text = fixed(value, 6);
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    if text == "-0" {
        text = "0".into();
    }
    text
}

fn not_finite(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value.is_infinite() {
        Some(if value > 0.0 { "inf" } else { "-inf" })
    } else {
        None
    }
}

fn join(value: f64, whole: &[u8], fraction: &[u8]) -> String {
    let mut text = String::with_capacity(whole.len() + fraction.len() + 2);
    // The standard library keeps the sign of a negative number that rounds to zero ("-0.0").
    if value.is_sign_negative() {
        text.push('-');
    }
    text.extend(whole.iter().map(|&d| char::from(b'0' + d)));
    if !fraction.is_empty() {
        text.push('.');
        text.extend(fraction.iter().map(|&d| char::from(b'0' + d)));
    }
    text
}

/// The exact decimal digits of a finite `f64`'s magnitude: its whole part, and
/// its fraction as a number over 2^`shift`, read one digit at a time.
struct Exact {
    whole: Vec<u8>,
    /// The fraction's numerator, base 2^32, least significant first.
    numerator: Vec<u32>,
    /// The fraction is `numerator / 2^shift`.
    shift: u32,
}

impl Exact {
    fn new(value: f64) -> Exact {
        let bits = value.abs().to_bits();
        let exponent_bits = (bits >> 52) as i32;
        let fraction_bits = bits & ((1 << 52) - 1);
        // |value| = mantissa · 2^exponent exactly.
        let (mantissa, exponent) =
            if exponent_bits == 0 { (fraction_bits, -1074) } else { (fraction_bits | (1 << 52), exponent_bits - 1075) };
        if exponent >= 0 {
            let mut whole = vec![mantissa as u32, (mantissa >> 32) as u32];
            for _ in 0..exponent {
                times(&mut whole, 2);
            }
            return Exact { whole: decimal(whole), numerator: Vec::new(), shift: 0 };
        }
        let shift = exponent.unsigned_abs();
        let whole = if shift < 64 { mantissa >> shift } else { 0 };
        let kept = if shift < 64 { mantissa & ((1 << shift) - 1) } else { mantissa };
        Exact {
            whole: decimal(vec![whole as u32, (whole >> 32) as u32]),
            numerator: vec![kept as u32, (kept >> 32) as u32],
            shift,
        }
    }

    /// How many of the fraction's first digits are zeros (0 for a whole number or one of 1 and more).
    fn leading_zeros(&self) -> usize {
        if self.whole != [0] || self.numerator.iter().all(|&limb| limb == 0) {
            return 0;
        }
        // 2^-shift needs about shift · log10(2) zeros; the digits say exactly.
        let mut numerator = self.numerator.clone();
        let mut zeros = 0;
        while self.next_digit(&mut numerator) == 0 {
            zeros += 1;
        }
        zeros
    }

    /// The fraction's next digit; `numerator` keeps what is left.
    fn next_digit(&self, numerator: &mut Vec<u32>) -> u8 {
        times(numerator, 10);
        // The digit is numerator >> shift (below 10), the rest numerator mod 2^shift.
        let (limb, bit) = ((self.shift / 32) as usize, self.shift % 32);
        let mut digit = 0u64;
        for i in (limb..numerator.len()).rev() {
            digit = (digit << 32) | u64::from(numerator[i]);
        }
        let digit = (digit >> bit) as u8;
        numerator.truncate(limb + 1);
        if let Some(top) = numerator.get_mut(limb) {
            *top &= (1u32 << bit).wrapping_sub(1);
        }
        digit
    }

    /// The whole digits and `decimals` fraction digits, rounded half to even.
    fn rounded(&self, decimals: usize) -> (Vec<u8>, Vec<u8>) {
        let mut numerator = self.numerator.clone();
        let mut fraction: Vec<u8> = (0..decimals).map(|_| self.next_digit(&mut numerator)).collect();
        let next = if numerator.iter().any(|&l| l != 0) { self.next_digit(&mut numerator) } else { 0 };
        let rest = numerator.iter().any(|&l| l != 0);
        let last_odd = fraction.last().or(self.whole.last()).is_some_and(|d| d % 2 == 1);
        let mut whole = self.whole.clone();
        if next > 5 || (next == 5 && (rest || last_odd)) {
            // Carry from the last digit leftwards.
            let mut carry = true;
            for digit in fraction.iter_mut().rev().chain(whole.iter_mut().rev()) {
                if *digit == 9 {
                    *digit = 0;
                } else {
                    *digit += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                whole.insert(0, 1);
            }
        }
        (whole, fraction)
    }
}

/// `number *= factor` (base 2^32, least significant first), growing as needed.
fn times(number: &mut Vec<u32>, factor: u32) {
    let mut carry = 0u64;
    for limb in number.iter_mut() {
        let product = u64::from(*limb) * u64::from(factor) + carry;
        *limb = product as u32;
        carry = product >> 32;
    }
    if carry > 0 {
        number.push(carry as u32);
    }
}

/// The decimal digits of a whole number (base 2^32, least significant first).
fn decimal(mut number: Vec<u32>) -> Vec<u8> {
    let mut digits = Vec::new();
    loop {
        let mut remainder = 0u64;
        for limb in number.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / 10) as u32;
            remainder = current % 10;
        }
        digits.push(remainder as u8);
        while number.last() == Some(&0) {
            number.pop();
        }
        if number.is_empty() {
            break;
        }
    }
    digits.reverse();
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers of every kind the app shows: typed measures, means, percentages, ticks.
    fn samples() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            0.95,
            9.95,
            99.95,
            0.1,
            0.2,
            0.3,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            12.5,
            7.25,
            45.25,
            49.999,
            50.0,
            1e6,
            -1e6,
            999_999.99,
            123_456.789,
            0.001,
            0.0049,
            0.0051,
            1e-7,
            5e-10,
            1e-300,
            f64::MIN_POSITIVE,
            4.9e-324,
            1e15,
            123_456_789_012.5,
            9.5,
            99.5,
            0.05,
            1e-5,
            123e-20,
        ];
        // A fixed pseudo-random spread over the ranges that matter.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            let magnitude = [1.0, 10.0, 100.0, 1_000.0, 1_000_000.0][(state % 5) as usize];
            let value = (unit - 0.5) * 2.0 * magnitude;
            values.push(value);
            // Values with few decimals, as typed: 12.3, 0.25, 1234.5.
            values.push((value * 100.0).round() / 100.0);
            values.push((value * 10.0).round() / 10.0);
        }
        values
    }

    #[test]
    fn fixed_writes_what_the_standard_library_writes() {
        for value in samples() {
            for decimals in [0, 1, 2, 3, 5, 9, 17, 30] {
                let expected = format!("{value:.decimals$}");
                assert_eq!(fixed(value, decimals), expected, "{value:e} with {decimals} decimals");
            }
        }
    }

    #[test]
    fn fixed_rounds_ties_to_even_from_the_exact_value() {
        assert_eq!(fixed(0.5, 0), "0");
        assert_eq!(fixed(1.5, 0), "2");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(0.25, 1), "0.2"); // exactly a tie
        assert_eq!(fixed(0.35, 1), "0.3"); // 0.34999… in binary
        assert_eq!(fixed(-0.04, 1), "-0.0");
        assert_eq!(fixed(45.25, 1), "45.2");
    }

    #[test]
    fn shortest_writes_what_the_standard_library_writes() {
        for value in samples().into_iter().filter(|v| v.abs() < 9_007_199_254_740_992.0) {
            assert_eq!(shortest(value), format!("{value}"), "{value:e}");
        }
    }

    #[test]
    fn shortest_never_loses_a_typed_number() {
        for typed in ["12", "7.5", "0.25", "-3.125", "999999.99", "0.000001", "1000000", "0.30000000000000004"] {
            let value: f64 = typed.parse().unwrap();
            assert_eq!(shortest(value), typed);
        }
        assert_eq!(shortest(1.0 / 3.0), "0.3333333333333333");
        // Whole numbers past 2^53 are written out in full, and still read back.
        for value in [1e20, 2f64.powi(60) + 2048.0, f64::MAX] {
            assert_eq!(shortest(value).parse::<f64>(), Ok(value));
        }
    }

    #[test]
    fn a_limit_is_written_as_shortest_writes_it() {
        for value in [-2.0, 2.0, 0.1, 10.0, 1.0, 5.0, 1_000_000.0, -1_000_000.0, 0.0, 7.5, -0.25, 0.000001, 123.456789]
        {
            assert_eq!(limit(value), shortest(value), "{value}");
        }
        assert_eq!(limit(1.0 / 3.0), "0.333333");
        assert_eq!(limit(-0.0000001), "0");
        assert_eq!(limit(f64::NAN), "NaN");
    }

    #[test]
    fn not_a_number_and_infinities_read_as_the_standard_library_writes_them() {
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::INFINITY, 1), "inf");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
        assert_eq!(shortest(f64::NAN), "NaN");
    }

    #[test]
    fn the_largest_and_smallest_numbers_are_exact() {
        assert_eq!(fixed(2f64.powi(100), 0), (1u128 << 100).to_string());
        assert_eq!(fixed(f64::MAX, 0), format!("{:.0}", f64::MAX));
        assert_eq!(fixed(4.9e-324, 1080), format!("{:.1080}", 4.9e-324));
        assert_eq!(shortest(4.9e-324), format!("{}", 4.9e-324));
    }
}
