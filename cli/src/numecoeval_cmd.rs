//! NumEcoEval / G4IT files on the command line: `empreinte evaluate FOLDER` or `FILE...`
//! (and `empreinte report FOLDER`). Reads the files and hands them to `empreinte::numecoeval`,
//! which tells them apart by their headers.

use crate::render::{cell, number, print_rows, t};
use empreinte::estate::{Estate, EstateError};
use empreinte::numecoeval::NumEcoEvalSection;
use empreinte::{Dataset, EquipmentLine, EvaluationOptions, Indicator, Lang, Report};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes of a file read to tell a NumEcoEval file by its header.
const HEAD: u64 = 4096;

fn head(path: &Path) -> Vec<u8> {
    let mut head = Vec::new();
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(HEAD).read_to_end(&mut head);
    }
    head
}

/// The files of the paths given (a folder: its files, sorted), by the name errors give them.
fn expand(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file())
                .collect();
            files.sort();
            for f in files {
                let name = f
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                out.push((name, f));
            }
        } else {
            out.push((p.display().to_string(), p.clone()));
        }
    }
    Ok(out)
}

/// The NumEcoEval files among the paths, read; `None` when none of them is one (an
/// inventory, a GLPI folder, an estate).
pub fn read_if_numecoeval(paths: &[PathBuf]) -> Result<Option<Vec<(String, Vec<u8>)>>, String> {
    if paths.iter().any(|p| p == Path::new("-")) {
        return Ok(None);
    }
    let files = expand(paths)?;
    if !files
        .iter()
        .any(|(_, p)| empreinte::numecoeval::detect(&head(p)).is_some())
    {
        return Ok(None);
    }
    files
        .into_iter()
        .map(|(name, p)| {
            std::fs::read(&p)
                .map(|b| (name, b))
                .map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// Evaluates NumEcoEval files: the report, the physical equipment's lines, the estate they make.
pub fn evaluate(
    ds: &Dataset,
    files: &[(String, Vec<u8>)],
    options: &EvaluationOptions,
) -> Result<(Report, Vec<(u64, EquipmentLine)>, Estate), String> {
    empreinte::numecoeval::evaluate_numecoeval_with(ds, files, options).map_err(fail)
}

fn fail(e: EstateError) -> String {
    format!("{e} [{}]", e.code())
}

/// A NumEcoEval inventory's data centres and applications (climate change), for the table.
pub fn table(n: &NumEcoEvalSection, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let climate = |i: &empreinte::ImpactTable| {
        i.total(Indicator::ClimateChange)
            .map_or(crate::render::not_available(lang).to_string(), |e| {
                cell(e, lang)
            })
    };
    let mut rows = vec![vec![
        t(lang, "Centre de données", "Data centre").to_string(),
        "PUE".to_string(),
        t(lang, "Équip.", "Devices").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
    ]];
    for d in &n.data_centres {
        rows.push(vec![
            d.name.clone(),
            d.pue.map_or("-".into(), |p| number(p, lang)),
            d.devices.to_string(),
            climate(&d.impacts),
        ]);
    }
    if rows.len() > 1 {
        writeln!(out)?;
        print_rows(&rows, out)?;
    }
    let mut rows = vec![vec![
        t(lang, "Application", "Application").to_string(),
        t(lang, "Environnement", "Environment").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
    ]];
    for a in &n.applications {
        rows.push(vec![
            a.name.clone(),
            a.environment.clone().unwrap_or_default(),
            climate(&a.impacts),
        ]);
    }
    if rows.len() > 1 {
        writeln!(out)?;
        print_rows(&rows, out)?;
        writeln!(
            out,
            "{}",
            t(
                lang,
                "(parts des machines virtuelles et de leurs hôtes : comprises dans les totaux ci-dessus)",
                "(shares of virtual machines and their hosts: within the totals above)"
            )
        )?;
    }
    Ok(())
}
