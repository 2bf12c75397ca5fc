#!/usr/bin/env python3
"""Prints the benchmark table (Markdown) from the records bench/measure.py wrote, with the
machine, the date and the load average. A benchmark helper, not a test.

    report.py RESULTS.jsonl CONTEXT.json
"""
import json
import sys


def load(path):
    with open(path) as f:
        return {r["name"]: r for r in map(json.loads, f)}


def mb(r):
    return f"{r['max_rss_kb'] / 1024:.0f} MB"


def verdict(ok):
    return "met" if ok else "**missed**"


def main():
    res = load(sys.argv[1])
    ctx = json.load(open(sys.argv[2]))
    m = lambda name, key: res[name]["metrics"][key]  # noqa: E731
    wall = lambda name: res[name]["wall_s"]  # noqa: E731
    rows = []  # (what, time, peak memory, ratio, target, verdict)

    cpu = lambda name: res[name]["cpu_s"]  # noqa: E731
    n = int(m("csv_read", "rows"))
    csv_in = m("csv_read", "seconds")
    cli, cli_cpu = wall("cli_evaluate"), cpu("cli_evaluate")
    nat = m("native_evaluate", "seconds")
    rows.append((f"csv crate, read the {n:,} records (baseline)",
                 f"{csv_in:.3f} s in process; {wall('csv_read'):.3f} s wall, {cpu('csv_read'):.3f} s CPU",
                 mb(res["csv_read"]), "1", "", ""))
    r = cli_cpu / cpu("csv_read")
    rows.append(("native CLI `evaluate FILE --format json`, end to end", f"{cli:.3f} s wall, {cli_cpu:.3f} s CPU",
                 mb(res["cli_evaluate"]), f"{r:.2f}× the csv read (CPU; {cli / wall('csv_read'):.2f}× wall)", "≤ 2×",
                 verdict(r <= 2)))
    lps = n / cli_cpu
    rows.append(("native CLI throughput, one core", f"{lps:,.0f} lines/s (CPU; {n / cli:,.0f} wall)", "", "",
                 "≥ 1 000 000 lines/s, ≤ 1 s", verdict(lps >= 1e6)))
    r = nat / csv_in
    rows.append(("native in process (`evaluate_csv`, no JSON)", f"{nat:.3f} s ({n / nat:,.0f} lines/s)",
                 mb(res["native_evaluate"]), f"{r:.2f}× the csv read (in process)", "≤ 2×", verdict(r <= 2)))
    for name, what in (("wasm_evaluate", "default module (built for size)"),
                       ("wasm_evaluate_full", "full module (built for speed)")):
        if name not in res:
            continue
        w = m(name, "seconds")
        r = w / nat
        rows.append((f"WebAssembly in Node, `evaluate(Uint8Array)`, {what}, dataset loaded first",
                     f"{w:.3f} s in process ({m(name, 'cpu_seconds'):.3f} s CPU), {wall(name):.3f} s wall",
                     mb(res[name]), f"{r:.2f}× native in process", "≤ 2×", verdict(r <= 2)))
    # The call's work is its main-thread task time (CPU time of the thread that runs it): pinned
    # to one core, the page's wall time also holds Chromium's other processes and threads (browser,
    # GPU, background compilation), which a browser runs on the machine's other cores; the
    # unpinned run shows the wall time as a page gets it.
    for name, what in (("chromium_evaluate", "default module (built for size)"),
                       ("chromium_evaluate_full", "full module (built for speed)")):
        if name not in res:
            continue
        w, c = m(name, "seconds"), m(name, "cpu_seconds")
        r = c / nat
        free = f"{name}_unpinned"
        unpinned = (f"; unpinned: {m(free, 'seconds'):.3f} s in the page ({m(free, 'seconds') / nat:.2f}×)"
                    if free in res else "")
        rows.append((f"WebAssembly in headless Chromium, `evaluate(Uint8Array)`, {what}, dataset loaded first",
                     f"{c:.3f} s main-thread task time; {w:.3f} s in the page, pinned{unpinned}",
                     "", f"{r:.2f}× native in process (task time)", "≤ 2×", verdict(r <= 2)))
    for name, storage in (("python_dataframe", "pyarrow"), ("python_dataframe_python_strings", "python")):
        if name not in res:
            continue
        p = m(name, "seconds")
        r = p / nat
        rows.append((f"Python, `evaluate(DataFrame)` of {n:,} rows (pandas {ctx.get('pandas', '?')}, "
                     f"pyarrow {ctx.get('pyarrow', '?')}, text stored as {storage})",
                     f"{p:.3f} s in process", f"{mb(res[name])} (frame alone "
                     f"{m(name, 'frame_mb'):.0f} MB)",
                     f"{r:.2f}× native in process; {p / cli:.2f}× CLI wall", "≤ 1.2×", verdict(r <= 1.2)))
    if "native_columns" in res:
        rows.append(("the core's share of the Python case (`bench_native columns`: `add_columns` of the columns)",
                     f"{m('native_columns', 'seconds'):.3f} s in process", "", "", "", ""))
    if "cli_bodies" in res:
        b = cpu("cli_bodies")
        rows.append(("many bodies, CLI `evaluate FOLDER --bodies --format csv` (synthetic communes, "
                     "bench/generate_communes.py)", f"{wall('cli_bodies'):.3f} s wall, {b:.3f} s CPU",
                     mb(res["cli_bodies"]), "", "≤ 5 s, one core, memory bounded", verdict(b <= 5)))
    if "python_bodies" in res:
        rows.append(("many bodies, Python `evaluate_bodies(FOLDER)`",
                     f"{m('python_bodies', 'seconds'):.3f} s in process, {cpu('python_bodies'):.3f} s CPU",
                     mb(res["python_bodies"]) + " (every body's figures kept)", "", "", ""))
    mc, mc_cpu = wall("cli_monte_carlo"), cpu("cli_monte_carlo")
    draws = mc_cpu - cli_cpu
    rows.append((f"Monte Carlo, {ctx['draws']:,} draws over the {n:,} lines (CLI)",
                 f"{mc:.3f} s wall, {mc_cpu:.3f} s CPU; the draws alone {draws:.3f} s CPU", mb(res["cli_monte_carlo"]),
                 f"{mc_cpu / cli_cpu:.2f}× the plain evaluation (CPU)", "≤ 2 s",
                 verdict(draws <= 2) + " (draws); evaluation + draws " + ("met" if mc_cpu <= 2 else "missed")))
    bt, et = m("boavizta", "terminal_ms_per_case"), m("native_terminals", "ms_per_case")
    ec = wall("cli_terminals") * 1e3 / m("native_terminals", "cases")
    rows.append((f"BoaviztAPI 2.5.0 in process, per terminal ({int(m('boavizta', 'terminal_cases'))} cases, "
                 "19 criteria × 2 phases)", f"{bt:.3f} ms", mb(res["boavizta"]) + " (whole process)",
                 f"empreinte {et * 1e3:.1f} µs in process ({bt / et:,.0f}× faster); CLI end to end {ec:.3f} ms "
                 f"({bt / ec:.1f}× faster)", "", ""))
    bs, es = m("boavizta", "server_ms_per_case"), m("native_servers", "ms_per_case")
    rows.append((f"BoaviztAPI 2.5.0 in process, per bottom-up server ({int(m('boavizta', 'server_cases'))} cases)",
                 f"{bs:.2f} ms", "", f"empreinte {es * 1e3:.1f} µs ({bs / es:,.0f}× faster), "
                 f"RSS {mb(res['native_servers'])}", "", ""))
    cj, es = m("co2js", "us_per_estimate"), m("native_swd4", "us_per_estimate")
    wj = f"{cj / es:.1f}× faster" if es <= cj else f"{es / cj:.1f}× slower"
    rows.append((f"CO2.js 0.19.0, SWD v4 per visit, its own loop in Node ({int(m('co2js', 'estimates')):,} estimates)",
                 f"{cj:.3f} µs per estimate", mb(res["co2js"]), f"empreinte native {es:.3f} µs ({wj})", "", ""))
    if "wasm_swd4" in res:
        ws = m("wasm_swd4", "us_per_estimate")
        wj = f"{cj / ws:.1f}× faster" if ws <= cj else f"{ws / cj:.1f}× slower"
        rows.append(("empreinte wasm in Node, one `webPage({bytes})` call per estimate",
                     f"{ws:.3f} µs per estimate", mb(res["wasm_swd4"]), f"{wj} than CO2.js", "", ""))
    if "wasm_swd4_batch" in res:
        ws = m("wasm_swd4_batch", "us_per_estimate")
        rows.append(("empreinte wasm in Node, one `webPages(Float64Array)` batch call (full module)",
                     f"{ws:.3f} µs per estimate", mb(res["wasm_swd4_batch"]), f"{cj / ws:.1f}× CO2.js's speed",
                     "≤ CO2.js's time per estimate", verdict(ws <= cj)))
    if "python_pages" in res:
        pl, pn = m("python_pages", "us_per_estimate_list"), m("python_pages", "us_per_estimate_numpy")
        rows.append(("empreinte Python `pages()` batch call (a list; a numpy array)",
                     f"{pl:.3f} µs; {pn:.3f} µs per estimate", mb(res["python_pages"]), "",
                     "≤ CO2.js's time per estimate", verdict(max(pl, pn) <= cj)))
    raw, gz = ctx["wasm_raw"], ctx["wasm_gz"]
    rows.append(("`.wasm` with the default dataset (default module `empreinte`)",
                 f"{raw / 1000:,.1f} KB raw, {gz / 1000:,.1f} KB gzip -9", "", "",
                 "≤ 200 KB gzipped", verdict(gz <= 200_000)))
    if "wasm_full_gz" in ctx:
        raw, gz = ctx["wasm_full_raw"], ctx["wasm_full_gz"]
        rows.append(("`.wasm` of the full module `empreinte/full` (hosting, services, GLPI), loaded on demand",
                     f"{raw / 1000:,.1f} KB raw, {gz / 1000:,.1f} KB gzip -9", "", "", "", ""))

    loads = ", ".join("%s %.1f" % (k, v["load_avg_1m"]) for k, v in res.items())
    print(f"Date: {ctx['date']}  ")
    print(f"Machine: {ctx['cpu']}, {ctx['nproc']} CPUs, {ctx['mem']} memory; {ctx['os']}  ")
    print(f"Tools: {ctx['rustc']}; node {ctx['node']}; Python {ctx['python']}  ")
    print(f"Load average (1 min) before: {ctx['load_before']}, after: {ctx['load_after']}; "
          f"per measurement: {loads}  ")
    print(f"Each figure: median of {ctx['runs']} runs; commands pinned to one core (taskset -c {ctx['cpu_pin']}) "
          "unless marked unpinned; wall time, CPU time (user + system, wait4's rusage, to the microsecond) and peak "
          "memory (max RSS, /usr/bin/time -v) of each process; \"in process\": "
          "timed by the harness around the call alone. Process-level ratios use CPU time, which a busy machine "
          "disturbs less than wall time.")
    print()
    print("| measurement | time | peak memory | ratio | target | |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    chk = {k: m(k, "climate_change_kgco2e") for k in ("native_evaluate", "wasm_evaluate", "wasm_evaluate_full",
                                                      "chromium_evaluate", "chromium_evaluate_full",
                                                      "python_dataframe", "python_dataframe_python_strings", "native_columns")
           if k in res and "climate_change_kgco2e" in res[k]["metrics"]}
    if any(res[k]["metrics"].get("pkg_node") == 0 for k in ("wasm_evaluate", "wasm_swd4") if k in res):
        print("Note: bindings-wasm/pkg/node did not load in Node; the wasm figures use pkg/web (same .wasm, initSync).")
    print("Same totals: climate change (kgCO2e) " + ", ".join(f"{k} {v!r}" for k, v in chk.items()))


if __name__ == "__main__":
    main()
