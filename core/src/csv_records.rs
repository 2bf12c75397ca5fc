//! The records of a CSV file, split fast, read exactly as the csv crate reads them.
//!
//! A line without a quote is cut at its separators where it lies in the read buffer, eight bytes
//! at a time; a line with a quote (and the first record, whose byte-order mark csv_core strips)
//! goes through csv_core, the csv crate's own parser, so quoted cells (separators, line breaks,
//! doubled quotes) read as with the csv crate. Empty lines are skipped and a record's line is
//! where it starts (the csv crate names the line where it stood after the previous record, one
//! line early for each empty line skipped).
//! Line ends are read as "\n" whatever they are ("\r\n", a lone "\r" of old Mac exports): the
//! csv crate numbers the records of a CRLF file one line early. No allocation per record once
//! the buffers have grown to the longest line.

use std::io::{self, Read};

/// Bytes read from the input at a time.
const CHUNK: usize = 64 * 1024;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Every byte of `b`.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// Bit 7 of each byte of `x` that is zero, and nothing else.
#[inline(always)]
fn zeros(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// The eight bytes of `c` (at least eight) as a word, loaded inline (`copy_from_slice` is a call
/// in a size-optimised WebAssembly build).
#[inline(always)]
pub(crate) fn word(c: &[u8]) -> u64 {
    let c = &c[..8];
    u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])
}

/// The position of the first `needle` in `hay`, eight bytes at a time.
fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    let mut chunks = hay.chunks_exact(8);
    for (k, c) in chunks.by_ref().enumerate() {
        let z = zeros(word(c) ^ splat(needle));
        if z != 0 {
            return Some(8 * k + (z.trailing_zeros() / 8) as usize);
        }
    }
    let done = hay.len() - chunks.remainder().len();
    chunks
        .remainder()
        .iter()
        .position(|b| *b == needle)
        .map(|p| done + p)
}

/// Where cutting a line stopped.
enum Cut {
    /// At the line's end ("\n" at this position).
    Line(usize),
    /// At a quote.
    Quote,
    /// At the end of the bytes read.
    More,
    /// `bounds` is full: cutting resumes at this position.
    Full(usize),
}

