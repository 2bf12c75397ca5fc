use empreinte::numecoeval::evaluate_numecoeval;
use empreinte::{Dataset, EvaluationOptions};
const DIR: &str = "/work/shared/real-world/numecoeval-g4it-format";
fn files() -> Vec<(String, Vec<u8>)> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(format!("{DIR}/inputs")).unwrap() {
        let p = e.unwrap().path();
        v.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
    }
    v
}
#[test]
fn scratch() {
    let r = evaluate_numecoeval(Dataset::embedded_default(), &files(), &EvaluationOptions::new(2022)).unwrap();
    std::fs::write("/tmp/nee/default.json", r.to_json()).unwrap();
    let ds = Dataset::from_dir(format!("{DIR}/referential")).unwrap();
    println!("{:#?}", ds.info());
    let r = evaluate_numecoeval(&ds, &files(), &EvaluationOptions::new(2022)).unwrap();
    std::fs::write("/tmp/nee/ref.json", r.to_json()).unwrap();
    let mut out = Vec::new();
    empreinte::numecoeval::write_csv(&r, &mut out).unwrap();
    std::fs::write("/tmp/nee/ref.csv", out).unwrap();
}
