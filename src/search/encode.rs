//! Stage 4, index: how numbers and calls are written in the index files. Pure; `shard` and
//! `doc_files` write with it, and `themes/default/search/files.js` reads it back.
//!
//! Every file is a script that registers itself (`bbSearch.shard(3, ...)`), because a site
//! opened from disk cannot `fetch()` its own files but can always load `<script src>`.
//! Numbers are written as base-32 digits in a 64-letter alphabet: letters `0-9a-v` end a
//! number, `w-zA-Z-_` continue it, so a string of numbers needs no separators and most small
//! numbers take one character.

const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends `n` in the alphabet above.
pub(crate) fn push_number(out: &mut String, n: u32) {
    push_wide_number(out, u64::from(n));
}

/// Appends `n` in the alphabet above; the client reads numbers up to 2^53 exactly.
pub(crate) fn push_wide_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 13];
    let mut len = 0;
    loop {
        digits[len] = (n & 31) as u8;
        len += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let d = usize::from(digits[i]) + if i == 0 { 0 } else { 32 };
        out.push(char::from(DIGITS[d]));
    }
}

/// Ascending doc ids as gaps (each id minus the one after the previous).
pub(crate) fn gap_list(ids: &[u32]) -> String {
    let mut gaps = String::new();
    let mut next = 0;
    for &id in ids {
        push_number(&mut gaps, id - next);
        next = id + 1;
    }
    gaps
}

/// `bbSearch.name(args...);`, the line a file registers itself with.
pub(crate) fn js_call(name: &str, args: &[serde_json::Value]) -> String {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    format!("bbSearch.{name}({});\n", args.join(","))
}

/// Reads numbers written by `push_number` (tests).
#[cfg(test)]
pub(crate) fn decode_numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut n = 0u64;
    for c in text.bytes() {
        let d = DIGITS.iter().position(|&x| x == c).expect("a digit") as u64;
        if d >= 32 {
            n = n * 32 + d - 32;
        } else {
            out.push(n * 32 + d);
            n = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_small_ones_take_one_character() {
        for n in [0, 1, 31, 32, 1000, 1 << 20, u32::MAX] {
            let mut s = String::new();
            push_number(&mut s, n);
            assert_eq!(decode_numbers(&s), [u64::from(n)], "{n} as {s}");
        }
        // Audience bit sets use up to 53 bits.
        let mut s = String::new();
        push_wide_number(&mut s, (1 << 53) - 1);
        assert_eq!(decode_numbers(&s), [(1 << 53) - 1]);
        let mut s = String::new();
        push_number(&mut s, 31);
        assert_eq!(s.len(), 1);
        assert_eq!(decode_numbers(&gap_list(&[2, 3, 10])), [2, 0, 6]);
    }
}
