//! Decoding inventories written in the encodings spreadsheets use: UTF-8 (passed through),
//! UTF-16 with a BOM, and Windows-1252. Written here rather than linking a general encoding
//! library, whose tables for every encoding would triple the WebAssembly module; checked
//! byte for byte against encoding_rs in the tests.

use std::io::{self, Read};

/// Windows-1252 bytes 0x80–0x9F, as the WHATWG Encoding Standard maps them (index-windows-1252);
/// every other byte is its Latin-1 code point.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The character a Windows-1252 byte stands for.
pub fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => char::from(b),
    }
}

/// Decodes Windows-1252 text (every byte sequence is valid).
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes.iter().map(|b| windows_1252_char(*b)).collect()
}

/// An encoding an inventory can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8.
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (the Western European code page of older spreadsheets).
    Windows1252,
}

impl SourceEncoding {
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`).
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
            SourceEncoding::Windows1252 => "windows-1252",
        }
    }

    /// Decodes a whole buffer (unpaired UTF-16 surrogates become U+FFFD).
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            SourceEncoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            SourceEncoding::Windows1252 => decode_windows_1252(bytes),
            SourceEncoding::Utf16Le | SourceEncoding::Utf16Be => {
                let units = bytes.chunks_exact(2).map(|p| self.unit([p[0], p[1]]));
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or('\u{FFFD}'))
                    .collect()
            }
        }
    }

    fn unit(self, pair: [u8; 2]) -> u16 {
        if self == SourceEncoding::Utf16Be {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    }
}

/// Decodes a whole text file: UTF-8 or UTF-16 after their BOM, else UTF-8 when valid, else
/// Windows-1252 (what spreadsheets on French Windows write). Returns the encoding it found.
pub fn decode_auto(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, SourceEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), SourceEncoding::Utf8);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (
            SourceEncoding::Utf16Le.decode(rest).into(),
            SourceEncoding::Utf16Le,
        );
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (
            SourceEncoding::Utf16Be.decode(rest).into(),
            SourceEncoding::Utf16Be,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.into(), SourceEncoding::Utf8),
        Err(_) => (
            decode_windows_1252(bytes).into(),
            SourceEncoding::Windows1252,
        ),
    }
}

/// A reader that turns Windows-1252 or UTF-16 input into UTF-8, chunk by chunk (bounded memory).
#[derive(Debug)]
pub struct DecodingReader<R> {
    inner: R,
    encoding: SourceEncoding,
    input: Vec<u8>,
    /// A byte or a high surrogate left over from the previous chunk.
    carry: Vec<u8>,
    output: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: Read> DecodingReader<R> {
    /// A reader decoding `inner` from `encoding` into UTF-8.
    pub fn new(inner: R, encoding: SourceEncoding) -> DecodingReader<R> {
        DecodingReader {
            inner,
            encoding,
            input: vec![0; 16 * 1024],
            carry: Vec::new(),
            output: Vec::with_capacity(32 * 1024),
            pos: 0,
            eof: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.output.clear();
        self.pos = 0;
        while self.output.is_empty() && !self.eof {
            let n = self.inner.read(&mut self.input)?;
            if n == 0 {
                self.eof = true;
            }
            let mut chunk = std::mem::take(&mut self.carry);
            chunk.extend_from_slice(&self.input[..n]);
            let mut text = String::new();
            match self.encoding {
                SourceEncoding::Utf8 => text.push_str(&String::from_utf8_lossy(&chunk)),
                SourceEncoding::Windows1252 => {
                    text.extend(chunk.iter().map(|b| windows_1252_char(*b)))
                }
                SourceEncoding::Utf16Le | SourceEncoding::Utf16Be => {
                    let mut whole = chunk.len() / 2 * 2;
                    // Keep a trailing high surrogate for the next chunk, unless input ended.
                    if !self.eof && whole >= 2 {
                        let last = self.encoding.unit([chunk[whole - 2], chunk[whole - 1]]);
                        if (0xD800..0xDC00).contains(&last) {
                            whole -= 2;
                        }
                    }
                    let units = chunk[..whole]
                        .chunks_exact(2)
                        .map(|p| self.encoding.unit([p[0], p[1]]));
                    text.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
                    self.carry = chunk[whole..].to_vec();
                    if self.eof && !self.carry.is_empty() {
                        text.push('\u{FFFD}');
                        self.carry.clear();
                    }
                }
            }
            self.output.extend_from_slice(text.as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.output.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.output.len() - self.pos);
        buf[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_matches_encoding_rs_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(
            decode_windows_1252(&all),
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&all)
                .0
        );
    }

    #[test]
    fn streaming_utf16_across_chunks() {
        let text = "Écran;2;😀\n".repeat(5000);
        for (enc, bytes) in [
            (
                SourceEncoding::Utf16Le,
                text.encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .collect::<Vec<u8>>(),
            ),
            (
                SourceEncoding::Utf16Be,
                text.encode_utf16()
                    .flat_map(|u| u.to_be_bytes())
                    .collect::<Vec<u8>>(),
            ),
        ] {
            let mut out = String::new();
            DecodingReader::new(&bytes[..], enc)
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, text);
            assert_eq!(enc.decode(&bytes), text);
        }
        let latin: Vec<u8> = b"\xC9cran \x80 \x9C".repeat(10_000);
        let mut out = String::new();
        DecodingReader::new(&latin[..], SourceEncoding::Windows1252)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(
            out,
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&latin)
                .0
        );
    }
}
