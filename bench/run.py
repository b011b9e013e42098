"""Benchmark ressearch on generated corpora of growing size.

For each size (number of paragraphs) it generates a corpus with bench/generate.py (or
reuses one generated earlier with the same size and seed) under WORKDIR, then measures:

  parse    `indexer.parse_file` over every file, one process: MB of text/s, paragraphs/s;
  index    `indexer.build(corpus, index=fresh path)`: paragraphs/s (wall clock), index size
           on disk, peak RSS of this process (the library may use worker processes);
  query    `query.search(q, index=…, limit=10)` in this process over a fixed mix of ~50
           queries (rare/frequent words, accentless, AND, phrases, prefixes, field filters,
           OR/NOT, a pasted paragraph), 3 rounds; round 1 opens the index and warms caches
           and is left out; p50/p95/max over rounds 2–3, and the 5 slowest queries;
  cli      wall time of a one-shot `ressearch query "coopération Sud-Sud" --index …`
           subprocess (median of 5 after one untimed run that caches the bytecode, as an
           installed package has it), the same with --json, and a bare `python -c pass`.

A compact table follows, and all figures are saved to WORKDIR/results.json.
If `indexer.build` or `query.search` cannot be imported, only the parse part runs.

    . /tmp/v/bin/activate
    python bench/run.py                                  # sizes 10000,100000
    python bench/run.py --sizes 10000 --queries 20       # quicker
    python bench/run.py --sizes 1000000 --workdir /tmp/bench --procs 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The working tree's packages first: an editable install made before query/__init__.py
# existed resolves `query` as a namespace package, where `from query import search` would
# give the query.search module instead of the function.
sys.path[:0] = [str(HERE.parent), str(HERE)]

import generate  # noqa: E402  (bench/generate.py)

from indexer import ParseError, parse_file  # noqa: E402

ROUNDS = 3
CLI_RUNS = 5
CLI_QUERY = "coopération Sud-Sud"


# --------------------------------------------------------------------------- helpers


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def dir_bytes(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(corpus).parts))


def first(obj, *names, default=None):
    """The first attribute (or key) of obj that exists among names."""
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return default


def load_api():
    """(build, search, close_all) from the library, or None for each part that is missing."""
    build = search = close_all = None
    try:
        from indexer import build  # type: ignore[no-redef]
    except ImportError as e:
        print(f"NOTE: indexer.build is not importable yet ({e}); skipping the index and query parts.")
    try:
        from query import search  # type: ignore[no-redef]
        if not callable(search):  # the submodule, not the function (see sys.path above)
            search = search.search
        try:
            from query.searching import close_all  # type: ignore[no-redef]
        except ImportError:
            close_all = None
    except ImportError as e:
        print(f"NOTE: query.search is not importable yet ({e}); skipping the query part.")
    return build, search, close_all


# --------------------------------------------------------------------------- queries


def query_set(n: int | None = None, corpus_symbol: str | None = None) -> list[tuple[str, str]]:
    """The fixed query mix as (category, query); deterministic, the same for every size.

    `corpus_symbol`: the symbol of the corpus's first file (the same for every size with
    one seed), so that one symbol filter surely has hits; `symbol:"68/160"` may have none."""
    seeds = generate._seeds()
    names = generate.Names()
    # Generated names: id 1 is in about a third of the name draws, id 40 in a few per 10k paragraphs.
    place_common, place_rare = names.get("place", 1), names.get("place", 40)
    person_rare = names.get("last", 9)
    op = next(p for p in seeds.op if len(", ".join(p.clauses).split()) >= 40)
    pre = next(p for p in seeds.pre if len(", ".join(p.clauses).split()) >= 40)
    pasted_op = " ".join(", ".join(op.clauses).split()[:30])
    pasted_pre = " ".join(", ".join(pre.clauses).split()[:30])
    qs = [
        ("rare word", "multilatéralisme"),
        ("rare word", "coexistence"),
        ("rare word", "Bakou"),
        ("rare word", place_common),
        ("rare word", place_rare),
        ("rare word", person_rare),
        ("rare word", "zorglubisme"),  # in no paragraph
        ("frequent word", "droits"),
        ("frequent word", "coopération"),
        ("frequent word", "homme"),
        ("frequent word", "États"),
        ("frequent word", "développement"),
        ("accentless", "cooperation sud-sud"),
        ("accentless", "developpement durable"),
        ("accentless", "xenophobie"),
        ("accentless", "secretaire general"),
        ("accentless", "etats membres"),
        ("AND frequent", "droits AND coopération"),
        ("AND frequent", "coopération internationale droits homme"),
        ("AND frequent", "États AND Membres AND coopération AND développement"),
        ("phrase frequent", '"droits de l\'homme"'),
        ("phrase frequent", '"coopération internationale"'),
        ("phrase frequent", '"Nations Unies"'),
        ("phrase frequent", '"États Membres"'),
        ("phrase frequent", '"droits de l’homme et des libertés fondamentales"'),
        ("phrase rare", '"discrimination raciale"'),
        ("phrase rare", '"Programme d’action de Vienne"'),
        ("phrase rare", '"Déclaration du Millénaire"'),
        ("phrase rare", '"Examen périodique universel"'),
        ("phrase rare", '"coopération Sud-Sud"'),
        ("prefix", "coop*"),
        ("prefix", "dévelop*"),
        ("prefix", "xéno*"),
        ("prefix", "pand*"),
        ("field", "verb:prie"),
        ("field", 'verb:"prend note"'),
        ("field", "kind:operative"),
        ("field", "kind:preambular coopération"),
        ("field", "session:[60 TO 70]"),
        ("field", "session:[60 TO 70] coopération"),
        ("field", 'symbol:"68/160"'),
        ("field", "verb:rappelant session:[70 TO 79]"),
        ("OR/NOT", "Durban OR Vienne"),
        ("OR/NOT", "xénophobie OR racisme"),
        ("OR/NOT", "coopération NOT Sud-Sud"),
        ("OR/NOT", "droits NOT homme"),
        ("OR/NOT", "(pandémie OR COVID-19) AND vaccins"),
        ("pasted", pasted_op),
        ("pasted", pasted_pre),
        ("symbol/number", "COVID-19"),
    ]
    if corpus_symbol:
        qs.insert(qs.index(("field", 'symbol:"68/160"')) + 1, ("field", f'symbol:"{corpus_symbol}"'))
    return qs[:n] if n else qs


# --------------------------------------------------------------------------- measurements


def bench_parse(corpus: Path) -> dict:
    files = corpus_files(corpus)
    nbytes = paragraphs = errors = 0
    t0 = time.perf_counter()
    for f in files:
        try:
            res = parse_file(f)
        except ParseError:
            errors += 1
            continue
        paragraphs += len(res.paragraphs)
    seconds = time.perf_counter() - t0
    nbytes = sum(f.stat().st_size for f in files)
    out = {"files": len(files), "mb": nbytes / 1e6, "paragraphs": paragraphs, "errors": errors, "seconds": seconds,
           "mb_per_s": nbytes / 1e6 / seconds, "paragraphs_per_s": paragraphs / seconds}
    print(f"  parse   {out['mb']:.1f} MB, {len(files)} files in {seconds:.1f} s: {out['mb_per_s']:.2f} MB/s, "
          f"{out['paragraphs_per_s']:,.0f} paragraphs/s (1 core){f', {errors} parse errors' if errors else ''}")
    return out


def bench_index(build, corpus: Path, index_path: Path, procs: int | None) -> dict:
    shutil.rmtree(index_path, ignore_errors=True)
    kwargs = {"procs": procs} if procs else {}
    t0 = time.perf_counter()
    report = build(corpus, index=index_path, **kwargs)
    wall = time.perf_counter() - t0
    paragraphs = first(report, "paragraphs_indexed", "paragraphs", "n_paragraphs", default=0) or 0
    files = first(report, "files_indexed", "files", default=0) or 0
    skipped = first(report, "skipped", default=[]) or []
    size = dir_bytes(index_path)
    out = {"paragraphs": paragraphs, "files": files, "skipped": len(skipped), "seconds": wall,
           "reported_seconds": first(report, "seconds"), "paragraphs_per_s": paragraphs / wall if wall else 0.0,
           "index_mb": size / 1e6, "peak_rss_mb": peak_rss_mb(), "procs": procs or "default"}
    print(f"  index   {paragraphs:,} paragraphs from {files} files in {wall:.1f} s: {out['paragraphs_per_s']:,.0f} paragraphs/s; "
          f"index {out['index_mb']:.1f} MB on disk; peak RSS {out['peak_rss_mb']:.0f} MB"
          + (f"; {len(skipped)} skipped, e.g. {skipped[0]}" if skipped else ""))
    return out


def hit_count(res) -> int | None:
    total = first(res, "total")
    if isinstance(total, int):
        return total
    try:
        return len(res)
    except TypeError:
        return None


def bench_queries(search, index_path: Path, queries: list[tuple[str, str]]) -> dict:
    times: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    hits: dict[int, int | None] = {}
    errors: dict[int, str] = {}
    first_call = None
    for rnd in range(ROUNDS):
        for i, (_cat, q) in enumerate(queries):
            if i in errors:
                continue
            t0 = time.perf_counter()
            try:
                res = search(q, index=index_path, limit=10)
            except Exception as e:  # noqa: BLE001 - a failing query is reported, not fatal
                errors[i] = f"{type(e).__name__}: {e}"
                continue
            dt = (time.perf_counter() - t0) * 1000
            if first_call is None:
                first_call = dt
            times[i].append(dt)
            hits[i] = hit_count(res)
    measured = [t for ts in times.values() for t in ts[1:]]  # all runs except the first round
    out = {"queries": len(queries), "errors": {queries[i][1]: e for i, e in errors.items()},
           "first_call_ms": first_call, "round1_ms": sum(ts[0] for ts in times.values() if ts)}
    if measured:
        out.update(p50_ms=percentile(measured, 50), p95_ms=percentile(measured, 95), max_ms=max(measured),
                   mean_ms=statistics.fmean(measured))
    per_query = []
    for i, ts in times.items():
        if ts[1:]:
            per_query.append({"category": queries[i][0], "query": queries[i][1], "ms": ts[1:],
                              "median_ms": statistics.median(ts[1:]), "first_ms": ts[0], "hits": hits.get(i)})
    out["per_query"] = per_query
    out["zero_hits"] = [p["query"] for p in per_query if p["hits"] == 0]
    if measured:
        print(f"  query   {len(measured)} warm runs of {len(per_query)} queries: p50 {out['p50_ms']:.1f} ms, "
              f"p95 {out['p95_ms']:.1f} ms, max {out['max_ms']:.1f} ms (first call, opening the index: {first_call:.0f} ms)")
        print("          5 slowest (warm runs, ms; hits):")
        for p in sorted(per_query, key=lambda p: -max(p["ms"]))[:5]:
            q = p["query"] if len(p["query"]) <= 60 else p["query"][:57] + "…"
            print(f"          {' / '.join(f'{t:7.1f}' for t in p['ms'])}  [{p['category']}] {q}  ({p['hits']} hits)")
        by_cat: dict[str, list[float]] = {}
        for p in per_query:
            by_cat.setdefault(p["category"], []).extend(p["ms"])
        print("          median by kind: " + ", ".join(f"{c} {statistics.median(v):.1f}" for c, v in by_cat.items()))
        if out["zero_hits"]:
            print(f"          no hits: {', '.join(out['zero_hits'])}")
    for i, e in errors.items():
        print(f"          ERROR {queries[i][1]!r}: {e}")
    return out


def ressearch_exe() -> list[str]:
    exe = Path(sys.executable).parent / "ressearch"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("ressearch")
    return [found] if found else [sys.executable, "-m", "query.cli"]


def time_cmd(cmd: list[str], runs: int = CLI_RUNS) -> dict:
    # Bytecode is cached as an installed package has it (pip compiles at install): without
    # that, PYTHONDONTWRITEBYTECODE=1 would make every run recompile the sources (~40 ms).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, env=env)  # writes the bytecode; not timed
    walls, rc, err, lines = [], 0, "", 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        walls.append((time.perf_counter() - t0) * 1000)
        rc, err, lines = p.returncode, p.stderr.strip(), len(p.stdout.splitlines())
    return {"median_ms": statistics.median(walls), "min_ms": min(walls), "runs_ms": walls, "returncode": rc,
            "stderr": err.splitlines()[-1] if err else "", "stdout_lines": lines}


def bench_cli(index_path: Path) -> dict:
    exe = ressearch_exe()
    base = [*exe, "query", CLI_QUERY, "--index", str(index_path)]
    out = {"python": time_cmd([sys.executable, "-c", "pass"]),
           "query": time_cmd(base),
           "query_json": time_cmd(base + ["--json"])}
    for key, label in (("query", "query"), ("query_json", "query --json")):
        r = out[key]
        status = "" if r["returncode"] == 0 else f"  (exit {r['returncode']}: {r['stderr']})"
        print(f"  cli     ressearch {label} \"{CLI_QUERY}\": median {r['median_ms']:.0f} ms, min {r['min_ms']:.0f} ms "
              f"({r['stdout_lines']} lines out){status}")
    print(f"          (bare `python -c pass`: median {out['python']['median_ms']:.0f} ms)")
    return out


# --------------------------------------------------------------------------- main


def run_size(size: int, a, api) -> dict:
    build, search, close_all = api
    print(f"\n== {size:,} paragraphs")
    corpus = Path(a.workdir) / f"corpus-{size}-s{a.seed}"
    t0 = time.perf_counter()
    manifest = generate.generate(corpus, size, seed=a.seed, jobs=a.jobs, reuse=True)
    row: dict = {"size": size, "files": manifest["files"], "corpus_mb": manifest["bytes"] / 1e6,
                 "generate_seconds": time.perf_counter() - t0}
    index_path = Path(a.workdir) / f"index-{size}-s{a.seed}"
    reuse = a.reuse_index and index_path.is_dir()
    if not reuse:
        row["parse"] = bench_parse(corpus)
    if build is None:
        return row
    try:
        if close_all:
            close_all()  # a searcher cached on a previous index at this path
        if reuse:
            build(corpus, index=index_path)  # brought up to date (nothing to do if it is): not timed
            print(f"  index   reusing {index_path} (parse and index not measured)")
        else:
            row["index"] = bench_index(build, corpus, index_path, a.procs)
    except Exception as e:  # noqa: BLE001
        print(f"  index   FAILED: {type(e).__name__}: {e}")
        traceback.print_exc(limit=3)
        return row
    if search is not None:
        try:
            meta = manifest.get("files_meta") or {}
            symbol = meta[min(meta)][2] if meta else None
            row["query"] = bench_queries(search, index_path, query_set(a.queries, symbol))
        except Exception as e:  # noqa: BLE001
            print(f"  query   FAILED: {type(e).__name__}: {e}")
        try:
            meta = manifest.get("files_meta") or {}
            symbols = [m[2] for _, m in sorted(meta.items())][:: max(1, len(meta) // 10)][:10]
            row["trace"] = bench_trace(index_path, symbols)
        except Exception as e:  # noqa: BLE001
            print(f"  trace   FAILED: {type(e).__name__}: {e}")
        try:
            row["web"] = bench_web(index_path, query_set(a.queries, symbol))
        except Exception as e:  # noqa: BLE001
            print(f"  web     FAILED: {type(e).__name__}: {e}")
    row["cli"] = bench_cli(index_path)
    return row


def bench_web(index_path: Path, queries: list[tuple[str, str]]) -> dict:
    """Server time of the search page (HTML with facets), in-process, warm: p50/p95."""
    import warnings

    from starlette.testclient import TestClient

    from query.web import create_app

    warnings.simplefilter("ignore", DeprecationWarning)
    client = TestClient(create_app(index_path))
    times = []
    for rnd in range(2):
        for _cat, q in queries:
            t = time.perf_counter()
            client.get("/", params={"q": q})
            if rnd:
                times.append((time.perf_counter() - t) * 1000)
    out = {"pages": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "max_ms": max(times)}
    print(f"  web     search page with facets, {len(times)} warm requests: p50 {out['p50_ms']:.0f} ms, "
          f"p95 {out['p95_ms']:.0f} ms, max {out['max_ms']:.0f} ms")
    return out


def bench_trace(index_path: Path, symbols: list[str]) -> dict:
    """Warm latency of `trace` for op 1 and pre 2 of a spread of resolutions (index open)."""
    from query.tracing import trace

    refs = [f"{s}:{p}" for s in symbols for p in ("op1", "pre2")]
    times = []
    for ref in refs:
        try:
            trace(ref, index=index_path)  # first call warms the caches
            t = time.perf_counter()
            trace(ref, index=index_path)
            times.append((time.perf_counter() - t) * 1000)
        except Exception as e:  # noqa: BLE001  (a generated file may lack a pre 2)
            print(f"          trace {ref}: {e}")
    out = {"refs": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "max_ms": max(times)}
    print(f"  trace   {len(times)} references, warm: p50 {out['p50_ms']:.0f} ms, p95 {out['p95_ms']:.0f} ms, "
          f"max {out['max_ms']:.0f} ms")
    return out


def fmt(v, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def table(rows: list[dict]) -> None:
    head = ["paragraphs", "files", "MB", "parse MB/s", "index p/s", "index MB", "q p50", "q p95", "q max",
            "trace p95", "web p95", "cli ms", "cli json ms"]
    lines = [head]
    for r in rows:
        idx, q, cli = r.get("index", {}), r.get("query", {}), r.get("cli", {})
        lines.append([
            f"{r['size']:,}", str(r["files"]), f"{r['corpus_mb']:.1f}", fmt(r.get("parse", {}).get("mb_per_s"), ".2f"),
            fmt(idx.get("paragraphs_per_s"), ",.0f"), fmt(idx.get("index_mb"), ".1f"),
            fmt(q.get("p50_ms"), ".1f"), fmt(q.get("p95_ms"), ".1f"), fmt(q.get("max_ms"), ".1f"),
            fmt(r.get("trace", {}).get("p95_ms"), ".0f"), fmt(r.get("web", {}).get("p95_ms"), ".0f"),
            fmt(cli.get("query", {}).get("median_ms"), ".0f"), fmt(cli.get("query_json", {}).get("median_ms"), ".0f"),
        ])
    widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
    print("\n" + "  ".join(h.rjust(w) for h, w in zip(head, widths)))
    for l in lines[1:]:
        print("  ".join(c.rjust(w) for c, w in zip(l, widths)))
    print("(query times in ms, warm, in-process; cli = one-shot subprocess wall time, median of 5)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated paragraph counts (default 10000,100000)")
    ap.add_argument("--workdir", default=str(HERE / "out"), help="where corpora and indexes go (default bench/out)")
    ap.add_argument("--queries", type=int, default=None, help="use only the first N queries of the mix (default all ~50)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--jobs", type=int, default=None, help="generator processes (default: all cores)")
    ap.add_argument("--procs", type=int, default=None, help="procs passed to indexer.build (default: the library's)")
    ap.add_argument("--reuse-index", action="store_true",
                    help="query an index already built at the workdir's path (parse and index not measured)")
    a = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()]
    Path(a.workdir).mkdir(parents=True, exist_ok=True)
    print(f"ressearch benchmark: sizes {sizes}, workdir {a.workdir}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    api = load_api()
    rows = [run_size(size, a, api) for size in sizes]
    table(rows)
    result = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "python": platform.python_version(),
              "cores": os.cpu_count(), "rows": rows}
    out = Path(a.workdir) / "results.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