/// Cuts `buf` from `i` at `sep` up to the first "\n": writes each field's bounds at `bounds[n]`
/// (the current field starts at `field`), the last one too when the line ends. Stops with
/// [`Cut::Full`] before a word when `bounds` may not hold its fields.
#[inline(always)]
fn cut(
    buf: &[u8],
    mut i: usize,
    sep: u8,
    field: &mut usize,
    bounds: &mut [(usize, usize)],
    n: &mut usize,
) -> Cut {
    let (seps, quotes, lfs) = (splat(sep), splat(b'"'), splat(b'\n'));
    let (mut f, mut m) = (*field, *n);
    let end = loop {
        if i + 8 > buf.len() {
            break None;
        }
        // A word has at most 8 separators, then the end of the line.
        if m + 9 > bounds.len() {
            break Some(Cut::Full(i));
        }
        let w = word(&buf[i..]);
        let (lf, quote) = (zeros(w ^ lfs), zeros(w ^ quotes));
        let mut s = zeros(w ^ seps);
        if lf | quote != 0 {
            // The bytes before the end of the line.
            let before = if lf != 0 {
                (lf & lf.wrapping_neg()) - 1
            } else {
                !0
            };
            if quote & before != 0 {
                break Some(Cut::Quote);
            }
            s &= before;
        }
        while s != 0 {
            let k = i + (s.trailing_zeros() / 8) as usize;
            bounds[m] = (f, k);
            m += 1;
            f = k + 1;
            s &= s - 1;
        }
        if lf != 0 {
            let k = i + (lf.trailing_zeros() / 8) as usize;
            bounds[m] = (f, k);
            m += 1;
            break Some(Cut::Line(k));
        }
        i += 8;
    };
    let end = end.unwrap_or_else(|| {
        while i < buf.len() {
            if m == bounds.len() {
                return Cut::Full(i);
            }
            match buf[i] {
                b'\n' => {
                    bounds[m] = (f, i);
                    m += 1;
                    return Cut::Line(i);
                }
                b'"' => return Cut::Quote,
                b if b == sep => {
                    bounds[m] = (f, i);
                    m += 1;
                    f = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        Cut::More
    });
    (*field, *n) = (f, m);
    end
}

/// A csv_core reader for a separator, as if it had read the start of the input already (it
/// strips a byte-order mark from its first input only): built when a record first needs it
/// (building its automaton costs more than reading a small file).
fn core_reader(separator: u8) -> csv_core::Reader {
    let mut core = csv_core::ReaderBuilder::new().delimiter(separator).build();
    // An empty line, skipped at the start of a record: the reader has read.
    let _ = core.read_record(b"\n", &mut [], &mut []);
    core
}

/// What splitting a line found.
enum Split {
    Done,
    /// A quote: csv_core reads the record.
    Quote,
    /// The line goes past the bytes read.
    NeedMore,
}

/// Where a field lies: from, to (excluded).
pub(crate) type Bounds = (usize, usize);

/// A CSV input read record by record (see the module documentation).
pub(crate) struct Records<R> {
    input: R,
    buf: Vec<u8>,
    /// The first byte not read yet, and the end of the bytes in `buf`.
    pos: usize,
    end: usize,
    eof: bool,
    /// The last byte of the input read so far was a "\r" (written as "\n"): a "\n" right after
    /// it is dropped.
    after_cr: bool,
    first: bool,
    sep: u8,
    /// Built when a record has a quote.
    core: Option<csv_core::Reader>,
    /// Lines read so far as csv_core counts them: 1 + the "\n" consumed.
    line: u64,
    record_line: u64,
    /// Whether the current record's fields lie in `buf` (a line without quotes) or in `quoted`.
    in_buf: bool,
    quoted: Vec<u8>,
    quoted_ends: Vec<usize>,
    /// The bounds of the current record's `n` fields (the storage is longer, never shrinks).
    bounds: Vec<(usize, usize)>,
    n: usize,
    /// A line cut up to `scan` (its current field starting at `field`) when the bytes read ran
    /// out: splitting resumes there, so a long line is scanned once.
    partial: bool,
    scan: usize,
    field: usize,
}

impl<'a> Records<Box<dyn Read + 'a>> {
    /// Records of bytes in memory (the same code as a stream's: one copy in the WebAssembly
    /// module).
    pub fn of_bytes(bytes: &'a [u8], separator: u8) -> Records<Box<dyn Read + 'a>> {
        Records::new(Box::new(bytes), separator)
    }
}

impl<R: Read> Records<R> {
    /// Records of `input`, cut at `separator`.
    pub fn new(input: R, separator: u8) -> Records<R> {
        Records {
            input,
            buf: vec![0; CHUNK],
            pos: 0,
            end: 0,
            eof: false,
            after_cr: false,
            first: true,
            sep: separator,
            core: None,
            line: 1,
            record_line: 1,
            in_buf: true,
            quoted: vec![0; 1024],
            quoted_ends: vec![0; 64],
            bounds: vec![(0, 0); 64],
            n: 0,
            partial: false,
            scan: 0,
            field: 0,
        }
    }

    /// Reads the next record: `Ok(false)` at the end of the input.
    pub fn read(&mut self) -> io::Result<bool> {
        if self.first {
            // As csv_core, strip a byte-order mark from the start of the input (when the first
            // read holds more than the mark).
            while self.end - self.pos <= 3 && !self.eof {
                self.fill()?;
            }
            self.first = false;
            if self.buf[self.pos..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.pos += 3;
            }
        }
        loop {
            while self.pos < self.end && self.buf[self.pos] == b'\n' {
                self.pos += 1;
                self.line += 1;
            }
            if self.pos == self.end {
                if self.eof {
                    return Ok(false);
                }
                self.fill()?;
                continue;
            }
            // The record starts here, after the empty lines skipped (the csv crate names the
            // line where it stood after the previous record, one line early per empty line).
            self.record_line = self.line;
            match self.split_line() {
                Split::Done => return Ok(true),
                Split::Quote => return self.read_quoted(),
                Split::NeedMore => self.fill()?,
            }
        }
    }

    /// The line of the current record, as the csv crate gives it.
    pub fn record_line(&self) -> u64 {
        self.record_line
    }

    /// Number of fields of the current record.
    pub fn len(&self) -> usize {
        self.n
    }

    /// A field of the current record.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let (a, b) = *self.bounds[..self.n].get(i)?;
        Some(if self.in_buf {
            &self.buf[a..b]
        } else {
            &self.quoted[a..b]
        })
    }

    /// A record cut in the read buffer (a line without quotes): the buffer and its fields'
    /// bounds in it.
    pub fn plain_fields(&self) -> Option<(&[u8], &[Bounds])> {
        self.in_buf.then(|| (&self.buf[..], &self.bounds[..self.n]))
    }

    /// The fields of the current record.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.n).filter_map(|i| self.get(i))
    }

    /// Cuts the line at `pos` at its separators, or says why not.
    fn split_line(&mut self) -> Split {
        let (mut field, mut start) = if self.partial {
            (self.field, self.scan)
        } else {
            self.n = 0;
            (self.pos, self.pos)
        };
        self.partial = false;
        loop {
            let mut n = self.n;
            let buf = &self.buf[..self.end];
            let end = cut(buf, start, self.sep, &mut field, &mut self.bounds, &mut n);
            self.n = n;
            return match end {
                Cut::Full(i) => {
                    let len = 2 * self.bounds.len();
                    self.bounds.resize(len, (0, 0));
                    start = i;
                    continue;
                }
                Cut::Line(k) => {
                    self.pos = k + 1;
                    self.line += 1;
                    self.in_buf = true;
                    Split::Done
                }
                Cut::Quote => Split::Quote,
                Cut::More if self.eof => {
                    // The last line, without a line end.
                    self.push((field, self.end));
                    self.pos = self.end;
                    self.in_buf = true;
                    Split::Done
                }
                Cut::More => {
                    (self.partial, self.scan, self.field) = (true, self.end, field);
                    Split::NeedMore
                }
            };
        }
    }

    /// Adds a field's bounds to the current record.
    fn push(&mut self, bounds: (usize, usize)) {
        if self.n == self.bounds.len() {
            let len = 2 * self.bounds.len();
            self.bounds.resize(len, (0, 0));
        }
        self.bounds[self.n] = bounds;
        self.n += 1;
    }

    /// Reads the record at `pos` with csv_core.
    fn read_quoted(&mut self) -> io::Result<bool> {
        use csv_core::ReadRecordResult::*;
        let sep = self.sep;
        let core = self.core.get_or_insert_with(|| core_reader(sep));
        core.set_line(self.line);
        self.n = 0;
        let (mut nout, mut nend) = (0, 0);
        loop {
            // An empty input tells csv_core the input has ended: read first.
            if self.pos == self.end && !self.eof {
                self.fill()?;
                continue;
            }
            let core = self.core.get_or_insert_with(|| core_reader(sep));
            let (res, nin, o, e) = core.read_record(
                &self.buf[self.pos..self.end],
                &mut self.quoted[nout..],
                &mut self.quoted_ends[nend..],
            );
            self.pos += nin;
            nout += o;
            nend += e;
            match res {
                // At the end of the input, csv_core is called with nothing to close the record.
                InputEmpty if self.eof => {}
                InputEmpty => self.fill()?,
                OutputFull => self.quoted.resize(2 * self.quoted.len(), 0),
                OutputEndsFull => self.quoted_ends.resize(2 * self.quoted_ends.len(), 0),
                Record | End => {
                    self.line = core.line();
                    self.in_buf = false;
                    let mut start = 0;
                    for k in 0..nend {
                        let end = self.quoted_ends[k];
                        self.push((start, end));
                        start = end;
                    }
                    return Ok(matches!(res, Record));
                }
            }
        }
    }

    /// Keeps the bytes not read yet at the front of the buffer and reads more after them, line
    /// ends converted to "\n".
    fn fill(&mut self) -> io::Result<()> {
        let shift = self.pos;
        if shift > 0 {
            self.buf.copy_within(shift..self.end, 0);
            self.end -= shift;
            self.pos = 0;
            if self.partial {
                self.scan -= shift;
                self.field -= shift;
                for b in &mut self.bounds[..self.n] {
                    *b = (b.0 - shift, b.1 - shift);
                }
            }
        }
        if self.buf.len() - self.end < CHUNK / 2 {
            // A line longer than the buffer: it grows.
            let len = (2 * self.buf.len()).max(self.end + CHUNK);
            self.buf.resize(len, 0);
        }
        let n = self.input.read(&mut self.buf[self.end..])?;
        if n == 0 {
            self.eof = true;
            return Ok(());
        }
        self.end += self.line_feeds(self.end, n);
        Ok(())
    }

    /// Turns "\r\n" and a lone "\r" into "\n" in the `n` bytes read at `at`; returns how many
    /// bytes are left.
    fn line_feeds(&mut self, at: usize, n: usize) -> usize {
        let chunk = &mut self.buf[at..at + n];
        let mut r = 0;
        if self.after_cr && chunk[0] == b'\n' {
            r = 1;
        }
        self.after_cr = false;
        if r == 0 && find_byte(chunk, b'\r').is_none() {
            return n;
        }
        let mut w = 0;
        while let Some(k) = find_byte(&chunk[r..], b'\r') {
            chunk.copy_within(r..r + k, w);
            w += k;
            chunk[w] = b'\n';
            w += 1;
            r += k + 1;
            if r == n {
                self.after_cr = true;
            } else if chunk[r] == b'\n' {
                r += 1;
            }
        }
        chunk.copy_within(r..n, w);
        w + (n - r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Records and their lines as the csv crate reads the input once its line ends are "\n".
    fn with_csv(bytes: &[u8], sep: u8) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut text = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' => {
                    text.push(b'\n');
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                }
                b => text.push(b),
            }
            i += 1;
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(&text[..]);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while r.read_byte_record(&mut record).unwrap() {
            // The csv crate's line is where it stood before the empty lines it skipped (and a
            // byte-order mark): the record's own line is past them.
            let p = record.position().unwrap();
            let mut at = p.byte() as usize;
            if at == 0 && text.starts_with(b"\xEF\xBB\xBF") {
                at = 3;
            }
            let line = p.line() + text[at..].iter().take_while(|b| **b == b'\n').count() as u64;
            out.push((line, record.iter().map(<[u8]>::to_vec).collect()));
        }
        out
    }

    /// Reads in pieces of `step` bytes, to cross the buffer's ends anywhere.
    struct Pieces<'a>(&'a [u8], usize);

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(self.0.len()).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn with_records(bytes: &[u8], sep: u8, step: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut r = Records::new(Pieces(bytes, step), sep);
        let mut out = Vec::new();
        while r.read().unwrap() {
            out.push((r.record_line(), r.iter().map(<[u8]>::to_vec).collect()));
        }
        out
    }

    fn csvish() -> impl Strategy<Value = Vec<u8>> {
        let token = prop::sample::select(vec![
            &b"a"[..],
            b"bc",
            b"\xc3\xa9",
            b";",
            b",",
            b"\t",
            b"\"",
            b"\"\"",
            b"\n",
            b"\r\n",
            b"\r",
            b" ",
            b"\xef\xbb\xbf",
            b"12,5",
            b"PC portable;3;neuf;2021",
        ]);
        prop::collection::vec(token, 0..200).prop_map(|t| t.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_records_of_the_csv_crate(bytes in csvish(), sep in prop::sample::select(vec![b';', b',', b'\t']), step in 1usize..40) {
            prop_assert_eq!(with_records(&bytes, sep, step), with_csv(&bytes, sep));
            prop_assert_eq!(with_records(&bytes, sep, usize::MAX), with_csv(&bytes, sep));
        }

        #[test]
        fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300), step in 1usize..20) {
            prop_assert_eq!(with_records(&bytes, b';', step), with_csv(&bytes, b';'));
        }
    }

    #[test]
    fn long_lines_and_many_records() {
        let mut text = Vec::new();
        for i in 0..20_000 {
            text.extend_from_slice(format!("cell {i};{}\n", "x".repeat(i % 97)).as_bytes());
        }
        // Lines of more fields than the bounds hold at first.
        text.extend_from_slice(format!("{}\n{}\n", "a;".repeat(300), ";".repeat(70)).as_bytes());
        text.extend_from_slice(&[b'y'; 200_000]);
        text.extend_from_slice(b";\"quoted\nline\";end\r\nlast");
        let want = with_csv(&text, b';');
        assert_eq!(want.len(), 20_004);
        assert!(with_records(&text, b';', 70_000) == want);
        assert!(with_records(&text, b';', 1 << 20) == want);
    }

    #[test]
    fn finds_bytes() {
        for n in 0..40 {
            let mut v = vec![b'a'; n];
            assert_eq!(find_byte(&v, b'\r'), None);
            for k in 0..n {
                v[k] = b'\r';
                assert_eq!(find_byte(&v, b'\r'), Some(k));
                v[k] = 0x0d ^ 0x80;
            }
        }
    }
}
