"""Issue 6: inbox text analysis throughput on one core. Goals: >= 5,000 texts/s through the whole pipeline
(language detection + sentiment + intent + keywords + priority) and a 100-text batch in <= 50 ms.

    .venv/bin/python bench/sentiment_throughput.py
    .venv/bin/python bench/sentiment_throughput.py --texts 20000 --batches 500 --cpu 1

The run:
  1. pins itself to one CPU (`--cpu`, default the first allowed) and numpy's BLAS to one thread;
  2. builds a corpus of `--texts` social-media texts, shuffled with a fixed seed: the 4,200 rated tweets of the
     VADER paper (../shared/data/vader) for English, Spanish comments generated from templates of shop
     conversations (slang, missing accents, emoji) plus the Spanish rows of tests/data/*.csv when present, and
     a share of emoji-only, link-only and other-language texts, about 45 % English, 45 % Spanish, 10 % other;
  3. builds the Analyzer (lexicon backends, no model), and runs the corpus once to warm its caches;
  4. times `analyze(text)` over the corpus (single) and `analyze_batch` over it in batches of 100 (batch),
     each the best of `--repeat` passes, in CPU time (time.process_time: texts per second of one core, whatever
     else the machine runs) and in wall-clock time; and `--batches` batches of 100 texts drawn at random
     (latency p50 / p95 / max, wall clock and CPU time, all batches kept);
  5. times each stage alone over the corpus the same way (language detection, sentiment with the language
     given, intent, keywords, priority) and prints one table.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

# numpy (py3langid's scoring) must not start a BLAS thread pool: the claim is for one core.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

REPO = Path(__file__).resolve().parent.parent
VADER_TWEETS = REPO.parent / "shared" / "data" / "vader" / "tweets_GroundTruth.txt"
GOAL_TEXTS_PER_SECOND = 5000
GOAL_BATCH_MS = 50.0
BATCH = 100

SPANISH_OPENINGS = ["", "Hola, ", "Buenas, ", "Buenos días, ", "Oye ", "Disculpen, ", "@tienda ", "Hola equipo, "]
SPANISH_BODIES = [
    "me encanta el producto",
    "xq no llega mi pedido",
    "pesimo servicio, nunca mas compro aqui",
    "cuanto cuesta el envio a Bogotá?",
    "muy bueno todo, lo recomiendo",
    "q asco de atención, nadie contesta",
    "tienen en talla M?",
    "llegó roto y no me responden",
    "está bien pero un poco caro",
    "gracias por la info!!",
    "el pedido 48213 sigue sin llegar",
    "quiero comprar dos, cómo pago?",
    "buenísimo, súper recomendable",
    "una mierda, me estafaron",
    "no está nada mal la verdad",
    "a qué hora abren el sábado?",
    "qué chido quedó",
    "me decepcionó mucho la calidad",
    "sigan así, son unos cracks",
    "ya hice el pago, cuándo envían?",
]
SPANISH_ENDINGS = ["", "!", "!!!", "?", " 😍", " 😡", " 👍", " 🙏", " jajaja", " xd", " 😭😭", "..."]
OTHER_TEXTS = [
    "😍😍😍",
    "👍",
    "🔥🔥🔥",
    "https://t.co/abc123",
    "@someone @another",
    "#tbt #love",
    "100%",
    "Obrigado pela ajuda, muito bom!",
    "Não recebi o meu pedido",
    "Merci beaucoup, c'est parfait",
    "Danke, sehr gut!",
    "Grazie mille!",
]


def english_texts() -> list[str]:
    raw = VADER_TWEETS.read_bytes().decode("utf-8")
    return [line.split("\t", 2)[2] for line in raw.split("\r\n")]


def spanish_texts(count: int, rng: random.Random) -> list[str]:
    texts = []
    for path in sorted((REPO / "tests" / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as table:
            for row in csv.DictReader(table):
                # Rows marked Spanish, or every row of a file named for Spanish (sentiment_es_labelled.csv).
                if row.get("language") == "es" or ("language" not in row and "_es_" in path.name):
                    texts.append(row["text"])
    while len(texts) < count:
        texts.append(rng.choice(SPANISH_OPENINGS) + rng.choice(SPANISH_BODIES) + rng.choice(SPANISH_ENDINGS))
    return texts[:count]


def corpus(size: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    english = english_texts()
    texts = [english[i % len(english)] for i in range(int(size * 0.45))]
    texts += spanish_texts(int(size * 0.45), rng)
    texts += [rng.choice(OTHER_TEXTS) for _ in range(size - len(texts))]
    rng.shuffle(texts)
    return texts


def rate(function, texts: list[str], repeat: int, count: int | None = None) -> tuple[float, float, float]:
    """(texts per CPU-second, CPU µs per text, texts per wall-second) of calling function on every item of
    texts, best of `repeat` passes; `count` is the number of texts when an item holds several."""
    count = count or len(texts)
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            function(text)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return count / best_cpu, best_cpu / count * 1e6, count / best_wall


def figures(result: tuple[float, float, float]) -> tuple[str, str, str, str, str, str]:
    per_cpu_second, cpu_us, per_wall_second = result
    return f"{per_cpu_second:,.0f}", f"{cpu_us:.1f}", f"{per_wall_second:,.0f}", "-", "-", "-"


def batched(analyzer, texts: list[str]) -> None:
    for offset in range(0, len(texts), BATCH):
        analyzer.analyze_batch(texts[offset : offset + BATCH])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000, help="corpus size")
    parser.add_argument("--batches", type=int, default=300, help="random 100-text batches timed for latency")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the first allowed)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per throughput figure; the best one counts")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    core = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    sys.path.insert(0, str(REPO / "src"))
    from heraldo.core.settings import Settings
    from heraldo.inbox.analysis import pipeline
    from heraldo.inbox.analysis.language import detect_language
    from heraldo.inbox.analysis.pipeline import Analyzer
    from heraldo.inbox.analysis.priority import priority_for

    texts = corpus(args.texts, args.seed)
    started = time.perf_counter()
    analyzer = Analyzer(Settings(sentiment_model_dir=None))
    build_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    warm = analyzer.analyze_batch(texts)  # fills the lexicon caches and loads py3langid's model
    warm_up_s = time.perf_counter() - started
    languages = [analysis.language for analysis in warm]
    shares = {code: languages.count(code) / len(languages) for code in ("en", "es", "und")}

    single = rate(analyzer.analyze, texts, args.repeat)
    batch = rate(lambda everything: batched(analyzer, everything), [texts], args.repeat, count=len(texts))

    rng = random.Random(args.seed + 1)
    latencies, cpu_latencies = [], []
    for _ in range(args.batches):
        sample = rng.sample(texts, BATCH)
        wall, cpu = time.perf_counter(), time.process_time()
        analyzer.analyze_batch(sample)
        cpu_latencies.append((time.process_time() - cpu) * 1000)
        latencies.append((time.perf_counter() - wall) * 1000)
    latencies.sort()
    cpu_latencies.sort()
    p50, p95 = statistics.median(latencies), latencies[int(0.95 * (len(latencies) - 1))]
    cpu_p50, cpu_p95 = statistics.median(cpu_latencies), cpu_latencies[int(0.95 * (len(cpu_latencies) - 1))]

    by_text = dict(zip(texts, warm, strict=True))
    stages = [
        ("language detection", lambda text: detect_language(text)),
        ("sentiment (language given)", lambda text: analyzer.router.score_batch([text], by_text[text].language)),
        ("intent", lambda text: pipeline.classify_intent(text, by_text[text].language, by_text[text].sentiment)),
        ("keywords", lambda text: pipeline.extract_keywords(text, by_text[text].language, limit=5)),
        ("priority", lambda text: priority_for(by_text[text].sentiment, by_text[text].intent)),
    ]
    stage_rows = [(name, rate(function, texts, args.repeat)) for name, function in stages]

    rows = [
        ("whole pipeline, analyze(text) one at a time", *figures(single)),
        (f"whole pipeline, analyze_batch({BATCH} texts)", *figures(batch)),
        (
            f"one {BATCH}-text batch, wall clock ({args.batches} random batches)",
            "-",
            "-",
            "-",
            f"{p50:.1f}",
            f"{p95:.1f}",
            f"{latencies[-1]:.1f}",
        ),
        (
            f"one {BATCH}-text batch, CPU time",
            "-",
            "-",
            "-",
            f"{cpu_p50:.1f}",
            f"{cpu_p95:.1f}",
            f"{cpu_latencies[-1]:.1f}",
        ),
    ]
    rows += [(f"  stage: {name}", *figures(result)) for name, result in stage_rows]
    header = ("operation", "texts/CPU-s", "CPU µs/text", "texts/wall-s", "p50 ms", "p95 ms", "max ms")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    print(
        f"corpus: {len(texts):,} texts, en {shares['en']:.0%} / es {shares['es']:.0%} / und {shares['und']:.0%}"
        f" / other {1 - sum(shares.values()):.0%}; CPU {core} only; Analyzer built in {build_ms:.0f} ms,"
        f" first (cold) pass {warm_up_s:.2f} s"
    )
    print("| " + " | ".join(str(cell).ljust(width) for cell, width in zip(header, widths, strict=True)) + " |")
    print(line)
    for row in rows:
        cells = [str(cell).ljust(widths[0]) if i == 0 else str(cell).rjust(widths[i]) for i, cell in enumerate(row)]
        print("| " + " | ".join(cells) + " |")
    met_rate = min(single[0], batch[0]) >= GOAL_TEXTS_PER_SECOND
    met_latency = p50 <= GOAL_BATCH_MS
    print(
        f"goal >= {GOAL_TEXTS_PER_SECOND:,} texts/s on one core (CPU time, single and batch): "
        f"{'met' if met_rate else 'NOT met'}"
    )
    print(
        f"goal {BATCH}-text batch <= {GOAL_BATCH_MS:.0f} ms (p50; p95 {p95:.1f} ms): "
        f"{'met' if met_latency else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
