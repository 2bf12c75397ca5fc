//! Arrow string columns (pandas' `str` and `string[pyarrow]` with pyarrow, polars' strings) coded
//! from their buffers: each row's bytes looked up among the column's distinct values, with no
//! Python object per row and no hashing in Python (`pandas.factorize` of an Arrow column costs
//! about four times this). Malformed buffers are an error, never a panic.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rustc_hash::FxHashMap;

/// One chunk as `empreinte/_frames.py` hands it over: `(offset, length, validity, offsets,
/// data)`, the buffers of a pyarrow string array as bytes (validity `None` when no value is
/// null), `offset` the array's slice offset into them.
type Chunk<'py> = (
    usize,
    usize,
    Option<Bound<'py, PyBytes>>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
);

fn malformed(what: &str) -> PyErr {
    PyValueError::new_err(format!("malformed Arrow string column: {what}"))
}

/// The value offsets of a chunk, whatever their width (4 bytes: `string`, 8: `large_string`).
enum Offsets<'a> {
    Narrow(&'a [u8]),
    Wide(&'a [u8]),
}

impl Offsets<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::Narrow(b) => {
                let w = b.get(i * 4..i * 4 + 4)?;
                usize::try_from(i32::from_ne_bytes(w.try_into().ok()?)).ok()
            }
            Offsets::Wide(b) => {
                let w = b.get(i * 8..i * 8 + 8)?;
                usize::try_from(i64::from_ne_bytes(w.try_into().ok()?)).ok()
            }
        }
    }
}

/// Longest value coded by [`ShortKey`] (most labels: "Ordinateur portable" is 19 bytes);
/// longer ones are looked up by their bytes.
const SHORT: usize = 16;

/// A short value as its exact key: its bytes as little-endian words (zero padded) and its
/// length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortKey {
    words: [u64; SHORT / 8],
    len: u64,
}

impl ShortKey {
    /// The key of `data[start..end]` (a valid range), `None` past [`SHORT`] bytes.
    #[inline]
    fn of(data: &[u8], start: usize, end: usize) -> Option<ShortKey> {
        let len = end - start;
        if len > SHORT {
            return None;
        }
        let mut words = [0u64; SHORT / 8];
        for (i, w) in words.iter_mut().enumerate() {
            let at = 8 * i;
            if at >= len {
                break;
            }
            *w = low_bytes(data, start + at, (len - at).min(8));
        }
        Some(ShortKey {
            words,
            len: len as u64,
        })
    }

    #[inline]
    fn hash(&self) -> u64 {
        // A multiply-xorshift mix per word (the constant is 2^64 / the golden ratio, odd).
        let mut h = self.len;
        for w in self.words {
            h = (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^= h >> 29;
        }
        h
    }
}

/// `data[start..start + len]` (`len` at most 8) as the low bytes of a little-endian word: one
/// eight-byte read masked when the data goes on (a call to `memcpy` per value costs more than
/// the rest of the lookup), byte by byte at the end of the buffer.
#[inline]
fn low_bytes(data: &[u8], start: usize, len: usize) -> u64 {
    match data.get(start..start + 8) {
        Some(w) => {
            let v = u64::from_le_bytes(w.try_into().unwrap_or_default());
            if len >= 8 {
                v
            } else {
                v & ((1u64 << (len * 8)) - 1)
            }
        }
        None => data[start..start + len]
            .iter()
            .rev()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b)),
    }
}

/// The codes of short values, in an open-addressing table (linear probing, at most half full).
struct ShortCodes {
    slots: Vec<Option<(ShortKey, i64)>>,
    used: usize,
}

impl ShortCodes {
    fn new() -> ShortCodes {
        ShortCodes {
            slots: vec![None; 64],
            used: 0,
        }
    }

    #[inline]
    fn get_or_insert(&mut self, key: ShortKey, new: impl FnOnce() -> i64) -> i64 {
        let mask = self.slots.len() - 1;
        let mut i = key.hash() as usize & mask;
        loop {
            match self.slots[i] {
                Some((k, code)) if k == key => return code,
                Some(_) => i = (i + 1) & mask,
                None => break,
            }
        }
        let code = new();
        self.slots[i] = Some((key, code));
        self.used += 1;
        if self.used * 2 > self.slots.len() {
            self.grow();
        }
        code
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![None; size]);
        let mask = self.slots.len() - 1;
        for (key, code) in old.into_iter().flatten() {
            let mut i = key.hash() as usize & mask;
            while self.slots[i].is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = Some((key, code));
        }
    }
}

/// Codes (-1: null) into the distinct values of a chunked Arrow string column; `width` is the
/// byte width of its offsets (4 or 8).
pub fn code_strings(chunks: &Bound<'_, PyAny>, width: usize) -> PyResult<(Vec<i64>, Vec<String>)> {
    let chunks: Vec<Chunk<'_>> = chunks.extract()?;
    let total: usize = chunks.iter().map(|c| c.1).sum();
    let mut codes = Vec::with_capacity(total);
    let mut short = ShortCodes::new();
    let mut long: FxHashMap<&[u8], i64> = FxHashMap::default();
    let mut uniques = Vec::new();
    for (offset, length, validity, offsets, data) in &chunks {
        let (offset, length) = (*offset, *length);
        let validity = validity.as_ref().map(|v| v.as_bytes());
        let offsets = match width {
            4 => Offsets::Narrow(offsets.as_bytes()),
            8 => Offsets::Wide(offsets.as_bytes()),
            _ => return Err(malformed("offsets are 4 or 8 bytes wide")),
        };
        let data = data.as_bytes();
        let mut start = offsets
            .get(offset)
            .ok_or_else(|| malformed("offsets too short"))?;
        for row in offset..offset + length {
            let end = offsets
                .get(row + 1)
                .ok_or_else(|| malformed("offsets too short"))?;
            let valid = match validity {
                None => true,
                Some(bits) => {
                    let byte = bits
                        .get(row / 8)
                        .ok_or_else(|| malformed("validity bitmap too short"))?;
                    byte & (1 << (row % 8)) != 0
                }
            };
            if !valid {
                codes.push(-1);
                start = end;
                continue;
            }
            let bytes = data
                .get(start..end)
                .ok_or_else(|| malformed("a value outside its data buffer"))?;
            let new = || {
                uniques.push(String::from_utf8_lossy(bytes).into_owned());
                uniques.len() as i64 - 1
            };
            let code = match ShortKey::of(data, start, end) {
                Some(key) => short.get_or_insert(key, new),
                None => *long.entry(bytes).or_insert_with(new),
            };
            start = end;
            codes.push(code);
        }
    }
    Ok((codes, uniques))
}
