//! Inventories given column by column (a DataFrame's), evaluated row by row as any other: a row
//! whose text cells (category, model, condition, country, department) were seen before in the
//! same columns is evaluated from its numbers alone, as rows of a CSV file are (`remembered`).

use super::remembered::{hash_key, Remembered, Resolution};
use super::Evaluation;
use crate::inventory::{
    is_key_field, plain_number_columns, plain_numbers, row_line, EquipmentLine, Field, FrameColumn,
    Keys, RejectedRow,
};
use rustc_hash::FxHashMap as HashMap;

impl Evaluation<'_> {
    /// Adds the rows of an inventory given column by column: row `i` is line `i + 1`, read by
    /// [`crate::inventory::row_line`]; a row whose cells are all empty is counted as blank.
    ///
    /// ```
    /// use empreinte::inventory::{FrameColumn, Given};
    /// use empreinte::{CellValue, Dataset, Evaluation, EvaluationOptions, Field};
    ///
    /// let kinds = [Given::Value(CellValue::Text("laptop")), Given::Value(CellValue::Text("écran"))];
    /// let columns = [
    ///     (Field::Category, FrameColumn::Codes(&[0, 1, 0], &kinds)),
    ///     (Field::Quantity, FrameColumn::Numbers(&[3.0, 2.0, 1.0])),
    ///     (Field::AcquisitionYear, FrameColumn::Numbers(&[2022.0, 2021.0, 2024.0])),
    /// ];
    /// let mut ev = Evaluation::new(Dataset::embedded_default(), EvaluationOptions::new(2025))?;
    /// ev.add_columns(&columns, 3);
    /// assert_eq!(ev.finish().counts.devices, 6);
    /// # Ok::<(), empreinte::RowError>(())
    /// ```
    pub fn add_columns(&mut self, columns: &[(Field, FrameColumn<'_>)], n_rows: usize) {
        let n_rows = columns
            .iter()
            .map(|(_, c)| c.len())
            .fold(n_rows, usize::min);
        match Keys::new(columns).filter(|_| self.remembers()) {
            Some(keys) => self.add_coded(columns, &keys, n_rows),
            None => self.add_keyed(columns, n_rows),
        }
    }

    /// Rows whose key columns are given as codes: a row's key is its codes combined, what a key
    /// resolved to is in a table (a vector for up to a million keys).
    fn add_coded(&mut self, columns: &[(Field, FrameColumn<'_>)], keys: &Keys<'_>, n_rows: usize) {
        let dense_up_to = (4 * n_rows as u64 + 1024).min(1 << 20);
        let dense_len = if keys.size <= dense_up_to {
            keys.size as usize
        } else {
            0
        };
        let mut dense: Vec<u32> = vec![u32::MAX; dense_len];
        let mut sparse: HashMap<u64, u32> = HashMap::default();
        let mut resolved: Vec<Resolution> = Vec::new();
        let mut line = EquipmentLine::new(String::new(), 1);
        let mut cells = Vec::new();
        let mut blank = 0;
        for row in 0..n_rows {
            let n = row as u64 + 1;
            let mut unseen = None;
            if let Some((key, any_text)) = keys.of(row) {
                match plain_number_columns(&keys.numbers, row, &mut line) {
                    Some(any_number) if any_text || any_number => {
                        let k = if dense.is_empty() {
                            sparse.get(&key).copied().unwrap_or(u32::MAX)
                        } else {
                            dense[key as usize]
                        };
                        if let Some(e) = resolved.get_mut(k as usize) {
                            let _ = self.add_resolved(n, &mut line, e);
                            continue;
                        }
                        unseen = Some(key);
                    }
                    _ => {}
                }
            }
            match row_line(columns, row, &mut line, &mut cells) {
                None => blank += 1,
                Some(Ok(())) => {
                    if let (true, Some(key), Some(last)) =
                        (self.add(n, &line).is_ok(), unseen, self.last)
                    {
                        let k = resolved.len() as u32;
                        resolved.push(last);
                        if dense.is_empty() {
                            sparse.insert(key, k);
                        } else {
                            dense[key as usize] = k;
                        }
                    }
                }
                Some(Err(error)) => self.reject(RejectedRow { line: n, error }),
            }
        }
        self.add_blank_rows(blank);
    }

    /// Rows whose key columns are given otherwise: a row's key is its key cells' codes or
    /// numbers, as bytes.
    fn add_keyed(&mut self, columns: &[(Field, FrameColumn<'_>)], n_rows: usize) {
        let mut line = EquipmentLine::new(String::new(), 1);
        let mut cells = Vec::new();
        let mut key = Vec::new();
        // Codes mean something in these columns only: what they resolved to is kept here.
        let mut seen = Remembered::default();
        let keyed = self.remembers()
            && columns
                .iter()
                .all(|(f, c)| !is_key_field(*f) || !matches!(c, FrameColumn::Cells(_)));
        let mut blank = 0;
        for row in 0..n_rows {
            let n = row as u64 + 1;
            let mut unseen = None;
            if keyed && plain_numbers(columns, row, &mut line) {
                key.clear();
                for (field, column) in columns.iter().filter(|(f, _)| is_key_field(*f)) {
                    key.push(*field as u8);
                    key.extend_from_slice(&column.key(row).unwrap_or(0).to_le_bytes());
                }
                let hash = hash_key(&key);
                match seen.find(hash, &key) {
                    Some(k) => {
                        let mut e = seen.items[k];
                        let _ = self.add_resolved(n, &mut line, &mut e);
                        seen.items[k] = e;
                        continue;
                    }
                    None => unseen = Some(hash),
                }
            }
            match row_line(columns, row, &mut line, &mut cells) {
                None => blank += 1,
                Some(Ok(())) => {
                    if let (true, Some(hash), Some(last)) =
                        (self.add(n, &line).is_ok(), unseen, self.last)
                    {
                        seen.insert(hash, &key, last);
                    }
                }
                Some(Err(error)) => self.reject(RejectedRow { line: n, error }),
            }
        }
        self.add_blank_rows(blank);
    }
}
