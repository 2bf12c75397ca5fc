//! Where the files an estate names come from: a folder on disk (the CLI, Python), or files
//! given in memory (the browser, tests).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files an estate's fleet sources name, by the path written in the estate.
pub trait EstateFiles {
    /// The bytes of a file.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// The files of a folder (as paths `read` takes), sorted; `None` when `path` is not a folder.
    fn list(&self, path: &str) -> Option<Vec<String>>;
}

/// Files relative to a folder (the estate file's).
#[derive(Debug, Clone)]
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// Paths are read relative to `root` (absolute paths as they are).
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder { root: root.into() }
    }

    fn path(&self, path: &str) -> PathBuf {
        self.root.join(Path::new(path))
    }
}

impl EstateFiles for Folder {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.path(path)).map_err(|e| e.to_string())
    }

    fn list(&self, path: &str) -> Option<Vec<String>> {
        let dir = self.path(path);
        let entries = std::fs::read_dir(&dir).ok()?;
        let mut out: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| {
                format!(
                    "{}/{}",
                    path.trim_end_matches('/'),
                    e.file_name().to_string_lossy()
                )
            })
            .collect();
        out.sort();
        Some(out)
    }
}

/// Files given by name (a folder is every name under `folder/`).
#[derive(Debug, Clone, Default)]
pub struct InMemoryFiles {
    files: BTreeMap<String, Vec<u8>>,
}

impl InMemoryFiles {
    /// Adds a file.
    pub fn insert(&mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(name.into(), bytes.into());
    }
}

impl<N: Into<String>, B: Into<Vec<u8>>, const K: usize> From<[(N, B); K]> for InMemoryFiles {
    fn from(files: [(N, B); K]) -> InMemoryFiles {
        let mut out = InMemoryFiles::default();
        for (n, b) in files {
            out.insert(n, b);
        }
        out
    }
}

impl EstateFiles for InMemoryFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such file among the files given".to_string())
    }

    fn list(&self, path: &str) -> Option<Vec<String>> {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        let names: Vec<String> = self
            .files
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        (!names.is_empty() && !self.files.contains_key(path)).then_some(names)
    }
}
