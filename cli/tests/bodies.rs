//! `empreinte evaluate FOLDER --bodies`: every inventory of the folder a body, each body's figures
//! those of `empreinte evaluate FILE`, then the total; a list of files too; CSV one row per body.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn empreinte() -> Command {
    Command::cargo_bin("empreinte").unwrap()
}

fn json(args: &[&str]) -> (Option<i32>, Value) {
    let out = empreinte().args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code(), v)
}

/// A folder of bodies: the sample communes, a JSON inventory, a file that is not an inventory.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("empreinte-bodies-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let communes = root().join("examples/communes");
    for f in [
        "village-saint-aubin.csv",
        "ville-montclair.csv",
        "ville-montclair.json",
    ] {
        std::fs::copy(communes.join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("zz-empty.csv"), "").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a body").unwrap();
    dir
}

#[test]
fn each_body_is_its_own_evaluation_then_the_total() {
    let dir = folder("each");
    let (code, v) = json(&[
        "evaluate",
        dir.to_str().unwrap(),
        "--bodies",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(1), "a body failed: exit 1");
    assert_eq!(v["schema"], "empreinte.bodies/1");
    let bodies = v["bodies"].as_array().unwrap();
    let names: Vec<&str> = bodies.iter().map(|b| b["body"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "village-saint-aubin",
            "ville-montclair",
            "ville-montclair",
            "zz-empty"
        ]
    );
    for (b, file) in bodies.iter().zip([
        "village-saint-aubin.csv",
        "ville-montclair.csv",
        "ville-montclair.json",
    ]) {
        let (_, alone) = json(&[
            "evaluate",
            dir.join(file).to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(b["counts"], alone["counts"], "{file}");
        let total = &alone["totals"]["impacts"];
        for (ind, cells) in total.as_object().unwrap() {
            assert_eq!(b["totals"][ind], cells["total"], "{file} {ind}");
        }
    }
    assert_eq!(bodies[3]["error"]["code"], "empty_inventory");
    let total = &v["total"];
    assert_eq!(
        (total["bodies"].as_u64(), total["failed"].as_u64()),
        (Some(4), Some(1))
    );
    let sum: u64 = bodies
        .iter()
        .map(|b| b["counts"]["rows_read"].as_u64().unwrap())
        .sum();
    assert_eq!(total["counts"]["rows_read"].as_u64(), Some(sum));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_list_of_files_and_csv_rows() {
    let dir = folder("list");
    let list = dir.join("bodies.txt");
    std::fs::write(
        &list,
        "# the two towns\nville-montclair.csv\n\nvillage-saint-aubin.csv\n",
    )
    .unwrap();
    let out = empreinte()
        .args([
            "evaluate",
            list.to_str().unwrap(),
            "--bodies",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[0], "body");
    assert!(header.iter().any(|h| h.starts_with("climate_change")));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let bodies: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(bodies, ["ville-montclair", "village-saint-aubin", "total"]);
    let read = |r: &csv::StringRecord| r[2].parse::<f64>().unwrap();
    assert_eq!(read(&rows[2]), read(&rows[0]) + read(&rows[1]));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn monte_carlo_is_refused() {
    let out = empreinte()
        .args(["evaluate", ".", "--bodies", "--monte-carlo", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
